/**
 * Test helpers: real spans from the OpenTelemetry SDK, serialized by the OpenTelemetry OTLP
 * serializers (what real exporters send), and a small HTTP client over fetch.
 * Used by the receiver's tests only.
 */
import { gzipSync } from "node:zlib";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { JsonTraceSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { ROOT_CONTEXT, SpanStatusCode, trace } from "@opentelemetry/api";
import type { Attributes } from "@opentelemetry/api";

/** `count` finished spans for `service`: a root named `${prefix}.root` and children `${prefix}.child`. */
export async function makeSpans(service: string, count: number, attributes: Attributes = {}, prefix = "op"): Promise<ReadableSpan[]> {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": service }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer("receiver-test", "1.0.0");
  const root = tracer.startSpan(`${prefix}.root`, { attributes });
  const ctx = trace.setSpan(ROOT_CONTEXT, root);
  for (let i = 1; i < count; i++) {
    const child = tracer.startSpan(`${prefix}.child`, { attributes: { ...attributes, index: i } }, ctx);
    child.addEvent("step", { n: i });
    if (i % 2 === 0) child.setStatus({ code: SpanStatusCode.ERROR, message: "boom" });
    child.end();
  }
  root.end();
  await provider.forceFlush();
  const spans = exporter.getFinishedSpans();
  await provider.shutdown();
  return spans;
}

export function protobufBody(spans: ReadableSpan[]): Buffer {
  return Buffer.from(ProtobufTraceSerializer.serializeRequest(spans)!);
}

export function jsonBody(spans: ReadableSpan[]): Buffer {
  return Buffer.from(JsonTraceSerializer.serializeRequest(spans)!);
}

export function gzip(body: Buffer): Buffer {
  return gzipSync(body);
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: Buffer;
}

export async function post(url: string, body: Buffer | string, headers: Record<string, string>, signal?: AbortSignal): Promise<HttpAnswer> {
  const payload = typeof body === "string" ? body : new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength);
  const res = await fetch(url, { method: "POST", body: payload, headers, signal });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

export const PROTOBUF = { "Content-Type": "application/x-protobuf" };
export const PROTOBUF_GZIP = { "Content-Type": "application/x-protobuf", "Content-Encoding": "gzip" };
export const JSON_TYPE = { "Content-Type": "application/json" };

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Poll until `check` is true or `timeoutMs` passes; returns the last result. */
export async function waitFor(check: () => boolean, timeoutMs = 2000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await sleep(10);
  }
  return true;
}
