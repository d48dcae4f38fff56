/**
 * Settings for a fault drill: with the guide's breaker (60 s timeout, 10 probes) and a 5 s
 * export interval, watching the breaker open and recover takes minutes. A drill shortens the
 * breaker's timeout to 5 s, its probes to 3 and the export interval to 1 s, and remembers the
 * operator's values so one click puts them back. Pure; tested in drill-plan.test.ts.
 */
import { DEFAULT_CONFIG, type ConfigPatch, type TelemetryConfig } from "../../server/telemetry/config";

export const DRILL_TIMEOUT_S = 5;
export const DRILL_PROBES = 3;
export const DRILL_INTERVAL_MS = 1000;

const DRILL_KEYS = ["circuitBreaker", "exportIntervalMs"] as const;
export type DrillSaved = Pick<TelemetryConfig, (typeof DRILL_KEYS)[number]>;

/** True when the running config lets a drill show open -> half-open -> closed within seconds. */
export function drillReady(config: TelemetryConfig): boolean {
  const cb = config.circuitBreaker;
  return cb !== null && cb.timeoutDuration <= 10 && cb.halfOpenRequests <= 5 && config.exportIntervalMs <= 2000;
}

/** The patch that makes the config drill-ready, and a line per change for the operator. */
export function drillPatch(config: TelemetryConfig): { patch: ConfigPatch; changes: string[] } {
  const base = config.circuitBreaker ?? DEFAULT_CONFIG.circuitBreaker!;
  const breaker = { ...base, timeoutDuration: Math.min(base.timeoutDuration, DRILL_TIMEOUT_S), halfOpenRequests: Math.min(base.halfOpenRequests, DRILL_PROBES) };
  const interval = Math.min(config.exportIntervalMs, DRILL_INTERVAL_MS);
  const changes: string[] = [];
  if (!config.circuitBreaker) changes.push(`enable the circuit breaker (opens at ${Math.round(base.failureThreshold * 100)} % failures)`);
  if (breaker.timeoutDuration !== config.circuitBreaker?.timeoutDuration) changes.push(`breaker timeout ${config.circuitBreaker?.timeoutDuration ?? "–"} s → ${breaker.timeoutDuration} s`);
  if (breaker.halfOpenRequests !== config.circuitBreaker?.halfOpenRequests) changes.push(`half-open probes ${config.circuitBreaker?.halfOpenRequests ?? "–"} → ${breaker.halfOpenRequests}`);
  if (interval !== config.exportIntervalMs) changes.push(`export interval ${config.exportIntervalMs} ms → ${interval} ms`);
  const patch: ConfigPatch = { circuitBreaker: breaker };
  if (interval !== config.exportIntervalMs) patch.exportIntervalMs = interval;
  return { patch, changes };
}

export function saveForDrill(config: TelemetryConfig): DrillSaved {
  return { circuitBreaker: config.circuitBreaker, exportIntervalMs: config.exportIntervalMs };
}

/** The patch that puts the saved values back (only the keys the drill changed and that still differ). */
export function restorePatch(saved: DrillSaved, config: TelemetryConfig): ConfigPatch | null {
  const patch: ConfigPatch = {};
  if (JSON.stringify(saved.circuitBreaker) !== JSON.stringify(config.circuitBreaker)) patch.circuitBreaker = saved.circuitBreaker;
  if (saved.exportIntervalMs !== config.exportIntervalMs) patch.exportIntervalMs = saved.exportIntervalMs;
  return Object.keys(patch).length ? patch : null;
}
