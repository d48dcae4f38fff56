/**
 * Overflow policies under a burst, against a real runtime and a real (slow) loopback receiver.
 *
 * The burst is synchronous (no event-loop turn between spans), so the exporter cannot drain the
 * queue while it runs: with maxQueueSize 200, everything past 200 meets the overflow policy, and
 * the counts are exact, not statistical.
 */
import { afterEach, describe, expect, it } from "vitest";
import { burst, balanced, settle, startPipeline, waitFor, watch, type Pipeline } from "./pipeline-harness";

let p: Pipeline | undefined;
afterEach(async () => {
  await p?.close();
  p = undefined;
});

const SLOW = { mode: "normal", latencyMs: 150 } as const;

describe("overflow policies under a burst (real HTTP)", () => {
  it("drop_newest keeps the first 200 spans and counts the rest as dropped.queue_full", async () => {
    p = await startPipeline({ maxQueueSize: 200, batchSize: 50, queueOverflowStrategy: "drop_newest", otlpConnectionPoolSize: 1 });
    p.receiver.setFaults(SLOW);
    burst(p.tracer, 1000, "burst");
    const during = balanced(p.runtime, "right after the burst");
    expect(during.spans.queued).toBe(200);
    expect(during.spans.dropped.queue_full).toBe(800);
    expect(during.spans.dropped.evicted_oldest ?? 0).toBe(0);

    const s = await settle(p.runtime);
    expect(s.spans.exported).toBe(200);
    expect(s.spans.dropped.queue_full).toBe(800);
    const received = p.receiver.stats();
    expect(received.spansReceived).toBe(200);
    // The oldest spans are the ones that reached the collector.
    expect(received.spansByName["burst-0"]).toBe(1);
    expect(received.spansByName["burst-199"]).toBe(1);
    expect(received.spansByName["burst-200"]).toBeUndefined();
    expect(received.spansByName["burst-999"]).toBeUndefined();
    balanced(p.runtime, "after settling");
  }, 20_000);

  it("drop_oldest keeps the newest 200 spans and counts the rest as dropped.evicted_oldest", async () => {
    p = await startPipeline({ maxQueueSize: 200, batchSize: 50, queueOverflowStrategy: "drop_oldest", otlpConnectionPoolSize: 1 });
    p.receiver.setFaults(SLOW);
    burst(p.tracer, 1000, "burst");
    const during = balanced(p.runtime, "right after the burst");
    expect(during.spans.queued).toBe(200);
    expect(during.spans.dropped.evicted_oldest).toBe(800);
    expect(during.spans.dropped.queue_full ?? 0).toBe(0);

    const s = await settle(p.runtime);
    expect(s.spans.exported).toBe(200);
    const received = p.receiver.stats();
    expect(received.spansReceived).toBe(200);
    expect(received.spansByName["burst-999"]).toBe(1);
    expect(received.spansByName["burst-800"]).toBe(1);
    expect(received.spansByName["burst-799"]).toBeUndefined();
    expect(received.spansByName["burst-0"]).toBeUndefined();
    balanced(p.runtime, "after settling");
  }, 20_000);

  it("drop policies keep dropping, and keep counting, while bursts outpace a slow collector", async () => {
    p = await startPipeline({ maxQueueSize: 200, batchSize: 50, queueOverflowStrategy: "drop_newest", otlpConnectionPoolSize: 1 });
    p.receiver.setFaults(SLOW);
    const w = watch(p.runtime);
    // 100 spans every 20 ms (~5000/s) against ~330 spans/s of export capacity.
    for (let round = 0; round < 15; round++) {
      burst(p.tracer, 100, `r${round}`);
      await new Promise((r) => setTimeout(r, 20));
      if (round === 7) p.runtime.apply({ queueOverflowStrategy: "drop_oldest" });
    }
    const s = await settle(p.runtime);
    const report = w.stop();
    expect(report.violations).toEqual([]);
    expect(report.maxOverCapacity).toBeLessThanOrEqual(0);
    expect(s.spans.started).toBe(1500);
    expect(s.spans.dropped.queue_full).toBeGreaterThan(0);
    expect(s.spans.dropped.evicted_oldest).toBeGreaterThan(0);
    expect(s.spans.exported + (s.spans.dropped.queue_full ?? 0) + (s.spans.dropped.evicted_oldest ?? 0)).toBe(1500);
    expect(p.receiver.stats().spansReceived).toBe(s.spans.exported);
  }, 20_000);

  it("block loses nothing when the producer awaits whenWritable() between spans", async () => {
    p = await startPipeline({ maxQueueSize: 200, batchSize: 50, queueOverflowStrategy: "block", otlpConnectionPoolSize: 2 });
    p.receiver.setFaults({ mode: "normal", latencyMs: 60 });
    const w = watch(p.runtime);
    let waits = 0;
    for (let i = 0; i < 1000; i++) {
      const s = p.runtime.snapshot();
      if (s.queue.length >= s.queue.capacity) waits++;
      await p.runtime.whenWritable();
      p.tracer.startSpan(`blocked-${i}`, {}, undefined).end();
    }
    const s = await settle(p.runtime);
    const report = w.stop();
    expect(report.violations).toEqual([]);
    // The producer really was held back: the queue reached capacity and it had to wait.
    expect(waits).toBeGreaterThan(0);
    expect(report.maxQueueLength).toBeLessThanOrEqual(200);
    expect(s.spans.dropped).toEqual({});
    expect(s.spans.exported).toBe(1000);
    expect(p.receiver.stats().spansReceived).toBe(1000);
  }, 30_000);

  it("block accepts up to twice the capacity from a producer that ignores back-pressure, then counts queue_full", async () => {
    p = await startPipeline({ maxQueueSize: 200, batchSize: 50, queueOverflowStrategy: "block", otlpConnectionPoolSize: 1 });
    // Slow enough that draining 400 to below 200 takes over a second (the check below waits 20 ms).
    p.receiver.setFaults({ mode: "normal", latencyMs: 300 });
    burst(p.tracer, 1000, "ignorer");
    const during = balanced(p.runtime, "right after the burst");
    expect(during.spans.queued).toBe(400);
    expect(during.spans.dropped.queue_full).toBe(600);
    // whenWritable stays pending while the queue is over capacity, then resolves once it drains.
    let released = false;
    void p.runtime.whenWritable().then(() => (released = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(released).toBe(false);
    await waitFor("whenWritable() to resolve after the queue drained", () => released, 15_000, () => p!.runtime.snapshot().queue);
    const s = await settle(p.runtime);
    expect(s.spans.exported).toBe(400);
    expect(p.receiver.stats().spansReceived).toBe(400);
    balanced(p.runtime, "after settling");
  }, 20_000);
});
