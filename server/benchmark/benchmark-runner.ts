/**
 * Runs benchmarkConfiguration for the dashboard: one run at a time, progress as it goes,
 * cancellable, and the last run kept (in memory) so a reloaded page shows it again.
 *
 * Invariants:
 * - At most one run: `start` while one runs is refused ("busy"), nothing else changes.
 * - The embedded runtime that serves the dashboard is never touched: benchmarkConfiguration
 *   builds private runtimes (never registered globally) that export to a loopback discard
 *   collector. The running config is benchmarked as a copy with its export sent there too, so
 *   the built-in receiver's counters and the real collector see none of the benchmark's spans.
 * - The benchmark shares the server's event loop, so blocks are kept short (MAX_BLOCK_SIZE
 *   iterations, then a yield): socket.io and the embedded runtime's exports keep running.
 */
import { context, ROOT_CONTEXT } from "@opentelemetry/api";
import { BASELINE_ARM, benchmarkConfiguration, GUIDE_CONFIGURATIONS, type ConfigurationResult, type NamedConfiguration, type TelemetryConfig } from "../telemetry";
import { BASELINE_LABEL, RUNNING_CONFIGURATION, type BenchmarkRequest, type BenchmarkRun, type BenchmarkStatus } from "./benchmark-contract";
import { benchmarkWorkload } from "./benchmark-workloads";

/** Short blocks keep the shared event loop responsive (a block of cpu-1ms runs ~25 ms). */
const MAX_BLOCK_SIZE = 25;

export type StartOutcome = { ok: true; run: BenchmarkRun } | { ok: false; reason: "busy" | "invalid"; error: string };

/**
 * The running config as a benchmark configuration: same pipeline, but exports go to the
 * benchmark's discard collector (no endpoint given) instead of the real one or a file.
 */
export function runningConfigPatch(config: TelemetryConfig): Record<string, unknown> {
  const { otlpEndpoint: _endpoint, ...rest } = config;
  return { ...rest, exporterType: config.exporterType === "none" ? "none" : "otlp" };
}

function toRow(r: ConfigurationResult): NonNullable<BenchmarkRun["results"]>[number] {
  return {
    name: r.name,
    enabled: r.config.enabled,
    sampleRate: r.config.sampleRate,
    overheadPercent: r.overheadPercent,
    latencyMs: r.latencyMs,
    p50Ms: r.p50Ms,
    p99Ms: r.p99Ms,
    memoryMb: r.memoryMb,
    exportedSpans: r.exportedSpans,
    droppedSpans: r.droppedSpans,
  };
}

export class BenchmarkRunner {
  private run: BenchmarkRun | null = null;
  private abort: AbortController | null = null;
  private nextId = 1;
  /** Settles when the current run has finished (for tests and shutdown). */
  private finished: Promise<void> = Promise.resolve();

  constructor(private readonly runningConfig: () => TelemetryConfig) {}

  status(): BenchmarkStatus {
    return { run: this.run ? structuredClone(this.run) : null };
  }

  get running(): boolean {
    return this.run?.state === "running";
  }

  start(request: BenchmarkRequest): StartOutcome {
    if (this.running) return { ok: false, reason: "busy", error: `A benchmark is already running (run ${this.run?.id}): wait for it to finish or cancel it.` };
    let configurations: NamedConfiguration[];
    try {
      configurations = request.configurations.map((name) => {
        if (name === RUNNING_CONFIGURATION) return { name, config: runningConfigPatch(this.runningConfig()) };
        const guide = GUIDE_CONFIGURATIONS.find((c) => c.name === name);
        if (!guide) throw new Error(`unknown configuration "${name}"`);
        return guide;
      });
    } catch (e) {
      return { ok: false, reason: "invalid", error: (e as Error).message };
    }
    const warmupIterations = request.warmupIterations ?? Math.min(100, Math.floor(request.iterations / 10));
    const run: BenchmarkRun = {
      id: this.nextId++,
      state: "running",
      request: { configurations: configurations.map((c) => c.name), workload: request.workload, iterations: request.iterations, warmupIterations },
      startedAt: new Date().toISOString(),
      finishedAt: null,
      progress: null,
      results: null,
      error: null,
    };
    const abort = new AbortController();
    this.run = run;
    this.abort = abort;
    // Outside the caller's trace context (a REST request): nothing of the run belongs to it.
    this.finished = context.with(ROOT_CONTEXT, () => this.execute(run, configurations, abort.signal));
    return { ok: true, run: structuredClone(run) };
  }

  /** Cancels the running benchmark; false when none runs. */
  cancel(): boolean {
    if (!this.running || !this.abort) return false;
    this.abort.abort();
    return true;
  }

  /** Resolves when no run is in progress (the current one, if any, has finished). */
  whenIdle(): Promise<void> {
    return this.finished;
  }

  private async execute(run: BenchmarkRun, configurations: NamedConfiguration[], signal: AbortSignal): Promise<void> {
    try {
      const results = await benchmarkConfiguration({
        configurations,
        workload: benchmarkWorkload(run.request.workload),
        iterations: run.request.iterations,
        warmupIterations: run.request.warmupIterations,
        blockSize: Math.max(1, Math.min(MAX_BLOCK_SIZE, Math.ceil(run.request.iterations / 20))),
        signal,
        onProgress: (p) => {
          run.progress = {
            percent: (100 * p.done) / p.total,
            configuration: p.configuration === BASELINE_ARM ? BASELINE_LABEL : p.configuration,
            configurationIndex: p.configurationIndex,
            configurationCount: p.configurationCount,
            iteration: p.iteration,
            iterationsPerConfiguration: p.iterationsPerConfiguration,
            phase: p.phase,
          };
        },
      });
      run.results = results.map(toRow);
      run.state = "done";
    } catch (e) {
      if (signal.aborted) run.state = "cancelled";
      else {
        run.state = "failed";
        run.error = (e as Error)?.message ?? String(e);
        console.error("[tracetune] benchmark failed:", e);
      }
    } finally {
      run.finishedAt = new Date().toISOString();
      this.abort = null;
    }
  }
}
