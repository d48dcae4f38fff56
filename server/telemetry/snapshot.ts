/**
 * The runtime's live figures, as `runtime.snapshot()` returns them and the dashboard streams them.
 * Pure types: the browser imports this file.
 *
 * Span accounting (the product's promise), true at every snapshot:
 *   spans.started = notSampled + active + queued + inFlight + exported + exportFailed
 *                   + fallback + sum(dropped[reason])
 * `active` spans are sampled and not yet ended (a span that is never ended stays there: a leak
 * the operator can see). `exported` counts only spans the destination acknowledged.
 */
export type DropReason =
  | "queue_full"
  | "evicted_oldest"
  | "breaker_open"
  | "shutdown"
  | "no_exporter"
  | "memory_critical";

export type BreakerState = "closed" | "open" | "half_open";

export interface SpanCounters {
  started: number;
  notSampled: number;
  active: number;
  queued: number;
  inFlight: number;
  exported: number;
  exportFailed: number;
  /** Spans written to the breaker's fallback (console or local file) instead of the collector. */
  fallback: number;
  dropped: Partial<Record<DropReason, number>>;
}

export interface TelemetrySnapshot {
  ts: number;
  configVersion: number;
  configHash: string;
  uptimeSec: number;
  spans: SpanCounters;
  rates: {
    startedPerSec: number;
    sampledPerSec: number;
    exportedPerSec: number;
    droppedPerSec: number;
    notSampledPerSec: number;
    exportFailedPerSec: number;
  };
  queue: { length: number; capacity: number; utilization: number; strategy: string; warning: boolean };
  memory: { rssBytes: number; heapUsedBytes: number; telemetryBytes: number };
  sampler: { type: string; configuredRate: number; effectiveRate: number; detail?: SamplerDetail };
  batching: { batchSize: number; intervalMs: number; dynamic: boolean };
  export: {
    exporter: string;
    inFlight: number;
    latencyMsP50: number;
    latencyMsP99: number;
    bytesRaw: number;
    bytesSent: number;
    batches: number;
    retries: number;
    /** Batches gzipped at the fast level because the pipeline was behind (adaptiveCompression). */
    fastCompressedBatches: number;
    lastError?: string;
  };
  breaker: { state: BreakerState; failureRatio: number; enabled: boolean };
  attributes: ShapingCounters;
  guards?: GuardsSnapshot;
  overhead?: OverheadFigures;
}

/** The live overhead estimate, over the last 5 s (see measure/overhead-estimator.ts). */
export interface OverheadFigures {
  /** Telemetry CPU as a share of the process's CPU, in percent. */
  percent: number;
  usPerSpan: number;
  usPerOp: number;
  /** Telemetry CPU, milliseconds per second of wall time (1000 = one core, fully busy). */
  cpuMsPerSec: number;
  /** The whole process's CPU (every thread), milliseconds per second of wall time. */
  processCpuMsPerSec: number;
}

/**
 * When the overhead share is judged (by the dashboard's verdict, the checklist and the performance
 * monitor's auto-tune): when the process carries real load (at least 25 % of one core) or the
 * telemetry itself costs something (at least 1 % of one core). Not otherwise.
 *
 * Why: the share is telemetry CPU over process CPU, and in a lightly loaded process it is large and
 * says little. The demo on a fresh machine (an agent workload that mostly awaits timers, ~225
 * spans/s) measured 8-10 % "overhead": 4 ms of telemetry CPU per second (0.4 % of a core) in a
 * process using 44 ms/s (4.4 %); during the browser tests the same process reached 10 % of a core
 * with telemetry at 0.33 %. The tile was red, and auto-tune would have cut sampling to save
 * nothing anyone could use. A process at a quarter of a core or more (where capacity starts to
 * matter), or any process whose telemetry takes 1 % of a core, is judged as before. Auto-tune never
 * lowers the rate while the share is not judged, and raises it back only as far as keeps it so
 * (performance-monitor.ts).
 */
export const MIN_JUDGED_PROCESS_CPU_MS_PER_SEC = 250;
export const MIN_JUDGED_TELEMETRY_CPU_MS_PER_SEC = 10;

export function overheadJudgeable(o: Pick<OverheadFigures, "cpuMsPerSec" | "processCpuMsPerSec">): boolean {
  return o.processCpuMsPerSec >= MIN_JUDGED_PROCESS_CPU_MS_PER_SEC || o.cpuMsPerSec >= MIN_JUDGED_TELEMETRY_CPU_MS_PER_SEC;
}

/** Attribute processing and span limits: what was removed, truncated or dropped so far. */
export interface ShapingCounters {
  attributesRemoved: number;
  valuesTruncated: number;
  arraysTruncated: number;
  attributesDropped: number;
  eventsDropped: number;
  linksDropped: number;
}

export interface SamplerDetail {
  /** Per rule / tier / adjustment: how many spans were seen and kept. */
  buckets?: { name: string; seen: number; kept: number; rate: number }[];
  observedRps?: number;
}

export interface GuardsSnapshot {
  memory?: { state: "ok" | "warning" | "critical"; telemetryMb: number };
  throttler?: { active: boolean; factor: number; cpuPercent: number; memoryPercent: number };
  /** `judged`: false when the last check found light load (the share not judged); null before the first check. */
  performance?: { factor: number; overheadPercent: number; judged: boolean | null };
}

export type RuntimeEventType =
  | "config_applied"
  | "config_rejected"
  | "queue_warning"
  | "queue_recovered"
  | "breaker_open"
  | "breaker_half_open"
  | "breaker_closed"
  | "export_failed"
  | "memory_warning"
  | "memory_critical"
  | "memory_recovered"
  | "emergency_flush"
  | "throttle_on"
  | "throttle_off"
  | "auto_tune"
  | "sampler_adjusted"
  | "shutdown";

export interface RuntimeEvent {
  ts: number;
  type: RuntimeEventType;
  level: "info" | "warn" | "error";
  message: string;
  data?: Record<string, unknown>;
}

/** Sum of every span fate; equals `started` when the accounting invariant holds. */
export function accountedSpans(s: SpanCounters): number {
  let dropped = 0;
  for (const n of Object.values(s.dropped)) dropped += n ?? 0;
  return s.notSampled + s.active + s.queued + s.inFlight + s.exported + s.exportFailed + s.fallback + dropped;
}

export function totalDropped(s: SpanCounters): number {
  let dropped = 0;
  for (const n of Object.values(s.dropped)) dropped += n ?? 0;
  return dropped;
}
