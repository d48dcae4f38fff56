/**
 * measureOverhead: what a telemetry config costs a workload, measured A/B.
 *
 * Two private runtimes run the same workload: "on" with the given config, "off" with the same
 * config and `enabled: false` (every span unsampled: the guide's "Disabled, 0%" baseline). They
 * alternate in blocks (see interleaved-arms.ts) so drift cancels; after every block the arm's
 * full batches are exported outside the measured latencies (the rest after its last block), and
 * the CPU those exports used is charged to the arm. OTLP configs without an endpoint of their own
 * export to a loopback discard collector.
 *
 *   cost of a block = its iterations' mean latency + the arm's export CPU per iteration
 *   percentage = median over rounds of (cost on / cost off) - 1, in percent
 *   latencyMs  = median over rounds of (cost on - cost off): the added latency per iteration
 *   p50Ms/p99Ms: latency percentiles of the telemetry-on iterations
 * Round by round and by median, so a burst of outside load that hits one block does not move the
 * answer (see roundByRound); the plain means are reported too (meanMs, baseline.meanMs).
 *
 * The workload receives the tracer to use: `(tracer) => unknown | Promise<unknown>`. Spans it
 * creates through any other tracer (e.g. the global one) are not part of the measurement.
 * Both numbers can be slightly negative when the true overhead is below the noise.
 */
import { z } from "zod";
import type { TelemetryConfig } from "../config";
import { totalDropped } from "../snapshot";
import { exportCpuMsPerIteration, meanCostMs, percentileOf, roundByRound, runInterleaved, type ArmSamples, type OverheadWorkload } from "./interleaved-arms";
import { measurementRuntimes, needsLoopbackSink, resolveConfig } from "./measurement-runtimes";

export type { OverheadWorkload } from "./interleaved-arms";

export interface MeasureOverheadOptions {
  workload: OverheadWorkload;
  /** Measured iterations per arm (telemetry on, and off). */
  iterations: number;
  /** A config patch over the defaults (validated; unknown keys are refused). Default: the defaults. */
  telemetryConfig?: unknown;
  /** Unmeasured iterations per arm first (JIT, connections). Default: min(100, iterations / 10). */
  warmupIterations?: number;
  /** Iterations per block. Default: about iterations / 20, between 1 and 200. */
  blockSize?: number;
  signal?: AbortSignal;
}

export interface OverheadResult {
  percentage: number;
  latencyMs: number;
  p50Ms: number;
  p99Ms: number;
  /** Mean cost per iteration with telemetry on (latency + charged export CPU). */
  meanMs: number;
  baseline: { meanMs: number; p50Ms: number; p99Ms: number };
  iterations: number;
  /** Export CPU charged to the telemetry-on arm, per iteration (ms). */
  exportCpuMsPerIteration: number;
  /** Spans of the measured telemetry-on iterations, from the runtime's own accounting. */
  spans: { started: number; exported: number; dropped: number; exportFailed: number };
  config: TelemetryConfig;
}

const optionsSchema = z
  .object({
    workload: z.custom<OverheadWorkload>((v) => typeof v === "function", "workload must be a function (tracer) => unknown"),
    iterations: z.number().int("iterations must be a whole number").min(1, "iterations must be at least 1").max(10_000_000),
    telemetryConfig: z.unknown().optional(),
    warmupIterations: z.number().int().min(0).max(10_000_000).optional(),
    blockSize: z.number().int().min(1).max(1_000_000).optional(),
    signal: z.custom<AbortSignal>((v) => v instanceof AbortSignal).optional(),
  })
  .strict();

/** Default block size: ~20 blocks per arm, 1..200 iterations each. */
export function defaultBlockSize(iterations: number): number {
  return Math.max(1, Math.min(200, Math.ceil(iterations / 20)));
}

export function summarize(on: ArmSamples, off: ArmSamples) {
  const rounds = roundByRound(on, off);
  return { percentage: rounds.percent, latencyMs: rounds.addedMs, meanOn: meanCostMs(on), meanOff: meanCostMs(off) };
}

export async function measureOverhead(options: MeasureOverheadOptions): Promise<OverheadResult> {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw new Error(`measureOverhead: ${parsed.error.issues.map((i) => `${i.path.join(".") || "options"}: ${i.message}`).join("; ")}`);
  const o = parsed.data;
  const config = resolveConfig(o.telemetryConfig, "measureOverhead telemetryConfig");
  const toSink = needsLoopbackSink(o.telemetryConfig, config);
  const env = await measurementRuntimes(toSink);
  const on = env.create(config, toSink);
  const off = env.create({ ...config, enabled: false }, toSink);
  try {
    const warmup = o.warmupIterations ?? Math.min(100, Math.floor(o.iterations / 10));
    let start = on.snapshot().spans;
    const samples = await runInterleaved({
      arms: [
        { name: "on", tracer: on.tracerProvider.getTracer("tracetune-measure"), settle: (all) => on.flush({ fullBatchesOnly: !all }) },
        { name: "off", tracer: off.tracerProvider.getTracer("tracetune-measure"), settle: (all) => off.flush({ fullBatchesOnly: !all }) },
      ],
      workload: o.workload,
      iterations: o.iterations,
      warmupIterations: warmup,
      blockSize: o.blockSize ?? defaultBlockSize(o.iterations),
      signal: o.signal,
      onMeasureStart: () => {
        start = on.snapshot().spans;
      },
    });
    const sOn = samples.get("on") as ArmSamples;
    const sOff = samples.get("off") as ArmSamples;
    const s = summarize(sOn, sOff);
    const end = on.snapshot().spans;
    const dropped = totalDropped(end) - totalDropped(start);
    return {
      percentage: s.percentage,
      latencyMs: s.latencyMs,
      p50Ms: percentileOf(sOn.latenciesMs, 50),
      p99Ms: percentileOf(sOn.latenciesMs, 99),
      meanMs: s.meanOn,
      baseline: { meanMs: s.meanOff, p50Ms: percentileOf(sOff.latenciesMs, 50), p99Ms: percentileOf(sOff.latenciesMs, 99) },
      iterations: sOn.latenciesMs.length,
      exportCpuMsPerIteration: exportCpuMsPerIteration(sOn),
      spans: { started: end.started - start.started, exported: end.exported - start.exported, dropped, exportFailed: end.exportFailed - start.exportFailed },
      config,
    };
  } finally {
    await env.close([on, off]);
  }
}
