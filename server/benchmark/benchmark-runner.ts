/**
 * Runs benchmarkConfiguration for the dashboard, each run in its own child process
 * (benchmark-child.ts): one run at a time, progress as it goes, cancellable, and the last run
 * kept (in memory) so a reloaded page shows it again.
 *
 * Invariants:
 * - At most one run: `start` while one runs is refused ("busy"), nothing else changes.
 * - A run never shares the server's event loop: the child measures undisturbed by socket.io,
 *   the live workload and the embedded runtime's exports, and they keep their pace meanwhile.
 * - The embedded runtime that serves the dashboard is never touched: the child builds private
 *   runtimes that export to its own loopback discard collector. The running config is
 *   benchmarked as a copy with its export sent there too, so the built-in receiver's counters
 *   and the real collector see none of the benchmark's spans.
 * - Every message from the child is validated; a malformed one, a crash or an early exit ends the
 *   run "failed" with the reason, and the server carries on. Cancel (and server shutdown, which
 *   cancels) terminates the child: SIGTERM, then SIGKILL after KILL_GRACE_MS.
 */
import type { ChildProcess } from "node:child_process";
import { GUIDE_CONFIGURATIONS, type NamedConfiguration, type TelemetryConfig } from "../telemetry";
import { forkTsx, terminate } from "../process/tsx-child";
import {
  benchmarkChildMessageSchema,
  RUNNING_CONFIGURATION,
  type BenchmarkChildStart,
  type BenchmarkRequest,
  type BenchmarkRun,
  type BenchmarkStatus,
} from "./benchmark-contract";

const CHILD_ENTRY = "server/benchmark/benchmark-child.ts";
const KILL_GRACE_MS = 2000;

export type StartOutcome = { ok: true; run: BenchmarkRun } | { ok: false; reason: "busy" | "invalid"; error: string };

export interface BenchmarkRunnerOptions {
  /** The child's entry, relative to the repository root (tests point it at misbehaving children). */
  childEntry?: string;
}

/**
 * The running config as a benchmark configuration: same pipeline, but exports go to the
 * benchmark's discard collector (no endpoint given) instead of the real one or a file.
 */
export function runningConfigPatch(config: TelemetryConfig): Record<string, unknown> {
  const { otlpEndpoint: _endpoint, ...rest } = config;
  return { ...rest, exporterType: config.exporterType === "none" ? "none" : "otlp" };
}

type Outcome = { state: "done" } | { state: "failed"; error: string };

export class BenchmarkRunner {
  private run: BenchmarkRun | null = null;
  private child: ChildProcess | null = null;
  private cancelRequested = false;
  private nextId = 1;
  /** Settles when the current run has finished and its process has exited (tests, shutdown). */
  private finished: Promise<void> = Promise.resolve();
  private readonly childEntry: string;

  constructor(
    private readonly runningConfig: () => TelemetryConfig,
    options: BenchmarkRunnerOptions = {},
  ) {
    this.childEntry = options.childEntry ?? CHILD_ENTRY;
  }

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
      isolation: "child-process",
      pid: null,
    };
    this.run = run;
    this.cancelRequested = false;
    this.finished = this.execute(run, { type: "start", configurations, workload: request.workload, iterations: request.iterations, warmupIterations });
    return { ok: true, run: structuredClone(run) };
  }

  /** Cancels the running benchmark (terminates its process); false when none runs. */
  cancel(): boolean {
    if (!this.running) return false;
    this.cancelRequested = true;
    if (this.child) void terminate(this.child, KILL_GRACE_MS);
    return true;
  }

  /** Resolves when no run is in progress (the current one, if any, has finished). */
  whenIdle(): Promise<void> {
    return this.finished;
  }

  private execute(run: BenchmarkRun, start: BenchmarkChildStart): Promise<void> {
    return new Promise((resolve) => {
      let outcome: Outcome | null = null;
      let settled = false;
      const finish = () => {
        if (settled) return;
        settled = true;
        if (this.cancelRequested && outcome?.state !== "done") {
          run.state = "cancelled";
          run.results = null;
        } else if (outcome?.state === "done") run.state = "done";
        else {
          run.state = "failed";
          run.error = outcome?.error ?? "The benchmark process ended without a result.";
          run.results = null;
          console.error(`[tracetune] benchmark run ${run.id} failed: ${run.error}`);
        }
        run.pid = null;
        run.finishedAt = new Date().toISOString();
        this.child = null;
        resolve();
      };

      let child: ChildProcess;
      try {
        child = forkTsx(this.childEntry);
      } catch (e) {
        outcome = { state: "failed", error: `The benchmark process could not be started: ${(e as Error).message}` };
        return finish();
      }
      this.child = child;
      run.pid = child.pid ?? null;
      const fail = (error: string) => {
        outcome ??= { state: "failed", error };
        void terminate(child, KILL_GRACE_MS);
      };

      child.on("message", (raw: unknown) => {
        if (outcome) return;
        const parsed = benchmarkChildMessageSchema.safeParse(raw);
        if (!parsed.success) {
          const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "message"}: ${i.message}`).join("; ");
          return fail(`The benchmark process sent a malformed message (${issues}); the run was stopped.`);
        }
        const msg = parsed.data;
        if (msg.type === "progress") run.progress = msg.progress;
        else if (msg.type === "result") {
          run.results = msg.results;
          outcome = { state: "done" };
        } else fail(`The benchmark failed: ${msg.message}`);
      });
      child.on("error", (e) => {
        fail(`The benchmark process failed: ${e.message}`);
        // A process that never started emits no "exit".
        if (child.pid === undefined) finish();
      });
      child.on("exit", (code, signal) => {
        if (!outcome && !this.cancelRequested) {
          const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
          outcome = { state: "failed", error: `The benchmark process ${how} before reporting a result.` };
        }
        finish();
      });
      child.send(start, (e) => {
        if (e) fail(`The benchmark process could not be given its run: ${e.message}`);
      });
    });
  }
}
