/**
 * Snapshots turned into chart points in chart units (spans/s, %, ms, bytes/s, MB). Pure; tested
 * in history-points.test.ts.
 *
 * Rates the snapshot carries directly (exported, not sampled, export failed) are used as they
 * are; the rest (each drop reason, fallback, bytes raw/sent) come from cumulative counters
 * through CounterRates: over 1 s for span-by-span counters, over twice the export interval for
 * those that move once per batch.
 */
import type { DropReason, TelemetrySnapshot } from "../../server/telemetry/snapshot";
import type { CounterRates } from "./counter-rates";
import { DROP_REASON_SERIES, SERIES_KEYS, type SeriesKey } from "./series";

export type ChartPoint = { t: number } & Record<SeriesKey, number | null>;

const MB = 1024 * 1024;

/** The counters the snapshot only has as totals. */
function cumulative(s: TelemetrySnapshot): Record<string, number> {
  const out: Record<string, number> = {
    fallback: s.spans.fallback ?? 0,
    bytesRaw: s.export.bytesRaw ?? 0,
    bytesSent: s.export.bytesSent ?? 0,
  };
  for (const reason of Object.keys(DROP_REASON_SERIES) as DropReason[]) out[reason] = s.spans.dropped[reason] ?? 0;
  return out;
}

/** Counters that move once per export batch (not span by span). */
const BATCHED = new Set(["fallback", "bytesRaw", "bytesSent", "breaker_open", "no_exporter"]);

export function toChartPoint(s: TelemetrySnapshot, rates: CounterRates): ChartPoint {
  // As the server does for exported/s: twice the export interval, 1-10 s.
  const exportWindow = Math.min(10_000, Math.max(1000, 2 * (s.batching?.intervalMs ?? 500)));
  const r = rates.update(s.ts, cumulative(s), (key) => (BATCHED.has(key) ? exportWindow : 1000));
  const point: ChartPoint = {
    t: s.ts,
    exported: s.rates.exportedPerSec,
    fallback: r.fallback,
    exportFailed: s.rates.exportFailedPerSec ?? 0,
    queueFull: 0,
    evictedOldest: 0,
    breakerOpen: 0,
    memoryCritical: 0,
    noExporter: 0,
    shutdown: 0,
    notSampled: s.rates.notSampledPerSec ?? Math.max(0, s.rates.startedPerSec - s.rates.sampledPerSec),
    started: s.rates.startedPerSec,
    sampled: s.rates.sampledPerSec,
    queuePct: s.queue.utilization * 100,
    latencyP50: s.export.latencyMsP50 ?? null,
    latencyP99: s.export.latencyMsP99 ?? null,
    rawBps: r.bytesRaw,
    sentBps: r.bytesSent,
    rssMb: s.memory.rssBytes / MB,
    heapMb: s.memory.heapUsedBytes / MB,
    telemetryMb: s.memory.telemetryBytes / MB,
    overheadPct: s.overhead ? s.overhead.percent : null,
  };
  for (const [reason, key] of Object.entries(DROP_REASON_SERIES)) point[key] = r[reason] ?? 0;
  return point;
}

/** A point with every series null: lines break there instead of bridging an outage. */
export function gapPoint(t: number): ChartPoint {
  const point = { t } as ChartPoint;
  for (const key of SERIES_KEYS) point[key] = null;
  return point;
}
