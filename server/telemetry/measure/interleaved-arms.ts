/**
 * Runs one workload through several "arms" (each a tracer of its own runtime) in interleaved
 * blocks, so slow drift on the machine (clock speed, other load, JIT warming) falls on every arm
 * alike. Round r runs one block of every arm, in an order rotated (and reversed on odd rounds)
 * from round to round, so no arm always runs first or right after the same neighbour.
 *
 * What an arm's iteration costs = its own wall-clock latency (workload start to resolve) + its
 * share of the arm's export CPU.
 * What an arm's block leaves behind is settled right after the block, outside every iteration's
 * latency: `settle(false)` exports the full batches the block filled and waits for every export
 * in flight (a partial batch stays queued, as it would in service), and the arm's last measured
 * block ends with `settle(true)`, which exports the rest. The process CPU the settles use
 * (serialization, gzip, HTTP) is charged to the arm and spread evenly over all its measured
 * iterations: exports happen every few blocks, not in each, and a block's cost should not depend
 * on whether a batch happened to fill in it. Without settles, one arm's export work would run
 * during the next arm's block and be billed to it. Idle waiting in a settle (the network round
 * trip) is not charged: it delays no one.
 *
 * Why not flush everything after every block: an export has a fixed cost (a request, gzip's
 * set-up, waking the event loop a few times), a millisecond or more of CPU on a virtual machine.
 * Paid for every block of a few dozen iterations, it measured as 10-20% "overhead" at 10%
 * sampling on a 1 ms operation where in service, with batches of hundreds of spans, it is a
 * fraction of a percent.
 */
import type { Tracer } from "@opentelemetry/api";

export type OverheadWorkload = (tracer: Tracer) => unknown;

export interface Arm {
  name: string;
  tracer: Tracer;
  /** After a block, outside the iterations' latency: export full batches (`all`: everything) and wait. */
  settle(all: boolean): Promise<void>;
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

  const runBlock = async (arm: Arm, count: number, phase: ArmProgress["phase"], last: boolean) => {
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
    // Warm-up blocks export everything, so that measuring starts from an empty queue.
    await arm.settle(phase === "warmup" || last);
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
        const remaining = left.get(arm.name) ?? 0;
        const n = Math.min(o.blockSize, remaining);
        if (n === 0) continue;
        await runBlock(arm, n, phase, n === remaining);
        left.set(arm.name, remaining - n);
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

/** The arm's export CPU (its settles) per measured iteration, in ms. */
export function exportCpuMsPerIteration(s: ArmSamples): number {
  return s.latenciesMs.length > 0 ? s.settleCpuMs / s.latenciesMs.length : 0;
}

/** A block's cost per iteration: its own latency, plus the arm's export CPU per iteration (see the header). */
function blockCosts(s: ArmSamples): number[] {
  const exportPerIteration = exportCpuMsPerIteration(s);
  return s.blocks.map((b) => b.latencySumMs / Math.max(1, b.iterations) + exportPerIteration);
}

/**
 * Overhead of `arm` against `base`, round by round: block i of each ran in the same round, a few
 * hundred milliseconds apart, so their ratio cancels what the machine was doing then; the median
 * over rounds ignores the rounds a burst of outside load (a preempted block) hit unevenly. Every
 * block carries the same share of the arm's export CPU (a sum, not a median), so no export cost
 * is lost by taking a median of latencies.
 * Returns percent and the added cost per iteration in ms.
 */
export function roundByRound(arm: ArmSamples, base: ArmSamples): { percent: number; addedMs: number } {
  const ratios: number[] = [];
  const diffs: number[] = [];
  const armCosts = blockCosts(arm);
  const baseCosts = blockCosts(base);
  for (let i = 0; i < Math.min(armCosts.length, baseCosts.length); i++) {
    const a = armCosts[i];
    const b = baseCosts[i];
    diffs.push(a - b);
    if (b > 0) ratios.push(a / b);
  }
  return { percent: ratios.length > 0 ? 100 * (median(ratios) - 1) : 0, addedMs: median(diffs) };
}
