/** Overflow policies as a user sees them: a burst of real spans into a live runtime. */
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ROOT_CONTEXT } from "@opentelemetry/api";
import { createTelemetryRuntime, type TelemetryRuntime } from "../runtime";
import { accountedSpans, type RuntimeEvent } from "../snapshot";
import { readOtlpJsonLines, tempDir } from "../test-support";

// Real runtimes and sockets: generous per-test time so a loaded 2-core machine does not time out.
vi.setConfig({ testTimeout: 30_000 });

let tmp: ReturnType<typeof tempDir>;
let rt: TelemetryRuntime | undefined;
let file: string;
beforeEach(() => {
  tmp = tempDir();
  file = path.join(tmp.dir, "spans.jsonl");
});
afterEach(async () => {
  await rt?.shutdown({ deadlineMs: 1000 });
  rt = undefined;
  tmp.remove();
});

/**
 * A runtime exporting to a file, with a 10-minute timer. A synchronous burst cannot be drained
 * while it runs (exports start on a later tick), so drop counts right after it are exact.
 */
function burstRuntime(strategy: string, capacity = 100): TelemetryRuntime {
  return createTelemetryRuntime({
    exporterType: "file",
    filePath: file,
    maxQueueSize: capacity,
    batchSize: capacity,
    exportIntervalMs: 600_000,
    queueOverflowStrategy: strategy,
    circuitBreaker: null,
  });
}

function burst(runtime: TelemetryRuntime, n: number): void {
  const tracer = runtime.tracerProvider.getTracer("burst");
  for (let i = 0; i < n; i++) tracer.startSpan(`s-${i}`, {}, ROOT_CONTEXT).end();
}

const names = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `s-${from + i}`);

describe("overflow policies in the runtime", () => {
  it("drop_newest: exact queue_full drops, the first spans are the ones exported", async () => {
    rt = burstRuntime("drop_newest");
    burst(rt, 250);
    const snap = rt.snapshot();
    expect(snap.spans.dropped).toEqual({ queue_full: 150 });
    expect(snap.spans.queued).toBe(100);
    expect(snap.queue).toMatchObject({ length: 100, capacity: 100, utilization: 1, strategy: "drop_newest" });
    expect(accountedSpans(snap.spans)).toBe(snap.spans.started);
    await rt.flush();
    expect(readOtlpJsonLines(file).map((s) => s.name)).toEqual(names(0, 100));
    expect(rt.snapshot().spans.exported).toBe(100);
  });

  it("drop_oldest: exact evicted_oldest drops, the newest spans are the ones exported", async () => {
    rt = burstRuntime("drop_oldest");
    burst(rt, 250);
    const snap = rt.snapshot();
    expect(snap.spans.dropped).toEqual({ evicted_oldest: 150 });
    expect(accountedSpans(snap.spans)).toBe(snap.spans.started);
    await rt.flush();
    expect(readOtlpJsonLines(file).map((s) => s.name)).toEqual(names(150, 250));
  });

  it("block: a burst below twice the capacity loses nothing; beyond it, exact queue_full", async () => {
    rt = burstRuntime("block");
    burst(rt, 190);
    expect(rt.snapshot().spans.dropped).toEqual({});
    expect(rt.snapshot().spans.queued).toBe(190);
    await rt.flush();
    expect(rt.snapshot().spans).toMatchObject({ exported: 190, dropped: {}, queued: 0 });
    expect(readOtlpJsonLines(file).map((s) => s.name)).toEqual(names(0, 190));

    burst(rt, 250); // a producer ignoring back-pressure: 200 fit (2x capacity), 50 do not
    expect(rt.snapshot().spans.dropped).toEqual({ queue_full: 50 });
  });

  it("block: whenWritable waits while the queue is over capacity and resolves once exports make room", async () => {
    rt = burstRuntime("block");
    burst(rt, 150);
    let resolved = false;
    const writable = rt.whenWritable().then(() => (resolved = true));
    await Promise.resolve();
    expect(resolved).toBe(false);
    await writable; // eager export while over capacity, no 10-minute timer wait
    expect(rt.snapshot().queue.length).toBeLessThan(100);
    await rt.flush();
    expect(rt.snapshot().spans.exported).toBe(150);
  });

  it("a live switch of strategy applies to the very next overflow", () => {
    rt = burstRuntime("drop_newest", 10);
    burst(rt, 15);
    rt.apply({ queueOverflowStrategy: "drop_oldest" });
    burst(rt, 4);
    expect(rt.snapshot().spans.dropped).toEqual({ queue_full: 5, evicted_oldest: 4 });
  });

  it("shrinking maxQueueSize live keeps queued spans (nothing lost by the resize)", async () => {
    rt = burstRuntime("drop_newest", 100);
    rt.apply({ batchSize: 20 });
    burst(rt, 80);
    rt.apply({ maxQueueSize: 20 });
    const snap = rt.snapshot();
    expect(snap.queue).toMatchObject({ length: 80, capacity: 20 });
    expect(snap.spans.dropped).toEqual({});
    await rt.flush();
    expect(rt.snapshot().spans.exported).toBe(80);
  });

  it("raises one queue_warning at the threshold and one queue_recovered after draining", async () => {
    rt = burstRuntime("drop_newest", 100);
    const events: RuntimeEvent[] = [];
    rt.on("event", (e) => events.push(e));
    burst(rt, 300);
    expect(events.filter((e) => e.type === "queue_warning")).toHaveLength(1);
    expect(rt.snapshot().queue.warning).toBe(true);
    await rt.flush();
    expect(events.filter((e) => e.type === "queue_recovered")).toHaveLength(1);
    expect(rt.snapshot().queue.warning).toBe(false);
  });
});
