/**
 * Assembles `runtime.snapshot()`. Counters are sampled every 250 ms on an unref'd timer into a
 * rate tracker, so rates do not depend on who calls snapshot() or how often.
 *
 * Rate windows: 1 s for what changes span by span (started, sampled, dropped); for exported and
 * export-failed, twice the export interval (1-10 s), because exports arrive in batches and a 1 s
 * window would show a saw-tooth instead of a throughput.
 */
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import type { TelemetryConfig } from "./config";
import type { BoundedQueue } from "./pipeline/bounded-queue";
import type { ExportScheduler } from "./pipeline/export-scheduler";
import { RateTracker } from "./pipeline/rate-tracker";
import type { SpanAccounting } from "./pipeline/span-accounting";
import type { ShapingCounters } from "./pipeline/span-shaper";
import type { RuntimeParts } from "./runtime-parts";
import type { GuardsSnapshot, OverheadFigures, TelemetrySnapshot } from "./snapshot";

export const RATE_SAMPLE_MS = 250;
/**
 * Bytes a queued span holds beyond its serialized size (the CompactSpan record, the span
 * context's id strings, object headers). `npm run bench -- --only memory` measured 0.49 MB per
 * 1000 queued agent spans whose protobuf form is 283 bytes: about 200 bytes more per span.
 */
const SPAN_OBJECT_OVERHEAD_BYTES = 200;

export interface SnapshotInputs {
  config: TelemetryConfig;
  version: number;
  hash: string;
  accounting: SpanAccounting;
  queue: BoundedQueue<ReadableSpan>;
  queueWarning: boolean;
  scheduler: ExportScheduler;
  parts: RuntimeParts;
  effectiveScale: number;
  shaping: ShapingCounters;
  guards: GuardsSnapshot | undefined;
}

/** Overhead is a ratio of two cumulative CPU counters over this window. */
const OVERHEAD_WINDOW_MS = 5000;

export class SnapshotBuilder {
  private readonly rates = new RateTracker(30_000);
  private readonly timer: NodeJS.Timeout;
  private readonly startedAt: number;

  constructor(
    private readonly counters: () => Record<string, number>,
    private readonly now: () => number,
  ) {
    this.startedAt = now();
    this.rates.add(this.startedAt, counters());
    this.timer = setInterval(() => this.rates.add(this.now(), this.counters()), RATE_SAMPLE_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /**
   * Telemetry memory estimate: spans held (queued + in flight) x (average serialized bytes per
   * span, from the export stats, + a fixed per-object overhead). An estimate, not a heap walk:
   * it tracks what the queue holds, which is what an operator can change.
   */
  static telemetryBytes(held: number, scheduler: ExportScheduler, exportedSpans: number): number {
    const avgSerialized = exportedSpans > 0 && scheduler.stats.bytesRaw > 0 ? scheduler.stats.bytesRaw / exportedSpans : 500;
    return Math.round(held * (avgSerialized + SPAN_OBJECT_OVERHEAD_BYTES));
  }

  /** The overhead estimate over the last 5 s (rates are per second: CPU microseconds per second). */
  overhead(): OverheadFigures {
    const telemetry = this.rates.rate("telemetryUs", OVERHEAD_WINDOW_MS);
    const cpu = this.rates.rate("cpuUs", OVERHEAD_WINDOW_MS);
    const spans = this.rates.rate("started", OVERHEAD_WINDOW_MS);
    const ops = this.rates.rate("roots", OVERHEAD_WINDOW_MS);
    return {
      percent: cpu > 0 ? (telemetry / cpu) * 100 : 0,
      usPerSpan: spans > 0 ? telemetry / spans : 0,
      usPerOp: ops > 0 ? telemetry / ops : 0,
      cpuMsPerSec: telemetry / 1000,
      processCpuMsPerSec: cpu / 1000,
    };
  }

  build(i: SnapshotInputs): TelemetrySnapshot {
    const ts = this.now();
    this.rates.add(ts, this.counters());
    const exportWindow = Math.min(10_000, Math.max(1000, 2 * i.scheduler.settings.intervalMs));
    const mem = process.memoryUsage();
    const c = i.accounting.counters;
    const spans = i.accounting.view(i.queue.length, i.scheduler.inFlight);
    const breaker = i.parts.breaker;
    const detail = i.parts.strategy.detail();
    return {
      ts,
      configVersion: i.version,
      configHash: i.hash,
      uptimeSec: Math.round((ts - this.startedAt) / 1000),
      spans,
      rates: {
        startedPerSec: this.rates.rate("started", 1000),
        sampledPerSec: this.rates.rate("sampled", 1000),
        notSampledPerSec: this.rates.rate("notSampled", 1000),
        droppedPerSec: this.rates.rate("dropped", 1000),
        exportedPerSec: this.rates.rate("exported", exportWindow),
        exportFailedPerSec: this.rates.rate("exportFailed", exportWindow),
      },
      queue: {
        length: i.queue.length,
        capacity: i.queue.capacity,
        utilization: i.queue.utilization,
        strategy: i.config.queueOverflowStrategy,
        warning: i.queueWarning,
      },
      memory: {
        rssBytes: mem.rss,
        heapUsedBytes: mem.heapUsed,
        telemetryBytes: SnapshotBuilder.telemetryBytes(i.queue.length + i.scheduler.inFlight, i.scheduler, c.exported + c.exportFailed),
      },
      sampler: {
        type: i.parts.strategy.type,
        configuredRate: i.config.sampleRate,
        effectiveRate: i.config.enabled ? i.parts.strategy.baseRate() * i.effectiveScale : 0,
        ...(detail ? { detail } : {}),
      },
      batching: { batchSize: i.scheduler.settings.batchSize, intervalMs: i.scheduler.settings.intervalMs, dynamic: i.parts.dynamicBatching !== null },
      export: {
        exporter: i.config.exporterType,
        inFlight: i.scheduler.inFlight,
        latencyMsP50: i.scheduler.latency.percentile(50),
        latencyMsP99: i.scheduler.latency.percentile(99),
        bytesRaw: i.scheduler.stats.bytesRaw,
        bytesSent: i.scheduler.stats.bytesSent,
        batches: i.scheduler.stats.batches,
        retries: i.scheduler.stats.retries,
        fastCompressedBatches: i.scheduler.stats.fastCompressed,
        ...(i.scheduler.stats.lastError ? { lastError: i.scheduler.stats.lastError } : {}),
      },
      breaker: { state: breaker?.state ?? "closed", failureRatio: breaker?.failureRatio ?? 0, enabled: breaker !== null },
      attributes: { ...i.shaping },
      overhead: this.overhead(),
      ...(i.guards ? { guards: i.guards } : {}),
    };
  }
}
