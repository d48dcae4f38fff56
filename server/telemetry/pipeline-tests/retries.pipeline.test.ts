/**
 * Export retries over real HTTP (OTLP/HTTP spec): 429/502/503/504 and network errors are retried,
 * Retry-After is honoured, other 4xx are not retried; exhausted retries end as exportFailed.
 */
import { afterEach, describe, expect, it } from "vitest";
import { balanced, burst, settle, startPipeline, waitFor, type Pipeline } from "./pipeline-harness";

let p: Pipeline | undefined;
afterEach(async () => {
  await p?.close();
  p = undefined;
});

describe("export retries (real HTTP)", () => {
  it("retries a 503 after its Retry-After and delivers the batch once the collector recovers", async () => {
    p = await startPipeline({ maxExportAttempts: 3, exportTimeoutMs: 2000, batchSize: 10, exportIntervalMs: 10_000 });
    p.receiver.setFaults({ mode: "normal", errorRate: 1, errorStatus: 503, retryAfterSec: 1 });
    burst(p.tracer, 10, "retry");
    // batchSize reached: one export starts right away and meets the 503.
    await waitFor("the collector to answer 503 once", () => p!.receiver.stats().faults.error >= 1, 5000);
    p.receiver.setFaults({ mode: "normal", errorRate: 0, retryAfterSec: null });
    expect(balanced(p.runtime, "while waiting out Retry-After").spans.inFlight).toBe(10);
    await waitFor("the retried batch to be exported", () => p!.runtime.snapshot().spans.exported === 10, 10_000, () => p!.runtime.snapshot().spans);

    const s = balanced(p.runtime, "after the retry");
    expect(s.export.retries).toBeGreaterThan(0);
    expect(s.spans.exportFailed).toBe(0);
    const stats = p.receiver.stats();
    expect(stats.spansReceived).toBe(10);
    expect(stats.faults.error).toBe(1);
    expect(stats.accepted).toBe(1);
  }, 20_000);

  it("waits Retry-After between attempts instead of retrying at once", async () => {
    p = await startPipeline({ maxExportAttempts: 2, exportTimeoutMs: 2000, batchSize: 5, exportIntervalMs: 10_000 });
    p.receiver.setFaults({ mode: "normal", errorRate: 1, errorStatus: 429, retryAfterSec: 1 });
    const t0 = Date.now();
    burst(p.tracer, 5, "wait");
    await waitFor("the first 429", () => p!.receiver.stats().faults.error >= 1, 5000);
    await waitFor("the second attempt", () => p!.receiver.stats().faults.error >= 2, 10_000);
    // The second attempt came no earlier than the one second the collector asked for (minus timer slack).
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    await waitFor("the batch to fail after its last attempt", () => p!.runtime.snapshot().spans.exportFailed === 5, 5000);
    const s = balanced(p.runtime, "after the retries ran out");
    expect(s.export.retries).toBe(1);
    expect(s.spans.exported).toBe(0);
    expect(p.receiver.stats().faults.error).toBe(2);
  }, 20_000);

  it("does not retry a 400: one request, the batch counted as exportFailed", async () => {
    p = await startPipeline({ maxExportAttempts: 5, exportTimeoutMs: 2000, batchSize: 10, exportIntervalMs: 10_000 });
    p.receiver.setFaults({ mode: "normal", errorRate: 1, errorStatus: 400 });
    burst(p.tracer, 10, "bad");
    await waitFor("the batch to fail", () => p!.runtime.snapshot().spans.exportFailed === 10, 5000, () => p!.runtime.snapshot().spans);
    // Give a (wrong) retry every chance to show up before looking.
    await new Promise((r) => setTimeout(r, 400));
    const s = balanced(p.runtime, "after the 400");
    expect(s.export.retries).toBe(0);
    expect(s.export.lastError).toMatch(/400/);
    expect(s.spans.exported).toBe(0);
    const stats = p.receiver.stats();
    expect(stats.requests).toBe(1);
    expect(stats.faults.error).toBe(1);
    expect(stats.spansReceived).toBe(0);
  }, 20_000);

  it("gives up at maxExportAttempts on repeated 503s without Retry-After (exponential backoff)", async () => {
    p = await startPipeline({ maxExportAttempts: 3, exportTimeoutMs: 2000, batchSize: 10, exportIntervalMs: 10_000 });
    p.receiver.setFaults({ mode: "outage" });
    burst(p.tracer, 10, "exhaust");
    await waitFor("the batch to fail after three attempts", () => p!.runtime.snapshot().spans.exportFailed === 10, 10_000);
    const s = balanced(p.runtime, "after three attempts");
    expect(s.export.retries).toBe(2);
    expect(p.receiver.stats().faults.outage).toBe(3);
  }, 20_000);

  it("retries a reset connection (network error) and delivers on the next attempt", async () => {
    p = await startPipeline({ maxExportAttempts: 6, exportTimeoutMs: 2000, batchSize: 10, exportIntervalMs: 10_000 });
    p.receiver.setFaults({ mode: "reset" });
    burst(p.tracer, 10, "reset");
    await waitFor("a reset", () => p!.receiver.stats().faults.reset >= 1, 5000);
    p.receiver.setFaults({ mode: "normal" });
    const s = await settle(p.runtime);
    expect(s.spans.exported).toBe(10);
    expect(s.export.retries).toBeGreaterThan(0);
    expect(p.receiver.stats().spansReceived).toBe(10);
    balanced(p.runtime, "after the reset");
  }, 20_000);

  it("a Retry-After longer than the export timeout fails the batch now instead of waiting", async () => {
    p = await startPipeline({ maxExportAttempts: 3, exportTimeoutMs: 1000, batchSize: 10, exportIntervalMs: 10_000 });
    p.receiver.setFaults({ mode: "normal", errorRate: 1, errorStatus: 503, retryAfterSec: 30 });
    const t0 = Date.now();
    burst(p.tracer, 10, "toolong");
    await waitFor("the batch to fail", () => p!.runtime.snapshot().spans.exportFailed === 10, 10_000);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(p.runtime.snapshot().export.retries).toBe(0);
    expect(p.receiver.stats().faults.error).toBe(1);
  }, 20_000);
});
