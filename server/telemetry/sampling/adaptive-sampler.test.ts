import { afterEach, describe, expect, it, vi } from "vitest";
import { ROOT_CONTEXT, trace } from "@opentelemetry/api";
import { SamplingDecision } from "@opentelemetry/sdk-trace-base";
import type { TelemetryRuntime } from "../runtime";
import { SeededIdGenerator, isSampled, quietRuntime, seededTracer } from "../test-support";
import { AdaptiveSampler, type AdaptiveSettings } from "./adaptive-sampler";

// Real runtimes and sockets: generous per-test time so a loaded 2-core machine does not time out.
vi.setConfig({ testTimeout: 30_000 });

const ids = new SeededIdGenerator(123);

/**
 * Drive `sampler` with `rps` evenly spaced root spans per second for `seconds`, from `start` ms.
 * Returns kept per second and every rate the sampler reported along the way.
 */
function drive(sampler: AdaptiveSampler, start: number, seconds: number, rps: number, scale = 1): { keptPerSec: number[]; rates: number[]; end: number } {
  const keptPerSec: number[] = [];
  const rates: number[] = [];
  for (let s = 0; s < seconds; s++) {
    let kept = 0;
    for (let i = 0; i < rps; i++) {
      const now = start + s * 1000 + (i * 1000) / rps;
      const r = sampler.shouldSample({ context: ROOT_CONTEXT, parent: undefined, traceId: ids.generateTraceId(), spanName: "op", attributes: {}, scale, now });
      if (r.decision === SamplingDecision.RECORD_AND_SAMPLED) kept++;
      rates.push(sampler.baseRate());
    }
    keptPerSec.push(kept);
  }
  return { keptPerSec, rates, end: start + seconds * 1000 };
}

const settings: AdaptiveSettings = { minRate: 0.001, maxRate: 1, targetRps: 100, adjustmentPeriod: 1 };
/** 5 sigma of a binomial count around `target` at `n` trials, plus the EMA's leftover bias. */
const near = (kept: number, target: number, n: number, bias = 0) => Math.abs(kept - target) <= 5 * Math.sqrt(target * (1 - target / n)) + bias + 1;

describe("adaptive sampler (injected clock)", () => {
  it("starts at maxRate, then steers kept traces to targetRps at 1000 rps", () => {
    const sampler = new AdaptiveSampler(settings, 0);
    const { keptPerSec } = drive(sampler, 0, 8, 1000);
    expect(keptPerSec[0]).toBe(1000); // first period: nothing learned yet, maxRate 1
    expect(sampler.baseRate()).toBeCloseTo(0.1, 6);
    for (const kept of keptPerSec.slice(2)) expect(near(kept, 100, 1000)).toBe(true);
  });

  it("converges toward targetRps after a step from 1000 to 10000 rps", () => {
    const sampler = new AdaptiveSampler(settings, 0);
    const before = drive(sampler, 0, 6, 1000);
    const after = drive(sampler, before.end, 12, 10_000);
    // The first second of the step still runs at the old rate: ~10x the target.
    expect(after.keptPerSec[0]).toBeGreaterThan(500);
    // Then the EMA closes the gap by half each period; by 6 periods in, within 5% bias of target.
    for (const kept of after.keptPerSec.slice(6)) expect(near(kept, 100, 10_000, 5)).toBe(true);
    expect(sampler.baseRate()).toBeGreaterThan(0.0099);
    expect(sampler.baseRate()).toBeLessThan(0.0102);
    // Monotone approach: the rate only falls after the step.
    const perSecondRates = after.rates.filter((_, i) => i % 10_000 === 9_999);
    for (let i = 1; i < perSecondRates.length; i++) expect(perSecondRates[i]).toBeLessThanOrEqual(perSecondRates[i - 1]);
    expect(sampler.detail().observedRps).toBeGreaterThan(9900);
  });

  it("never leaves [minRate, maxRate], whatever the load", () => {
    const bounded = { minRate: 0.05, maxRate: 0.5, targetRps: 100, adjustmentPeriod: 1 };
    const sampler = new AdaptiveSampler(bounded, 0);
    const heavy = drive(sampler, 0, 3, 20_000); // wants 0.005: clamped to 0.05
    const light = drive(sampler, heavy.end, 12, 20); // once the average has decayed, wants 5: clamped to 0.5
    const all = [...heavy.rates, ...light.rates];
    expect(all.reduce((a, b) => Math.min(a, b))).toBeGreaterThanOrEqual(0.05);
    expect(all.reduce((a, b) => Math.max(a, b))).toBeLessThanOrEqual(0.5);
    expect(heavy.rates.at(-1)).toBe(0.05);
    expect(light.rates.at(-1)).toBe(0.5);
  });

  it("after a quiet spell the average decays, so the rate recovers", () => {
    const sampler = new AdaptiveSampler(settings, 0);
    const busy = drive(sampler, 0, 5, 5000);
    const busyRate = sampler.baseRate();
    drive(sampler, busy.end + 6000, 1, 10); // six idle periods, then a trickle
    expect(sampler.baseRate()).toBeGreaterThan(busyRate * 16);
  });

  it("sampleRate scales the adaptive rate", () => {
    const sampler = new AdaptiveSampler(settings, 0);
    drive(sampler, 0, 3, 1000); // learns rate 0.1
    const { keptPerSec } = drive(sampler, 3000, 4, 1000, 0.5);
    for (const kept of keptPerSec.slice(1)) expect(near(kept, 50, 1000)).toBe(true);
  });
});

describe("adaptive sampler in the runtime", () => {
  let rt: TelemetryRuntime | undefined;
  afterEach(async () => {
    await rt?.shutdown({ deadlineMs: 100 });
    rt = undefined;
  });

  it("counts root spans only, shows observedRps, and keeps what it learned when its bounds change", () => {
    let clock = 50_000;
    rt = quietRuntime({ sampler: { type: "adaptive", minRate: 0.001, maxRate: 1, targetRps: 50, adjustmentPeriod: 1 } }, { now: () => clock });
    const tracer = seededTracer(rt, 8);
    for (let s = 0; s < 4; s++) {
      for (let i = 0; i < 500; i++) {
        clock = 50_000 + s * 1000 + i * 2;
        const root = tracer.startSpan("root", {}, ROOT_CONTEXT);
        const child = tracer.startSpan("child", {}, trace.setSpan(ROOT_CONTEXT, root));
        expect(isSampled(child.spanContext().traceFlags)).toBe(isSampled(root.spanContext().traceFlags));
        child.end();
        root.end();
      }
    }
    const snap = rt.snapshot();
    expect(snap.sampler.type).toBe("adaptive");
    expect(snap.sampler.detail?.observedRps).toBe(500); // roots per second, children not counted
    expect(snap.sampler.effectiveRate).toBeCloseTo(0.1, 6);
    expect(snap.sampler.detail?.buckets?.[0]).toMatchObject({ name: "roots", seen: 2000 });

    rt.apply({ sampler: { type: "adaptive", minRate: 0.001, maxRate: 0.05, targetRps: 50, adjustmentPeriod: 1 } });
    const after = rt.snapshot();
    expect(after.sampler.detail?.observedRps).toBe(500);
    expect(after.sampler.detail?.buckets?.[0].seen).toBe(2000);
    expect(after.sampler.effectiveRate).toBeCloseTo(0.05, 6); // re-clamped to the new maxRate
  });
});
