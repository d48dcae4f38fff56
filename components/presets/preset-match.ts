/**
 * What a preset sets, in an operator's words, and whether it is what runs now. Pure; tested.
 *
 * A preset is a config patch (the keys it sets). Saved presets store this server's own OTLP
 * receiver as a portable marker URL (see server/control/control-service.ts); the marker means
 * "the built-in receiver of whichever run applies it", so it matches any running endpoint.
 */
import { canonicalJson, type PresetConfig, type TelemetryConfig } from "../../server/telemetry/config";
import { formatRatePercent } from "../controls/log-scale";

/** Same value as BUILTIN_RECEIVER_MARKER on the server (that module is not browser-safe). */
export const BUILTIN_RECEIVER_MARKER = "http://builtin-receiver.tracetune.invalid/v1/traces";

/** True when applying the preset would change nothing. */
export function presetMatchesRunning(preset: PresetConfig, running: TelemetryConfig): boolean {
  for (const [key, value] of Object.entries(preset)) {
    if (value === undefined) continue;
    if (key === "otlpEndpoint" && value === BUILTIN_RECEIVER_MARKER) continue;
    if (canonicalJson(value) !== canonicalJson(running[key as keyof TelemetryConfig])) return false;
  }
  return true;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** The key values a preset sets, short and in a fixed order; keys it leaves alone are omitted. */
export function presetHighlights(c: PresetConfig): string[] {
  const out: string[] = [];
  if (c.enabled === false) out.push("telemetry off");
  if (c.sampleRate !== undefined) out.push(`rate ${formatRatePercent(c.sampleRate)}`);
  if (c.sampler !== undefined) out.push(`${c.sampler.type} sampler`);
  if (c.batchSize !== undefined) out.push(`batch ${c.batchSize}`);
  if (c.exportIntervalMs !== undefined) out.push(`every ${seconds(c.exportIntervalMs)}`);
  if (c.maxQueueSize !== undefined) out.push(`queue ${c.maxQueueSize}`);
  if (c.exporterType !== undefined && c.exporterType !== "otlp") out.push(`${c.exporterType} exporter`);
  return out;
}
