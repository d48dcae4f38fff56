/**
 * Event categories and the events list's filter. Pure; tested in event-filter.test.ts.
 * Categories group the runtime's event types the way an operator thinks of them.
 */
import type { LogEntry } from "./event-log";

export const EVENT_CATEGORIES = [
  { id: "config", label: "Config changes", kinds: ["config", "config_applied", "config_rejected"] },
  { id: "breaker", label: "Circuit breaker", kinds: ["breaker_open", "breaker_half_open", "breaker_closed"] },
  { id: "queue", label: "Queue", kinds: ["queue_warning", "queue_recovered"] },
  { id: "memory", label: "Memory", kinds: ["memory_warning", "memory_critical", "memory_recovered", "emergency_flush"] },
  { id: "auto-tune", label: "Auto-tune & throttling", kinds: ["auto_tune", "throttle_on", "throttle_off", "sampler_adjusted"] },
  { id: "export", label: "Export errors", kinds: ["export_failed"] },
] as const;

export type EventCategory = (typeof EVENT_CATEGORIES)[number]["id"] | "other";
export type LevelFilter = "all" | "info" | "warn" | "error" | "warn+";

export interface EventFilter {
  category: EventCategory | "all";
  level: LevelFilter;
}

export const ALL_EVENTS: EventFilter = { category: "all", level: "all" };

export function categoryOf(kind: string): EventCategory {
  for (const c of EVENT_CATEGORIES) if ((c.kinds as readonly string[]).includes(kind)) return c.id;
  return "other";
}

function levelMatches(level: LogEntry["level"], filter: LevelFilter): boolean {
  if (filter === "all") return true;
  if (filter === "warn+") return level === "warn" || level === "error";
  return level === filter;
}

/** The entries the filter lets through, in their order; the same array when it lets all through. */
export function filterEvents(entries: LogEntry[], filter: EventFilter): LogEntry[] {
  if (filter.category === "all" && filter.level === "all") return entries;
  return entries.filter((e) => (filter.category === "all" || categoryOf(e.kind) === filter.category) && levelMatches(e.level, filter.level));
}

/** How many entries fall in each category (for the filter's option labels). */
export function countByCategory(entries: LogEntry[]): Record<EventCategory, number> {
  const counts = { other: 0 } as Record<EventCategory, number>;
  for (const c of EVENT_CATEGORIES) counts[c.id] = 0;
  for (const e of entries) counts[categoryOf(e.kind)]++;
  return counts;
}
