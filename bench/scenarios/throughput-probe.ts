/**
 * One lossless-throughput probe (child side): the agent operation paced at `spansPerSec` for
 * `windowMs`, then a flush. A span is lost if it ended sampled and the receiver never got it:
 * lost = ended (sampled, counted by the pipeline) - received (counted by the receiver).
 * This is the only fair count: the reference's BatchSpanProcessor drops silently when its queue
 * is full, and a flush cannot bring a dropped span back.
 *
 * The probe passes when nothing was lost and the generator kept its pace over the window (a
 * process too busy to create spans at the asked rate has not shown that rate, whatever it
 * exported). Short stalls may be caught up (up to 1 s of backlog): on a shared machine a
 * preempted process stalls now and then through no fault of the pipeline.
 */
import { agentOperation, SPANS_PER_OPERATION } from "../lib/agent-operation";
import { cpuMark, cpuSince, machineBusyBetween, machineJiffies } from "../lib/cpu-clock";
import { runPaced } from "../lib/pacer";
import { receiver } from "../lib/parent-link";
import { flushAndSettle } from "../lib/settle";
import { buildPipeline, type PipelineKind, type PipelineSettings } from "../lib/pipelines";

export interface ThroughputProbeResult {
  pipeline: PipelineKind;
  sampleRate: number;
  targetSpansPerSec: number;
  achievedSpansPerSec: number;
  skippedOperations: number;
  ended: number;
  received: number;
  lost: number;
  queuedAtWindowEnd: number;
  droppedReported: number;
  flushMs: number;
  /** Share of the window the application thread was on CPU (1 = saturated). */
  appThreadBusy: number;
  /** Share of all cores busy during the window, every process included (null if unknown). */
  machineBusy: number | null;
  /** Tracetune: share of the window's export batches gzipped at level 1 because export was behind. */
  fastCompressedShare?: number;
  passed: boolean;
}

/** The generator must run at least this share of the asked rate for a probe to pass. */
export const MIN_PACE_SHARE = 0.97;

export async function runThroughputProbe(kind: PipelineKind, settings: PipelineSettings, spansPerSec: number, windowMs: number, warmupMs: number): Promise<ThroughputProbeResult> {
  const pipeline = buildPipeline(kind, settings, { countEnds: true });
  const op = () => agentOperation(pipeline.tracer);
  await receiver.reset();
  const start = pipeline.counts();
  await runPaced(op, Math.min(spansPerSec, 10_000) / SPANS_PER_OPERATION, warmupMs);
  await flushAndSettle(pipeline, start);
  await receiver.reset();
  const before = pipeline.counts();
  const mark = cpuMark();
  const jiffies = machineJiffies();
  const paced = await runPaced(op, spansPerSec / SPANS_PER_OPERATION, windowMs, 1000);
  const used = cpuSince(mark);
  const machineBusy = machineBusyBetween(jiffies, machineJiffies());
  const atEnd = pipeline.counts();
  const t0 = performance.now();
  const got = await flushAndSettle(pipeline, before);
  const flushMs = performance.now() - t0;
  const after = pipeline.counts();
  await pipeline.shutdown();
  const batches = (after.batches ?? 0) - (before.batches ?? 0);
  const ended = atEnd.ended - before.ended;
  const lost = Math.max(0, ended - got.spans);
  const achieved = paced.achievedRate * SPANS_PER_OPERATION;
  return {
    pipeline: kind,
    sampleRate: settings.sampleRate,
    targetSpansPerSec: spansPerSec,
    achievedSpansPerSec: achieved,
    skippedOperations: paced.skipped,
    ended,
    received: got.spans,
    lost,
    queuedAtWindowEnd: atEnd.queued,
    droppedReported: atEnd.droppedReported - before.droppedReported,
    flushMs,
    appThreadBusy: used.mainUs / 1000 / Math.max(1, used.wallMs),
    machineBusy,
    ...(after.fastCompressedBatches !== undefined && batches > 0 ? { fastCompressedShare: (after.fastCompressedBatches - (before.fastCompressedBatches ?? 0)) / batches } : {}),
    passed: lost === 0 && achieved >= MIN_PACE_SHARE * spansPerSec,
  };
}
