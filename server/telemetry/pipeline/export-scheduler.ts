/**
 * Moves spans from the queue to the exporter: batches of `batchSize`, a batch as soon as one is
 * full, a partial batch every `intervalMs`, up to `concurrency` exports in flight at once (the
 * OTLP connection pool size), behind the circuit breaker.
 *
 * Accounting (see span-accounting.ts): `take` moves spans from queued to inFlight in one step;
 * each batch's outcome moves them, in one step, to exported / exportFailed / fallback /
 * dropped[breaker_open | no_exporter]. Nothing here throws past a batch: an exporter that
 * rejects is an exportFailed outcome.
 *
 * A batch taken while a full batch still waits behind it goes out with the `behind` hint: spans
 * arrive faster than batches leave, and the queue is what is lost next. The OTLP exporter then
 * spends bandwidth instead of CPU on compression (adaptiveCompression). A pipeline that keeps up
 * never sets it.
 *
 * Export never runs on the span-end path when asyncExport is on: `notifyQueued` only schedules
 * a drain with setImmediate. With asyncExport off, each span is exported alone as it ends (the
 * SimpleSpanProcessor behaviour), which costs the application thread and is for debugging.
 */
import { context } from "@opentelemetry/api";
import { suppressTracing } from "@opentelemetry/core";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import type { SpanExporterStrategy, ExportHints, ExportOutcome } from "../export/span-exporter";
import type { CircuitBreaker } from "../export/circuit-breaker";
import type { BoundedQueue } from "./bounded-queue";
import type { SpanAccounting } from "./span-accounting";
import { LatencyWindow } from "./latency-window";

const BEHIND: ExportHints = Object.freeze({ behind: true, full: true });
const FULL: ExportHints = Object.freeze({ full: true });

export interface SchedulerSettings {
  batchSize: number;
  intervalMs: number;
  concurrency: number;
  asyncExport: boolean;
  /** `block` policy: export eagerly whenever the queue is at or over capacity. */
  eagerWhenFull: boolean;
}

export interface ExportStats {
  batches: number;
  /**
   * CPU microseconds exporters reported for preparing payloads, less what ran inside span.end()
   * (counted there by the overhead estimate), so that no microsecond is counted twice.
   */
  cpuUs: number;
  retries: number;
  bytesRaw: number;
  bytesSent: number;
  /** Batches the exporter gzipped at its fast level because export was behind (adaptiveCompression). */
  fastCompressed: number;
  lastError?: string;
}

export interface SchedulerHooks {
  onExportError(error: string, spans: number): void;
  /** After every batch outcome (queue may have room now). */
  onDrained(): void;
  /** Timer tick, before draining: the dynamic-batching controller hooks in here. */
  onTick?(): void;
  /** A batch goes out; the returned function is called with its outcome (internal spans). */
  onBatch?(batch: readonly ReadableSpan[], exporter: string): ((outcome: ExportOutcome) => void) | undefined;
}

export class ExportScheduler {
  readonly stats: ExportStats = { batches: 0, cpuUs: 0, retries: 0, bytesRaw: 0, bytesSent: 0, fastCompressed: 0 };
  readonly latency = new LatencyWindow();
  private inFlightSpans = 0;
  private inFlightExports = 0;
  private readonly pending = new Set<Promise<void>>();
  private readonly perExporter = new Map<SpanExporterStrategy, number>();
  private timer: NodeJS.Timeout | undefined;
  private drainScheduled = false;
  private stopped = false;

  constructor(
    private readonly queue: BoundedQueue<ReadableSpan>,
    private readonly accounting: SpanAccounting,
    public settings: SchedulerSettings,
    public exporter: SpanExporterStrategy | null,
    public fallback: SpanExporterStrategy | null,
    public breaker: CircuitBreaker | null,
    private readonly hooks: SchedulerHooks,
  ) {
    this.armTimer();
  }

  get inFlight(): number {
    return this.inFlightSpans;
  }

  get exportsInFlight(): number {
    return this.inFlightExports;
  }

  /** Called on the span-end path after a span was queued: must stay O(1). */
  notifyQueued(): void {
    if (!this.settings.asyncExport) {
      this.drain(true, true);
      return;
    }
    if (this.drainScheduled) return;
    if (this.queue.length >= this.settings.batchSize || (this.settings.eagerWhenFull && this.queue.full)) {
      this.drainScheduled = true;
      setImmediate(() => {
        this.drainScheduled = false;
        this.drain(false);
      });
    }
  }

  update(settings: SchedulerSettings): void {
    const intervalChanged = settings.intervalMs !== this.settings.intervalMs;
    this.settings = settings;
    if (intervalChanged) this.armTimer();
    // Not notifyQueued(): with asyncExport off that drains as span-end work, and a config change
    // is not a span's end.
    if (settings.asyncExport) this.notifyQueued();
    else this.drain(true);
  }

  /** Swap the exporter; batches already handed to the old one finish there, then it shuts down. */
  replaceExporter(next: SpanExporterStrategy | null): void {
    const old = this.exporter;
    this.exporter = next;
    if (old && old !== next) this.retire(old);
  }

  replaceFallback(next: SpanExporterStrategy | null): void {
    const old = this.fallback;
    this.fallback = next;
    if (old && old !== next) this.retire(old);
  }

  private retire(exporter: SpanExporterStrategy): void {
    const waitIdle = async () => {
      while ((this.perExporter.get(exporter) ?? 0) > 0) await Promise.race(this.pending);
      this.perExporter.delete(exporter);
      await exporter.shutdown();
    };
    void waitIdle();
  }

  private armTimer(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.stopped) return;
    this.timer = setInterval(() => {
      this.hooks.onTick?.();
      this.drain(true);
    }, this.settings.intervalMs);
    this.timer.unref();
  }

  /**
   * Start as many batches as allowed now. `partial`: also send a batch smaller than batchSize.
   * `onSpanEnd`: this runs inside span.end() (asyncExport off), whose timer already counts the
   * exports' synchronous part.
   */
  drain(partial: boolean, onSpanEnd = false): void {
    const s = this.settings;
    const batchSize = s.asyncExport ? s.batchSize : 1;
    while (this.inFlightExports < s.concurrency && this.queue.length > 0) {
      const eager = s.eagerWhenFull && this.queue.full;
      if (!partial && !eager && this.queue.length < batchSize) break;
      const batch = this.queue.take(batchSize);
      this.dispatch(batch, onSpanEnd, this.queue.length >= batchSize ? BEHIND : batch.length === batchSize ? FULL : undefined);
    }
  }

  private dispatch(batch: ReadableSpan[], onSpanEnd: boolean, hints: ExportHints | undefined): void {
    const n = batch.length;
    const exporter = this.exporter;
    if (!exporter) {
      this.accounting.drop("no_exporter", n);
      this.hooks.onDrained();
      return;
    }
    let target: SpanExporterStrategy | null = exporter;
    let viaFallback = false;
    const ticket = this.breaker ? this.breaker.allowRequest() : "pass";
    if (!ticket) {
      target = this.fallback;
      viaFallback = true;
      if (!target) {
        this.accounting.drop("breaker_open", n);
        this.hooks.onDrained();
        return;
      }
    }
    this.inFlightSpans += n;
    this.inFlightExports++;
    this.perExporter.set(target, (this.perExporter.get(target) ?? 0) + 1);
    const started = performance.now();
    const done = this.hooks.onBatch?.(batch, target.type);
    // The export's own HTTP requests must not be traced (instrumentation-http in the host would
    // otherwise make a span per export, exported by the next export: a loop that never idles).
    const run = context
      .with(suppressTracing(context.active()), () => target.export(batch, hints))
      .catch((e: unknown): ExportOutcome => ({ accepted: 0, failed: n, bytesRaw: 0, bytesSent: 0, retries: 0, error: String(e) }))
      .then((outcome) => {
        this.settle(outcome, n, target, viaFallback, performance.now() - started, ticket || "pass", onSpanEnd);
        done?.(outcome);
      });
    this.pending.add(run);
    void run.finally(() => this.pending.delete(run));
  }

  private settle(outcome: ExportOutcome, n: number, target: SpanExporterStrategy, viaFallback: boolean, ms: number, ticket: "pass" | "probe", onSpanEnd: boolean): void {
    // One synchronous step: inFlight -> final fates.
    this.inFlightSpans -= n;
    this.inFlightExports--;
    this.perExporter.set(target, (this.perExporter.get(target) ?? 1) - 1);
    const c = this.accounting.counters;
    if (viaFallback) c.fallback += outcome.accepted;
    else c.exported += outcome.accepted;
    c.exportFailed += outcome.failed;
    this.stats.batches++;
    this.stats.retries += outcome.retries;
    this.stats.bytesRaw += outcome.bytesRaw;
    this.stats.bytesSent += outcome.bytesSent;
    if (outcome.fastCompression) this.stats.fastCompressed++;
    // An inline export's synchronous part ran inside span.end(), which the estimate times whole.
    this.stats.cpuUs += (outcome.cpuUs ?? 0) - (onSpanEnd ? (outcome.syncCpuUs ?? 0) : 0);
    if (!viaFallback) {
      this.latency.add(ms);
      // A partial rejection is the collector's answer, not a transport failure.
      this.breaker?.record(outcome.accepted > 0 || outcome.failed === 0, ticket);
    }
    if (outcome.error) {
      this.stats.lastError = outcome.error;
      if (outcome.failed > 0) this.hooks.onExportError(outcome.error, outcome.failed);
    }
    this.hooks.onDrained();
    if (!this.stopped) this.drain(false);
  }

  /**
   * Export everything queued now and wait for every export in flight, up to `deadlineMs`.
   * `partial: false` sends only full batches (as the span path would) and leaves a smaller
   * remainder queued: overhead measurements settle this way between blocks, so each export
   * carries as many spans as it would in service instead of one block's worth.
   */
  async flush(deadlineMs = 30_000, partial = true): Promise<boolean> {
    const deadline = Date.now() + deadlineMs;
    while ((this.queue.length > 0 || this.pending.size > 0) && Date.now() < deadline) {
      this.drain(partial);
      if (this.pending.size === 0) break;
      const left = deadline - Date.now();
      await Promise.race([Promise.race(this.pending), new Promise((r) => setTimeout(r, Math.max(1, left)).unref())]);
    }
    return this.queue.length === 0 && this.pending.size === 0;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.exporter?.shutdown();
    await this.fallback?.shutdown();
  }
}
