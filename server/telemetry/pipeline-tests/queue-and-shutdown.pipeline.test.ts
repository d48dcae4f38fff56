/**
 * Queue warning episodes, exact delivery (exported = what the collector received) and shutdown
 * with a deadline, against a real runtime and a real loopback receiver.
 */
import { afterEach, describe, expect, it } from "vitest";
import { balanced, burst, count, settle, sleep, startPipeline, startProducer, waitFor, watch, type Pipeline } from "./pipeline-harness";

let p: Pipeline | undefined;
afterEach(async () => {
  await p?.close();
  p = undefined;
});

describe("queue warning events (real HTTP)", () => {
  it("emits one queue_warning and one queue_recovered per episode, however many spans arrive in it", async () => {
    // Nothing drains on its own: the batch (100) is never full and the interval is ten minutes.
    p = await startPipeline({ maxQueueSize: 100, queueWarningThreshold: 0.5, batchSize: 100, exportIntervalMs: 600_000 });
    burst(p.tracer, 60, "e1");
    expect(count(p.events, "queue_warning")).toBe(1);
    expect(p.runtime.snapshot().queue.warning).toBe(true);
    burst(p.tracer, 30, "e1-more"); // 90%: still the same episode
    expect(count(p.events, "queue_warning")).toBe(1);
    await settle(p.runtime);
    expect(count(p.events, "queue_recovered")).toBe(1);
    expect(p.runtime.snapshot().queue.warning).toBe(false);

    burst(p.tracer, 45, "quiet"); // below the threshold: no episode
    expect(count(p.events, "queue_warning")).toBe(1);
    burst(p.tracer, 10, "e2");
    expect(count(p.events, "queue_warning")).toBe(2);
    await settle(p.runtime);
    expect(count(p.events, "queue_recovered")).toBe(2);
    const warning = p.events.find((e) => e.type === "queue_warning");
    expect(warning?.data).toMatchObject({ capacity: 100 });
    expect(p.receiver.stats().spansReceived).toBe(145);
  }, 20_000);

  it("a slow collector under steady load is one episode; recovery ends it; a second slowdown is a second one", async () => {
    p = await startPipeline({ maxQueueSize: 200, queueWarningThreshold: 0.5, batchSize: 20, otlpConnectionPoolSize: 1, exportIntervalMs: 50 });
    p.receiver.setFaults({ mode: "normal", latencyMs: 300 });
    const producer = startProducer(p.runtime, p.tracer, { perTick: 10, everyMs: 10 });
    await waitFor("queue_warning", () => count(p!.events, "queue_warning") === 1, 10_000);
    // Keep the pressure on for a while: thousands of span ends, still one warning.
    const endedAtWarning = producer.produced;
    await waitFor("more load during the episode", () => producer.produced > endedAtWarning + 300, 10_000);
    expect(count(p.events, "queue_warning")).toBe(1);
    expect(count(p.events, "queue_recovered")).toBe(0);

    producer.paused = true;
    p.receiver.setFaults({ latencyMs: 0 });
    await waitFor("queue_recovered", () => count(p!.events, "queue_recovered") === 1, 10_000);
    p.receiver.setFaults({ latencyMs: 300 });
    producer.paused = false;
    await waitFor("a second queue_warning", () => count(p!.events, "queue_warning") === 2, 10_000);
    await producer.stop();
    p.receiver.setFaults({ latencyMs: 0 });
    await settle(p.runtime);
    expect(count(p.events, "queue_recovered")).toBe(2);
    balanced(p.runtime, "after both episodes");
  }, 30_000);
});

describe("exact delivery (real HTTP, no faults)", () => {
  it("exported equals what the collector received, across protocols, compression and batch sizes", async () => {
    p = await startPipeline({ maxQueueSize: 5000, batchSize: 64, exportIntervalMs: 25 });
    const w = watch(p.runtime);
    const sizes = [1, 63, 64, 65, 500, 1234];
    const settings = [
      { otlpProtocol: "http/protobuf", otlpCompression: "gzip" },
      { otlpProtocol: "http/json", otlpCompression: "none" },
      { otlpProtocol: "http/json", otlpCompression: "gzip", compressionLevel: 9 },
      { otlpProtocol: "http/protobuf", otlpCompression: "none" },
    ];
    let total = 0;
    for (const [i, n] of sizes.entries()) {
      expect(p.runtime.apply(settings[i % settings.length]).status).toBe("applied");
      burst(p.tracer, n, `b${i}`);
      total += n;
      await sleep(30);
    }
    const s = await settle(p.runtime);
    expect(w.stop().violations).toEqual([]);
    expect(s.spans.started).toBe(total);
    expect(s.spans.exported).toBe(total);
    expect(s.spans.dropped).toEqual({});
    const stats = p.receiver.stats();
    expect(stats.spansReceived).toBe(s.spans.exported);
    expect(stats.jsonRequests).toBeGreaterThan(0);
    expect(stats.protobufRequests).toBeGreaterThan(0);
    expect(stats.gzipRequests).toBeGreaterThan(0);
    expect(stats.gzipRequests).toBeLessThan(stats.accepted);
    expect(stats.spansByService["pipeline-test"]).toBe(total);
  }, 20_000);
});

describe("shutdown with a deadline (real HTTP)", () => {
  it("counts what is still queued at the deadline as dropped.shutdown, settles in-flight exports, and keeps the invariant", async () => {
    p = await startPipeline({ batchSize: 50, otlpConnectionPoolSize: 2, exportTimeoutMs: 10_000, exportIntervalMs: 600_000 });
    p.receiver.setFaults({ mode: "hang" });
    burst(p.tracer, 500, "late");
    await waitFor("two exports to hang at the collector", () => p!.receiver.stats().faults.hang === 2, 5000);
    expect(balanced(p.runtime, "before shutdown").spans).toMatchObject({ queued: 400, inFlight: 100 });

    const t0 = Date.now();
    await p.runtime.shutdown({ deadlineMs: 300 });
    // The 10 s export timeout did not hold shutdown up: the deadline did.
    expect(Date.now() - t0).toBeLessThan(5000);
    const after = balanced(p.runtime, "right after shutdown");
    expect(after.spans.dropped.shutdown).toBe(400);
    expect(after.spans.queued).toBe(0);
    expect(p.events.some((e) => e.type === "shutdown" && e.data?.dropped === 400)).toBe(true);

    // The two aborted exports settle as exportFailed; nothing is left in between.
    await waitFor("in-flight exports to settle", () => p!.runtime.snapshot().spans.inFlight === 0, 5000);
    const end = balanced(p.runtime, "after in-flight exports settled");
    expect(end.spans).toMatchObject({ started: 500, exported: 0, exportFailed: 100, queued: 0, inFlight: 0 });
    expect(p.receiver.stats().spansReceived).toBe(0);

    // A shut-down runtime refuses changes and does not sample new spans, still balanced.
    expect(p.runtime.apply({ batchSize: 10 }).status).toBe("failed");
    burst(p.tracer, 10, "after");
    const closed = balanced(p.runtime, "spans after shutdown");
    expect(closed.spans.notSampled).toBe(10);
  }, 20_000);

  it("with a healthy collector, shutdown delivers everything and drops nothing", async () => {
    p = await startPipeline({ batchSize: 50, exportIntervalMs: 600_000 });
    p.receiver.setFaults({ mode: "normal", latencyMs: 30 });
    burst(p.tracer, 777, "graceful");
    await p.runtime.shutdown({ deadlineMs: 10_000 });
    const s = balanced(p.runtime, "after a graceful shutdown");
    expect(s.spans).toMatchObject({ exported: 777, queued: 0, inFlight: 0, dropped: {} });
    expect(p.receiver.stats().spansReceived).toBe(777);
  }, 20_000);

  it("a span that was open at shutdown and ends afterwards is not left queued forever", async () => {
    p = await startPipeline({ batchSize: 50, exportIntervalMs: 50 });
    const open = p.tracer.startSpan("open-across-shutdown");
    burst(p.tracer, 10, "before");
    await p.runtime.shutdown({ deadlineMs: 2000 });
    expect(balanced(p.runtime, "after shutdown").spans).toMatchObject({ active: 1, exported: 10, queued: 0 });
    open.end();
    // Nothing will ever export it now (the scheduler stopped): it must reach a final fate.
    await sleep(300);
    const s = balanced(p.runtime, "after the late end");
    expect(s.spans.active).toBe(0);
    expect(s.spans.queued).toBe(0);
    expect(s.spans.inFlight).toBe(0);
  }, 20_000);
});
