/**
 * createTelemetryRuntime: an OpenTelemetry tracer pipeline in which every setting can change
 * while it runs.
 *
 * The tracer provider, its sampler and its span processor live as long as the runtime; what a
 * config decides (sampling strategy, shaping, overflow policy, batching, exporter, breaker) sits
 * in small state objects they read on every span. `apply` validates the whole patch, builds
 * every new part aside (see runtime-parts.ts), and only then swaps them in, in one synchronous
 * step: a failed apply changes nothing, and no span ever sees half of a config.
 */
import { context, propagation, trace, SpanStatusCode } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { DEFAULT_CONFIG, configHash, diffConfig, mergeAndValidate, type TelemetryConfig } from "./config";
import { EventBus } from "./event-bus";
import { BoundedQueue } from "./pipeline/bounded-queue";
import { ExportScheduler } from "./pipeline/export-scheduler";
import { SpanAccounting } from "./pipeline/span-accounting";
import { TracetuneSpanProcessor, type ProcessorState } from "./pipeline/span-processor";
import { newShapingCounters } from "./pipeline/span-shaper";
import { TracetuneTracerProvider } from "./tracing/tracetune-tracer";
import { LiveSampler, type LiveSamplerState } from "./sampling/live-sampler";
import { buildParts, commitParts, type PartsContext, type RuntimeParts } from "./runtime-parts";
import { SnapshotBuilder } from "./snapshot-builder";
import { QueueWatch } from "./pipeline/queue-watch";
import { OverheadEstimator } from "./measure/overhead-estimator";
import { GuardSet } from "./guards/guard-set";
import type { ExporterEnvironment } from "./export/exporter-factory";
import type { ExportOutcome } from "./export/span-exporter";
import type { ResourceReader } from "./guards/resource-readings";
import type { TelemetrySnapshot } from "./snapshot";
import type { ApplyResult, ChangeMeta, RegisterOptions, RuntimeEvents, TelemetryRuntimeApi } from "./types";

export interface RuntimeOptions extends ExporterEnvironment {
  serviceName?: string;
  resourceAttributes?: Record<string, string | number | boolean>;
  /** Injected clock (tests). */
  now?: () => number;
  /** Injected CPU/memory readings for the resource throttler (tests). */
  resources?: ResourceReader;
}

/** Instrumentation scope of the runtime's own spans (`includeInternalSpans`). */
const INTERNAL_SCOPE = "tracetune";

export class TelemetryRuntime implements TelemetryRuntimeApi {
  readonly tracerProvider: TracetuneTracerProvider;
  readonly events = new EventBus();
  private _config: TelemetryConfig;
  private _version = 1;
  private _hash: string;
  private readonly accounting = new SpanAccounting();
  private readonly shaping = newShapingCounters();
  private readonly queue: BoundedQueue<ReadableSpan>;
  private readonly samplerState: LiveSamplerState;
  private readonly processorState: ProcessorState;
  private readonly scheduler: ExportScheduler;
  private readonly queueWatch: QueueWatch;
  private readonly snapshots: SnapshotBuilder;
  private readonly guardFactors = new Map<string, number>();
  private parts: RuntimeParts;
  private readonly writableWaiters: (() => void)[] = [];
  private isShutdown = false;
  private readonly now: () => number;
  private readonly overhead: OverheadEstimator;
  private readonly guards: GuardSet;

  constructor(initial: TelemetryConfig, private readonly options: RuntimeOptions = {}) {
    this.now = options.now ?? Date.now;
    this._config = initial;
    this._hash = configHash(initial);
    this.queue = new BoundedQueue<ReadableSpan>(initial.maxQueueSize);
    this.overhead = new OverheadEstimator(() => this.scheduler.stats);
    this.parts = buildParts(initial, undefined, this.partsContext());
    this.samplerState = { enabled: initial.enabled, strategy: this.parts.strategy, scale: initial.sampleRate };
    this.processorState = { shaper: this.parts.shaper, policy: this.parts.policy, accepting: true };
    this.queueWatch = new QueueWatch(this.queue, initial.queueWarningThreshold, this.events);
    this.scheduler = new ExportScheduler(this.queue, this.accounting, this.parts.schedulerSettings, this.parts.exporter, this.parts.fallback, this.parts.breaker, {
      onExportError: (error, spans) => this.events.publish("export_failed", "warn", `Export of ${spans} spans failed: ${error}`, { error, spans }),
      onDrained: () => {
        this.queueWatch.check();
        this.releaseWriters();
      },
      onBatch: (batch, exporter) => this.internalExportSpan(batch, exporter),
      onTick: () => this.parts.dynamicBatching?.tick(this.scheduler, this.queue, this.accounting.counters.ended, this.now()),
    });
    this.tracerProvider = new TracetuneTracerProvider({
      sampler: new LiveSampler(this.samplerState, this.accounting, this.now),
      onEnd: new TracetuneSpanProcessor(this.processorState, {
        queue: this.queue,
        accounting: this.accounting,
        notifyQueued: () => this.scheduler.notifyQueued(),
        checkQueue: () => this.queueWatch.check(),
      }),
      timers: { start: this.overhead.startTimer, end: this.overhead.endTimer },
      samplerIsReadOnly: true,
      resource: resourceFromAttributes({ "service.name": options.serviceName ?? "tracetune", ...options.resourceAttributes }),
    });
    this.snapshots = new SnapshotBuilder(() => this.counterValues(), this.now);
    this.guards = new GuardSet({
      telemetryBytes: () => this.snapshot().memory.telemetryBytes,
      emergencyFlush: () => this.emergencyFlush(),
      overhead: () => this.snapshots.overhead(),
      operatorRate: () => this._config.sampleRate,
      setGuardFactor: (name, factor) => this.setGuardFactor(name, factor),
      publish: (type, level, message, data) => this.events.publish(type, level, message, data),
    }, options.resources);
    this.guards.configure(initial);
  }

  private partsContext(): PartsContext {
    return { now: this.now, env: this.options, events: this.events, shaping: this.shaping, previousConfig: this._config };
  }

  get config(): TelemetryConfig {
    return this._config;
  }
  get version(): number {
    return this._version;
  }
  get hash(): string {
    return this._hash;
  }

  apply(patch: unknown, meta: ChangeMeta = {}): ApplyResult {
    if (this.isShutdown) return { status: "failed", error: "the runtime is shut down", issues: [] };
    const validated = mergeAndValidate(this._config, patch);
    if (!validated.ok) {
      this.events.publish("config_rejected", "warn", validated.error, { actor: meta.actor, source: meta.source, issues: validated.issues });
      return { status: "failed", error: validated.error, issues: validated.issues };
    }
    const next = validated.config;
    const changes = diffConfig(this._config, next);
    if (changes.length === 0) return { status: "applied", version: this._version, hash: this._hash, changed: [] };
    let parts: RuntimeParts;
    try {
      parts = buildParts(next, this.parts, this.partsContext());
    } catch (e) {
      const error = `Config could not be applied: ${(e as Error).message}`;
      this.events.publish("config_rejected", "warn", error, { actor: meta.actor, source: meta.source });
      return { status: "failed", error, issues: [] };
    }
    // Commit: one synchronous step from here on.
    const previous = this._config;
    const previousParts = this.parts;
    commitParts(parts, next, {
      samplerState: this.samplerState,
      processorState: this.processorState,
      scheduler: this.scheduler,
      queue: this.queue,
      queueWatch: this.queueWatch,
    }, previousParts);
    this.parts = parts;
    this._config = next;
    this._version++;
    this._hash = configHash(next);
    this.samplerState.enabled = next.enabled;
    this.guards.configure(next);
    this.recomputeScale();
    this.releaseWriters();
    const changed = changes.map((c) => c.key);
    this.events.emit("config", { config: next, version: this._version, hash: this._hash, previous, changes, meta });
    this.events.publish("config_applied", "info", `Config v${this._version} applied (${changed.join(", ")})${meta.actor ? ` by ${meta.actor}` : ""}`, {
      version: this._version,
      changed,
      actor: meta.actor,
      source: meta.source,
    });
    return { status: "applied", version: this._version, hash: this._hash, changed };
  }

  /**
   * `includeInternalSpans`: the runtime traces its own exports (a `tracetune.export` span per
   * batch, through its own pipeline). Bounded: one span per batch of application spans, and
   * none for a batch made only of the runtime's own spans, so an idle pipeline goes quiet
   * instead of exporting its own export spans forever.
   */
  private internalExportSpan(batch: readonly ReadableSpan[], exporter: string): ((outcome: ExportOutcome) => void) | undefined {
    if (!this._config.includeInternalSpans) return undefined;
    if (batch.every((s) => s.instrumentationScope.name === INTERNAL_SCOPE)) return undefined;
    const spans = batch.length;
    const span = this.tracerProvider.getTracer(INTERNAL_SCOPE).startSpan("tracetune.export", {
      attributes: { "tracetune.batch.spans": spans, "tracetune.exporter": exporter },
    });
    return (outcome) => {
      span.setAttributes({
        "tracetune.batch.accepted": outcome.accepted,
        "tracetune.batch.failed": outcome.failed,
        "tracetune.bytes.sent": outcome.bytesSent,
        "tracetune.retries": outcome.retries,
      });
      if (outcome.error) span.setStatus({ code: SpanStatusCode.ERROR, message: outcome.error });
      span.end();
    };
  }

  /** Guards multiply the effective rate by a factor in (0, 1]; 1 removes their reduction. */
  setGuardFactor(guard: string, factor: number): void {
    if (factor >= 1) this.guardFactors.delete(guard);
    else this.guardFactors.set(guard, Math.max(0, factor));
    this.recomputeScale();
  }

  guardFactor(): number {
    let f = 1;
    for (const v of this.guardFactors.values()) f *= v;
    return f;
  }

  private recomputeScale(): void {
    this.samplerState.scale = this._config.sampleRate * this.guardFactor();
  }

  setSampleRate(rate: number): ApplyResult {
    return this.apply({ sampleRate: rate }, { source: "code" });
  }

  getSampleRate(): number {
    return this._config.sampleRate;
  }

  snapshot(): TelemetrySnapshot {
    return this.snapshots.build({
      config: this._config,
      version: this._version,
      hash: this._hash,
      accounting: this.accounting,
      queue: this.queue,
      queueWarning: this.queueWatch.warning,
      scheduler: this.scheduler,
      parts: this.parts,
      effectiveScale: this.samplerState.scale,
      shaping: this.shaping,
      guards: this.guards.snapshot(),
    });
  }

  private counterValues(): Record<string, number> {
    const c = this.accounting.counters;
    return {
      started: c.started,
      sampled: c.sampled,
      notSampled: c.notSampled,
      exported: c.exported,
      exportFailed: c.exportFailed,
      dropped: this.accounting.totalDropped(),
      ended: c.ended,
      roots: c.roots,
      telemetryUs: this.overhead.telemetryUs(),
      cpuUs: OverheadEstimator.processCpuUs(),
    };
  }

  on<E extends keyof RuntimeEvents>(event: E, fn: RuntimeEvents[E]): () => void {
    return this.events.on(event, fn);
  }

  recentEvents() {
    return this.events.recentEvents();
  }

  /**
   * Make this runtime the global tracer provider, with an AsyncLocalStorage context manager (so
   * `startActiveSpan` parents survive `await`) and W3C trace-context propagation, unless the host
   * application registered its own context manager or propagator first.
   */
  register(options: RegisterOptions = {}): void {
    if (options.globalTracerProvider !== false) trace.setGlobalTracerProvider(this.tracerProvider);
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  }

  whenWritable(): Promise<void> {
    if (this._config.queueOverflowStrategy !== "block" || !this.queue.full || this.isShutdown) return Promise.resolve();
    return new Promise((resolve) => this.writableWaiters.push(resolve));
  }

  private releaseWriters(): void {
    if (this.writableWaiters.length === 0) return;
    if (this._config.queueOverflowStrategy === "block" && this.queue.full && !this.isShutdown) return;
    for (const resolve of this.writableWaiters.splice(0)) resolve();
  }

  /** Export what is queued and wait for it; `fullBatchesOnly` leaves a partial batch queued (see ExportScheduler.flush). */
  async flush(options: { fullBatchesOnly?: boolean } = {}): Promise<void> {
    await this.scheduler.flush(this._config.exportTimeoutMs, options.fullBatchesOnly !== true);
  }

  /** Run the guards' checks now instead of waiting for their intervals. */
  checkGuards(): void {
    this.guards.checkAll();
  }

  /** Emergency flush (memory guard): export everything queued now, without waiting. */
  emergencyFlush(): void {
    this.scheduler.drain(true);
  }

  /**
   * Flush within the deadline, then count whatever is still queued as dropped (`shutdown`).
   * Spans still in flight at the deadline settle as exported or exportFailed when their export
   * ends or is aborted, so the accounting stays exact.
   */
  async shutdown(options: { deadlineMs?: number } = {}): Promise<void> {
    if (this.isShutdown) return;
    this.isShutdown = true;
    this.samplerState.enabled = false;
    this.guards.stop();
    this.snapshots.stop();
    await this.scheduler.flush(options.deadlineMs ?? 5000);
    this.processorState.accepting = false;
    const left = this.queue.take(this.queue.length).length;
    if (left > 0) this.accounting.drop("shutdown", left);
    this.releaseWriters();
    this.events.publish("shutdown", left > 0 ? "warn" : "info", `Runtime shut down${left > 0 ? `; ${left} queued spans dropped at the deadline` : ""}`, { dropped: left });
    await this.scheduler.stop();
  }
}

export function createTelemetryRuntime(config: unknown = {}, options: RuntimeOptions = {}): TelemetryRuntime {
  const validated = mergeAndValidate(DEFAULT_CONFIG, config);
  if (!validated.ok) throw new Error(validated.error);
  return new TelemetryRuntime(validated.config, options);
}
