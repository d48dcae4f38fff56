/**
 * Config values as an operator reads them in a diff: short, unambiguous, and the built-in
 * receiver's portable marker shown as what it means. Pure; tested in config-value.test.ts.
 */
import { canonicalJson, type PresetConfig, type TelemetryConfig } from "../../server/telemetry/config";
import { BUILTIN_RECEIVER_MARKER } from "./preset-match";

export function formatConfigValue(value: unknown): string {
  if (value === undefined) return "(not set)";
  if (value === null) return "off (null)";
  if (value === BUILTIN_RECEIVER_MARKER) return "built-in receiver";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  // Objects and arrays: compact JSON with sorted keys, so equal values read the same.
  return canonicalJson(value).replace(/,"/g, ', "').replace(/":/g, '": ');
}

export interface ValueChange {
  key: string;
  from: unknown;
  to: unknown;
}

/**
 * What overwriting a preset with the running config changes in the preset: every key the
 * preset sets with another value, and the keys it leaves alone today (it will set them all).
 */
export function overwriteChanges(preset: PresetConfig, running: TelemetryConfig, runningEndpoint = running.otlpEndpoint): ValueChange[] {
  const out: ValueChange[] = [];
  for (const key of Object.keys(running) as (keyof TelemetryConfig)[]) {
    const before = (preset as Record<string, unknown>)[key];
    let after: unknown = running[key];
    if (key === "otlpEndpoint" && after === runningEndpoint && before === BUILTIN_RECEIVER_MARKER) after = before;
    if (before === undefined || canonicalJson(before) !== canonicalJson(after)) out.push({ key, from: before, to: after });
  }
  return out;
}
