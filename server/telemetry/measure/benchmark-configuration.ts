/**
 * benchmarkConfiguration: several telemetry configs against one workload, side by side (the
 * guide's "Benchmarking Your Configuration": typically disabled, 1%, 10% and 100% sampling).
 *
 * Every configuration gets its own private runtime; one more runtime with `enabled: false` is
 * the baseline every overhead is relative to. All of them run interleaved, block by block, in
 * rotating order (see interleaved-arms.ts), so they see the same machine conditions; a
 * "disabled" configuration therefore shows about 0%, which is a useful check on the noise.
 *
 * Per configuration: overheadPercent (cost per iteration vs the baseline, round by round, see
 * roundByRound in interleaved-arms.ts), latencyMs (the added cost per iteration), p50/p99 latency,
 * memoryMb (the peak of the runtime's own estimate of memory held by queued and in-flight spans,
 * `snapshot.memory.telemetryBytes`, sampled at every block end, in MiB), and the spans exported
 * and dropped during the measured iterations.
 *
 * onProgress reports `{ configuration, done, total, ... }` after every few iterations: done/total
 * count iterations over every configuration (and the baseline) and both phases, so done/total
 * is the share of the whole benchmark; `configuration` names the one running now, which is number
 * configurationIndex + 1 of configurationCount, `iteration` of iterationsPerConfiguration done.
 */
import { z } from "zod";
import type { TelemetryConfig } from "../config";
import type { TelemetryRuntime } from "../runtime";
import type { SpanCounters } from "../snapshot";
import { totalDropped } from "../snapshot";
import { meanCostMs, percentileOf, roundByRound, runInterleaved, type Arm, type ArmSamples, type OverheadWorkload } from "./interleaved-arms";
import { measurementRuntimes, needsLoopbackSink, resolveConfig } from "./measurement-runtimes";
import { defaultBlockSize } from "./measure-overhead";

/** The name the baseline arm reports progress under. */
export const BASELINE_ARM = "(baseline: telemetry disabled)";

export interface NamedConfiguration {
  name: string;
  /** A config patch over the defaults. */
  config: unknown;
}

export interface BenchmarkProgress {
  configuration: string;
  done: number;
  total: number;
  phase: "warmup" | "measure";
  /** `configuration` is number configurationIndex + 1 of configurationCount (the baseline counts, last). */
  configurationIndex: number;
  configurationCount: number;
  /** Its iterations done so far (warm-up and measured) out of iterationsPerConfiguration. */
  iteration: number;
  iterationsPerConfiguration: number;
}

export interface BenchmarkConfigurationOptions {
  configurations: NamedConfiguration[];
  workload: OverheadWorkload;
  iterations: number;
  warmupIterations?: number;
  blockSize?: number;
  onProgress?: (progress: BenchmarkProgress) => void;
  signal?: AbortSignal;
}

export interface ConfigurationResult {
  name: string;
  /** The full, validated config that ran. */
  config: TelemetryConfig;
  overheadPercent: number;
  /** Added cost per iteration (ms) against the baseline (median over rounds). */
  latencyMs: number;
  /** Plain mean cost per iteration (latency + charged export CPU), for reference. */
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  memoryMb: number;
  exportedSpans: number;
  droppedSpans: number;
}

/** The guide's four configurations. */
export const GUIDE_CONFIGURATIONS: NamedConfiguration[] = [
  { name: "disabled", config: { enabled: false } },
  { name: "1%", config: { enabled: true, sampleRate: 0.01 } },
  { name: "10%", config: { enabled: true, sampleRate: 0.1 } },
  { name: "100%", config: { enabled: true, sampleRate: 1 } },
];

const optionsSchema = z
  .object({
    configurations: z
      .array(z.object({ name: z.string().trim().min(1, "name is required").max(100), config: z.unknown() }).strict())
      .min(1, "at least one configuration")
      .max(16, "at most 16 configurations")
      .refine((list) => new Set(list.map((c) => c.name)).size === list.length, "configuration names must be unique"),
    workload: z.custom<OverheadWorkload>((v) => typeof v === "function", "workload must be a function (tracer) => unknown"),
    iterations: z.number().int("iterations must be a whole number").min(1, "iterations must be at least 1").max(10_000_000),
    warmupIterations: z.number().int().min(0).max(10_000_000).optional(),
    blockSize: z.number().int().min(1).max(1_000_000).optional(),
    onProgress: z.custom<(p: BenchmarkProgress) => void>((v) => typeof v === "function").optional(),
    signal: z.custom<AbortSignal>((v) => v instanceof AbortSignal).optional(),
  })
  .strict();

const MIB = 1024 * 1024;

export async function benchmarkConfiguration(options: BenchmarkConfigurationOptions): Promise<ConfigurationResult[]> {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw new Error(`benchmarkConfiguration: ${parsed.error.issues.map((i) => `${i.path.join(".") || "options"}: ${i.message}`).join("; ")}`);
  const o = parsed.data;
  // Validate every configuration before starting anything: one bad config fails the whole call.
  const resolved = o.configurations.map((c) => {
    const config = resolveConfig(c.config, `benchmarkConfiguration configuration "${c.name}"`);
    return { name: c.name, config, toSink: needsLoopbackSink(c.config, config) };
  });
  const env = await measurementRuntimes(resolved.some((r) => r.toSink));
  const runtimes: TelemetryRuntime[] = [];
  try {
    const entries = resolved.map((r) => {
      const runtime = env.create(r.config, r.toSink);
      runtimes.push(runtime);
      return { ...r, runtime, peakBytes: 0, start: null as SpanCounters | null };
    });
    const baselineRuntime = env.create({ ...resolved[0].config, enabled: false, exporterType: "none" }, false);
    runtimes.push(baselineRuntime);

    const arms: Arm[] = entries.map((e) => ({
      name: e.name,
      tracer: e.runtime.tracerProvider.getTracer("tracetune-benchmark"),
      settle: (all) => e.runtime.flush({ fullBatchesOnly: !all }),
      afterBlock: () => {
        e.peakBytes = Math.max(e.peakBytes, e.runtime.snapshot().memory.telemetryBytes);
      },
    }));
    arms.push({ name: BASELINE_ARM, tracer: baselineRuntime.tracerProvider.getTracer("tracetune-benchmark"), settle: (all) => baselineRuntime.flush({ fullBatchesOnly: !all }) });

    const samples = await runInterleaved({
      arms,
      workload: o.workload,
      iterations: o.iterations,
      warmupIterations: o.warmupIterations ?? Math.min(100, Math.floor(o.iterations / 10)),
      blockSize: o.blockSize ?? defaultBlockSize(o.iterations),
      signal: o.signal,
      onProgress: o.onProgress
        ? (p) =>
            o.onProgress?.({
              configuration: p.arm,
              done: p.done,
              total: p.total,
              phase: p.phase,
              configurationIndex: p.armIndex,
              configurationCount: p.armCount,
              iteration: p.armDone,
              iterationsPerConfiguration: p.armTotal,
            })
        : undefined,
      onMeasureStart: () => {
        for (const e of entries) {
          e.start = e.runtime.snapshot().spans;
          e.peakBytes = 0;
        }
      },
    });

    const baseline = samples.get(BASELINE_ARM) as ArmSamples;
    return entries.map((e) => {
      const s = samples.get(e.name) as ArmSamples;
      const mean = meanCostMs(s);
      const rounds = roundByRound(s, baseline);
      const end = e.runtime.snapshot().spans;
      const start = e.start ?? end;
      return {
        name: e.name,
        config: e.config,
        overheadPercent: rounds.percent,
        latencyMs: rounds.addedMs,
        meanMs: mean,
        p50Ms: percentileOf(s.latenciesMs, 50),
        p99Ms: percentileOf(s.latenciesMs, 99),
        memoryMb: e.peakBytes / MIB,
        exportedSpans: end.exported - start.exported,
        droppedSpans: totalDropped(end) - totalDropped(start),
      };
    });
  } finally {
    await env.close(runtimes);
  }
}
