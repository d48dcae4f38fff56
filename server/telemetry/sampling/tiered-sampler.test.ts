import { afterEach, describe, expect, it, vi } from "vitest";
import { ROOT_CONTEXT, TraceFlags, trace, type Context, type Span, type Tracer } from "@opentelemetry/api";
import { TraceState } from "@opentelemetry/core";
import type { TelemetryRuntime } from "../runtime";
import { isSampled, quietRuntime, seededRandom, seededTracer, traceFraction, withinBinomial } from "../test-support";
import { DEFAULT_DEEP_MIN_DEPTH, TieredSampler } from "./tiered-sampler";

// Real runtimes and sockets: generous per-test time so a loaded 2-core machine does not time out.
vi.setConfig({ testTimeout: 30_000 });

let rt: TelemetryRuntime | undefined;
afterEach(async () => {
  await rt?.shutdown({ deadlineMs: 100 });
  rt = undefined;
});

const tiered = (levels: unknown[]) => ({ sampler: { type: "tiered", levels } });
const sampled = (s: Span) => isSampled(s.spanContext().traceFlags);

/** One trace as a chain root -> ... -> depth `maxDepth`; returns the spans by depth (all ended). */
function chain(tracer: Tracer, maxDepth: number): Span[] {
  const spans: Span[] = [];
  let ctx: Context = ROOT_CONTEXT;
  for (let d = 0; d <= maxDepth; d++) {
    const span = tracer.startSpan(`depth-${d}`, {}, ctx);
    spans.push(span);
    ctx = trace.setSpan(ctx, span);
  }
  for (const s of [...spans].reverse()) s.end();
  return spans;
}

describe("tiered sampler: depth", () => {
  it("root is depth 0 and each child is its parent's depth + 1, carried in tracestate", () => {
    rt = quietRuntime(tiered([{ level: "root", rate: 1 }]));
    const spans = chain(rt.tracerProvider.getTracer("t"), 6);
    expect(spans.map((s) => s.spanContext().traceState?.get("tracetune"))).toEqual(["0", "1", "2", "3", "4", "5", "6"]);
  });

  it("depthOf: no or invalid parent is 0; a parent without our entry counts as depth 0", () => {
    const parent = (traceState?: TraceState) => ({ traceId: "0af7651916cd43dd8448eb211c80319c", spanId: "b7ad6b7169203331", traceFlags: TraceFlags.SAMPLED, traceState });
    expect(TieredSampler.depthOf(undefined)).toBe(0);
    expect(TieredSampler.depthOf({ ...parent(), traceId: "0".repeat(32) })).toBe(0);
    expect(TieredSampler.depthOf(parent())).toBe(1);
    expect(TieredSampler.depthOf(parent(new TraceState("tracetune=3")))).toBe(4);
    expect(TieredSampler.depthOf(parent(new TraceState("tracetune=garbage")))).toBe(1);
  });

  it("levels: root = 0, child = 1 .. minDepth-1, deep >= minDepth (default 5)", () => {
    const s = new TieredSampler([{ level: "root", rate: 1 }]);
    expect([0, 1, 4, 5, 9].map((d) => s.tierFor(d).name)).toEqual(["root", "child", "child", "deep", "deep"]);
    expect(DEFAULT_DEEP_MIN_DEPTH).toBe(5);
    const custom = new TieredSampler([{ level: "deep", rate: 1, minDepth: 2 }]);
    expect([0, 1, 2].map((d) => custom.tierFor(d).name)).toEqual(["root", "child", "deep"]);
  });

  it("keeps other vendors' tracestate entries from a remote parent", () => {
    rt = quietRuntime(tiered([{ level: "root", rate: 1 }]));
    const remote = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: "0af7651916cd43dd8448eb211c80319c",
      spanId: "b7ad6b7169203331",
      traceFlags: TraceFlags.SAMPLED,
      isRemote: true,
      traceState: new TraceState("vendor=abc"),
    });
    const child = rt.tracerProvider.getTracer("t").startSpan("in", {}, remote);
    expect(child.spanContext().traceState?.get("vendor")).toBe("abc");
    expect(child.spanContext().traceState?.get("tracetune")).toBe("1");
  });
});

describe("tiered sampler: what is kept", () => {
  it.each([
    ["guide-like", [{ level: "root", rate: 0.5 }, { level: "child", rate: 0.2 }, { level: "deep", minDepth: 3, rate: 0.05 }]],
    ["deeper level higher", [{ level: "root", rate: 0.3 }, { level: "child", rate: 0.1 }, { level: "deep", minDepth: 2, rate: 0.9 }]],
    ["root only", [{ level: "root", rate: 0.4 }]],
  ])("never keeps a span without its parent (%s, random trace shapes)", (_name, levels) => {
    rt = quietRuntime(tiered(levels));
    const tracer = seededTracer(rt, 2024);
    const rand = seededRandom(11);
    let orphans = 0;
    let keptChildren = 0;
    const grow = (parent: Span, ctx: Context, depth: number) => {
      const n = depth >= 7 ? 0 : Math.floor(rand() * 4);
      for (let i = 0; i < n; i++) {
        const child = tracer.startSpan(`d${depth + 1}`, {}, ctx);
        if (sampled(child)) {
          keptChildren++;
          if (!sampled(parent)) orphans++;
        }
        grow(child, trace.setSpan(ctx, child), depth + 1);
        child.end();
      }
    };
    for (let t = 0; t < 2000; t++) {
      const root = tracer.startSpan("root", {}, ROOT_CONTEXT);
      grow(root, trace.setSpan(ROOT_CONTEXT, root), 0);
      root.end();
    }
    expect(orphans).toBe(0);
    expect(keptChildren).toBeGreaterThan(0);
    const s = rt.snapshot().spans;
    expect(s.started).toBe(s.notSampled + (rt.snapshot().sampler.detail?.buckets ?? []).reduce((n, b) => n + b.kept, 0));
  });

  it("each level is kept at its rate (20k traces of depth 6), with exact buckets", () => {
    rt = quietRuntime(tiered([{ level: "root", rate: 0.5 }, { level: "child", rate: 0.2 }, { level: "deep", minDepth: 4, rate: 0.05 }]));
    const tracer = seededTracer(rt, 606);
    const n = 20_000;
    const keptAt = new Array(7).fill(0);
    const ids: string[] = [];
    for (let t = 0; t < n; t++) {
      const spans = chain(tracer, 6);
      ids.push(spans[0].spanContext().traceId);
      spans.forEach((s, d) => sampled(s) && keptAt[d]++);
    }
    const below = (p: number) => ids.filter((id) => traceFraction(id) < p).length;
    const [k0, kc, kd] = [below(0.5), below(0.2), below(0.05)];
    expect(keptAt).toEqual([k0, kc, kc, kc, kd, kd, kd]);
    expect(withinBinomial(k0, n, 0.5)).toBe(true);
    expect(withinBinomial(kc, n, 0.2)).toBe(true);
    expect(withinBinomial(kd, n, 0.05)).toBe(true);
    const buckets = rt.snapshot().sampler.detail!.buckets!;
    expect(buckets).toEqual([
      { name: "root", seen: n, kept: k0, rate: 0.5 },
      { name: "child", seen: k0 + 2 * kc, kept: 3 * kc, rate: 0.2 },
      { name: "deep", seen: kc + 2 * kd, kept: 3 * kd, rate: 0.05 },
    ]);
  });

  it("a deeper level's higher rate has no effect: min() of the rates down to it", () => {
    rt = quietRuntime(tiered([{ level: "root", rate: 0.2 }, { level: "child", rate: 0.8 }, { level: "deep", minDepth: 3, rate: 1 }]));
    const tracer = seededTracer(rt, 17);
    const n = 10_000;
    let roots = 0;
    let wholeTraces = 0;
    for (let t = 0; t < n; t++) {
      const spans = chain(tracer, 4);
      if (sampled(spans[0])) roots++;
      if (spans.every(sampled)) wholeTraces++;
      if (!sampled(spans[0])) expect(spans.some(sampled)).toBe(false);
    }
    expect(withinBinomial(roots, n, 0.2)).toBe(true);
    expect(wholeTraces).toBe(roots);
    expect(rt.snapshot().sampler.detail!.buckets!.map((b) => b.rate)).toEqual([0.2, 0.2, 0.2]);
  });

  it("the guide's example config runs: root 0.1, child 0.01, deep (minDepth 5) 0.001", () => {
    rt = quietRuntime(tiered([{ level: "root", rate: 0.1 }, { level: "child", rate: 0.01 }, { level: "deep", minDepth: 5, rate: 0.001 }]));
    const tracer = seededTracer(rt, 5);
    let roots = 0;
    let children = 0;
    for (let t = 0; t < 20_000; t++) {
      const spans = chain(tracer, 2);
      if (sampled(spans[0])) roots++;
      if (sampled(spans[1])) children++;
    }
    expect(withinBinomial(roots, 20_000, 0.1)).toBe(true);
    expect(withinBinomial(children, 20_000, 0.01)).toBe(true);
  });
});
