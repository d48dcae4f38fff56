/**
 * Per-service exported spans/s over the last minute, one point per fleet list. Pure.
 */
import type { FleetList } from "../../server/fleet/fleet-contract";

export const THROUGHPUT_POINTS = 60;

export type ThroughputHistory = Record<string, { ts: number; value: number }[]>;

/** Adds this list's per-service figures; services no longer listed are dropped. */
export function appendThroughput(history: ThroughputHistory, list: FleetList, max = THROUGHPUT_POINTS): ThroughputHistory {
  const next: ThroughputHistory = {};
  for (const s of list.services) {
    const points = history[s.service] ?? [];
    next[s.service] = [...points, { ts: list.ts, value: s.exportedPerSec }].slice(-max);
  }
  return next;
}

/** An SVG polyline `points` attribute for values in a width x height box (0 at the bottom). */
export function sparklinePoints(values: number[], width: number, height: number): string {
  if (values.length === 0) return "";
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  return values.map((v, i) => `${(i * step).toFixed(1)},${(height - (Math.max(0, v) / max) * height).toFixed(1)}`).join(" ");
}
