import { afterEach, describe, expect, it } from "vitest";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { context, SpanStatusCode, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { createAgentWorkload } from "./agent-workload";
import type { AgentWorkload, AgentWorkloadOptions } from "./agent-workload";
import { seededRandom } from "./random";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let workload: AgentWorkload | null = null;

function setup(options: AgentWorkloadOptions = {}) {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  workload = createAgentWorkload({ tracerProvider: provider, enabled: false, random: seededRandom(42), ...options });
  return { exporter, workload };
}

afterEach(async () => {
  await workload?.stop();
  workload = null;
});

/** Spans by id, each span's depth (root = 0), and the roots. */
function tree(spans: ReadableSpan[]) {
  const byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
  const parentOf = (s: ReadableSpan) => {
    const id = s.parentSpanContext?.spanId;
    return id ? byId.get(id) : undefined;
  };
  const depth = (s: ReadableSpan): number => {
    const parent = parentOf(s);
    return parent ? 1 + depth(parent) : 0;
  };
  const roots = spans.filter((s) => !s.parentSpanContext);
  return { byId, parentOf, depth, roots };
}

async function burstAndDrain(w: AgentWorkload, count: number): Promise<void> {
  expect(w.burst(count)).toEqual({ ok: true, launched: count, skipped: 0 });
  await sleep(5);
  await w.stop();
}

describe("synthetic agent workload", () => {
  it("starts every run as a root span, even when launched inside another span's context", async () => {
    const manager = new AsyncLocalStorageContextManager().enable();
    context.setGlobalContextManager(manager);
    try {
      const { exporter, workload: w } = setup();
      // A real (valid, sampled) request span, as Next would start around a route handler.
      const handlerSpan = new BasicTracerProvider().getTracer("http-handler").startSpan("POST /api/workload/burst");
      context.with(trace.setSpan(context.active(), handlerSpan), () => w.burst(20));
      handlerSpan.end();
      await sleep(5);
      await w.stop();
      const runs = exporter.getFinishedSpans().filter((s) => s.name === "agent.run" && s.attributes["agent.nesting"] === 0);
      expect(runs).toHaveLength(20);
      for (const run of runs) expect(run.parentSpanContext).toBeUndefined();
    } finally {
      context.disable();
    }
  });

  it("builds agent.run trees with the children and attributes samplers need", async () => {
    const { exporter, workload: w } = setup();
    await burstAndDrain(w, 200);
    const spans = exporter.getFinishedSpans();
    const { roots, parentOf, depth } = tree(spans);

    expect(roots).toHaveLength(200);
    expect(w.stats()).toMatchObject({ started: 200, completed: 200, inFlight: 0, running: 0 });
    for (const root of roots) {
      expect(root.name).toBe("agent.run");
      expect(root.instrumentationScope.name).toBe("tracetune-workload");
      expect(root.attributes["agent.name"]).toEqual(expect.any(String));
      expect(["critical", "high", "normal", "low"]).toContain(root.attributes.priority);
      expect(root.attributes["request.id"]).toMatch(/^req-[0-9a-f]{16}$/);
    }
    // Every span belongs to a root's trace, and names are the documented ones.
    const rootTraces = new Set(roots.map((r) => r.spanContext().traceId));
    for (const span of spans) {
      expect(rootTraces.has(span.spanContext().traceId)).toBe(true);
      expect(["agent.run", "llm.call", "tool.call", "memory.lookup"]).toContain(span.name);
    }

    const llm = spans.filter((s) => s.name === "llm.call");
    expect(llm.length).toBeGreaterThanOrEqual(200);
    for (const call of llm) {
      expect(call.attributes).toMatchObject({ provider: expect.any(String), model: expect.any(String), temperature: expect.any(Number) });
      const prompt = call.attributes["llm.prompt"] as string;
      expect(prompt.length).toBeGreaterThanOrEqual(300);
      expect(prompt.length).toBeLessThanOrEqual(2000);
      expect(call.attributes["llm.tokens.input"]).toBeGreaterThan(0);
      expect(call.events.map((e) => e.name)).toContain("first_token");
    }
    expect(llm.filter((s) => s.attributes["llm.tokens.output"] !== undefined).length).toBeGreaterThan(llm.length * 0.9);
    expect(spans.filter((s) => s.name === "tool.call").every((s) => typeof s.attributes["tool.name"] === "string" && typeof s.attributes["tool.args"] === "string")).toBe(true);
    expect(spans.filter((s) => s.name === "memory.lookup").every((s) => typeof s.attributes["memory.hits"] === "number")).toBe(true);

    // Sub-agents: some agent.run spans are children of a delegating tool call, deep in the tree.
    const subAgents = spans.filter((s) => s.name === "agent.run" && s.parentSpanContext);
    expect(subAgents.length).toBeGreaterThan(0);
    for (const sub of subAgents) expect(parentOf(sub)!.attributes["tool.name"]).toBe("delegate_to_agent");
    const maxDepth = Math.max(...spans.map(depth));
    expect(maxDepth).toBeGreaterThanOrEqual(3);
    expect(maxDepth).toBeLessThanOrEqual(6);
  });

  it("fails about 2% of runs with error.type and an ERROR status on the root", async () => {
    const { exporter, workload: w } = setup({ random: seededRandom(7) });
    await burstAndDrain(w, 1000);
    const { roots } = tree(exporter.getFinishedSpans());
    const failed = roots.filter((r) => r.status.code === SpanStatusCode.ERROR);
    expect(failed.length).toBeGreaterThanOrEqual(5);
    expect(failed.length).toBeLessThanOrEqual(45);
    expect(w.stats().errored).toBe(failed.length);
    for (const root of failed) expect(root.attributes["error.type"]).toEqual(expect.any(String));
    const ok = roots.filter((r) => r.status.code !== SpanStatusCode.ERROR);
    expect(ok.every((r) => r.attributes["error.type"] === undefined)).toBe(true);
  });

  it("honours the instrumentation toggles", async () => {
    const { exporter, workload: w } = setup();
    expect(w.configure({ autoInstrumentTools: false, autoInstrumentMemory: false, includeSystemMetrics: true }).ok).toBe(true);
    await burstAndDrain(w, 100);
    const spans = exporter.getFinishedSpans();
    const names = new Set(spans.map((s) => s.name));
    expect(names.has("tool.call")).toBe(false);
    expect(names.has("memory.lookup")).toBe(false);
    expect(names.has("llm.call")).toBe(true);
    const { roots } = tree(spans);
    for (const root of roots) expect(root.attributes["process.memory.rss"]).toBeGreaterThan(0);
    // Sub-agents still run when tools are not traced: they hang directly under the calling agent.
    expect(spans.some((s) => s.name === "agent.run" && s.parentSpanContext)).toBe(true);
  });

  it("is deterministic with a seeded random source", async () => {
    const shape = async () => {
      const { exporter, workload: w } = setup({ random: seededRandom(99) });
      await burstAndDrain(w, 30);
      return tree(exporter.getFinishedSpans())
        .roots.map((r) => `${r.attributes["request.id"]}/${r.attributes.priority}/${r.attributes["agent.name"]}`)
        .sort();
    };
    const first = await shape();
    expect(await shape()).toEqual(first);
  });

  it("paces runs at roughly runsPerSecond and stop() stops them", async () => {
    const { exporter, workload: w } = setup();
    expect(w.configure({ runsPerSecond: 40, enabled: true })).toMatchObject({ ok: true });
    expect(w.running).toBe(true);
    await sleep(1000);
    await w.stop();
    expect(w.running).toBe(false);
    const started = w.stats().started;
    expect(started).toBeGreaterThanOrEqual(20);
    expect(started).toBeLessThanOrEqual(60);
    const finished = exporter.getFinishedSpans().length;
    await sleep(200);
    expect(w.stats().started).toBe(started);
    expect(exporter.getFinishedSpans().length).toBe(finished);
    expect(w.stats()).toMatchObject({ inFlight: 0, running: 0, completed: started });
  });

  it("starts by default when enabled, and configure({enabled:false}) stops it", async () => {
    const { workload: w } = setup({ enabled: true, runsPerSecond: 100 });
    expect(w.running).toBe(true);
    await sleep(150);
    expect(w.configure({ enabled: false })).toMatchObject({ ok: true, settings: { enabled: false } });
    expect(w.running).toBe(false);
    expect(w.stats().started).toBeGreaterThan(0);
  });

  it("caps runs in flight under backpressure, counting the skipped ones, and cancels waiters on stop", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { exporter, workload: w } = setup({ runsPerSecond: 200, maxInFlight: 5, waitWritable: () => gate });
    w.start();
    await sleep(200);
    const stats = w.stats();
    expect(stats).toMatchObject({ inFlight: 5, waiting: 5, started: 0, maxInFlight: 5 });
    expect(stats.skipped).toBeGreaterThan(5);
    await w.stop();
    release();
    await sleep(20);
    expect(w.stats()).toMatchObject({ cancelled: 5, started: 0, inFlight: 0 });
    expect(exporter.getFinishedSpans()).toHaveLength(0);
  });

  it("validates configure and burst input, changing nothing on bad input", () => {
    const { workload: w } = setup();
    const before = w.settings();
    const bad = w.configure({ runsPerSecond: 9000, autoInstrumentTools: "no", extra: 1 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues.map((i) => i.path)).toEqual(expect.arrayContaining(["runsPerSecond", "autoInstrumentTools"]));
    expect(w.configure(null).ok).toBe(false);
    expect(w.settings()).toEqual(before);
    expect(w.burst(0).ok).toBe(false);
    expect(w.burst(1.5).ok).toBe(false);
    expect(w.burst(20_000).ok).toBe(false);
    expect(w.stats().bursts).toBe(0);
    expect(() => createAgentWorkload({ runsPerSecond: -1, enabled: false })).toThrow(/runsPerSecond/);
  });
});
