/**
 * The events list's state: runtime `event` messages and config changes, newest first, at most
 * EVENT_LOG_LIMIT entries. Pure; tested in event-log.test.ts.
 *
 * A config change reaches the browser twice: as a `config` message and as a `config_applied`
 * event (in either order). Both map to the key `config:v<version>`, so the operator sees one
 * line; the event's message (which names the changed keys) wins over the bare config line.
 * Replays (a reconnect that resends recent events) are deduplicated by type, time and message,
 * and slotted in by time.
 */
import type { RuntimeEvent } from "../../server/telemetry/snapshot";
import type { ConfigMessage } from "../../server/telemetry/types";

export const EVENT_LOG_LIMIT = 50;

export interface LogEntry {
  key: string;
  ts: number;
  level: RuntimeEvent["level"];
  /** The runtime event type, or "config" for a config line built from a `config` message. */
  kind: string;
  message: string;
}

function configKey(version: number): string {
  return `config:v${version}`;
}

function eventKey(event: RuntimeEvent): string {
  if (event.type === "config_applied" && typeof event.data?.version === "number") return configKey(event.data.version);
  return `${event.type}:${event.ts}:${event.message}`;
}

/**
 * Inserts by time, newest first (a reconnect replays older events after newer lines), and keeps
 * the newest `limit`. An entry as new as the newest goes on top.
 */
function insert(entries: LogEntry[], entry: LogEntry, limit: number): LogEntry[] {
  let at = 0;
  while (at < entries.length && entries[at].ts > entry.ts) at++;
  if (at >= limit) return entries;
  const next = [...entries.slice(0, at), entry, ...entries.slice(at)];
  if (next.length > limit) next.length = limit;
  return next;
}

/** Adds a runtime event; returns the same array when nothing changed (a cheap React bail-out). */
export function appendEvent(entries: LogEntry[], event: RuntimeEvent, limit = EVENT_LOG_LIMIT): LogEntry[] {
  const key = eventKey(event);
  const entry: LogEntry = { key, ts: event.ts, level: event.level, kind: event.type, message: event.message };
  const at = entries.findIndex((e) => e.key === key);
  if (at >= 0) {
    const existing = entries[at];
    // The event's message is richer than a bare "config vN running" line; an exact replay is not.
    if (existing.kind === entry.kind && existing.message === entry.message) return entries;
    const next = entries.slice();
    next[at] = { ...entry, ts: existing.ts };
    return next;
  }
  return insert(entries, entry, limit);
}

/**
 * Adds a line for a config version the log has not seen. `initial` marks the config a fresh
 * connection receives (worded "running", not "applied").
 */
export function appendConfig(entries: LogEntry[], message: ConfigMessage, now: number, initial: boolean, limit = EVENT_LOG_LIMIT): LogEntry[] {
  const key = configKey(message.version);
  if (entries.some((e) => e.key === key)) return entries;
  const text = initial
    ? `Connected: config v${message.version} running (${message.hash.slice(0, 7)})`
    : `Config v${message.version} now running (${message.hash.slice(0, 7)})`;
  return insert(entries, { key, ts: now, level: "info", kind: "config", message: text }, limit);
}
