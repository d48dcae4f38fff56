import { afterEach, describe, expect, it } from "vitest";
import { ROOT_CONTEXT, trace, type Tracer } from "@opentelemetry/api";
import { startCollector, type Collector } from "../test-support";
import { measureOverhead } from "./measure-overhead";

/** An agent-shaped trace: a root and `children` child spans with a few attributes each. */
function tracedOperation(tracer: Tracer, children = 9): void {
  const root = tracer.startSpan("agent.run", { attributes: { "agent.name": "test-agent", priority: "normal", "request.id": "r-1" } }, ROOT_CONTEXT);
  const ctx = trace.setSpan(ROOT_CONTEXT, root);
  for (let i = 0; i < children; i++) {
    const span = tracer.startSpan("llm.call", { attributes: { provider: "openai", model: "gpt-4o", "llm.tokens.input": 100 + i, "llm.prompt": "summarize the ticket" } }, ctx);
    span.setAttribute("llm.tokens.output", 20);
    span.end();
  }
  root.end();
}

/**
 * Measurement tests: these compare CPU time of interleaved arms on a shared machine, so a burst of
 * outside load (another test file's process on the same two cores) can invert one run's small
 * differences. They get two more attempts; a real regression (telemetry that costs nothing, or
 * the wrong sign) fails all three.
 */
const MEASUREMENT = { timeout: 60_000, retry: 2 };

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

describe("measureOverhead", () => {
  it("measures what exporting every span adds to a workload, against the same workload with telemetry disabled", MEASUREMENT, async () => {
    const r = await measureOverhead({ workload: (t) => tracedOperation(t), iterations: 400, telemetryConfig: { sampleRate: 1 } });
    // Ten recorded, exported spans per iteration cost far more than the unsampled ones.
    expect(r.percentage).toBeGreaterThan(50);
    expect(r.latencyMs).toBeGreaterThan(0);
    expect(r.meanMs).toBeGreaterThan(r.baseline.meanMs);
    expect(r.p50Ms).toBeGreaterThan(0);
    expect(r.p99Ms).toBeGreaterThanOrEqual(r.p50Ms);
    expect(r.iterations).toBe(400);
    expect(r.exportCpuMsPerIteration).toBeGreaterThan(0);
    // Every measured span reached the loopback collector: none dropped, none failed.
    expect(r.spans).toEqual({ started: 4000, exported: 4000, dropped: 0, exportFailed: 0 });
    expect(r.config.sampleRate).toBe(1);
  });

  it("exports in batches of the configured size, not one request per block, and charges every export", async () => {
    const collector: Collector = await startCollector();
    closers.push(() => collector.close());
    // 10 spans per iteration, blocks of 10 iterations: 100 spans per block, 5 blocks per batch of 500.
    const r = await measureOverhead({
      workload: (t) => tracedOperation(t),
      iterations: 230,
      warmupIterations: 0,
      blockSize: 10,
      telemetryConfig: { sampleRate: 1, batchSize: 500, otlpEndpoint: collector.url, otlpCompression: "none" },
    });
    expect(r.spans).toEqual({ started: 2300, exported: 2300, dropped: 0, exportFailed: 0 });
    // 23 blocks but only 5 requests: four full batches and the 300-span remainder after the last block.
    expect(collector.requests).toHaveLength(5);
    expect(r.exportCpuMsPerIteration).toBeGreaterThan(0);
  }, 30_000);

  it("shows a per-span synchronous export costing far more than 1% sampling", MEASUREMENT, async () => {
    const cheap = await measureOverhead({ workload: (t) => tracedOperation(t), iterations: 100, telemetryConfig: { sampleRate: 0.01 } });
    const costly = await measureOverhead({ workload: (t) => tracedOperation(t), iterations: 100, telemetryConfig: { sampleRate: 1, asyncExport: false } });
    expect(costly.percentage).toBeGreaterThan(100);
    expect(costly.latencyMs).toBeGreaterThan(5 * Math.max(cheap.latencyMs, 0.001));
    expect(costly.spans.exported).toBe(1000);
  });

  it("awaits async workloads: latencies include the awaited time", async () => {
    const r = await measureOverhead({
      workload: async (tracer) => {
        const span = tracer.startSpan("tool.call", {}, ROOT_CONTEXT);
        await new Promise((resolve) => setTimeout(resolve, 3));
        span.end();
      },
      iterations: 40,
      warmupIterations: 4,
      telemetryConfig: { sampleRate: 1 },
    });
    expect(r.p50Ms).toBeGreaterThanOrEqual(2.5);
    expect(r.baseline.p50Ms).toBeGreaterThanOrEqual(2.5);
    expect(r.spans.exported).toBe(40);
  }, 30_000);

  it("exports to the endpoint the config names instead of its own loopback sink", async () => {
    const collector: Collector = await startCollector();
    closers.push(() => collector.close());
    const r = await measureOverhead({ workload: (t) => tracedOperation(t, 1), iterations: 50, warmupIterations: 0, telemetryConfig: { otlpEndpoint: collector.url } });
    expect(r.spans.exported).toBe(100);
    expect(collector.requests.length).toBeGreaterThan(0);
  }, 30_000);

  it("counts spans a config cannot export as dropped (exporterType none)", async () => {
    const r = await measureOverhead({ workload: (t) => tracedOperation(t, 1), iterations: 50, warmupIterations: 0, telemetryConfig: { exporterType: "none" } });
    expect(r.spans.started).toBe(100);
    expect(r.spans.exported).toBe(0);
    expect(r.spans.dropped).toBe(100);
  }, 30_000);

  it("refuses an invalid config or options with a clear error, before running anything", async () => {
    let ran = 0;
    const workload = () => {
      ran++;
    };
    await expect(measureOverhead({ workload, iterations: 10, telemetryConfig: { sampleRate: 2 } })).rejects.toThrow(/telemetryConfig.*sampleRate/);
    await expect(measureOverhead({ workload, iterations: 10, telemetryConfig: { samplRate: 0.5 } })).rejects.toThrow(/samplRate: unknown key/);
    await expect(measureOverhead({ workload, iterations: 0 })).rejects.toThrow(/iterations/);
    await expect(measureOverhead({ workload: "not a function" as never, iterations: 10 })).rejects.toThrow(/workload/);
    expect(ran).toBe(0);
  });
});
