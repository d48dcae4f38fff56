/**
 * The per-repetition suite, run inside one child process for one pipeline and sampling rate:
 *
 * 1. CPU and wire: the agent operation paced at a steady rate for a while, then a flush. Main
 *    thread CPU, process CPU, and (from the parent's receiver) spans and bytes received.
 *    The same paced operation through the API's no-op tracer runs just before and just after
 *    (a "sandwich"), in this process: its CPU per operation is the baseline the pipeline's cost
 *    is net of. An in-process baseline cancels what differs between processes and over time
 *    on a shared machine (clock speed, a busy sibling hyper-thread), which a baseline taken in
 *    another process cannot.
 * 2. 1 ms CPU-bound operation: blocks of operations whose three child spans each do a fixed
 *    amount of hashing (~1 ms per operation in total), alternating in this process between the
 *    pipeline's tracer and the API's no-op tracer (ABBA order), so clock-speed drift and outside
 *    load fall on both. Export work runs where it naturally does (a full batch is serialized
 *    right after the span that filled it, inside a pipeline block); what is still queued at the
 *    end is flushed and that flush's app-thread CPU is added to the pipeline's total.
 * 3. 50 ms agent run: `run50Concurrency` concurrent loops of the awaited-timer agent run, in
 *    `run50Blocks` equal blocks alternating in ABBA order between the pipeline's tracer and the
 *    no-op tracer; mean and percentile latency, main-thread CPU per run, per arm. Many short
 *    blocks, not one block sandwiched between two baselines: a block's mean latency depends on
 *    where its timers fall against the millisecond ticks, a phase fixed per block, so blocks are
 *    the unit of noise. Comparing the no-op tracer with itself, one 2 s block against two 1 s
 *    halves scattered by 0.25% (sd) per comparison; 16 blocks of 0.5 s (twice the time) by
 *    0.07%. Keeping each block's work in that block:
 *    - when a pipeline block's time is up, while its last runs are still in flight, the pipeline
 *      starts exporting what is queued (`exportQueued`: the same one step for both), so that
 *      serialization lands on the block's own runs, as exports land on runs in service (this
 *      exports more often than the interval alone would: errs toward a larger overhead);
 *    - after its runs, the block waits until the receiver has every span it ended, and every
 *      block (both arms) ends with the same short quiet tail inside its CPU window, so no export,
 *      reply or garbage of a pipeline block is left for the no-op block after it;
 *    - one unmeasured block of each arm first, as the JIT has not seen the agent run before.
 */
import { trace, type Tracer } from "@opentelemetry/api";
import { agentOperation, agentRun50ms, SPANS_PER_OPERATION } from "../lib/agent-operation";
import { cpuMark, cpuSince, type CpuMark } from "../lib/cpu-clock";
import { runPaced } from "../lib/pacer";
import { receiver } from "../lib/parent-link";
import { flushAndSettle } from "../lib/settle";
import { buildPipeline, type Pipeline, type PipelineKind, type PipelineSettings } from "../lib/pipelines";
import type { SuiteParams } from "../lib/protocol";
import { mean, percentile } from "../lib/stats";

const immediate = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface SuiteResult {
  pipeline: PipelineKind;
  sampleRate: number;
  cpu: {
    operations: number;
    skipped: number;
    spans: number;
    /** Spans that ended sampled (offered for export). */
    ended: number;
    mainUs: number;
    processUs: number;
    wallMs: number;
    received: number;
    bytesWire: number;
    bytesDecoded: number;
    requests: number;
    droppedReported: number;
    /** The no-op tracer's main-thread and process CPU per operation, before and after (averaged). */
    baselineMainUsPerOp: number;
    baselineProcessUsPerOp: number;
    /** Tracetune only: what its own snapshot said about itself over this phase. */
    selfReport?: Record<string, unknown>;
  };
  /** Per block pair, app-thread CPU per operation; plus the final flush's app-thread CPU. */
  op1ms: { pipelineMainUsPerOp: number[]; noopMainUsPerOp: number[]; operationsPerBlock: number; tailFlushMainUs: number };
  run50: { pipeline: Run50Stats; baseline: Run50Stats };
}

export interface Run50Stats {
  runs: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  mainUsPerRun: number;
  processUsPerRun: number;
}

/**
 * `concurrency` staggered loops of the 50 ms agent run through `tracer` for `durationMs`;
 * `atEnd` runs when the block's time is up, while its last runs are still in flight (or after
 * them, if the event loop was too late to run it before they all finished).
 */
async function run50(tracer: Tracer, rounds: number, concurrency: number, durationMs: number, atEnd: () => void = () => {}): Promise<number[]> {
  const latencies: number[] = [];
  const end = performance.now() + durationMs;
  const loop = async (index: number) => {
    await new Promise((resolve) => setTimeout(resolve, (index * 50) / concurrency)); // stagger
    while (performance.now() < end) {
      const t0 = performance.now();
      await agentRun50ms(tracer, rounds);
      latencies.push(performance.now() - t0);
    }
  };
  let ended = false;
  const timer = setTimeout(() => {
    ended = true;
    atEnd();
  }, durationMs);
  await Promise.all(Array.from({ length: concurrency }, (_, i) => loop(i)));
  clearTimeout(timer);
  if (!ended) atEnd();
  return latencies;
}

/** Idle time inside every 50 ms-run block's CPU window, after its runs (see phase 3). */
const BLOCK_TAIL_MS = 100;

/** The 50 ms agent run in ABBA blocks (see phase 3): all latencies and CPU per arm. */
async function run50Abba(pipeline: Pipeline, noop: Tracer, params: SuiteParams) {
  await receiver.reset();
  const since = pipeline.counts();
  const block = async (arm: "pipeline" | "noop") => {
    const mark = cpuMark();
    const latencies =
      arm === "pipeline"
        ? await run50(pipeline.tracer, params.rounds50ms, params.run50Concurrency, params.run50BlockMs, () => pipeline.exportQueued())
        : await run50(noop, params.rounds50ms, params.run50Concurrency, params.run50BlockMs);
    if (arm === "pipeline") await flushAndSettle(pipeline, since, 250);
    await new Promise((resolve) => setTimeout(resolve, BLOCK_TAIL_MS));
    return { latencies, used: cpuSince(mark) };
  };
  await block("noop");
  await block("pipeline");
  const arms = { pipeline: { latencies: [] as number[], used: zeroMark() }, noop: { latencies: [] as number[], used: zeroMark() } };
  for (let i = 0; i < params.run50Blocks; i++) {
    const arm = i % 4 === 0 || i % 4 === 3 ? "pipeline" : "noop";
    const r = await block(arm);
    arms[arm].latencies.push(...r.latencies);
    arms[arm].used = addMarks(arms[arm].used, r.used);
  }
  return { pipeline: run50Stats(arms.pipeline.latencies, arms.pipeline.used), baseline: run50Stats(arms.noop.latencies, arms.noop.used) };
}

const zeroMark = (): CpuMark => ({ mainUs: 0, processUs: 0, wallMs: 0 });
const addMarks = (a: CpuMark, b: CpuMark): CpuMark => ({ mainUs: a.mainUs + b.mainUs, processUs: a.processUs + b.processUs, wallMs: a.wallMs + b.wallMs });

function run50Stats(latencies: number[], used: CpuMark): Run50Stats {
  return {
    runs: latencies.length,
    meanMs: mean(latencies),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    mainUsPerRun: used.mainUs / Math.max(1, latencies.length),
    processUsPerRun: used.processUs / Math.max(1, latencies.length),
  };
}

/** Idle time at the end of a CPU window (see phase 1). */
const QUIET_TAIL_MS = 500;
const quietTail = () => new Promise<void>((resolve) => setTimeout(resolve, QUIET_TAIL_MS));

export async function runSuite(kind: PipelineKind, settings: PipelineSettings, params: SuiteParams): Promise<SuiteResult> {
  const pipeline = buildPipeline(kind, settings);
  const noop = trace.getTracer("bench-noop"); // nothing is registered globally: the API no-op tracer
  const opsPerSec = params.cpuSpansPerSec / SPANS_PER_OPERATION;
  const work1ms = { roundsPerChild: params.rounds1ms };

  // Warm-up: JIT, connection pool, every code path the phases use.
  await receiver.reset();
  const start = pipeline.counts();
  await runPaced(() => agentOperation(pipeline.tracer), opsPerSec, params.warmupMs);
  for (let i = 0; i < 20; i++) agentOperation(pipeline.tracer, work1ms);
  await flushAndSettle(pipeline, start);
  await quietTail();

  // 1. CPU and wire, between two no-op baselines. Each window ends with a quiet tail inside it, in
  // which work it set going (V8's concurrent GC on helper threads, gzip, sockets) can finish and
  // is charged to it, not to the window after. Without one, the no-op baselines read 2-9 us per
  // operation more process CPU than the no-telemetry arm's own measured phase.
  const baseline = async () => {
    const m = cpuMark();
    const r = await runPaced(() => agentOperation(noop), opsPerSec, params.baselineMs);
    await quietTail();
    const d = cpuSince(m);
    return { main: d.mainUs / Math.max(1, r.operations), process: d.processUs / Math.max(1, r.operations) };
  };
  const before = await baseline();
  await receiver.reset();
  const since = pipeline.counts();
  const mark = cpuMark();
  const paced = await runPaced(() => agentOperation(pipeline.tracer), opsPerSec, params.cpuDurationMs);
  const received = await flushAndSettle(pipeline, since);
  await quietTail();
  const used = cpuSince(mark);
  const counts = pipeline.counts();
  const after = await baseline();
  const cpu: SuiteResult["cpu"] = {
    operations: paced.operations,
    skipped: paced.skipped,
    spans: paced.operations * SPANS_PER_OPERATION,
    ended: counts.ended - since.ended,
    mainUs: used.mainUs,
    processUs: used.processUs,
    wallMs: used.wallMs,
    received: received.spans,
    bytesWire: received.bytesWire,
    bytesDecoded: received.bytesDecoded,
    requests: received.requests,
    droppedReported: counts.droppedReported - since.droppedReported,
    baselineMainUsPerOp: (before.main + after.main) / 2,
    baselineProcessUsPerOp: (before.process + after.process) / 2,
    ...(pipeline.selfReport ? { selfReport: pipeline.selfReport() } : {}),
  };

  // 2. 1 ms CPU-bound operation, ABBA blocks against the no-op tracer.
  const pipelineMainUsPerOp: number[] = [];
  const noopMainUsPerOp: number[] = [];
  for (let block = 0; block < params.op1msBlocks; block++) {
    const order = block % 2 === 0 ? (["pipeline", "noop"] as const) : (["noop", "pipeline"] as const);
    for (const arm of order) {
      const tracer = arm === "pipeline" ? pipeline.tracer : noop;
      const m = cpuMark();
      for (let i = 0; i < params.op1msPerBlock; i++) {
        agentOperation(tracer, work1ms);
        await immediate();
      }
      const d = cpuSince(m);
      (arm === "pipeline" ? pipelineMainUsPerOp : noopMainUsPerOp).push(d.mainUs / params.op1msPerBlock);
    }
  }
  const tail = cpuMark();
  await pipeline.flush();
  const tailFlushMainUs = cpuSince(tail).mainUs;

  // 3. The 50 ms agent run, ABBA blocks against the no-op tracer, after phase 2's export settled.
  await flushAndSettle(pipeline, pipeline.counts(), 250);
  await quietTail();
  const run50 = await run50Abba(pipeline, noop, params);

  await pipeline.shutdown();
  return {
    pipeline: kind,
    sampleRate: settings.sampleRate,
    cpu,
    op1ms: { pipelineMainUsPerOp, noopMainUsPerOp, operationsPerBlock: params.op1msPerBlock, tailFlushMainUs },
    run50,
  };
}
