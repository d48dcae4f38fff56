/**
 * After a pipeline's flush, wait until the receiver has what the pipeline says it sent:
 * received >= ended - dropped (the pipeline's own drops; the reference reports none), or until
 * nothing new arrives for `quietMs` (a span silently dropped never arrives), or `timeoutMs`.
 * Needed because the reference's forceFlush does not wait for an export already in flight.
 */
import { receiver } from "./parent-link";
import type { Pipeline, PipelineCounts } from "./pipelines";
import type { ReceiverCounts } from "./protocol";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `since`: the pipeline's counts when the receiver was reset. */
export async function flushAndSettle(pipeline: Pipeline, since: PipelineCounts, quietMs = 1000, timeoutMs = 20_000): Promise<ReceiverCounts> {
  await Promise.race([pipeline.flush(), sleep(timeoutMs)]);
  const deadline = performance.now() + timeoutMs;
  let last = await receiver.counts();
  let lastChange = performance.now();
  for (;;) {
    const now = pipeline.counts();
    const expected = now.ended - since.ended - (now.droppedReported - since.droppedReported);
    if (last.spans >= expected || performance.now() > deadline || performance.now() - lastChange > quietMs) return last;
    await sleep(50);
    const next = await receiver.counts();
    if (next.spans !== last.spans) lastChange = performance.now();
    last = next;
  }
}
