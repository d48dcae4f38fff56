import { describe, expect, it } from "vitest";
import type { LogEntry } from "./event-log";
import { ALL_EVENTS, categoryOf, countByCategory, filterEvents } from "./event-filter";

const entry = (kind: string, level: LogEntry["level"], ts: number): LogEntry => ({ key: `${kind}:${ts}`, ts, level, kind, message: kind });

const log: LogEntry[] = [
  entry("breaker_open", "error", 9),
  entry("export_failed", "warn", 8),
  entry("config_applied", "info", 7),
  entry("queue_warning", "warn", 6),
  entry("auto_tune", "warn", 5),
  entry("memory_warning", "warn", 4),
  entry("breaker_closed", "info", 3),
  entry("config", "info", 2),
  entry("shutdown", "info", 1),
];

describe("event filter", () => {
  it("groups event types into the operator's categories", () => {
    expect(categoryOf("breaker_half_open")).toBe("breaker");
    expect(categoryOf("config")).toBe("config");
    expect(categoryOf("throttle_on")).toBe("auto-tune");
    expect(categoryOf("emergency_flush")).toBe("memory");
    expect(categoryOf("shutdown")).toBe("other");
  });

  it("filters by category and level, keeping newest-first order", () => {
    expect(filterEvents(log, ALL_EVENTS)).toBe(log);
    expect(filterEvents(log, { category: "breaker", level: "all" }).map((e) => e.kind)).toEqual(["breaker_open", "breaker_closed"]);
    expect(filterEvents(log, { category: "all", level: "error" }).map((e) => e.kind)).toEqual(["breaker_open"]);
    expect(filterEvents(log, { category: "all", level: "warn+" })).toHaveLength(5);
    expect(filterEvents(log, { category: "config", level: "info" }).map((e) => e.ts)).toEqual([7, 2]);
    expect(filterEvents(log, { category: "queue", level: "error" })).toEqual([]);
  });

  it("counts entries per category", () => {
    const counts = countByCategory(log);
    expect(counts.breaker).toBe(2);
    expect(counts.config).toBe(2);
    expect(counts.other).toBe(1);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(log.length);
  });
});
