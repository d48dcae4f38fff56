/**
 * The events list's state: runtime `event` messages and config changes, newest first, at most
 * EVENT_LOG_LIMIT entries. Pure; tested in event-log.test.ts.
 *
 * A config change reaches the browser twice: as a `config` message and as a `config_applied`
 * event (in either order). Both map to the key `config:v<version>`, so the operator sees one
 * line; the event (which names the changed keys, the actor and the source) wins over the bare
 * config line. Replays (a reconnect resends recent events) are deduplicated by type, time and
 * message, and slotted in by time.
 */
import type { RuntimeEvent } from "../../server/telemetry/snapshot";
import type { ConfigMessage } from "../../server/telemetry/types";

export const EVENT_LOG_LIMIT = 200;

export interface LogEntry {
  key: string;
  ts: number;
  level: RuntimeEvent["level"];
  /** The runtime event type, or "config" for a config line built from a `config` message. */
  kind: string;
  message: string;
  /** Who made a config change (applied or refused), when the server said. */
  actor?: string;
  /** Through which door: ui, api, preset, rollback, auto-tune, ... */
  source?: string;
  /** Top-level config keys a change touched. */
  changed?: string[];
  /** The config version an applied change produced. */
  version?: number;
}

function configKey(version: number): string {
  return `config:v${version}`;
}

function eventKey(event: RuntimeEvent): string {
  if (event.type === "config_applied" && typeof event.data?.version === "number") return configKey(event.data.version);
  return `${event.type}:${event.ts}:${event.message}`;
}

/** The fields of `data` the log shows, each checked (event data is loosely typed). */
function details(data: RuntimeEvent["data"]): Pick<LogEntry, "actor" | "source" | "changed" | "version"> {
  if (!data) return {};
  const out: Pick<LogEntry, "actor" | "source" | "changed" | "version"> = {};
  if (typeof data.actor === "string" && data.actor) out.actor = data.actor;
  if (typeof data.source === "string" && data.source) out.source = data.source;
  if (Array.isArray(data.changed) && data.changed.every((k) => typeof k === "string")) out.changed = data.changed as string[];
  if (typeof data.version === "number") out.version = data.version;
  return out;
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
  const more = details(event.data);
  // The runtime's message ends with "by <actor>"; the actor is shown on its own line.
  const message = more.actor && event.message.endsWith(` by ${more.actor}`) ? event.message.slice(0, -` by ${more.actor}`.length) : event.message;
  const entry: LogEntry = { key, ts: event.ts, level: event.level, kind: event.type, message, ...more };
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
  return insert(entries, { key, ts: now, level: "info", kind: "config", message: text, version: message.version }, limit);
}
