/**
 * The hand-written OTLP encoder must produce the same message as OpenTelemetry's own serializer:
 * both outputs are decoded with the receiver's protobufjs model and compared field by field,
 * over spans with every kind of attribute value, events, links, status, tracestate and a
 * remote parent, from two scopes.
 */
import { describe, expect, it } from "vitest";
import { context, trace, SpanKind, SpanStatusCode, TraceFlags } from "@opentelemetry/api";
import { TraceState } from "@opentelemetry/core";
import { AlwaysOnSampler, BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { ExportTraceServiceRequest } from "../../receiver/otlp-proto";
import { encodeTraceExportRequest } from "./otlp-proto-encoder";
import { TracetuneTracerProvider } from "../tracing/tracetune-tracer";

/**
 * The same spans recorded by the SDK (SpanImpl) or by the runtime's own tracer (RecordedSpan,
 * whose context, ids and times the encoder reads from their compact fields).
 */
function makeSpans(recorder: "sdk" | "tracetune" = "sdk"): ReadableSpan[] {
  const resource = resourceFromAttributes({ "service.name": "encoder-test", "service.version": "1.2.3" });
  const memory = new InMemorySpanExporter();
  const recorded: ReadableSpan[] = [];
  const provider =
    recorder === "sdk"
      ? new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(memory)], resource })
      : new TracetuneTracerProvider({ sampler: new AlwaysOnSampler(), onEnd: { onEnd: (span) => recorded.push(span) }, resource });
  const a = provider.getTracer("scope-a", "0.1.0");
  const b = provider.getTracer("scope-b");
  const remote = trace.setSpanContext(context.active(), {
    traceId: "0af7651916cd43dd8448eb211c80319c",
    spanId: "b7ad6b7169203331",
    traceFlags: TraceFlags.SAMPLED,
    isRemote: true,
    traceState: new TraceState("vendor=x,tracetune=2"),
  });
  const root = a.startSpan("agent.run", { kind: SpanKind.SERVER, attributes: { s: "héllo ✓ 𝄞", long: "p".repeat(300), i: 42, neg: -7, big: 2 ** 40, f: 3.25, t: true } }, remote);
  root.setAttribute("arr.s", ["a", "b"]);
  root.setAttribute("arr.n", [1, 2.5, 3]);
  root.addEvent("first_token", { "tokens": 12 });
  root.addLink({ context: { traceId: "1".repeat(32), spanId: "2".repeat(16), traceFlags: 1 }, attributes: { why: "batch" } });
  root.setStatus({ code: SpanStatusCode.ERROR, message: "boom" });
  const child = b.startSpan("tool.call", { kind: SpanKind.CLIENT }, trace.setSpan(context.active(), root));
  child.end();
  root.end();
  const plain = a.startSpan("plain");
  plain.end();
  // The encoder's one-pass attribute paths and where they hand over to the general one: a
  // non-ASCII key, a long value with one non-ASCII character, a key of 128 characters, a
  // KeyValue long enough for a two-byte length, integers past 32 bits, NaN; a status of OK and
  // ERROR without a message; a span over 16 KB (longer than the span length's two reserved bytes).
  a.startSpan("edges", {
    attributes: { "clé": "v", tail: "p".repeat(200) + "✓", ["k".repeat(128)]: 1, ["k".repeat(124)]: 2 ** 40, i31: 2 ** 31, neg53: -(2 ** 53 - 1), i60: 2 ** 60, neg60: -(2 ** 60), "arr.big": [2 ** 60, -(2 ** 60), 2 ** 63, 2 ** 64], nan: Number.NaN, off: false },
  }).setStatus({ code: SpanStatusCode.OK }).end();
  a.startSpan("error.without.message").setStatus({ code: SpanStatusCode.ERROR }).end();
  a.startSpan("huge", { attributes: { payload: "h".repeat(20_000) } }).end();
  // Span ids with the top bit set: the runtime keeps them as negative 32-bit halves.
  for (let i = 0; i < 16; i++) a.startSpan(`id.${i}`, {}, trace.setSpan(context.active(), root)).end();
  return recorder === "sdk" ? memory.getFinishedSpans() : recorded;
}

const decode = (bytes: Uint8Array) =>
  ExportTraceServiceRequest.toObject(ExportTraceServiceRequest.decode(bytes), { longs: String, bytes: String, defaults: false });

describe("OTLP protobuf encoder", () => {
  it.each(["sdk", "tracetune"] as const)("decodes to the same message as OpenTelemetry's serializer (spans recorded by %s)", (recorder) => {
    const spans = makeSpans(recorder);
    expect(spans).toHaveLength(22);
    if (recorder === "tracetune") expect(spans.some((s) => parseInt(s.spanContext().spanId[0], 16) >= 8)).toBe(true);
    const ours = decode(encodeTraceExportRequest(spans));
    const theirs = decode(ProtobufTraceSerializer.serializeRequest(spans)!);
    // Same resources, scopes and spans; attribute order within a span may differ.
    const normalize = (req: ReturnType<typeof decode>) => {
      const out = JSON.parse(JSON.stringify(req));
      for (const rs of out.resourceSpans ?? []) {
        rs.resource?.attributes?.sort((x: { key: string }, y: { key: string }) => x.key.localeCompare(y.key));
        rs.scopeSpans?.sort((x: { scope: { name: string } }, y: { scope: { name: string } }) => x.scope.name.localeCompare(y.scope.name));
        for (const ss of rs.scopeSpans ?? []) for (const sp of ss.spans ?? []) sp.attributes?.sort((x: { key: string }, y: { key: string }) => x.key.localeCompare(y.key));
      }
      return out;
    };
    expect(normalize(ours)).toEqual(normalize(theirs));
  });

  it("writes every timestamp as its exact unix nanoseconds, across the whole range of seconds", () => {
    const memory = new InMemorySpanExporter();
    const tracer = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(memory)] }).getTracer("times");
    // Edges of the 16-bit split the encoder uses, the largest 32-bit second, one past it and
    // times before 1970 (the general path), and random times: start and end each go through the encoder.
    const seconds = [0, 1, 65535, 65536, 65537, 1_764_000_000, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 33 + 12345, -1, -65536, -131069, -(2 ** 31)];
    let seed = 7;
    const random = () => (seed = (Math.imul(seed, 48271) + 11) >>> 0) / 2 ** 32;
    for (let i = 0; i < 200; i++) seconds.push(Math.floor(random() * 2 ** 32));
    const times = seconds.map((sec, i) => [sec, i < 3 ? [0, 1, 999_999_999][i] : Math.floor(random() * 1e9)] as [number, number]);
    for (const t of times) tracer.startSpan("t", { startTime: t }).end(t);
    const decoded = decode(encodeTraceExportRequest(memory.getFinishedSpans()));
    const got = decoded.resourceSpans[0].scopeSpans[0].spans.map((sp: { startTimeUnixNano: string; endTimeUnixNano: string }) => [sp.startTimeUnixNano ?? "0", sp.endTimeUnixNano ?? "0"]); // a zero is left out on the wire
    // Before 1970: the two's complement over 64 bits of the negative nanoseconds, as OpenTelemetry's serializer writes it.
    const want = times.map(([sec, ns]) => BigInt.asUintN(64, BigInt(sec) * 1_000_000_000n + BigInt(ns)).toString());
    expect(got).toEqual(want.map((w) => [w, w]));
  });

  it("keeps exact nanosecond timestamps and grows past its initial buffer", () => {
    const spans = makeSpans();
    const many = Array.from({ length: 2000 }, () => spans).flat();
    const decoded = decode(encodeTraceExportRequest(many));
    const encodedSpans = decoded.resourceSpans[0].scopeSpans.flatMap((s: { spans: unknown[] }) => s.spans);
    expect(encodedSpans).toHaveLength(many.length);
    const first = decoded.resourceSpans[0].scopeSpans[0].spans[0];
    const src = many.find((s) => s.name === first.name)!;
    const expected = BigInt(src.startTime[0]) * 1_000_000_000n + BigInt(src.startTime[1]);
    expect(first.startTimeUnixNano).toBe(expected.toString());
  });
});
