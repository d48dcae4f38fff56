import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, TraceFlags, type Span, type Tracer } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { suppressTracing } from "@opentelemetry/core";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  AlwaysOnSampler,
  BasicTracerProvider,
  InMemorySpanExporter,
  SamplingDecision,
  SimpleSpanProcessor,
  type ReadableSpan,
  type Sampler,
} from "@opentelemetry/sdk-trace-base";
import { RecordedSpan } from "./recorded-span";
import { TracetuneTracerProvider } from "./tracetune-tracer";

const resource = resourceFromAttributes({ "service.name": "conformance" });
const INVALID_LINK_CONTEXT = { traceId: "0".repeat(32), spanId: "0".repeat(16), traceFlags: 0 };

/** Every field an exporter reads, as plain data; ids and times are compared separately. */
function view(s: ReadableSpan) {
  const ctx = s.spanContext();
  return {
    name: s.name,
    kind: s.kind,
    traceFlags: ctx.traceFlags,
    traceState: ctx.traceState?.serialize(),
    hasParent: s.parentSpanContext !== undefined,
    parentIsRemote: s.parentSpanContext?.isRemote,
    status: s.status,
    attributes: s.attributes,
    links: s.links.map((l) => ({ attributes: l.attributes, droppedAttributesCount: l.droppedAttributesCount })),
    // A stack trace differs by the call path through each tracer: compare its presence only.
    events: s.events.map((e) => ({
      name: e.name,
      attributes: { ...e.attributes, "exception.stacktrace": typeof e.attributes?.["exception.stacktrace"] },
      droppedAttributesCount: e.droppedAttributesCount,
    })),
    ended: s.ended,
    serviceName: s.resource.attributes["service.name"],
    instrumentationScope: s.instrumentationScope,
    droppedAttributesCount: s.droppedAttributesCount,
    droppedEventsCount: s.droppedEventsCount,
    droppedLinksCount: s.droppedLinksCount,
  };
}

function sdkSpans(build: (tracer: Tracer) => void, sampler: Sampler = new AlwaysOnSampler()): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ sampler, resource, spanProcessors: [new SimpleSpanProcessor(exporter)] });
  build(provider.getTracer("conformance", "1.2.3"));
  return exporter.getFinishedSpans();
}

function ourSpans(build: (tracer: Tracer) => void, sampler: Sampler = new AlwaysOnSampler()): RecordedSpan[] {
  const ended: RecordedSpan[] = [];
  const provider = new TracetuneTracerProvider({ sampler, resource, onEnd: { onEnd: (s) => ended.push(s) } });
  build(provider.getTracer("conformance", "1.2.3"));
  return ended;
}

/** A span life that touches every API the SDK span has, including the misuses it tolerates. */
function everything(tracer: Tracer): void {
  tracer.startActiveSpan("parent", { kind: SpanKind.SERVER, attributes: { "http.method": "GET", tags: ["a", "b"], bad: { nested: 1 } as never, empty: undefined } }, (parent) => {
    const link = { context: parent.spanContext(), attributes: { reason: "retry" } };
    const child = tracer.startSpan("child", { kind: SpanKind.CLIENT, links: [link], attributes: { "": "empty key", n: 1 } });
    child.setAttribute("llm.model", "gpt-4o");
    child.setAttribute("llm.tokens", 42);
    child.setAttribute("mixed", [1, "x"] as never);
    child.setAttribute("nothing", undefined as never);
    child.setAttributes({ ok: true, list: [1, 2, 3] });
    child.addEvent("retry", { attempt: 2 });
    child.addEvent("timed", [1_700_000_000, 5]);
    child.addLink({ context: parent.spanContext() });
    child.recordException(new TypeError("boom"));
    child.recordException({ code: 42, message: "coded" });
    child.recordException({} as never);
    child.setStatus({ code: SpanStatusCode.ERROR, message: "failed" });
    child.setStatus({ code: SpanStatusCode.UNSET });
    child.updateName("child.renamed");
    child.end();
    child.setAttribute("after.end", 1);
    child.addEvent("after.end");
    child.setStatus({ code: SpanStatusCode.OK });
    child.end();
    const ok = tracer.startSpan("ok");
    ok.setStatus({ code: SpanStatusCode.OK });
    ok.setStatus({ code: SpanStatusCode.ERROR, message: "ignored: OK is final" });
    ok.setStatus({ code: SpanStatusCode.OK, message: "no message with OK" } as never);
    ok.end();
    parent.end();
  });
}

describe("TracetuneTracer records what the SDK's tracer records", () => {
  let manager: AsyncLocalStorageContextManager;
  beforeEach(() => {
    manager = new AsyncLocalStorageContextManager().enable();
    context.setGlobalContextManager(manager);
  });
  afterEach(() => {
    context.disable();
  });

  it("the same spans, field for field, for every API call and misuse", () => {
    const ours = ourSpans(everything);
    const sdk = sdkSpans(everything);
    expect(ours.map(view)).toEqual(sdk.map(view));
    expect(ours).toHaveLength(3);
    // Child of the active span: same trace, parent id = the parent's span id.
    const [child, , parent] = ours;
    expect(child.spanContext().traceId).toBe(parent.spanContext().traceId);
    expect(child.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
    expect(child.links[0].context.spanId).toBe(parent.spanContext().spanId);
  });

  it("times: wall-clock start, monotonic end, explicit times exact, never a negative duration", () => {
    const before = Date.now();
    const [span] = ourSpans((t) => t.startSpan("timed").end());
    const after = Date.now();
    const startMs = span.startTime[0] * 1000 + span.startTime[1] / 1e6;
    expect(startMs).toBeGreaterThanOrEqual(before);
    expect(startMs).toBeLessThanOrEqual(after);
    expect(span.duration[0]).toBe(0);
    expect(span.duration[1]).toBeGreaterThanOrEqual(0);
    expect((span.endTime[0] - span.startTime[0]) * 1e9 + span.endTime[1] - span.startTime[1]).toBe(span.duration[1]);

    const [explicit] = ourSpans((t) => t.startSpan("explicit", { startTime: [1_700_000_000, 123_456_789] }).end([1_700_000_001, 1]));
    expect(explicit.startTime).toEqual([1_700_000_000, 123_456_789]);
    expect(explicit.endTime).toEqual([1_700_000_001, 1]);
    expect(explicit.duration).toEqual([0, 876_543_212]);

    const [backwards] = ourSpans((t) => t.startSpan("backwards", { startTime: new Date(2_000_000_000_000) }).end(new Date(1_000_000_000_000)));
    expect(backwards.duration).toEqual([0, 0]);
    expect(backwards.endTime).toEqual(backwards.startTime);
  });

  it("ids: fresh, valid, 32 and 16 lowercase hex; children keep the trace id", () => {
    const spans = ourSpans((t) => {
      for (let i = 0; i < 200; i++) {
        const root = t.startSpan("root", {}, ROOT_CONTEXT);
        t.startSpan("child", {}, trace.setSpan(ROOT_CONTEXT, root)).end();
        root.end();
      }
    });
    const traceIds = new Set(spans.map((s) => s.spanContext().traceId));
    const spanIds = new Set(spans.map((s) => s.spanContext().spanId));
    expect(traceIds.size).toBe(200);
    expect(spanIds.size).toBe(400);
    for (const s of spans) {
      expect(s.spanContext().traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(s.spanContext().spanId).toMatch(/^[0-9a-f]{16}$/);
      expect(trace.isSpanContextValid(s.spanContext())).toBe(true);
    }
  });

  it("sampler decisions: NOT_RECORD propagates a non-recording context, sampler attributes are added", () => {
    const sampler: Sampler = {
      shouldSample: (_c, _t, name) =>
        name === "drop" ? { decision: SamplingDecision.NOT_RECORD } : { decision: SamplingDecision.RECORD_AND_SAMPLED, attributes: { "sampler.rule": "keep" } },
      toString: () => "test",
    };
    let dropped: Span | undefined;
    const spans = ourSpans((t) => {
      dropped = t.startSpan("drop");
      t.startSpan("child-of-dropped", {}, trace.setSpan(ROOT_CONTEXT, dropped)).end();
      dropped.end();
      t.startSpan("keep", { attributes: { a: 1 } }).end();
    }, sampler);
    expect(dropped?.isRecording()).toBe(false);
    expect(dropped?.spanContext().traceFlags).toBe(TraceFlags.NONE);
    expect(trace.isSpanContextValid(dropped!.spanContext())).toBe(true);
    expect(spans.map((s) => s.name)).toEqual(["child-of-dropped", "keep"]);
    expect(spans[0].spanContext().traceId).toBe(dropped?.spanContext().traceId);
    expect(spans[1].attributes).toEqual({ a: 1, "sampler.rule": "keep" });
    expect(spans[1].spanContext().traceFlags).toBe(TraceFlags.SAMPLED);
  });

  it("suppressed tracing and `root` behave as in the SDK", () => {
    const spans = ourSpans((t) => {
      const suppressed = t.startSpan("suppressed", {}, suppressTracing(ROOT_CONTEXT));
      expect(suppressed.isRecording()).toBe(false);
      expect(trace.isSpanContextValid(suppressed.spanContext())).toBe(false);
      suppressed.end();
      const parent = t.startSpan("parent");
      t.startSpan("detached", { root: true }, trace.setSpan(ROOT_CONTEXT, parent)).end();
      parent.end();
    });
    expect(spans.map((s) => s.name)).toEqual(["detached", "parent"]);
    expect(spans[0].parentSpanContext).toBeUndefined();
    expect(spans[0].spanContext().traceId).not.toBe(spans[1].spanContext().traceId);
  });

  it("the SDK's ceilings hold while a span is open (1024 attributes, newest 1024 events)", () => {
    const [span] = ourSpans((t) => {
      const s = t.startSpan("big");
      for (let i = 0; i < 1100; i++) s.setAttribute(`k${i}`, i);
      for (let i = 0; i < 1030; i++) s.addEvent(`e${i}`);
      s.end();
    });
    expect(Object.keys(span.attributes)).toHaveLength(1024);
    expect(span.droppedAttributesCount).toBe(76);
    expect(span.events).toHaveLength(1024);
    expect(span.events[0].name).toBe("e6");
    expect(span.droppedEventsCount).toBe(6);
  });

  it("the 1024-attribute ceiling holds for the attributes a span starts with: the first 1024 are kept", () => {
    const initial: Record<string, number> = {};
    for (let i = 0; i < 1100; i++) initial[`k${i}`] = i;
    const [span] = ourSpans((t) => {
      const s = t.startSpan("big", { attributes: initial });
      s.setAttribute("k0", -1); // an existing key may still change
      s.setAttribute("new", 1); // a new one is refused, and counted
      s.end();
    });
    expect(Object.keys(span.attributes)).toHaveLength(1024);
    expect(span.attributes.k0).toBe(-1);
    expect(span.attributes.k1023).toBe(1023);
    expect(span.attributes.k1024).toBeUndefined();
    expect(span.attributes.new).toBeUndefined();
    expect(span.droppedAttributesCount).toBe(77);
  });

  it("arrays are copied: changing the caller's array later does not change the span", () => {
    const tags = ["a", "b"];
    const [span] = ourSpans((t) => {
      const s = t.startSpan("copy", { attributes: { tags } });
      tags.push("c");
      s.end();
    });
    expect(span.attributes.tags).toEqual(["a", "b"]);
  });

  it("null attribute values are dropped everywhere (the SDK keeps them on links; OTLP has no null)", () => {
    const [span] = ourSpans((t) => {
      const other = t.startSpan("other");
      const s = t.startSpan("nulls", { attributes: { gone: null as never, kept: 1 }, links: [{ context: other.spanContext(), attributes: { gone: null as never, kept: 2 } }] });
      s.end();
    });
    expect(span.attributes).toEqual({ kept: 1 });
    expect(span.links[0].attributes).toEqual({ kept: 2 });
  });

  it("performance.now() timestamps land on the span's clock even when the clocks drifted apart", () => {
    // A long-running process: performance.timeOrigin + performance.now() is 3 s behind Date.now().
    const origin = performance.timeOrigin;
    const drift = vi.spyOn(performance, "timeOrigin", "get").mockReturnValue(origin - 3000);
    try {
      const [span] = ourSpans((t) => {
        const s = t.startSpan("perf-times");
        s.addEvent("tick", performance.now());
        s.end(performance.now());
      });
      const ns = (t: readonly [number, number]) => BigInt(t[0]) * 1_000_000_000n + BigInt(t[1]);
      const start = ns(span.startTime);
      const event = ns(span.events[0].time);
      const end = ns(span.endTime);
      expect(event >= start && event <= end).toBe(true);
      expect(end - start).toBeGreaterThan(0n);
      expect(end - start).toBeLessThan(1_000_000_000n);

      const [explicit] = ourSpans((t) => t.startSpan("perf-start", { startTime: performance.now() }).end());
      const startMs = explicit.startTime[0] * 1000 + explicit.startTime[1] / 1e6;
      expect(Math.abs(startMs - Date.now())).toBeLessThan(1000);
    } finally {
      drift.mockRestore();
    }
  });

  it("a sampler that changes what it is shown cannot break the span (as in the SDK)", () => {
    const meddling: Sampler = {
      shouldSample: (_c, _t, _n, _k, attributes, links) => {
        links.push({ context: INVALID_LINK_CONTEXT });
        (attributes as Record<string, unknown>).bad = { nested: 1 };
        attributes.added = "by sampler";
        return { decision: SamplingDecision.RECORD_AND_SAMPLED };
      },
      toString: () => "meddling",
    };
    const build = (t: Tracer) => t.startSpan("meddled", { attributes: { a: 1 } }).end();
    const [span] = ourSpans(build, meddling);
    expect(span.attributes).toEqual({ a: 1, added: "by sampler" });
    // The SDK keeps a link the sampler added to the array it was given; so do we.
    expect(span.links).toHaveLength(1);
    expect(view(span)).toEqual(view(sdkSpans(build, meddling)[0]));
  });
});
