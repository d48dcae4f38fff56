import { afterEach, describe, expect, it, vi } from "vitest";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { eventually, quietRuntime } from "../test-support";
import type { TelemetryRuntime } from "../runtime";
import { BoundedQueue } from "./bounded-queue";
import { DynamicBatcher, nextBatching, type DynamicBatchingSettings } from "./dynamic-batching";
import { ExportScheduler } from "./export-scheduler";
import { SpanAccounting } from "./span-accounting";

// Real runtimes and sockets: generous per-test time so a loaded 2-core machine does not time out.
vi.setConfig({ testTimeout: 30_000 });

/** The guide's DynamicBatchConfig example. */
const GUIDE: DynamicBatchingSettings = { minBatchSize: 128, maxBatchSize: 4096, minIntervalMs: 1000, maxIntervalMs: 10000, targetQueueUtilization: 0.7 };
const at = (utilization: number, arrivalsPerSec = 100, queueCapacity = 16384) => ({ utilization, arrivalsPerSec, queueCapacity });

describe("nextBatching", () => {
  it("shortens the interval when the queue is fuller than the target", () => {
    const next = nextBatching({ batchSize: 512, intervalMs: 5000 }, at(0.95), GUIDE);
    expect(next.intervalMs).toBeLessThan(5000);
    expect(next.intervalMs).toBe(Math.round(5000 / (1 + 0.25 / 0.7)));
  });

  it("lengthens the interval when the queue is emptier than the target", () => {
    expect(nextBatching({ batchSize: 512, intervalMs: 2000 }, at(0.5), GUIDE).intervalMs).toBeGreaterThan(2000);
    expect(nextBatching({ batchSize: 512, intervalMs: 2000 }, at(0), GUIDE).intervalMs).toBe(4000); // at most x2 per step
  });

  it("keeps the interval at the target and moves at most x2 per step", () => {
    expect(nextBatching({ batchSize: 512, intervalMs: 3000 }, at(0.7), GUIDE).intervalMs).toBe(3000);
    expect(nextBatching({ batchSize: 512, intervalMs: 6000 }, at(5), GUIDE).intervalMs).toBe(3000);
  });

  it("clamps the interval and the batch size to their bounds", () => {
    expect(nextBatching({ batchSize: 512, intervalMs: 1200 }, at(1), GUIDE).intervalMs).toBe(1000);
    expect(nextBatching({ batchSize: 512, intervalMs: 9000 }, at(0.1), GUIDE).intervalMs).toBe(10000);
    expect(nextBatching({ batchSize: 512, intervalMs: 5000 }, at(0.7, 10), GUIDE).batchSize).toBe(128);
    expect(nextBatching({ batchSize: 512, intervalMs: 5000 }, at(0.7, 100_000), GUIDE).batchSize).toBe(4096);
  });

  it("sizes the batch to one interval's arrivals, or to the backlog above target when larger", () => {
    expect(nextBatching({ batchSize: 512, intervalMs: 5000 }, at(0.7, 200), GUIDE)).toEqual({ batchSize: 1000, intervalMs: 5000 });
    const backlog = nextBatching({ batchSize: 512, intervalMs: 5000 }, at(0.8, 10, 20000), GUIDE);
    expect(backlog.batchSize).toBe(2000); // (0.8 - 0.7) x 20000 queued above target
  });

  it("under sustained pressure walks down to the minimum interval, then back up when it eases", () => {
    let point = { batchSize: 512, intervalMs: 10000 };
    const seen: number[] = [];
    for (let i = 0; i < 10; i++) seen.push((point = nextBatching(point, at(0.95), GUIDE)).intervalMs);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeLessThanOrEqual(seen[i - 1]);
    expect(seen.at(-1)).toBe(1000);
    for (let i = 0; i < 10; i++) point = nextBatching(point, at(0.2), GUIDE);
    expect(point.intervalMs).toBe(10000);
  });
});

describe("DynamicBatcher on a real scheduler", () => {
  let scheduler: ExportScheduler | undefined;
  let rt: TelemetryRuntime | undefined;
  afterEach(async () => {
    await scheduler?.stop();
    await rt?.shutdown({ deadlineMs: 100 });
    scheduler = undefined;
    rt = undefined;
  });

  it("pushes each new batching point into the scheduler, using the observed arrival rate", () => {
    const queue = new BoundedQueue<ReadableSpan>(1000);
    const settings = { batchSize: 512, intervalMs: 5000, concurrency: 1, asyncExport: true, eagerWhenFull: false };
    scheduler = new ExportScheduler(queue, new SpanAccounting(), settings, null, null, null, { onExportError() {}, onDrained() {} });
    const batcher = new DynamicBatcher(GUIDE);
    for (let i = 0; i < 950; i++) queue.push({} as ReadableSpan); // 95% full: above the 70% target
    batcher.tick(scheduler, queue, 0, 10_000);
    expect(scheduler.settings.intervalMs).toBe(Math.round(5000 / (1 + 0.25 / 0.7)));
    batcher.tick(scheduler, queue, 3000, 11_000); // 3000 spans ended in 1 s
    expect(scheduler.settings.batchSize).toBe(4096); // 3000/s x ~2.7 s, clamped
    expect(scheduler.settings.concurrency).toBe(1); // other settings untouched
    queue.take(1000);
    const before = scheduler.settings.intervalMs;
    batcher.tick(scheduler, queue, 3000, 12_000);
    expect(scheduler.settings.intervalMs).toBe(Math.min(10000, before * 2));
  });

  it("the runtime reports dynamic batching in its snapshot and starts from the configured point", () => {
    rt = quietRuntime({ dynamicBatching: GUIDE, batchSize: 256, exportIntervalMs: 2000 });
    expect(rt.snapshot().batching).toEqual({ batchSize: 256, intervalMs: 2000, dynamic: true });
    rt.apply({ dynamicBatching: null });
    expect(rt.snapshot().batching.dynamic).toBe(false);
  });

  it("an unrelated live change keeps the point dynamic batching has moved to", async () => {
    const fast = { minBatchSize: 1, maxBatchSize: 1000, minIntervalMs: 10, maxIntervalMs: 5000, targetQueueUtilization: 0.7 };
    rt = quietRuntime({ dynamicBatching: fast, exportIntervalMs: 20 });
    // An idle queue is below target, so each tick lengthens the interval.
    expect(await eventually(() => rt!.snapshot().batching.intervalMs >= 80, 5000)).toBe(true);
    const learned = rt.snapshot().batching;
    rt.apply({ sampleRate: 0.5 });
    expect(rt.snapshot().batching).toEqual(learned);
  });
});
