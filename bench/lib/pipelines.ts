/**
 * The three pipelines under comparison, built the same way in every child process:
 *   (a) none       - no SDK at all: @opentelemetry/api's no-op tracer (instrumented code, nothing registered);
 *   (b) reference  - OpenTelemetry JS SDK: BasicTracerProvider + ParentBased(TraceIdRatioBased) +
 *                    BatchSpanProcessor + OTLPTraceExporter (protobuf, gzip, keep-alive);
 *   (c) tracetune  - createTelemetryRuntime with the same sampling, batch size, queue size, interval,
 *                    protobuf + gzip to the same receiver.
 *
 * Every pipeline answers the same questions (`counts`): spans started, spans ended as sampled,
 * spans queued. What was exported is counted by the receiver (in the parent process), the one
 * judge both pipelines share.
 */
import { trace, TraceFlags, type Context, type Tracer } from "@opentelemetry/api";
import { CompressionAlgorithm } from "@opentelemetry/otlp-exporter-base";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  type ReadableSpan,
  type Span,
  type SpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { createTelemetryRuntime, type TelemetryRuntime } from "../../server/telemetry";

export type PipelineKind = "none" | "reference" | "tracetune";

export interface PipelineSettings {
  sampleRate: number;
  endpoint: string;
  batchSize: number;
  maxQueueSize: number;
  intervalMs: number;
  /** gzip on the wire (default true). */
  gzip?: boolean;
}

export interface PipelineCounts {
  /** Sampled spans that ended (offered to the processor's queue). */
  ended: number;
  /** Spans waiting in the processor's queue right now. */
  queued: number;
  /** Spans the pipeline itself says it dropped (the reference drops silently: always 0 there). */
  droppedReported: number;
  /** Tracetune only: export batches so far, and those gzipped at level 1 because export was behind. */
  batches?: number;
  fastCompressedBatches?: number;
}

export interface Pipeline {
  kind: PipelineKind;
  tracer: Tracer;
  counts(): PipelineCounts;
  /** Export everything queued and wait for it. */
  flush(): Promise<void>;
  /**
   * Start exporting what is queued at this moment, once, without waiting: the same step for both
   * pipelines (the reference's forceFlush exports what is buffered when it is called; Tracetune's
   * flush would also chase spans that end while it waits).
   */
  exportQueued(): void;
  shutdown(): Promise<void>;
  /** Tracetune only: its own snapshot (spans, export statistics, live overhead estimate). */
  selfReport?: () => Record<string, unknown>;
}

export const SERVICE_NAME = "tracetune-bench";

/** Counts sampled spans as they end, for the reference (its BatchSpanProcessor counts nothing we can read). */
class EndCounter implements SpanProcessor {
  ended = 0;
  onStart(_span: Span, _ctx: Context): void {}
  onEnd(span: ReadableSpan): void {
    if ((span.spanContext().traceFlags & TraceFlags.SAMPLED) !== 0) this.ended++;
  }
  async forceFlush(): Promise<void> {}
  async shutdown(): Promise<void> {}
}

function noTelemetry(): Pipeline {
  // Nothing registered: trace.getTracer returns the API's no-op tracer.
  const tracer = trace.getTracer("bench");
  return { kind: "none", tracer, counts: () => ({ ended: 0, queued: 0, droppedReported: 0 }), flush: async () => {}, exportQueued: () => {}, shutdown: async () => {} };
}

/**
 * The reference pipeline. `countEnds` (default on) adds a counting processor in front of the
 * BatchSpanProcessor: one flag test and an increment per span (tens of nanoseconds against the
 * several microseconds a span costs), charged to the reference. Without it the benchmark could
 * not know how many spans to wait for: BatchSpanProcessor.forceFlush does not wait for an export
 * that was already in flight, so "flushed" does not mean "arrived".
 */
function reference(s: PipelineSettings, countEnds: boolean): Pipeline {
  const exporter = new OTLPTraceExporter({
    url: s.endpoint,
    compression: s.gzip === false ? CompressionAlgorithm.NONE : CompressionAlgorithm.GZIP,
    keepAlive: true,
    timeoutMillis: 30_000,
  });
  const bsp = new BatchSpanProcessor(exporter, {
    maxExportBatchSize: s.batchSize,
    maxQueueSize: s.maxQueueSize,
    scheduledDelayMillis: s.intervalMs,
    exportTimeoutMillis: 30_000,
  });
  const counter = new EndCounter();
  const provider = new BasicTracerProvider({
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(s.sampleRate) }),
    spanProcessors: countEnds ? [counter, bsp] : [bsp],
    resource: resourceFromAttributes({ "service.name": SERVICE_NAME }),
  });
  const internals = bsp as unknown as { _finishedSpans?: unknown[] };
  if (!Array.isArray(internals._finishedSpans)) throw new Error("BatchSpanProcessor has no _finishedSpans array: update bench/lib/pipelines.ts");
  return {
    kind: "reference",
    tracer: provider.getTracer("bench"),
    counts: () => ({ ended: counter.ended, queued: internals._finishedSpans?.length ?? 0, droppedReported: 0 }),
    flush: () => provider.forceFlush(),
    // A failed export is the receiver's count to judge, not a reason to crash the child.
    exportQueued: () => void provider.forceFlush().catch(() => {}),
    shutdown: () => provider.shutdown(),
  };
}

function tracetune(s: PipelineSettings): Pipeline {
  const runtime: TelemetryRuntime = createTelemetryRuntime(
    {
      sampleRate: s.sampleRate,
      batchSize: s.batchSize,
      maxQueueSize: s.maxQueueSize,
      exportIntervalMs: s.intervalMs,
      exporterType: "otlp",
      otlpEndpoint: s.endpoint,
      otlpProtocol: "http/protobuf",
      otlpCompression: s.gzip === false ? "none" : "gzip",
    },
    { serviceName: SERVICE_NAME },
  );
  return {
    kind: "tracetune",
    tracer: runtime.tracerProvider.getTracer("bench"),
    counts: () => {
      const snap = runtime.snapshot();
      const sp = snap.spans;
      let dropped = 0;
      for (const n of Object.values(sp.dropped)) dropped += n ?? 0;
      return {
        ended: sp.started - sp.notSampled - sp.active,
        queued: sp.queued,
        droppedReported: dropped,
        batches: snap.export.batches,
        fastCompressedBatches: snap.export.fastCompressedBatches,
      };
    },
    flush: () => runtime.flush(),
    exportQueued: () => runtime.emergencyFlush(),
    shutdown: () => runtime.shutdown(),
    selfReport: () => {
      const snap = runtime.snapshot();
      return { spans: snap.spans, export: snap.export, overhead: snap.overhead ?? null };
    },
  };
}

export function buildPipeline(kind: PipelineKind, s: PipelineSettings, options: { countEnds?: boolean } = {}): Pipeline {
  if (kind === "none") return noTelemetry();
  if (kind === "reference") return reference(s, options.countEnds ?? true);
  return tracetune(s);
}
