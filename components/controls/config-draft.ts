/**
 * The operator's pending edits to the running config, and their validation. Pure; tested in
 * config-draft.test.ts.
 *
 * A draft holds whole top-level keys (a patch replaces top-level keys wholesale, as the server
 * applies it). Editing a nested field copies its top-level value from the running config first.
 * Invariants:
 * - A key is in the draft only while its value differs from the running config (editing a field
 *   back to the running value removes it), so "changes" is simply the draft's keys.
 * - Validation is the server's own: mergeAndValidate(running, patch) from the shared config
 *   module; issue paths ("circuitBreaker.timeoutDuration", "sampler.rules.0.rate") key the
 *   field errors.
 */
import { canonicalJson, diffConfig, mergeAndValidate, type ConfigChangeEntry, type ConfigIssue, type ConfigKey, type TelemetryConfig } from "../../server/telemetry/config";

export type FieldPath = readonly [ConfigKey, ...(string | number)[]];
export type Draft = Partial<Record<ConfigKey, unknown>>;

export function pathKey(path: readonly (string | number)[]): string {
  return path.map(String).join(".");
}

export function getAt(value: unknown, path: readonly (string | number)[]): unknown {
  let v = value;
  for (const p of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

/** A copy of `value` with `path` set (arrays stay arrays). */
export function setAt(value: unknown, path: readonly (string | number)[], next: unknown): unknown {
  if (path.length === 0) return next;
  const [head, ...rest] = path;
  const container: Record<string | number, unknown> | unknown[] = Array.isArray(value) ? [...value] : value && typeof value === "object" ? { ...(value as object) } : typeof head === "number" ? [] : {};
  (container as Record<string | number, unknown>)[head] = setAt((container as Record<string | number, unknown>)[head], rest, next);
  return container;
}

export function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** The value a control shows: the draft's if the key is drafted, else the running config's. */
export function valueAt(running: TelemetryConfig, draft: Draft, path: FieldPath): unknown {
  const [key, ...rest] = path;
  const top = key in draft ? draft[key] : running[key];
  return getAt(top, rest);
}

/** Sets one field; drops the key from the draft when it is back to the running value. */
export function setField(running: TelemetryConfig, draft: Draft, path: FieldPath, next: unknown): Draft {
  const [key, ...rest] = path;
  const top = setAt(key in draft ? draft[key] : running[key], rest, next);
  const out: Draft = { ...draft };
  if (same(top, running[key])) delete out[key];
  else out[key] = top;
  return out;
}

/** Drops drafted keys that now equal the running config (it caught up, or someone else set them). */
export function prune(running: TelemetryConfig, draft: Draft): Draft {
  let out: Draft | null = null;
  for (const key of Object.keys(draft) as ConfigKey[]) {
    if (same(draft[key], running[key])) {
      out ??= { ...draft };
      delete out[key];
    }
  }
  return out ?? draft;
}

export function changedKeys(draft: Draft): ConfigKey[] {
  return Object.keys(draft) as ConfigKey[];
}

export interface DraftValidation {
  ok: boolean;
  /** First message per issue path. */
  errors: Record<string, string>;
  issues: ConfigIssue[];
  summary: string | null;
}

export function validateDraft(running: TelemetryConfig, draft: Draft): DraftValidation {
  if (changedKeys(draft).length === 0) return { ok: true, errors: {}, issues: [], summary: null };
  const result = mergeAndValidate(running, draft);
  if (result.ok) return { ok: true, errors: {}, issues: [], summary: null };
  return { ok: false, errors: issuesByPath(result.issues), issues: result.issues, summary: result.error };
}

export function issuesByPath(issues: readonly ConfigIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) if (!(i.path in out)) out[i.path] = i.message;
  return out;
}

/** True when the server refused the edit because the config moved on since it was based. */
export function isStaleRefusal(result: { status: string; error?: string; issues?: readonly ConfigIssue[] }): boolean {
  return result.status === "failed" && (result.issues?.some((i) => i.message === "stale baseVersion") || /^Stale edit/.test(result.error ?? ""));
}

/** What changed in the running config since the draft was based on `base`. */
export function changesSince(base: TelemetryConfig, running: TelemetryConfig): ConfigChangeEntry[] {
  return diffConfig(base, running);
}

/** A value as one short line ("gzip", "0.5", "{ failureThreshold: 0.5, ... }"). */
export function formatValue(v: unknown, max = 60): string {
  const text = typeof v === "string" ? v : v === null ? "off" : canonicalJson(v);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
