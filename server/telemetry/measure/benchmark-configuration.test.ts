import { describe, expect, it } from "vitest";
import { ROOT_CONTEXT, trace, type Tracer } from "@opentelemetry/api";
import { withinBinomial } from "../test-support";
import { BASELINE_ARM, GUIDE_CONFIGURATIONS, benchmarkConfiguration, type BenchmarkProgress } from "./benchmark-configuration";

const SPANS_PER_ITERATION = 10;

/**
 * Measurement tests: these compare CPU time of interleaved arms on a shared machine, so a burst of
 * outside load (another test file's process on the same two cores) can invert one run's small
 * differences. They get two more attempts; a real regression (telemetry that costs nothing, or
 * the wrong sign) fails all three.
 */
const MEASUREMENT = { timeout: 60_000, retry: 2 };

/** One trace per iteration: a root and nine children (parent-based sampling keeps traces whole). */
function tracedOperation(tracer: Tracer): void {
  const root = tracer.startSpan("agent.run", { attributes: { "agent.name": "bench-agent", priority: "normal" } }, ROOT_CONTEXT);
  const ctx = trace.setSpan(ROOT_CONTEXT, root);
  for (let i = 1; i < SPANS_PER_ITERATION; i++) {
    tracer.startSpan("tool.call", { attributes: { "tool.name": "web_search", "tool.args": '{"q":"refund policy"}', attempt: i } }, ctx).end();
  }
  root.end();
}

describe("benchmarkConfiguration", () => {
  it("runs the guide's four configurations side by side and reports each one's cost and spans", MEASUREMENT, async () => {
    const progress: BenchmarkProgress[] = [];
    const iterations = 400;
    const warmupIterations = 40;
    const results = await benchmarkConfiguration({
      configurations: GUIDE_CONFIGURATIONS,
      workload: tracedOperation,
      iterations,
      warmupIterations,
      onProgress: (p) => progress.push(p),
    });

    expect(results.map((r) => r.name)).toEqual(["disabled", "1%", "10%", "100%"]);
    const [disabled, , tenth, full] = results;
    expect(full.config.sampleRate).toBe(1);
    expect(disabled.config.enabled).toBe(false);

    // Spans: everything sampled is exported, nothing dropped; 10% keeps whole traces about 10% of the time.
    expect(full.exportedSpans).toBe(iterations * SPANS_PER_ITERATION);
    expect(disabled.exportedSpans).toBe(0);
    expect(tenth.exportedSpans % SPANS_PER_ITERATION).toBe(0);
    expect(withinBinomial(tenth.exportedSpans / SPANS_PER_ITERATION, iterations, 0.1)).toBe(true);
    for (const r of results) expect(r.droppedSpans).toBe(0);

    // Cost: recording and exporting every span is clearly dearer than recording none.
    expect(full.overheadPercent).toBeGreaterThan(disabled.overheadPercent + 50);
    expect(full.overheadPercent).toBeGreaterThan(tenth.overheadPercent);
    expect(full.latencyMs).toBeGreaterThan(0);
    for (const r of results) {
      expect(r.p50Ms).toBeGreaterThan(0);
      expect(r.p99Ms).toBeGreaterThanOrEqual(r.p50Ms);
      expect(Number.isFinite(r.overheadPercent)).toBe(true);
    }
    // Memory: a queue that held spans at some block end, and none for the disabled config.
    expect(full.memoryMb).toBeGreaterThan(0);
    expect(disabled.memoryMb).toBe(0);

    // Progress: monotonic, names every configuration and the baseline, ends at total.
    const total = (iterations + warmupIterations) * (GUIDE_CONFIGURATIONS.length + 1);
    expect(progress.length).toBeGreaterThan(10);
    expect(progress.every((p) => p.total === total)).toBe(true);
    expect(progress.every((p, i) => i === 0 || p.done > progress[i - 1].done)).toBe(true);
    expect(progress.at(-1)?.done).toBe(total);
    expect(new Set(progress.map((p) => p.configuration))).toEqual(new Set([...GUIDE_CONFIGURATIONS.map((c) => c.name), BASELINE_ARM]));
    expect(progress.some((p) => p.phase === "warmup")).toBe(true);
    // Per configuration: "configuration i of n, iteration j of m", with the baseline last.
    const names = [...GUIDE_CONFIGURATIONS.map((c) => c.name), BASELINE_ARM];
    for (const p of progress) {
      expect(p.configurationCount).toBe(names.length);
      expect(names[p.configurationIndex]).toBe(p.configuration);
      expect(p.iterationsPerConfiguration).toBe(iterations + warmupIterations);
      expect(p.iteration).toBeGreaterThan(0);
      expect(p.iteration).toBeLessThanOrEqual(iterations + warmupIterations);
    }
    expect(progress.at(-1)?.iteration).toBe(iterations + warmupIterations);
  });

  it("accounts for every span of a configuration whose queue overflows", async () => {
    const iterations = 100;
    const [tiny] = await benchmarkConfiguration({
      configurations: [{ name: "tiny queue", config: { sampleRate: 1, maxQueueSize: 20, batchSize: 20, exportIntervalMs: 600_000, queueOverflowStrategy: "drop_newest" } }],
      workload: tracedOperation,
      iterations,
      warmupIterations: 0,
      blockSize: 10,
    });
    // Each block of 10 iterations ends 100 spans into a queue of 20: 80 dropped, 20 exported at the block's flush.
    expect(tiny.droppedSpans).toBeGreaterThan(0);
    expect(tiny.exportedSpans + tiny.droppedSpans).toBe(iterations * SPANS_PER_ITERATION);
    expect(tiny.exportedSpans).toBe(200);
  }, 30_000);

  it("refuses bad input naming what is wrong, before running anything", async () => {
    let ran = 0;
    const workload = () => {
      ran++;
    };
    await expect(
      benchmarkConfiguration({ configurations: [{ name: "ok", config: {} }, { name: "broken", config: { batchSize: 0 } }], workload, iterations: 10 }),
    ).rejects.toThrow(/"broken".*batchSize/);
    await expect(
      benchmarkConfiguration({ configurations: [{ name: "same", config: {} }, { name: "same", config: {} }], workload, iterations: 10 }),
    ).rejects.toThrow(/unique/);
    await expect(benchmarkConfiguration({ configurations: [], workload, iterations: 10 })).rejects.toThrow(/at least one configuration/);
    expect(ran).toBe(0);
  });
});
