import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../server/telemetry/config";
import type { RuntimeEvent } from "../../server/telemetry/snapshot";
import { appendConfig, appendEvent, EVENT_LOG_LIMIT, type LogEntry } from "./event-log";

const ev = (ts: number, type: RuntimeEvent["type"], message: string, data?: Record<string, unknown>): RuntimeEvent => ({
  ts,
  type,
  level: type === "breaker_open" ? "error" : "info",
  message,
  ...(data ? { data } : {}),
});
const cfg = (version: number) => ({ config: DEFAULT_CONFIG, version, hash: "abcdef0123456789" });

describe("event log", () => {
  it("lists newest first and keeps at most EVENT_LOG_LIMIT entries", () => {
    let log: LogEntry[] = [];
    const n = EVENT_LOG_LIMIT + 30;
    for (let i = 0; i < n; i++) log = appendEvent(log, ev(i, "queue_warning", `warning ${i}`));
    expect(log).toHaveLength(EVENT_LOG_LIMIT);
    expect(log[0].message).toBe(`warning ${n - 1}`);
    expect(log[EVENT_LOG_LIMIT - 1].message).toBe("warning 30");
  });

  it("keeps who changed what from a config_applied event", () => {
    const log = appendEvent([], ev(7, "config_applied", "Config v9 applied (batchSize, sampleRate) by operator via dashboard ab12cd (127.0.0.1)", { version: 9, changed: ["batchSize", "sampleRate"], actor: "operator via dashboard ab12cd (127.0.0.1)", source: "ui" }));
    // The actor is shown apart, not twice.
    expect(log[0].message).toBe("Config v9 applied (batchSize, sampleRate)");
    expect(log[0]).toMatchObject({ key: "config:v9", version: 9, changed: ["batchSize", "sampleRate"], actor: "operator via dashboard ab12cd (127.0.0.1)", source: "ui" });
    // Malformed data is left out rather than shown wrong.
    const odd = appendEvent([], ev(8, "config_rejected", "refused", { actor: 42, changed: "sampleRate" }));
    expect(odd[0].actor).toBeUndefined();
    expect(odd[0].changed).toBeUndefined();
  });

  it("ignores a replayed event", () => {
    const e = ev(5, "breaker_open", "breaker opened");
    const log = appendEvent([], e);
    expect(appendEvent(log, { ...e })).toBe(log);
  });

  it("shows one line per config version whichever message arrives first", () => {
    // config message first, then the runtime's config_applied event: the event's text wins.
    let a: LogEntry[] = appendConfig([], cfg(3), 100, false);
    a = appendEvent(a, ev(101, "config_applied", "Config v3 applied (sampleRate)", { version: 3 }));
    expect(a).toHaveLength(1);
    expect(a[0].message).toBe("Config v3 applied (sampleRate)");

    // event first, then the config message: nothing added.
    let b: LogEntry[] = appendEvent([], ev(101, "config_applied", "Config v4 applied (batchSize)", { version: 4 }));
    b = appendConfig(b, cfg(4), 102, false);
    expect(b).toHaveLength(1);
    expect(b[0].message).toBe("Config v4 applied (batchSize)");
  });

  it("slots replayed older events in by time and ignores ones older than the 50 kept", () => {
    let log: LogEntry[] = [];
    log = appendEvent(log, ev(300, "queue_warning", "late"));
    log = appendEvent(log, ev(100, "queue_recovered", "early"));
    log = appendEvent(log, ev(200, "breaker_open", "middle"));
    expect(log.map((e) => e.message)).toEqual(["late", "middle", "early"]);
    let full: LogEntry[] = [];
    for (let i = 1; i <= EVENT_LOG_LIMIT; i++) full = appendEvent(full, ev(1000 + i, "queue_warning", `w${i}`));
    expect(appendEvent(full, ev(5, "queue_warning", "ancient"))).toBe(full);
  });

  it("words the first config of a connection as running, and skips versions already listed", () => {
    let log = appendConfig([], cfg(7), 1, true);
    expect(log[0].message).toBe("Connected: config v7 running (abcdef0)");
    const again = appendConfig(log, cfg(7), 2, true);
    expect(again).toBe(log);
    log = appendConfig(log, cfg(8), 3, false);
    expect(log.map((e) => e.key)).toEqual(["config:v8", "config:v7"]);
  });
});
