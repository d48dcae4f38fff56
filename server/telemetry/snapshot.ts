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
    lastError?: string;
  };
  breaker: { state: BreakerState; failureRatio: number; enabled: boolean };
  attributes: ShapingCounters;
  guards?: GuardsSnapshot;
  overhead?: { percent: number; usPerSpan: number; usPerOp: number };
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
  performance?: { factor: number; overheadPercent: number };
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
