/**
 * Memory held per 1000 queued spans (child side, run with --expose-gc).
 *
 * The exporter is kept from running by settings, not by a broken collector: batch size and
 * queue size both 16384 and a 10-minute interval, so the `operations` x 4 spans (fewer than a
 * batch) all stay queued. Heap is read after forced GCs before and after creating them; the
 * difference over the queued count is what each queued span costs (span object, attributes,
 * ids, timestamps, the queue slot). Prompts are fresh strings (see agent-operation.ts), so the
 * 300-character prompt is part of what one in four spans holds, as in production.
 */
import { agentOperation, SPANS_PER_OPERATION } from "../lib/agent-operation";
import { buildPipeline, type PipelineKind, type PipelineSettings } from "../lib/pipelines";

export interface MemoryResult {
  pipeline: PipelineKind;
  spansCreated: number;
  queued: number;
  heapDeltaBytes: number;
  /** MB (10^6 bytes) per 1000 queued spans; for `none`, per 1000 spans created (the noise floor). */
  mbPer1000: number;
}

function collect(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run the memory scenario with node --expose-gc");
  for (let i = 0; i < 4; i++) gc();
  return process.memoryUsage().heapUsed;
}

export async function runQueuedMemory(kind: PipelineKind, settings: PipelineSettings, operations: number): Promise<MemoryResult> {
  const stalled: PipelineSettings = { ...settings, batchSize: 16384, maxQueueSize: 16384, intervalMs: 600_000 };
  if (operations * SPANS_PER_OPERATION >= stalled.batchSize) throw new Error("too many operations: the batch would export");
  const pipeline = buildPipeline(kind, stalled);
  // Warm every path (and let one export go through) before the baseline, with as many operations
  // as are measured: heapUsed counts optimized code too, and with a 256-operation warm-up the JIT
  // was still compiling during the measured loop in some runs (+0.03-0.05 MB per 1000 spans).
  for (let i = 0; i < operations; i++) agentOperation(pipeline.tracer);
  await pipeline.flush();
  pipeline.counts();
  const before = collect();
  for (let i = 0; i < operations; i++) agentOperation(pipeline.tracer);
  const after = collect();
  const queued = pipeline.counts().queued;
  await pipeline.shutdown();
  const spansCreated = operations * SPANS_PER_OPERATION;
  const heapDeltaBytes = after - before;
  const per = queued > 0 ? queued : spansCreated;
  return { pipeline: kind, spansCreated, queued, heapDeltaBytes, mbPer1000: (heapDeltaBytes / per) * 1000 / 1e6 };
}
