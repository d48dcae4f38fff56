/**
 * Live changes of the queue and scheduling settings while spans flow, against a real runtime and
 * a real loopback receiver: batchSize, exportIntervalMs, maxQueueSize (shrink and grow with spans
 * queued), queueOverflowStrategy, otlpConnectionPoolSize, asyncExport, dynamicBatching,
 * circuitBreaker. The accounting invariant is checked at every step and, by a watcher, every 10 ms.
 */
import { afterEach, describe, expect, it } from "vitest";
import { balanced, burst, count, settle, sleep, startPipeline, startProducer, waitFor, watch, type Pipeline, type Producer } from "./pipeline-harness";

let p: Pipeline | undefined;
afterEach(async () => {
  await p?.close();
  p = undefined;
});

function applied(pl: Pipeline, patch: Record<string, unknown>, step: string) {
  const r = pl.runtime.apply(patch, { actor: "pipeline-test", source: "code" });
  expect(r, step).toMatchObject({ status: "applied" });
  return balanced(pl.runtime, step);
}

/**
 * Spans per request and the most requests held at once at the collector, over a window of at
 * least `minRequests` requests that all left after the change: the producer pauses while
 * everything from before is flushed (so the old exporter's batches are done), then resumes.
 */
async function observeRequests(pl: Pipeline, producer: Producer, minRequests: number): Promise<{ spansPerRequest: number; maxPending: number }> {
  producer.paused = true;
  await settle(pl.runtime);
  const before = pl.receiver.stats();
  producer.paused = false;
  let maxPending = 0;
  await waitFor(`${minRequests} more requests`, () => {
    const s = pl.receiver.stats();
    maxPending = Math.max(maxPending, s.pending);
    return s.accepted - before.accepted >= minRequests;
  }, 15_000);
  const after = pl.receiver.stats();
  return { spansPerRequest: (after.spansReceived - before.spansReceived) / (after.accepted - before.accepted), maxPending };
}

describe("live changes of queue and scheduling settings (real HTTP)", () => {
  it("batchSize, exportIntervalMs, otlpConnectionPoolSize and asyncExport take effect on the next exports", async () => {
    p = await startPipeline({ batchSize: 100, exportIntervalMs: 50, maxQueueSize: 5000, otlpConnectionPoolSize: 4 });
    const w = watch(p.runtime);
    const producer = startProducer(p.runtime, p.tracer, { perTick: 10, everyMs: 10 });

    expect(applied(p, { batchSize: 10 }, "batchSize 10").batching.batchSize).toBe(10);
    expect((await observeRequests(p, producer, 10)).spansPerRequest).toBeLessThanOrEqual(10);

    const s = applied(p, { batchSize: 2000, exportIntervalMs: 150 }, "batchSize 2000, interval 150 ms");
    expect(s.batching).toMatchObject({ batchSize: 2000, intervalMs: 150 });
    // Only the interval sends now: each request carries what 150 ms of load produced.
    expect((await observeRequests(p, producer, 3)).spansPerRequest).toBeGreaterThan(20);

    applied(p, { batchSize: 5, exportIntervalMs: 20, otlpConnectionPoolSize: 1 }, "pool 1");
    p.receiver.setFaults({ latencyMs: 40 });
    expect((await observeRequests(p, producer, 5)).maxPending).toBeLessThanOrEqual(1);

    applied(p, { otlpConnectionPoolSize: 8 }, "pool 8");
    expect((await observeRequests(p, producer, 20)).maxPending).toBeGreaterThan(1);

    p.receiver.setFaults({ latencyMs: 0 });
    applied(p, { asyncExport: false }, "asyncExport off");
    expect((await observeRequests(p, producer, 20)).spansPerRequest).toBe(1);
    applied(p, { asyncExport: true, batchSize: 50 }, "asyncExport on");

    await producer.stop();
    const end = await settle(p.runtime);
    expect(w.stop().violations).toEqual([]);
    expect(end.spans.dropped).toEqual({});
    expect(end.spans.exported).toBe(producer.produced);
    expect(p.receiver.stats().spansReceived).toBe(end.spans.exported);
  }, 60_000);

  it("maxQueueSize shrink keeps every queued span (or counts it), and grow makes room again", async () => {
    // One batch hangs at the collector and holds the only connection, so the queue holds exactly
    // what the test put in it.
    p = await startPipeline({ batchSize: 50, maxQueueSize: 1000, otlpConnectionPoolSize: 1, exportTimeoutMs: 10_000, queueOverflowStrategy: "drop_newest" });
    p.receiver.setFaults({ mode: "hang" });
    burst(p.tracer, 300, "q");
    await waitFor("one batch to hang", () => p!.receiver.stats().faults.hang === 1, 5000);
    const shrunk = applied(p, { maxQueueSize: 100 }, "shrink to 100 with 250 queued");
    expect(shrunk.queue).toMatchObject({ length: 250, capacity: 100 });
    expect(shrunk.spans).toMatchObject({ inFlight: 50, dropped: {} });

    burst(p.tracer, 10, "refused");
    let s = balanced(p.runtime, "drop_newest over the shrunk capacity");
    expect(s.spans).toMatchObject({ queued: 250, dropped: { queue_full: 10 } });

    applied(p, { queueOverflowStrategy: "drop_oldest" }, "switch to drop_oldest");
    burst(p.tracer, 1, "evictor");
    s = balanced(p.runtime, "drop_oldest evicts down to the new capacity");
    expect(s.spans).toMatchObject({ queued: 100, dropped: { queue_full: 10, evicted_oldest: 151 } });

    applied(p, { maxQueueSize: 2000 }, "grow to 2000");
    burst(p.tracer, 500, "grown");
    s = balanced(p.runtime, "after growing");
    expect(s.spans.queued).toBe(600);
    expect(s.spans.dropped).toEqual({ queue_full: 10, evicted_oldest: 151 });

    p.receiver.setFaults({ mode: "normal" });
    const end = await settle(p.runtime);
    expect(end.spans.exported).toBe(650);
    expect(p.receiver.stats().spansReceived).toBe(650);
    expect(p.receiver.stats().spansByName["evictor-0"]).toBe(1);
  }, 20_000);

  it("block: a waiting producer is released by a larger queue or by switching strategy", async () => {
    p = await startPipeline({ batchSize: 10, exportIntervalMs: 600_000, maxQueueSize: 100, queueOverflowStrategy: "block", otlpConnectionPoolSize: 1, exportTimeoutMs: 10_000 });
    p.receiver.setFaults({ mode: "hang" }); // one batch hangs in flight; the rest stays queued
    burst(p.tracer, 150, "held");
    await waitFor("the eager export to hang", () => p!.receiver.stats().faults.hang === 1, 5000);
    expect(balanced(p.runtime, "over capacity").spans).toMatchObject({ queued: 140, inFlight: 10 });

    let released = 0;
    void p.runtime.whenWritable().then(() => released++);
    await sleep(30);
    expect(released).toBe(0);
    applied(p, { maxQueueSize: 200 }, "grow past the backlog");
    await waitFor("the waiter to be released by the larger queue", () => released === 1, 2000);

    burst(p.tracer, 70, "held-more");
    void p.runtime.whenWritable().then(() => released++);
    await sleep(30);
    expect(released).toBe(1);
    applied(p, { queueOverflowStrategy: "drop_newest" }, "leave block");
    await waitFor("the waiter to be released by the strategy change", () => released === 2, 2000);

    p.receiver.setFaults({ mode: "normal" });
    const end = await settle(p.runtime);
    expect(end.spans).toMatchObject({ exported: 220, dropped: {} });
    expect(p.receiver.stats().spansReceived).toBe(220);
  }, 20_000);

  it("dynamicBatching moves the batching toward targetQueueUtilization, and off restores the static settings", async () => {
    p = await startPipeline({ batchSize: 100, exportIntervalMs: 100, maxQueueSize: 1000, otlpConnectionPoolSize: 1 });
    const w = watch(p.runtime);
    const producer = startProducer(p.runtime, p.tracer, { perTick: 5, everyMs: 10 });
    const dyn = { minBatchSize: 10, maxBatchSize: 1000, minIntervalMs: 20, maxIntervalMs: 800, targetQueueUtilization: 0.5 };
    expect(applied(p, { dynamicBatching: dyn }, "dynamic on").batching.dynamic).toBe(true);
    // An almost empty queue is below target: the interval grows (fewer, fuller exports).
    await waitFor("the interval to grow", () => p!.runtime.snapshot().batching.intervalMs >= 400, 10_000, () => p!.runtime.snapshot().batching);

    // A slow collector and more load: the queue goes above target, so the interval shrinks again.
    const peak = p.runtime.snapshot().batching.intervalMs;
    p.receiver.setFaults({ latencyMs: 400 });
    const fast = startProducer(p.runtime, p.tracer, { perTick: 40, everyMs: 10, prefix: "fast" });
    await waitFor("the interval to shrink below its peak", () => p!.runtime.snapshot().batching.intervalMs < peak, 15_000, () => p!.runtime.snapshot().queue);
    await fast.stop();
    p.receiver.setFaults({ latencyMs: 0 });

    const off = applied(p, { dynamicBatching: null }, "dynamic off");
    expect(off.batching).toEqual({ batchSize: 100, intervalMs: 100, dynamic: false });
    await producer.stop();
    const end = await settle(p.runtime);
    expect(w.stop().violations).toEqual([]);
    expect(end.spans.exported + (end.spans.dropped.evicted_oldest ?? 0)).toBe(end.spans.started);
    expect(p.receiver.stats().spansReceived).toBe(end.spans.exported);
  }, 40_000);

  it("an unrelated change does not reset what dynamic batching has learned", async () => {
    p = await startPipeline({ batchSize: 100, exportIntervalMs: 100, maxQueueSize: 1000 });
    const producer = startProducer(p.runtime, p.tracer, { perTick: 5, everyMs: 10 });
    applied(p, { dynamicBatching: { minBatchSize: 10, maxBatchSize: 1000, minIntervalMs: 20, maxIntervalMs: 800, targetQueueUtilization: 0.5 } }, "dynamic on");
    await waitFor("the interval to grow", () => p!.runtime.snapshot().batching.intervalMs >= 400, 10_000);
    const learned = p.runtime.snapshot().batching;
    // Moving an unrelated slider (span limits) must not snap batching back to the static 100 ms.
    const after = applied(p, { maxSpanEvents: 64 }, "unrelated change");
    await producer.stop();
    expect(after.batching.intervalMs).toBe(learned.intervalMs);
    expect(after.batching.batchSize).toBe(learned.batchSize);
  }, 20_000);

  it("circuitBreaker null and back mid-stream: failures without a breaker, an open breaker after it returns", async () => {
    const breaker = { failureThreshold: 0.5, timeoutDuration: 0.5, halfOpenRequests: 1, windowSize: 4, minimumRequests: 2 };
    p = await startPipeline({ batchSize: 20, exportIntervalMs: 30, maxQueueSize: 500, circuitBreaker: breaker });
    const w = watch(p.runtime);
    const producer = startProducer(p.runtime, p.tracer, { perTick: 5, everyMs: 10 });
    expect(applied(p, { circuitBreaker: null }, "breaker off").breaker.enabled).toBe(false);
    p.receiver.setFaults({ mode: "outage" });
    const failedBefore = p.runtime.snapshot().spans.exportFailed;
    await waitFor("failed exports without a breaker", () => p!.runtime.snapshot().spans.exportFailed > failedBefore + 100, 10_000);
    expect(count(p.events, "breaker_open")).toBe(0);
    expect(p.runtime.snapshot().spans.dropped.breaker_open ?? 0).toBe(0);

    expect(applied(p, { circuitBreaker: breaker }, "breaker on during the outage").breaker).toMatchObject({ enabled: true, state: "closed" });
    await waitFor("the new breaker to open", () => count(p!.events, "breaker_open") === 1, 10_000);
    await waitFor("breaker_open drops", () => (p!.runtime.snapshot().spans.dropped.breaker_open ?? 0) > 0, 10_000);
    p.receiver.setFaults({ mode: "normal" });
    await waitFor("the breaker to close", () => count(p!.events, "breaker_closed") === 1, 10_000);
    await producer.stop();
    const end = await settle(p.runtime);
    expect(w.stop().violations).toEqual([]);
    expect(end.spans.exported).toBe(p.receiver.stats().spansReceived);
  }, 40_000);
});
