/**
 * The parts a config decides, built aside (buildParts: may throw, touches nothing running) and
 * then swapped in (commitParts: cannot fail, one synchronous step). Parts whose settings did not
 * change are reused as they are, so an unrelated change does not reset an adaptive sampler's
 * learned rate, a breaker's window or an exporter's open connections.
 */
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { canonicalJson, type TelemetryConfig } from "./config";
import type { EventBus } from "./event-bus";
import { CircuitBreaker, type BreakerSettings } from "./export/circuit-breaker";
import { createExporter, createFallbackExporter, type ExporterEnvironment } from "./export/exporter-factory";
import type { SpanExporterStrategy } from "./export/span-exporter";
import type { BoundedQueue } from "./pipeline/bounded-queue";
import { DynamicBatcher } from "./pipeline/dynamic-batching";
import type { ExportScheduler, SchedulerSettings } from "./pipeline/export-scheduler";
import { overflowPolicy, type OverflowPolicy } from "./pipeline/overflow-policies";
import type { QueueWatch } from "./pipeline/queue-watch";
import type { ProcessorState } from "./pipeline/span-processor";
import { SpanShaper, type ShapingCounters } from "./pipeline/span-shaper";
import type { LiveSamplerState } from "./sampling/live-sampler";
import { createSamplingStrategy } from "./sampling/sampler-factory";
import type { SamplingStrategy } from "./sampling/sampling-strategy";

export interface RuntimeParts {
  strategy: SamplingStrategy;
  shaper: SpanShaper;
  policy: OverflowPolicy<ReadableSpan>;
  schedulerSettings: SchedulerSettings;
  exporter: SpanExporterStrategy | null;
  exporterKey: string;
  fallback: SpanExporterStrategy | null;
  fallbackKey: string;
  breaker: CircuitBreaker | null;
  dynamicBatching: DynamicBatcher | null;
}

export interface PartsContext {
  now: () => number;
  env: ExporterEnvironment;
  events: EventBus;
  shaping: ShapingCounters;
  previousConfig: TelemetryConfig;
}

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

const SHAPING_KEYS = ["attributeFilters", "attributeProcessors", "maxSpanAttributes", "maxSpanEvents", "maxSpanLinks", "maxAttributeLength"] as const;
const EXPORTER_KEYS = [
  "exporterType",
  "otlpEndpoint",
  "otlpProtocol",
  "otlpCompression",
  "compressionLevel",
  "adaptiveCompression",
  "exportTimeoutMs",
  "maxExportAttempts",
  "otlpConnectionPoolSize",
  "otlpKeepalive",
  "otlpKeepaliveTimeMs",
  "filePath",
  "fileMaxBytes",
  "consolePrettyPrint",
] as const;
const FALLBACK_KEYS = ["fallbackAction", "filePath", "fileMaxBytes", "consolePrettyPrint"] as const;

const pick = (c: TelemetryConfig, keys: readonly (keyof TelemetryConfig)[]) => canonicalJson(keys.map((k) => c[k]));

function breakerSettings(c: NonNullable<TelemetryConfig["circuitBreaker"]>): BreakerSettings {
  return { ...c };
}

export function buildParts(config: TelemetryConfig, previous: RuntimeParts | undefined, ctx: PartsContext): RuntimeParts {
  const prev = previous ? ctx.previousConfig : undefined;
  const strategy =
    previous && prev && same(prev.sampler, config.sampler)
      ? previous.strategy
      : createSamplingStrategy(config.sampler, ctx.now(), previous?.strategy);
  const shaper =
    previous && prev && pick(prev, SHAPING_KEYS) === pick(config, SHAPING_KEYS) ? previous.shaper : new SpanShaper(config, ctx.shaping);
  const policy = previous && prev?.queueOverflowStrategy === config.queueOverflowStrategy ? previous.policy : overflowPolicy<ReadableSpan>(config.queueOverflowStrategy);
  const schedulerSettings: SchedulerSettings = {
    batchSize: config.batchSize,
    intervalMs: config.exportIntervalMs,
    concurrency: config.otlpConnectionPoolSize,
    asyncExport: config.asyncExport,
    eagerWhenFull: config.queueOverflowStrategy === "block",
  };
  let breaker: CircuitBreaker | null = null;
  if (config.circuitBreaker) {
    breaker =
      previous?.breaker ??
      new CircuitBreaker(
        breakerSettings(config.circuitBreaker),
        (from, to, why) => {
          const level = to === "open" ? "error" : to === "half_open" ? "warn" : "info";
          ctx.events.publish(`breaker_${to}`, level, `Circuit breaker ${from} -> ${to}: ${why}`, { from, to });
        },
        ctx.now,
      );
  }
  const dynamicBatching = config.dynamicBatching
    ? (previous?.dynamicBatching ?? new DynamicBatcher(config.dynamicBatching))
    : null;

  // Exporters last: they open resources, and nothing after them can throw.
  const exporterKey = pick(config, EXPORTER_KEYS);
  const exporter = previous && previous.exporterKey === exporterKey ? previous.exporter : createExporter(config, ctx.env);
  const fallbackKey = pick(config, FALLBACK_KEYS);
  const fallback = previous && previous.fallbackKey === fallbackKey ? previous.fallback : createFallbackExporter(config, ctx.env);
  return { strategy, shaper, policy, schedulerSettings, exporter, exporterKey, fallback, fallbackKey, breaker, dynamicBatching };
}

export interface CommitTargets {
  samplerState: LiveSamplerState;
  processorState: ProcessorState;
  scheduler: ExportScheduler;
  queue: BoundedQueue<ReadableSpan>;
  queueWatch: QueueWatch;
}

/** Swap the built parts in. Cannot throw; runs in one synchronous step. */
export function commitParts(parts: RuntimeParts, config: TelemetryConfig, t: CommitTargets, previous?: RuntimeParts): void {
  t.samplerState.strategy = parts.strategy;
  t.processorState.shaper = parts.shaper;
  t.processorState.policy = parts.policy;
  t.queue.capacity = config.maxQueueSize;
  t.queueWatch.threshold = config.queueWarningThreshold;
  if (parts.breaker && config.circuitBreaker) parts.breaker.reconfigure(breakerSettings(config.circuitBreaker));
  if (parts.dynamicBatching && config.dynamicBatching) parts.dynamicBatching.settings = config.dynamicBatching;
  t.scheduler.breaker = parts.breaker;
  t.scheduler.replaceExporter(parts.exporter);
  t.scheduler.replaceFallback(parts.fallback);
  const settings = { ...parts.schedulerSettings };
  const d = config.dynamicBatching;
  if (d && parts.dynamicBatching && parts.dynamicBatching === previous?.dynamicBatching) {
    // The controller keeps the point it has moved to (within its possibly new bounds).
    settings.batchSize = Math.min(d.maxBatchSize, Math.max(d.minBatchSize, t.scheduler.settings.batchSize));
    settings.intervalMs = Math.min(d.maxIntervalMs, Math.max(d.minIntervalMs, t.scheduler.settings.intervalMs));
  }
  t.scheduler.update(settings);
  t.queueWatch.check();
}
