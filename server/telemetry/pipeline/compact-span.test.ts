import { describe, expect, it } from "vitest";
import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { CompactSpan } from "./compact-span";

/** Every field an exporter reads, as plain data. */
function view(s: ReadableSpan) {
  return {
    name: s.name,
    kind: s.kind,
    spanContext: s.spanContext(),
    parentSpanContext: s.parentSpanContext,
    startTime: s.startTime,
    endTime: s.endTime,
    duration: s.duration,
    status: s.status,
    attributes: s.attributes,
    links: s.links,
    events: s.events,
    ended: s.ended,
    resource: s.resource,
    instrumentationScope: s.instrumentationScope,
    droppedAttributesCount: s.droppedAttributesCount,
    droppedEventsCount: s.droppedEventsCount,
    droppedLinksCount: s.droppedLinksCount,
  };
}

function finishedSpans(build: (tracer: ReturnType<BasicTracerProvider["getTracer"]>) => void): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  build(provider.getTracer("compact-span-test", "1.2.3"));
  return exporter.getFinishedSpans();
}

describe("CompactSpan", () => {
  it("reads exactly like the SDK span it was made from", () => {
    const spans = finishedSpans((tracer) => {
      tracer.startActiveSpan("parent", { kind: SpanKind.SERVER }, (parent) => {
        const child = tracer.startSpan("child", {
          attributes: { "llm.prompt": "x".repeat(300), tokens: 42, ok: true },
          links: [{ context: parent.spanContext(), attributes: { why: "test" } }],
        });
        child.addEvent("retry", { attempt: 2 });
        child.setStatus({ code: SpanStatusCode.ERROR, message: "boom" });
        child.end();
        parent.end();
      });
    });
    expect(spans).toHaveLength(2);
    for (const span of spans) expect(view(new CompactSpan(span))).toEqual(view(span));
  });

  it("keeps nanosecond times exactly and borrows a second for the duration when needed", () => {
    const [span] = finishedSpans((tracer) => {
      const s = tracer.startSpan("timed", { startTime: [1_800_000_000, 900_000_123] });
      s.end([1_800_000_002, 100_000_456]);
    });
    const compact = new CompactSpan(span);
    expect(compact.startTime).toEqual([1_800_000_000, 900_000_123]);
    expect(compact.endTime).toEqual([1_800_000_002, 100_000_456]);
    expect(compact.duration).toEqual([1, 200_000_333]);
    expect(compact.duration).toEqual(span.duration);
  });
});
