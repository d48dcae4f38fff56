import { afterEach, describe, expect, it, vi } from "vitest";
import { ROOT_CONTEXT, trace, type Attributes } from "@opentelemetry/api";
import { SamplingDecision } from "@opentelemetry/sdk-trace-base";
import type { TelemetryRuntime } from "../runtime";
import { isSampled, quietRuntime, seededTracer, traceIds, withinBinomial } from "../test-support";
import { PrioritySampler } from "./priority-sampler";

// Real runtimes and sockets: generous per-test time so a loaded 2-core machine does not time out.
vi.setConfig({ testTimeout: 30_000 });

/** The guide's example rules. */
const GUIDE_RULES = [
  { attribute: "priority", value: "critical", rate: 1.0 },
  { attribute: "priority", value: "high", rate: 0.5 },
  { attribute: "priority", value: "normal", rate: 0.1 },
  { attribute: "priority", value: "low", rate: 0.01 },
];
const GUIDE_SAMPLER = { type: "priority", rules: GUIDE_RULES, defaultRate: 0.1 };
const CASES: [string | undefined, number][] = [
  ["critical", 1],
  ["high", 0.5],
  ["normal", 0.1],
  ["low", 0.01],
  [undefined, 0.1],
  ["unknown-value", 0.1],
];

const input = (traceId: string, attributes: Attributes, scale = 1) => ({
  context: ROOT_CONTEXT,
  parent: undefined,
  traceId,
  spanName: "op",
  attributes,
  scale,
  now: 0,
});

let rt: TelemetryRuntime | undefined;
afterEach(async () => {
  await rt?.shutdown({ deadlineMs: 100 });
  rt = undefined;
});

describe("priority sampler", () => {
  it.each(CASES)("priority=%s is kept at rate %s (20k seeded trace ids)", (priority, rate) => {
    const sampler = new PrioritySampler(GUIDE_RULES, 0.1);
    const attrs: Attributes = priority === undefined ? {} : { priority };
    let kept = 0;
    for (const id of traceIds(20_000, 4242)) if (sampler.shouldSample(input(id, attrs)).decision === SamplingDecision.RECORD_AND_SAMPLED) kept++;
    expect(withinBinomial(kept, 20_000, rate)).toBe(true);
    if (rate === 1) expect(kept).toBe(20_000);
  });

  it("through the runtime: per-priority rates, and snapshot buckets show exact seen/kept", () => {
    rt = quietRuntime({ sampler: GUIDE_SAMPLER });
    const tracer = seededTracer(rt, 99);
    const perValue = 4000;
    const kept = new Map<string, number>();
    for (const [priority] of CASES) {
      const name = priority ?? "(none)";
      kept.set(name, 0);
      for (let i = 0; i < perValue; i++) {
        const span = tracer.startSpan("request", { attributes: priority === undefined ? {} : { priority } }, ROOT_CONTEXT);
        if (isSampled(span.spanContext().traceFlags)) kept.set(name, kept.get(name)! + 1);
        span.end();
      }
    }
    for (const [priority, rate] of CASES) expect(withinBinomial(kept.get(priority ?? "(none)")!, perValue, rate)).toBe(true);

    const snap = rt.snapshot();
    const buckets = snap.sampler.detail?.buckets ?? [];
    expect(buckets.map((b) => b.name)).toEqual(["priority=critical", "priority=high", "priority=normal", "priority=low", "default"]);
    const bucket = (name: string) => buckets.find((b) => b.name === name)!;
    for (const [value, rate] of CASES.slice(0, 4)) expect(bucket(`priority=${value}`)).toEqual({ name: `priority=${value}`, seen: perValue, kept: kept.get(value!)!, rate });
    expect(bucket("default")).toEqual({ name: "default", seen: 2 * perValue, kept: kept.get("(none)")! + kept.get("unknown-value")!, rate: 0.1 });
    expect(buckets.reduce((s, b) => s + b.kept, 0)).toBe(snap.spans.started - snap.spans.notSampled);
    expect(snap.sampler.effectiveRate).toBe(0.1);
  });

  it("reads attributes given at span start only: a priority set later does not change the decision", () => {
    rt = quietRuntime({ sampler: { type: "priority", rules: [{ attribute: "priority", value: "critical", rate: 1 }], defaultRate: 0 } });
    const tracer = rt.tracerProvider.getTracer("t");
    const late = tracer.startSpan("late", {}, ROOT_CONTEXT);
    late.setAttribute("priority", "critical");
    expect(isSampled(late.spanContext().traceFlags)).toBe(false);
    expect(isSampled(tracer.startSpan("early", { attributes: { priority: "critical" } }, ROOT_CONTEXT).spanContext().traceFlags)).toBe(true);
  });

  it("first matching rule wins; values match by type (5 is not \"5\")", () => {
    const sampler = new PrioritySampler(
      [
        { attribute: "tenant", value: "vip", rate: 1 },
        { attribute: "priority", value: "low", rate: 0 },
        { attribute: "tier", value: 5, rate: 1 },
      ],
      0,
    );
    const ids = traceIds(200, 3);
    const keptWith = (attrs: Attributes) => ids.filter((id) => sampler.shouldSample(input(id, attrs)).decision === SamplingDecision.RECORD_AND_SAMPLED).length;
    expect(keptWith({ tenant: "vip", priority: "low" })).toBe(200);
    expect(keptWith({ priority: "low", tenant: "vip" })).toBe(200);
    expect(keptWith({ tier: 5 })).toBe(200);
    expect(keptWith({ tier: "5" })).toBe(0);
  });

  it("children follow the root's decision and are not counted in the buckets", () => {
    rt = quietRuntime({ sampler: { type: "priority", rules: [{ attribute: "priority", value: "critical", rate: 1 }], defaultRate: 0 } });
    const tracer = rt.tracerProvider.getTracer("t");
    const root = tracer.startSpan("root", { attributes: { priority: "critical" } }, ROOT_CONTEXT);
    const child = tracer.startSpan("child", { attributes: { priority: "low" } }, trace.setSpan(ROOT_CONTEXT, root));
    expect(isSampled(child.spanContext().traceFlags)).toBe(true);
    const buckets = rt.snapshot().sampler.detail!.buckets!;
    expect(buckets.reduce((s, b) => s + b.seen, 0)).toBe(1);
  });
});
