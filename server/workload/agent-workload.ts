/**
 * The synthetic LLM-agent workload: paced agent runs (plus bursts on demand), traced only
 * through @opentelemetry/api, so it exercises the runtime exactly as a user's service would.
 *
 * Invariants:
 * - In flight (waiting for the runtime to accept spans + running) never exceeds `maxInFlight`
 *   for paced runs, nor `maxInFlight + MAX_BURST` with bursts; runs over the cap are not
 *   launched and are counted as `skipped`. The derived cap is 4 s of runs at the set rate.
 * - Each run draws its own random stream from the injected source at launch, so what a run does
 *   depends on its launch order only, never on how timers interleave.
 * - stop() launches nothing more; runs still waiting for `waitWritable` are cancelled when it
 *   resolves; runs already started finish (their spans end) before stop()'s promise resolves.
 */
import { ROOT_CONTEXT, trace } from "@opentelemetry/api";
import type { Tracer, TracerProvider } from "@opentelemetry/api";
import { runAgent } from "./agent-run";
import { seededRandom } from "./random";
import type { Random } from "./random";
import { RunPacer } from "./run-pacer";
import { DEFAULT_WORKLOAD_SETTINGS, MAX_BURST, mergeWorkloadSettings, validateBurstCount } from "./workload-settings";
import type { WorkloadIssue, WorkloadPatch, WorkloadSettings } from "./workload-settings";

export const WORKLOAD_TRACER_NAME = "tracetune-workload";

export interface AgentWorkloadOptions extends WorkloadPatch {
  /** Default: the global provider via trace.getTracer (whatever is registered, now or later). */
  tracerProvider?: TracerProvider;
  /** Cooperative backpressure, awaited before each run starts (the runtime's whenWritable()). */
  waitWritable?: () => Promise<void>;
  /** Random source for every choice (default Math.random); inject a seeded one for determinism. */
  random?: Random;
  /** Override the derived in-flight cap (max(16, 4 x runsPerSecond)). */
  maxInFlight?: number;
}

export interface WorkloadStats {
  /** Runs whose agent.run span started. */
  started: number;
  /** Runs whose spans all ended (errored ones included). */
  completed: number;
  errored: number;
  /** Launched and not finished: waiting for waitWritable plus running. */
  inFlight: number;
  waiting: number;
  running: number;
  /** Not launched because inFlight was at the cap. */
  skipped: number;
  /** Not launched on time because the event loop was blocked (the pacer does not catch up). */
  lagged: number;
  /** Launched but dropped by stop() (or a failed waitWritable) before they started. */
  cancelled: number;
  bursts: number;
  maxInFlight: number;
  /** Exponentially weighted mean duration of completed root runs. */
  avgRunMs: number;
}

export type ConfigureResult = { ok: true; settings: WorkloadSettings } | { ok: false; error: string; issues: WorkloadIssue[] };
export type BurstResult = { ok: true; launched: number; skipped: number } | { ok: false; error: string; issues: WorkloadIssue[] };

export interface AgentWorkload {
  start(): void;
  /** Stop pacing; resolves when the runs already started have finished. */
  stop(): Promise<void>;
  /** Launch `count` runs now (1..10000), whether or not pacing is on. */
  burst(count: number): BurstResult;
  configure(patch: unknown): ConfigureResult;
  settings(): WorkloadSettings;
  stats(): WorkloadStats;
  readonly running: boolean;
}

export function createAgentWorkload(options: AgentWorkloadOptions = {}): AgentWorkload {
  const { tracerProvider, waitWritable, random = Math.random, maxInFlight: capOverride, ...initial } = options;
  const merged = mergeWorkloadSettings(DEFAULT_WORKLOAD_SETTINGS, initial);
  if (!merged.ok) throw new Error(merged.error);
  let settings: WorkloadSettings = merged.value;
  const tracer: Tracer = tracerProvider ? tracerProvider.getTracer(WORKLOAD_TRACER_NAME) : trace.getTracer(WORKLOAD_TRACER_NAME);

  const counts = { started: 0, completed: 0, errored: 0, waiting: 0, running: 0, skipped: 0, cancelled: 0, bursts: 0 };
  let inFlight = 0;
  let avgRunMs = 0;
  /** Bumped by stop(): runs launched under an older epoch and not yet started are cancelled. */
  let epoch = 0;
  let idleWaiters: (() => void)[] = [];

  const cap = () => capOverride ?? Math.max(16, Math.ceil(4 * settings.runsPerSecond));

  async function execute(launchEpoch: number, runRandom: Random): Promise<void> {
    if (waitWritable) {
      counts.waiting++;
      let writable = true;
      try {
        await waitWritable();
      } catch {
        writable = false;
      } finally {
        counts.waiting--;
      }
      if (!writable || launchEpoch !== epoch) {
        counts.cancelled++;
        return;
      }
    }
    counts.started++;
    counts.running++;
    const t0 = performance.now();
    try {
      // Every run is a new request: a root span, even when a burst is launched from inside a
      // traced HTTP handler whose span would otherwise become its parent.
      const result = await runAgent(tracer, runRandom, settings, ROOT_CONTEXT);
      if (result.errorType) counts.errored++;
    } catch {
      // runAgent resolves on injected failures; anything else (a broken tracer) still counts.
      counts.errored++;
    } finally {
      counts.running--;
      counts.completed++;
      const ms = performance.now() - t0;
      avgRunMs = avgRunMs === 0 ? ms : avgRunMs * 0.95 + ms * 0.05;
    }
  }

  function launch(limit: number): boolean {
    if (inFlight >= limit) {
      counts.skipped++;
      return false;
    }
    inFlight++;
    const runRandom = seededRandom(Math.floor(random() * 4294967296));
    void execute(epoch, runRandom).finally(() => {
      inFlight--;
      if (counts.running === 0 && idleWaiters.length > 0) {
        const waiters = idleWaiters;
        idleWaiters = [];
        for (const resolve of waiters) resolve();
      }
    });
    return true;
  }

  const pacer = new RunPacer(
    () => settings.runsPerSecond,
    () => launch(cap()),
  );

  function stop(): Promise<void> {
    settings = { ...settings, enabled: false };
    pacer.stop();
    epoch++;
    if (counts.running === 0) return Promise.resolve();
    return new Promise((resolve) => idleWaiters.push(resolve));
  }

  function start(): void {
    settings = { ...settings, enabled: true };
    pacer.start();
  }

  if (settings.enabled) start();

  return {
    start,
    stop,
    burst(count) {
      const valid = validateBurstCount(count);
      if (!valid.ok) return valid;
      counts.bursts++;
      let launched = 0;
      for (let i = 0; i < valid.value; i++) if (launch(cap() + MAX_BURST)) launched++;
      return { ok: true, launched, skipped: valid.value - launched };
    },
    configure(patch) {
      const next = mergeWorkloadSettings(settings, patch);
      if (!next.ok) return next;
      const wasEnabled = settings.enabled;
      settings = next.value;
      if (settings.enabled && !wasEnabled) start();
      if (!settings.enabled && wasEnabled) void stop();
      return { ok: true, settings: { ...settings } };
    },
    settings: () => ({ ...settings }),
    stats: () => ({
      ...counts,
      inFlight,
      lagged: pacer.lagged,
      maxInFlight: cap(),
      avgRunMs: Math.round(avgRunMs * 100) / 100,
    }),
    get running() {
      return pacer.running;
    },
  };
}
