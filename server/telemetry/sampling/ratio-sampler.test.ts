import { afterEach, describe, expect, it, vi } from "vitest";
import { ROOT_CONTEXT, TraceFlags, trace, type Context, type Span, type Tracer } from "@opentelemetry/api";
import type { TelemetryRuntime } from "../runtime";
import { endRoots, isSampled, quietRuntime, seededTracer, traceFraction, withinBinomial } from "../test-support";

// Real runtimes and sockets: generous per-test time so a loaded 2-core machine does not time out.
vi.setConfig({ testTimeout: 30_000 });

const runtimes: TelemetryRuntime[] = [];
function runtime(config: Record<string, unknown> = {}, options: Parameters<typeof quietRuntime>[1] = {}): TelemetryRuntime {
  const r = quietRuntime(config, options);
  runtimes.push(r);
  return r;
}
afterEach(async () => {
  await Promise.all(runtimes.splice(0).map((r) => r.shutdown({ deadlineMs: 100 })));
});

/** Start and end `n` roots; the sampled trace ids, in order. */
function keptIds(tracer: Tracer, n: number): { all: string[]; kept: Set<string> } {
  const all: string[] = [];
  const kept = new Set<string>();
  for (let i = 0; i < n; i++) {
    const span = tracer.startSpan("op", {}, ROOT_CONTEXT);
    const { traceId, traceFlags } = span.spanContext();
    all.push(traceId);
    if (isSampled(traceFlags)) kept.add(traceId);
    span.end();
  }
  return { all, kept };
}

describe("ratio sampler (trace-id consistent, parent-based)", () => {
  it.each([0.01, 0.1, 0.5])("keeps about %s of 20k traces, exactly the ids below the rate", (rate) => {
    const rt = runtime({ sampleRate: rate });
    const { all, kept } = keptIds(seededTracer(rt, 1000 + rate * 100), 20_000);
    const expected = all.filter((id) => traceFraction(id) < rate);
    expect(kept.size).toBe(expected.length);
    expect(withinBinomial(kept.size, 20_000, rate)).toBe(true);
    const s = rt.snapshot().spans;
    expect(s.started).toBe(20_000);
    expect(s.notSampled).toBe(20_000 - kept.size);
    expect(rt.snapshot().sampler).toMatchObject({ type: "ratio", configuredRate: rate, effectiveRate: rate });
  });

  it("two services make identical decisions for the same trace ids", () => {
    const a = runtime({ sampleRate: 0.3 }, { serviceName: "gateway" });
    const b = runtime({ sampleRate: 0.3 }, { serviceName: "billing" });
    const fromA = keptIds(seededTracer(a, 77), 5000);
    const fromB = keptIds(seededTracer(b, 77), 5000);
    expect(fromB.all).toEqual(fromA.all);
    expect([...fromB.kept]).toEqual([...fromA.kept]);
    expect(withinBinomial(fromA.kept.size, 5000, 0.3)).toBe(true);
  });

  it("lowering the rate only removes traces, never adds new ones", () => {
    const rt = runtime({ sampleRate: 0.5 });
    const at50 = keptIds(seededTracer(rt, 5), 10_000).kept;
    rt.apply({ sampleRate: 0.2 });
    const at20 = keptIds(seededTracer(rt, 5), 10_000).kept;
    rt.apply({ sampleRate: 0.05 });
    const at5 = keptIds(seededTracer(rt, 5), 10_000).kept;
    expect([...at20].every((id) => at50.has(id))).toBe(true);
    expect([...at5].every((id) => at20.has(id))).toBe(true);
    expect(withinBinomial(at20.size, 10_000, 0.2)).toBe(true);
    expect(withinBinomial(at5.size, 10_000, 0.05)).toBe(true);
  });

  it("children follow their parent's decision, so kept traces are whole", async () => {
    const rt = runtime({ sampleRate: 0.4 });
    const tracer = seededTracer(rt, 9);
    const traces = 1000;
    let keptRoots = 0;
    let mismatches = 0;
    const under = (span: Span, ctx: Context) => trace.setSpan(ctx, span);
    for (let i = 0; i < traces; i++) {
      tracer.startActiveSpan("root", {}, ROOT_CONTEXT, (root) => {
        const rootCtx = under(root, ROOT_CONTEXT);
        const rootKept = isSampled(root.spanContext().traceFlags);
        if (rootKept) keptRoots++;
        for (let c = 0; c < 2; c++) {
          tracer.startActiveSpan("child", {}, rootCtx, (child) => {
            if (child.spanContext().traceId !== root.spanContext().traceId) mismatches++;
            if (isSampled(child.spanContext().traceFlags) !== rootKept) mismatches++;
            tracer.startActiveSpan("grandchild", {}, under(child, rootCtx), (grand) => {
              if (isSampled(grand.spanContext().traceFlags) !== rootKept) mismatches++;
              grand.end();
            });
            child.end();
          });
        }
        root.end();
      });
    }
    expect(mismatches).toBe(0);
    expect(withinBinomial(keptRoots, traces, 0.4)).toBe(true);
    const s = rt.snapshot().spans;
    expect(s.started).toBe(traces * 5);
    expect(s.notSampled).toBe((traces - keptRoots) * 5);
    expect(s.active).toBe(0);
    await rt.flush();
    expect(rt.snapshot().spans.dropped.no_exporter).toBe(keptRoots * 5);
  });

  it("a remote parent's decision is followed whatever the local rate", () => {
    const rt = runtime({ sampleRate: 0 });
    const tracer = rt.tracerProvider.getTracer("t");
    const remote = (flags: TraceFlags) =>
      trace.setSpanContext(ROOT_CONTEXT, { traceId: "0af7651916cd43dd8448eb211c80319c", spanId: "b7ad6b7169203331", traceFlags: flags, isRemote: true });
    expect(isSampled(tracer.startSpan("in", {}, remote(TraceFlags.SAMPLED)).spanContext().traceFlags)).toBe(true);
    expect(isSampled(tracer.startSpan("in", {}, remote(TraceFlags.NONE)).spanContext().traceFlags)).toBe(false);
    expect(endRoots(tracer, 200)).toBe(0);
  });
});

describe("sampleRate scales every sampler type; enabled=false samples nothing", () => {
  const samplers: [string, Record<string, unknown>, number][] = [
    ["ratio", { type: "ratio" }, 1],
    ["adaptive", { type: "adaptive", minRate: 0.01, maxRate: 0.8, targetRps: 1_000_000, adjustmentPeriod: 60 }, 0.8],
    ["priority", { type: "priority", rules: [{ attribute: "priority", value: "critical", rate: 1 }], defaultRate: 0.4 }, 0.4],
    ["tiered", { type: "tiered", levels: [{ level: "root", rate: 0.6 }, { level: "child", rate: 0.3 }] }, 0.6],
  ];

  it.each(samplers)("%s: runtime.apply({ sampleRate: 0.5 }) halves the kept fraction", (type, sampler, base) => {
    const clock = 1_000_000;
    const rt = runtime({ sampler }, { now: () => clock });
    const n = 10_000;
    const full = keptIds(seededTracer(rt, 31), n).kept;
    expect(withinBinomial(full.size, n, base)).toBe(true);
    expect(rt.apply({ sampleRate: 0.5 }).status).toBe("applied");
    const half = keptIds(seededTracer(rt, 31), n).kept;
    expect(withinBinomial(half.size, n, base * 0.5)).toBe(true);
    expect([...half].every((id) => full.has(id))).toBe(true);
    const snap = rt.snapshot().sampler;
    expect(snap.type).toBe(type);
    expect(snap.effectiveRate).toBeCloseTo(base * 0.5, 10);
  });

  it("enabled: false samples nothing (not even children of sampled remote parents), and true resumes", () => {
    const rt = runtime({ sampleRate: 1 });
    const tracer = rt.tracerProvider.getTracer("t");
    expect(rt.apply({ enabled: false }).status).toBe("applied");
    const before = rt.snapshot().spans;
    expect(endRoots(tracer, 1000)).toBe(0);
    const remote = trace.setSpanContext(ROOT_CONTEXT, { traceId: "0af7651916cd43dd8448eb211c80319c", spanId: "b7ad6b7169203331", traceFlags: TraceFlags.SAMPLED, isRemote: true });
    expect(isSampled(tracer.startSpan("in", {}, remote).spanContext().traceFlags)).toBe(false);
    const after = rt.snapshot();
    expect(after.spans.started - before.started).toBe(1001);
    expect(after.spans.notSampled - before.notSampled).toBe(1001);
    expect(after.sampler.effectiveRate).toBe(0);
    rt.apply({ enabled: true });
    expect(endRoots(tracer, 100)).toBe(100);
  });
});
