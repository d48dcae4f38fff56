/**
 * Runs one workload through several "arms" (each a tracer of its own runtime) in interleaved
 * blocks, so slow drift on the machine (clock speed, other load, JIT warming) falls on every arm
 * alike. Round r runs one block of every arm, in an order rotated (and reversed on odd rounds)
 * from round to round, so no arm always runs first or right after the same neighbour.
 *
 * What an arm's iteration costs = its own wall-clock latency (workload start to resolve).
 * What an arm's block leaves behind (spans queued for export) is settled right after the block:
 * `settle()` (a runtime flush) runs outside every iteration's latency, and the process CPU it
 * uses (serialization, gzip, HTTP) is charged to the arm, spread over the block's iterations.
 * Without the settle, one arm's export work would run during the next arm's block and be billed
 * to it. Idle waiting in the settle (the network round trip) is not charged: it delays no one.
 */
import type { Tracer } from "@opentelemetry/api";

export type OverheadWorkload = (tracer: Tracer) => unknown;

export interface Arm {
  name: string;
  tracer: Tracer;
  /** Export what the block queued; awaited outside the iterations' latency. */
  settle(): Promise<void>;
  /** Called at the end of each block before its settle (e.g. to sample queue memory). */
  afterBlock?(): void;
}

export interface BlockSample {
  iterations: number;
  latencySumMs: number;
  settleCpuMs: number;
}

export interface ArmSamples {
  latenciesMs: number[];
  /** Process CPU (ms) the settles used: export work charged to this arm. */
  settleCpuMs: number;
  /** Measured blocks in order; block i of every arm ran in round i. */
  blocks: BlockSample[];
}

export interface ArmProgress {
  arm: string;
  phase: "warmup" | "measure";
  /** Iterations finished so far, over every arm and both phases. */
  done: number;
  total: number;
  /** Position of `arm` in the arms list (0-based) and the number of arms. */
  armIndex: number;
  armCount: number;
  /** Iterations `arm` finished so far (both phases) and its share (warm-up + measured). */
  armDone: number;
  armTotal: number;
}

export interface InterleaveOptions {
  arms: Arm[];
  workload: OverheadWorkload;
  iterations: number;
  warmupIterations: number;
  blockSize: number;
  onProgress?: (p: ArmProgress) => void;
  /** Called once, after the warm-up (settled) and before the first measured iteration. */
  onMeasureStart?: () => void;
  signal?: AbortSignal;
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return v !== null && (typeof v === "object" || typeof v === "function") && typeof (v as { then?: unknown }).then === "function";
}

function processCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Yield to the event loop (timers, I/O) without adding a timer's delay. */
const yieldLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function runInterleaved(o: InterleaveOptions): Promise<Map<string, ArmSamples>> {
  const samples = new Map<string, ArmSamples>(o.arms.map((a) => [a.name, { latenciesMs: [], settleCpuMs: 0, blocks: [] }]));
  const total = (o.iterations + o.warmupIterations) * o.arms.length;
  let done = 0;
  const armDone = new Map<string, number>(o.arms.map((a) => [a.name, 0]));
  const armTotal = o.iterations + o.warmupIterations;
  const tick = (arm: Arm, phase: ArmProgress["phase"]) => {
    done++;
    const mine = (armDone.get(arm.name) ?? 0) + 1;
    armDone.set(arm.name, mine);
    if (o.onProgress && (done % 10 === 0 || done === total))
      o.onProgress({ arm: arm.name, phase, done, total, armIndex: o.arms.indexOf(arm), armCount: o.arms.length, armDone: mine, armTotal });
  };

  const runBlock = async (arm: Arm, count: number, phase: ArmProgress["phase"]) => {
    const s = samples.get(arm.name) as ArmSamples;
    let latencySumMs = 0;
    for (let i = 0; i < count; i++) {
      if (o.signal?.aborted) throw new Error("measurement aborted");
      const t0 = performance.now();
      const result = o.workload(arm.tracer);
      if (isThenable(result)) await result;
      const ms = performance.now() - t0;
      latencySumMs += ms;
      if (phase === "measure") s.latenciesMs.push(ms);
      tick(arm, phase);
    }
    arm.afterBlock?.();
    const c0 = processCpuMs();
    await arm.settle();
    const settleCpuMs = processCpuMs() - c0;
    if (phase === "measure") {
      s.settleCpuMs += settleCpuMs;
      s.blocks.push({ iterations: count, latencySumMs, settleCpuMs });
    }
    await yieldLoop();
  };

  const rounds = async (perArm: number, phase: ArmProgress["phase"]) => {
    const left = new Map(o.arms.map((a) => [a.name, perArm]));
    for (let round = 0; [...left.values()].some((n) => n > 0); round++) {
      const rotated = o.arms.map((_, i) => o.arms[(i + round) % o.arms.length]);
      if (round % 2 === 1) rotated.reverse();
      for (const arm of rotated) {
        const n = Math.min(o.blockSize, left.get(arm.name) ?? 0);
        if (n === 0) continue;
        await runBlock(arm, n, phase);
        left.set(arm.name, (left.get(arm.name) ?? 0) - n);
      }
    }
  };

  await rounds(o.warmupIterations, "warmup");
  o.onMeasureStart?.();
  await rounds(o.iterations, "measure");
  return samples;
}

export function percentileOf(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx];
}

/** Mean cost of one iteration: latency plus the settle CPU spread over the iterations. */
export function meanCostMs(s: ArmSamples): number {
  if (s.latenciesMs.length === 0) return 0;
  let sum = 0;
  for (const v of s.latenciesMs) sum += v;
  return (sum + s.settleCpuMs) / s.latenciesMs.length;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const blockCost = (b: BlockSample) => (b.latencySumMs + b.settleCpuMs) / Math.max(1, b.iterations);

/**
 * Overhead of `arm` against `base`, round by round: block i of each ran in the same round, a few
 * hundred milliseconds apart, so their ratio cancels what the machine was doing then; the median
 * over rounds ignores the rounds a burst of outside load (a preempted block) hit unevenly. Each
 * block carries its own export cost (its settle), so no cost is lost by taking a median.
 * Returns percent and the added cost per iteration in ms.
 */
export function roundByRound(arm: ArmSamples, base: ArmSamples): { percent: number; addedMs: number } {
  const ratios: number[] = [];
  const diffs: number[] = [];
  for (let i = 0; i < Math.min(arm.blocks.length, base.blocks.length); i++) {
    const a = blockCost(arm.blocks[i]);
    const b = blockCost(base.blocks[i]);
    diffs.push(a - b);
    if (b > 0) ratios.push(a / b);
  }
  return { percent: ratios.length > 0 ? 100 * (median(ratios) - 1) : 0, addedMs: median(diffs) };
}
