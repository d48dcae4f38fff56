/**
 * Prometheus exposition of the runtime's live figures: a prom-client Registry whose metrics read
 * `runtime.snapshot()` when scraped (collect callbacks; nothing is kept in between, nothing runs
 * on the span path).
 *
 * Names follow the OpenTelemetry semantic conventions for SDK self-observability metrics where
 * one exists (otel.sdk.span.started, otel.sdk.span.live, otel.sdk.processor.span.queue.size,
 * otel.sdk.processor.span.queue.capacity, otel.sdk.processor.span.processed,
 * otel.sdk.exporter.span.inflight, otel.sdk.exporter.span.exported), translated the way the
 * OTel Prometheus exporter does: dots become underscores, `{span}` units are dropped, counters get
 * `_total`, and attributes become labels (otel.span.sampling_result -> otel_span_sampling_result,
 * error.type -> error_type, otel.component.type -> otel_component_type). Everything else is
 * `tracetune_*`: drops by reason, breaker state, overhead, export latency and bytes, sampler rates.
 *
 * Counters are the runtime's cumulative counts (monotonic for the runtime's life); each scrape
 * sets them, so a counter created after the runtime started still reports the full count.
 * One scrape takes one snapshot: every metric of a scrape reads the same instant.
 */
import { Counter, Gauge, Registry, collectDefaultMetrics } from "prom-client";
import type { DropReason, TelemetrySnapshot } from "../telemetry";

/** What the registry needs from the runtime (TelemetryRuntime satisfies it). */
export interface SnapshotSource {
  snapshot(): TelemetrySnapshot;
}

export interface MetricsRegistryOptions {
  /** Also expose prom-client's default process and Node.js metrics (process_*, nodejs_*). */
  defaultMetrics?: boolean;
  /** Prefix for the default metrics only. */
  defaultMetricsPrefix?: string;
}

type Labels = Record<string, string>;
type Sample = [Labels, number];

interface MetricSpec {
  name: string;
  help: string;
  type: "counter" | "gauge";
  labelNames?: string[];
  read(s: TelemetrySnapshot): Sample[];
}

const DROP_REASONS: DropReason[] = ["queue_full", "evicted_oldest", "breaker_open", "shutdown", "no_exporter", "memory_critical"];
/** error.type for spans the processor could not hand to an exporter (semconv: queue_full for a full queue). */
const PROCESSOR_ERROR: Record<DropReason, string> = {
  queue_full: "queue_full",
  evicted_oldest: "queue_full",
  breaker_open: "breaker_open",
  shutdown: "shutdown",
  no_exporter: "no_exporter",
  memory_critical: "memory_critical",
};
const PROCESSOR = { otel_component_type: "batching_span_processor" };
const BREAKER_STATES = ["closed", "open", "half_open"] as const;

function exporterComponent(s: TelemetrySnapshot): Labels {
  const type = s.export.exporter;
  // Semconv well-known values for OTLP/HTTP; our own names for the rest. The protocol is not in the
  // snapshot, so OTLP is reported as otlp_http_span_exporter (the default, protobuf).
  return { otel_component_type: type === "otlp" ? "otlp_http_span_exporter" : `tracetune_${type}_span_exporter` };
}

const dropped = (s: TelemetrySnapshot, r: DropReason) => s.spans.dropped[r] ?? 0;

export const METRIC_SPECS: MetricSpec[] = [
  // OpenTelemetry SDK self-observability names.
  {
    name: "otel_sdk_span_started_total",
    help: "The number of created spans, by sampling result.",
    type: "counter",
    labelNames: ["otel_span_sampling_result"],
    read: (s) => [
      [{ otel_span_sampling_result: "RECORD_AND_SAMPLE" }, s.spans.started - s.spans.notSampled],
      [{ otel_span_sampling_result: "DROP" }, s.spans.notSampled],
    ],
  },
  {
    name: "otel_sdk_span_live",
    help: "The number of created spans with recording=true for which the end operation has not been called yet.",
    type: "gauge",
    labelNames: ["otel_span_sampling_result"],
    read: (s) => [[{ otel_span_sampling_result: "RECORD_AND_SAMPLE" }, s.spans.active]],
  },
  {
    name: "otel_sdk_processor_span_queue_size",
    help: "The number of spans in the queue of the span processor.",
    type: "gauge",
    labelNames: ["otel_component_type"],
    read: (s) => [[PROCESSOR, s.queue.length]],
  },
  {
    name: "otel_sdk_processor_span_queue_capacity",
    help: "The maximum number of spans the queue of the span processor can hold.",
    type: "gauge",
    labelNames: ["otel_component_type"],
    read: (s) => [[PROCESSOR, s.queue.capacity]],
  },
  {
    name: "otel_sdk_processor_span_processed_total",
    help: "The number of spans for which processing has finished: handed to an exporter (no error_type) or dropped (error_type).",
    type: "counter",
    labelNames: ["otel_component_type", "error_type"],
    read: (s) => {
      const handed = s.spans.exported + s.spans.exportFailed + s.spans.fallback + s.spans.inFlight;
      const byError = new Map<string, number>();
      for (const r of DROP_REASONS) byError.set(PROCESSOR_ERROR[r], (byError.get(PROCESSOR_ERROR[r]) ?? 0) + dropped(s, r));
      return [[PROCESSOR, handed], ...[...byError].map(([error_type, n]): Sample => [{ ...PROCESSOR, error_type }, n])];
    },
  },
  {
    name: "otel_sdk_exporter_span_inflight",
    help: "The number of spans passed to the exporter and not yet exported (neither successful nor failed).",
    type: "gauge",
    labelNames: ["otel_component_type"],
    read: (s) => [[exporterComponent(s), s.spans.inFlight]],
  },
  {
    name: "otel_sdk_exporter_span_exported_total",
    help: "The number of spans for which the export has finished: accepted by the destination (no error_type) or failed (error_type _OTHER).",
    type: "counter",
    labelNames: ["otel_component_type", "error_type"],
    read: (s) => [
      [exporterComponent(s), s.spans.exported],
      [{ ...exporterComponent(s), error_type: "_OTHER" }, s.spans.exportFailed],
    ],
  },
  // Tracetune's own.
  {
    name: "tracetune_spans_dropped_total",
    help: "Spans dropped, by reason (every reason is always present).",
    type: "counter",
    labelNames: ["reason"],
    read: (s) => DROP_REASONS.map((reason): Sample => [{ reason }, dropped(s, reason)]),
  },
  {
    name: "tracetune_spans_fallback_total",
    help: "Spans written to the circuit breaker's fallback (console or local file) instead of the collector.",
    type: "counter",
    read: (s) => [[{}, s.spans.fallback]],
  },
  {
    name: "tracetune_circuit_breaker_state",
    help: "1 for the circuit breaker's current state, 0 for the others.",
    type: "gauge",
    labelNames: ["state"],
    read: (s) => BREAKER_STATES.map((state): Sample => [{ state }, s.breaker.state === state ? 1 : 0]),
  },
  {
    name: "tracetune_circuit_breaker_failure_ratio",
    help: "Failed share of the recent exports the breaker judges by (0..1).",
    type: "gauge",
    read: (s) => [[{}, s.breaker.failureRatio]],
  },
  {
    name: "tracetune_overhead_percent",
    help: "Live estimate of telemetry CPU as a percentage of process CPU (last 5 s).",
    type: "gauge",
    read: (s) => [[{}, s.overhead?.percent ?? 0]],
  },
  {
    name: "tracetune_overhead_cpu_seconds_per_span",
    help: "Live estimate of telemetry CPU time per started span (last 5 s).",
    type: "gauge",
    read: (s) => [[{}, (s.overhead?.usPerSpan ?? 0) / 1e6]],
  },
  {
    name: "tracetune_overhead_cpu_cores",
    help: "Live estimate of telemetry CPU in cores: CPU seconds per second (last 5 s). Next to the percentage it tells whether that is a share of real load.",
    type: "gauge",
    read: (s) => [[{}, (s.overhead?.cpuMsPerSec ?? 0) / 1000]],
  },
  {
    name: "tracetune_export_latency_seconds",
    help: "Export round-trip latency over the recent exports, by quantile.",
    type: "gauge",
    labelNames: ["quantile"],
    read: (s) => [
      [{ quantile: "0.5" }, s.export.latencyMsP50 / 1000],
      [{ quantile: "0.99" }, s.export.latencyMsP99 / 1000],
    ],
  },
  {
    name: "tracetune_export_bytes_total",
    help: "OTLP payload bytes: raw (serialized) and sent (after compression).",
    type: "counter",
    labelNames: ["stage"],
    read: (s) => [
      [{ stage: "raw" }, s.export.bytesRaw],
      [{ stage: "sent" }, s.export.bytesSent],
    ],
  },
  { name: "tracetune_export_batches_total", help: "Export batches finished.", type: "counter", read: (s) => [[{}, s.export.batches]] },
  { name: "tracetune_export_retries_total", help: "Export attempts retried.", type: "counter", read: (s) => [[{}, s.export.retries]] },
  {
    name: "tracetune_export_fast_compressed_batches_total",
    help: "Export batches gzipped at the fastest level because the exporter was behind (adaptiveCompression).",
    type: "counter",
    read: (s) => [[{}, s.export.fastCompressedBatches]],
  },
  {
    name: "tracetune_sampler_rate",
    help: "Sampling rate: configured by the operator, and effective after samplers and guards.",
    type: "gauge",
    labelNames: ["kind", "sampler"],
    read: (s) => [
      [{ kind: "configured", sampler: s.sampler.type }, s.sampler.configuredRate],
      [{ kind: "effective", sampler: s.sampler.type }, s.sampler.effectiveRate],
    ],
  },
  { name: "tracetune_batch_size", help: "Current export batch size.", type: "gauge", read: (s) => [[{}, s.batching.batchSize]] },
  { name: "tracetune_export_interval_seconds", help: "Current export interval.", type: "gauge", read: (s) => [[{}, s.batching.intervalMs / 1000]] },
  {
    name: "tracetune_telemetry_memory_bytes",
    help: "Estimated memory held by queued and in-flight spans.",
    type: "gauge",
    read: (s) => [[{}, s.memory.telemetryBytes]],
  },
  {
    name: "tracetune_config_info",
    help: "The active config: version and content hash as labels, value 1.",
    type: "gauge",
    labelNames: ["version", "hash"],
    read: (s) => [[{ version: String(s.configVersion), hash: s.configHash }, 1]],
  },
];

/**
 * One snapshot per scrape: Registry.metrics() calls every metric's collect() in one synchronous
 * loop before its first await, so a cache cleared by the next microtask spans exactly one scrape
 * (a second scrape right after the first gets a fresh snapshot).
 */
function snapshotPerScrape(source: SnapshotSource): () => TelemetrySnapshot {
  let cached: TelemetrySnapshot | null = null;
  return () => {
    if (cached === null) {
      cached = source.snapshot();
      queueMicrotask(() => {
        cached = null;
      });
    }
    return cached;
  };
}

export function createMetricsRegistry(runtime: SnapshotSource, options: MetricsRegistryOptions = {}): Registry {
  const registry = new Registry();
  const current = snapshotPerScrape(runtime);
  for (const spec of METRIC_SPECS) {
    const labelNames = spec.labelNames ?? [];
    if (spec.type === "counter") {
      new Counter({
        name: spec.name,
        help: spec.help,
        labelNames,
        registers: [registry],
        collect(this: Counter<string>) {
          this.reset();
          for (const [labels, value] of spec.read(current())) this.inc(labels, Math.max(0, value));
        },
      });
    } else {
      new Gauge({
        name: spec.name,
        help: spec.help,
        labelNames,
        registers: [registry],
        collect(this: Gauge<string>) {
          this.reset();
          for (const [labels, value] of spec.read(current())) this.set(labels, Number.isFinite(value) ? value : 0);
        },
      });
    }
  }
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry, prefix: options.defaultMetricsPrefix });
  return registry;
}

export { handleMetricsRequest } from "./metrics-endpoint";
