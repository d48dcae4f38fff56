/** Batching and export scheduling as a collector sees it: batch sizes, the timer, the pool. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { ROOT_CONTEXT } from "@opentelemetry/api";
import { createTelemetryRuntime, type TelemetryRuntime } from "../runtime";
import { accountedSpans } from "../snapshot";
import { eventually, startCollector, type Collector, type CollectedRequest } from "../test-support";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { BoundedQueue } from "./bounded-queue";
import { ExportScheduler } from "./export-scheduler";
import { SpanAccounting } from "./span-accounting";
import { succeeded, type SpanExporterStrategy } from "../export/span-exporter";

// Real runtimes and sockets: generous per-test time so a loaded 2-core machine does not time out.
vi.setConfig({ testTimeout: 30_000 });

let rt: TelemetryRuntime | undefined;
let collector: Collector | undefined;
afterEach(async () => {
  await rt?.shutdown({ deadlineMs: 500 });
  await collector?.close();
  rt = collector = undefined;
});

const spansIn = (req: CollectedRequest) =>
  (JSON.parse(req.body.toString("utf8")) as { resourceSpans: { scopeSpans: { spans: unknown[] }[] }[] }).resourceSpans
    .flatMap((r) => r.scopeSpans)
    .reduce((n, s) => n + s.spans.length, 0);

function runtimeFor(url: string, config: Record<string, unknown>): TelemetryRuntime {
  return createTelemetryRuntime({ otlpEndpoint: url, otlpProtocol: "http/json", circuitBreaker: null, ...config });
}

function endSpans(runtime: TelemetryRuntime, n: number): void {
  const tracer = runtime.tracerProvider.getTracer("t");
  for (let i = 0; i < n; i++) tracer.startSpan(`s${i}`, {}, ROOT_CONTEXT).end();
}

describe("export scheduling", () => {
  it("sends full batches of batchSize as soon as they fill, without waiting for the timer", async () => {
    collector = await startCollector();
    rt = runtimeFor(collector.url, { batchSize: 25, exportIntervalMs: 600_000 });
    endSpans(rt, 110);
    expect(await eventually(() => rt!.snapshot().spans.exported === 100)).toBe(true);
    expect(collector.requests.map(spansIn)).toEqual([25, 25, 25, 25]);
    expect(rt.snapshot().spans.queued).toBe(10); // the partial batch waits for the timer or a flush
    await rt.flush();
    expect(collector.requests.map(spansIn)).toEqual([25, 25, 25, 25, 10]);
  });

  it("sends a partial batch every exportIntervalMs", async () => {
    collector = await startCollector();
    rt = runtimeFor(collector.url, { batchSize: 1000, exportIntervalMs: 50 });
    endSpans(rt, 3);
    expect(await eventually(() => rt!.snapshot().spans.exported === 3)).toBe(true);
    expect(collector.requests.map(spansIn)).toEqual([3]);
  });

  it("a live exportIntervalMs change re-arms the timer", async () => {
    collector = await startCollector();
    rt = runtimeFor(collector.url, { batchSize: 1000, exportIntervalMs: 600_000 });
    endSpans(rt, 4);
    rt.apply({ exportIntervalMs: 30 });
    expect(await eventually(() => rt!.snapshot().spans.exported === 4)).toBe(true);
    expect(rt.snapshot().batching.intervalMs).toBe(30);
  });

  it("never has more exports in flight than otlpConnectionPoolSize", async () => {
    let open = 0;
    let maxOpen = 0;
    collector = await startCollector(() => {
      open++;
      maxOpen = Math.max(maxOpen, open);
      setTimeout(() => open--, 150);
      return { status: 200, delayMs: 150 };
    });
    rt = runtimeFor(collector.url, { batchSize: 5, exportIntervalMs: 600_000, otlpConnectionPoolSize: 2 });
    endSpans(rt, 50);
    expect(rt.snapshot().export.inFlight).toBeLessThanOrEqual(10);
    await rt.flush();
    expect(rt.snapshot().spans.exported).toBe(50);
    expect(collector.requests).toHaveLength(10);
    expect(maxOpen).toBeLessThanOrEqual(2);
    expect(maxOpen).toBe(2);
  });

  it("with asyncExport off, each span is exported alone as it ends", async () => {
    collector = await startCollector();
    rt = runtimeFor(collector.url, { asyncExport: false, batchSize: 100, exportIntervalMs: 600_000 });
    endSpans(rt, 4);
    await rt.flush();
    expect(collector.requests.map(spansIn)).toEqual([1, 1, 1, 1]);
  });

  it("switching exporter live: batches in flight finish on the old one and are counted once", async () => {
    collector = await startCollector(() => ({ status: 200, delayMs: 100 }));
    rt = runtimeFor(collector.url, { batchSize: 10, exportIntervalMs: 600_000 });
    endSpans(rt, 10);
    expect(await eventually(() => rt!.snapshot().spans.inFlight === 10)).toBe(true);
    rt.apply({ exporterType: "none" });
    endSpans(rt, 10);
    await rt.flush();
    expect(await eventually(() => rt!.snapshot().spans.inFlight === 0)).toBe(true);
    const s = rt.snapshot().spans;
    expect(s).toMatchObject({ exported: 10, dropped: { no_exporter: 10 } });
    expect(accountedSpans(s)).toBe(s.started);
  });
});

describe("export CPU for the overhead estimate", () => {
  /** An exporter that reports 100 us of payload work, 60 of them synchronous (serialization). */
  const reporting: SpanExporterStrategy = {
    type: "otlp",
    identity: "fake",
    export: async (spans) => ({ ...succeeded(spans.length), cpuUs: 100, syncCpuUs: 60 }),
    shutdown: async () => {},
  };

  function schedulerWith(asyncExport: boolean) {
    const queue = new BoundedQueue<ReadableSpan>(100);
    const settings = { batchSize: 10, intervalMs: 600_000, concurrency: 4, asyncExport, eagerWhenFull: false };
    const scheduler = new ExportScheduler(queue, new SpanAccounting(), settings, reporting, null, null, { onExportError() {}, onDrained() {} });
    const endSpan = () => {
      queue.push({} as ReadableSpan);
      scheduler.notifyQueued();
    };
    return { scheduler, endSpan };
  }

  it("counts an export started inside span.end() (asyncExport off) without its synchronous part, which end()'s timer already holds", async () => {
    const { scheduler, endSpan } = schedulerWith(false);
    endSpan();
    endSpan();
    await scheduler.flush();
    expect(scheduler.stats).toMatchObject({ batches: 2, cpuUs: 2 * 40 });
    await scheduler.stop();
  });

  it("counts every microsecond of an export started off the span-end path", async () => {
    const { scheduler, endSpan } = schedulerWith(true);
    for (let i = 0; i < 20; i++) endSpan();
    await scheduler.flush();
    expect(scheduler.stats).toMatchObject({ batches: 2, cpuUs: 2 * 100 });
    // Neither is a config change that turns asyncExport off and so exports what is queued, nor a flush.
    endSpan(); // queued: a partial batch
    scheduler.update({ ...scheduler.settings, asyncExport: false });
    await scheduler.flush();
    expect(scheduler.stats).toMatchObject({ batches: 3, cpuUs: 3 * 100 });
    const queue = (scheduler as unknown as { queue: BoundedQueue<ReadableSpan> }).queue;
    queue.push({} as ReadableSpan);
    await scheduler.flush();
    expect(scheduler.stats).toMatchObject({ batches: 4, cpuUs: 4 * 100 });
    await scheduler.stop();
  });
});

describe("the behind hint (adaptive compression)", () => {
  /** An exporter that records each batch's hint and holds every export until released. */
  function holdingExporter() {
    const calls: { size: number; behind: boolean; full: boolean; release: () => void }[] = [];
    const exporter: SpanExporterStrategy = {
      type: "otlp",
      identity: "holding",
      export: (batch, hints) =>
        new Promise((resolve) => {
          const behind = hints?.behind === true;
          // As the OTLP exporter with adaptiveCompression does: a batch behind is compressed fast.
          calls.push({ size: batch.length, behind, full: hints?.full === true, release: () => resolve({ ...succeeded(batch.length), ...(behind ? { fastCompression: true } : {}) }) });
        }),
      shutdown: async () => {},
    };
    return { calls, exporter };
  }

  function setup() {
    const queue = new BoundedQueue<ReadableSpan>(1000);
    const { calls, exporter } = holdingExporter();
    const settings = { batchSize: 10, intervalMs: 600_000, concurrency: 1, asyncExport: true, eagerWhenFull: false };
    const scheduler = new ExportScheduler(queue, new SpanAccounting(), settings, exporter, null, null, { onExportError() {}, onDrained() {} });
    const end = (n: number) => {
      for (let i = 0; i < n; i++) {
        queue.push({} as ReadableSpan);
        scheduler.notifyQueued();
      }
    };
    const settled = () => new Promise((resolve) => setImmediate(resolve));
    return { calls, scheduler, end, settled };
  }

  it("marks batches taken while a full batch waits behind them, and counts those the exporter compressed fast", async () => {
    const { calls, scheduler, end, settled } = setup();
    end(35); // three and a half batches arrive before the exporter (one connection) is free
    await settled();
    for (let i = 0; i < 3; i++) {
      expect(calls.length).toBe(i + 1);
      calls[i].release();
      await settled();
    }
    // Taken with 25 and 15 spans behind them: behind. With 5 behind (less than a batch): caught up.
    expect(calls.map((c) => [c.size, c.behind])).toEqual([
      [10, true],
      [10, true],
      [10, false],
    ]);
    expect(scheduler.stats).toMatchObject({ batches: 3, fastCompressed: 2 });
    // The remainder (5 spans) goes with the next flush: neither behind nor full.
    const flushed = scheduler.flush(5000);
    await settled();
    expect(calls.map((c) => [c.size, c.full])).toEqual([
      [10, true],
      [10, true],
      [10, true],
      [5, false],
    ]);
    calls[3].release();
    await flushed;
  });

  it("never marks a batch while the pipeline keeps up", async () => {
    const { calls, scheduler, end, settled } = setup();
    for (let round = 0; round < 3; round++) {
      end(10);
      await settled();
      calls[round].release();
      await settled();
    }
    expect(calls.map((c) => c.behind)).toEqual([false, false, false]);
    expect(scheduler.stats.fastCompressed).toBe(0);
  });
});
