/**
 * The product's promise: started = every counted fate, at every snapshot, whatever happens.
 * Real runtime, real OTLP/HTTP export to a loopback collector that sometimes fails.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { ROOT_CONTEXT, trace, type Span } from "@opentelemetry/api";
import { createTelemetryRuntime, type TelemetryRuntime } from "../runtime";
import { accountedSpans, type RuntimeEvent, type TelemetrySnapshot } from "../snapshot";
import { eventually, seededRandom, startCollector, type Collector } from "../test-support";

// Real runtimes and sockets: generous per-test time so a loaded 2-core machine does not time out.
vi.setConfig({ testTimeout: 30_000 });

let rt: TelemetryRuntime | undefined;
let collector: Collector | undefined;
afterEach(async () => {
  await rt?.shutdown({ deadlineMs: 200 });
  await collector?.close();
  rt = undefined;
  collector = undefined;
});

function balanced(s: TelemetrySnapshot): boolean {
  return accountedSpans(s.spans) === s.spans.started;
}

const spansIn = (body: Buffer) =>
  (JSON.parse(body.toString("utf8")) as { resourceSpans: { scopeSpans: { spans: unknown[] }[] }[] }).resourceSpans
    .flatMap((r) => r.scopeSpans)
    .reduce((n, s) => n + s.spans.length, 0);

/** Random live changes. Turning sampling off is a separate, self-reverting operation (below). */
const PATCHES: Record<string, unknown>[] = [
  { sampleRate: 0.3 },
  { sampleRate: 1 },
  { maxQueueSize: 15 },
  { maxQueueSize: 300 },
  { queueOverflowStrategy: "drop_newest" },
  { queueOverflowStrategy: "drop_oldest" },
  { queueOverflowStrategy: "block" },
  { batchSize: 3 },
  { batchSize: 40 },
  { exportIntervalMs: 5 },
  { exportIntervalMs: 60 },
  { otlpCompression: "none" },
  { otlpCompression: "gzip" },
  { exporterType: "none" },
  { exporterType: "console" },
  { exporterType: "otlp" },
  { exporterType: "otlp" },
  { otlpConnectionPoolSize: 1 },
  { otlpConnectionPoolSize: 4 },
  { sampler: { type: "tiered", levels: [{ level: "root", rate: 0.8 }, { level: "child", rate: 0.5 }] } },
  { sampler: { type: "ratio" } },
  { asyncExport: false },
  { asyncExport: true },
  { fallbackAction: "console" },
  { fallbackAction: "disable" },
  { circuitBreaker: { failureThreshold: 0.9, timeoutDuration: 0.2, halfOpenRequests: 1, windowSize: 5, minimumRequests: 3 } },
  { circuitBreaker: { failureThreshold: 0.6, timeoutDuration: 0.5, halfOpenRequests: 2, windowSize: 10, minimumRequests: 5 } },
];

describe("span accounting invariant", () => {
  it.each([
    [1, 0.7],
    [2, 0.7],
    [3, 0.7],
    [4, 0.2],
    [5, 0.2],
  ])("holds at every snapshot under random operations (seed %i, %s of exports answered 200), and everything settles after flush", async (seed, okShare) => {
    const rand = seededRandom(seed);
    const answers = seededRandom(seed + 100);
    const statuses: number[] = [];
    collector = await startCollector((_req, index) => {
      const r = answers();
      const delayMs = Math.floor(answers() * 8);
      statuses[index] = r < okShare ? 200 : r < okShare + (1 - okShare) * 0.7 ? 503 : 400;
      return { status: statuses[index], delayMs };
    });
    let consoleSpans = 0; // the console exporter (primary or fallback) writes one line per span
    rt = createTelemetryRuntime(
      {
        exporterType: "otlp",
        otlpEndpoint: collector.url,
        otlpProtocol: "http/json",
        maxExportAttempts: 2,
        exportTimeoutMs: 2000,
        batchSize: 10,
        exportIntervalMs: 15,
        maxQueueSize: 60,
        queueOverflowStrategy: "drop_oldest",
        circuitBreaker: { failureThreshold: 0.6, timeoutDuration: 0.5, halfOpenRequests: 2, windowSize: 10, minimumRequests: 5 },
        fallbackAction: "disable",
      },
      { consoleWriter: (text) => (consoleSpans += text.split("\n").length - 1) },
    );
    const tracer = rt.tracerProvider.getTracer("random-ops");
    const open: Span[] = [];
    let snapshots = 0;
    let reenableAt = -1;
    const check = () => {
      const s = rt!.snapshot();
      snapshots++;
      if (!balanced(s)) throw new Error(`unbalanced after ${snapshots} snapshots: ${JSON.stringify(s.spans)}`);
    };
    for (let step = 0; step < 600; step++) {
      const r = rand();
      if (step === reenableAt) rt.apply({ enabled: true });
      if (r < 0.3) open.push(tracer.startSpan("root", {}, ROOT_CONTEXT));
      else if (r < 0.5 && open.length > 0) {
        const parent = open[Math.floor(rand() * open.length)];
        open.push(tracer.startSpan("child", {}, trace.setSpan(ROOT_CONTEXT, parent)));
      } else if (r < 0.85 && open.length > 0) open.splice(Math.floor(rand() * open.length), 1)[0].end();
      else if (r < 0.895) rt.apply(PATCHES[Math.floor(rand() * PATCHES.length)]);
      else if (r < 0.9 && reenableAt < step) {
        rt.apply({ enabled: false });
        reenableAt = step + 20;
      } else await new Promise((res) => setTimeout(res, Math.floor(rand() * 6)));
      check();
    }
    for (const span of open.splice(0)) {
      span.end();
      check();
    }
    const settled = await eventually(() => {
      check();
      const s = rt!.snapshot().spans;
      return s.queued === 0 && s.inFlight === 0;
    }, 10_000);
    await rt.flush();
    const end = rt.snapshot();
    expect(settled).toBe(true);
    expect(balanced(end)).toBe(true);
    expect(end.spans).toMatchObject({ active: 0, queued: 0, inFlight: 0 });
    expect(end.spans.started).toBeGreaterThan(200);
    expect(snapshots).toBeGreaterThan(600);
    // Delivered = exactly what the collector acknowledged with a 200, plus what the console printed.
    const acked = collector.requests.filter((_, i) => statuses[i] === 200).reduce((n, req) => n + spansIn(req.body), 0);
    expect(end.spans.exported + end.spans.fallback).toBe(acked + consoleSpans);
    // The run exercised the pipeline: spans were sampled and reached the collector.
    expect(end.spans.started - end.spans.notSampled).toBeGreaterThan(20);
    expect(collector.requests.length).toBeGreaterThan(0);
  });

  it("exporterType none counts every ended span as a no_exporter drop", async () => {
    rt = createTelemetryRuntime({ exporterType: "none", exportIntervalMs: 600_000, batchSize: 16 });
    const tracer = rt.tracerProvider.getTracer("t");
    for (let i = 0; i < 50; i++) tracer.startSpan("s", {}, ROOT_CONTEXT).end();
    const open = tracer.startSpan("still-open", {}, ROOT_CONTEXT);
    await rt.flush();
    const s = rt.snapshot();
    expect(s.spans).toMatchObject({ started: 51, active: 1, queued: 0, exported: 0, dropped: { no_exporter: 50 } });
    expect(s.export.exporter).toBe("none");
    expect(balanced(s)).toBe(true);
    open.end();
  });

  it("shutdown with a hanging collector: queued leftovers become shutdown drops, in-flight ones settle as failed", async () => {
    collector = await startCollector(() => "hang");
    rt = createTelemetryRuntime({
      exporterType: "otlp",
      otlpEndpoint: collector.url,
      otlpConnectionPoolSize: 1,
      batchSize: 10,
      exportIntervalMs: 600_000,
      exportTimeoutMs: 30_000,
      circuitBreaker: null,
    });
    const events: RuntimeEvent[] = [];
    rt.on("event", (e) => events.push(e));
    const tracer = rt.tracerProvider.getTracer("t");
    for (let i = 0; i < 100; i++) tracer.startSpan("s", {}, ROOT_CONTEXT).end();
    const started = Date.now();
    await rt.shutdown({ deadlineMs: 150 });
    expect(Date.now() - started).toBeLessThan(5000);
    const at = rt.snapshot();
    expect(balanced(at)).toBe(true);
    expect(at.spans.dropped.shutdown).toBe(90); // one batch of 10 was in flight on the single connection
    expect(at.spans.queued).toBe(0);
    expect(await eventually(() => rt!.snapshot().spans.inFlight === 0)).toBe(true);
    const end = rt.snapshot();
    expect(end.spans).toMatchObject({ exported: 0, exportFailed: 10, dropped: { shutdown: 90 } });
    expect(balanced(end)).toBe(true);
    expect(events.find((e) => e.type === "shutdown")).toMatchObject({ level: "warn", data: { dropped: 90 } });
    expect(rt.apply({ sampleRate: 0.5 }).status).toBe("failed");
  });
});
