/**
 * Costs both pipelines share, measured once in the parent on a batch of the benchmark's own spans:
 * OTLP protobuf serialization (otlp-transformer's serializer, which the reference uses, and
 * Tracetune's own encoder, both producing the same message), gzip at level 6
 * (both pipelines' level) and at level 1 (Tracetune's while export is behind: adaptiveCompression),
 * and the shared receiver's gunzip + decode. They explain where the
 * per-span costs go, and what no pipeline built on these parts can go below.
 */
import zlib from "node:zlib";
import { ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { AlwaysOnSampler, BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { decodeExportRequest } from "../../server/receiver";
import { encodeTraceExportRequestInto } from "../../server/telemetry/export/otlp-proto-encoder";
import { ProtoWriter } from "../../server/telemetry/export/proto-writer";
import { FAST_COMPRESSION_LEVEL } from "../../server/telemetry/config";
import { TracetuneTracerProvider } from "../../server/telemetry";
import { agentOperation } from "./agent-operation";

export interface SharedCosts {
  batchSpans: number;
  /** otlp-transformer's ProtobufTraceSerializer: what the reference pipeline runs. */
  serializeUsPerSpan: number;
  /** Tracetune's own OTLP protobuf encoder (absent from results written before it was measured). */
  tracetuneSerializeUsPerSpan?: number;
  gzipUsPerSpan: number;
  /** gzip at level 1, what Tracetune compresses at while export is behind (absent from older results). */
  gzipFastUsPerSpan?: number;
  gzipFastBytesPerSpan?: number;
  receiverUsPerSpan: number;
  protobufBytesPerSpan: number;
  gzipBytesPerSpan: number;
}

/**
 * Best of `tries` timings of fn, in ms (the least disturbed run), after enough calls for the JIT
 * to have optimized it: with 3 warm-up calls and 7 tries, Tracetune's encoder read 0.59-1.08
 * us/span from one fresh process to the next (best of 320 in a long run: 0.53).
 */
function best(fn: () => unknown, tries = 15): number {
  for (let i = 0; i < 10; i++) fn();
  let min = Infinity;
  for (let i = 0; i < tries; i++) {
    const t0 = performance.now();
    fn();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

export async function measureSharedCosts(batchSize: number): Promise<SharedCosts> {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = provider.getTracer("shared-costs");
  for (let i = 0; i < batchSize / 4; i++) agentOperation(tracer);
  const spans = exporter.getFinishedSpans();
  await provider.shutdown();
  // Tracetune's encoder on Tracetune's own spans (the same operations, recorded by its tracer),
  // into a warm writer as its exporter does.
  const ours = tracetuneSpans(batchSize);
  const writer = new ProtoWriter();
  const raw = ProtobufTraceSerializer.serializeRequest(spans);
  if (!raw) throw new Error("serializer produced nothing");
  const gz = zlib.gzipSync(raw, { level: 6 });
  const gzFast = zlib.gzipSync(raw, { level: FAST_COMPRESSION_LEVEL });
  const n = spans.length;
  return {
    batchSpans: n,
    serializeUsPerSpan: (best(() => ProtobufTraceSerializer.serializeRequest(spans)) * 1000) / n,
    tracetuneSerializeUsPerSpan:
      (best(() => {
        writer.reset();
        encodeTraceExportRequestInto(writer, ours);
      }) * 1000) / ours.length,
    gzipUsPerSpan: (best(() => zlib.gzipSync(raw, { level: 6 })) * 1000) / n,
    gzipFastUsPerSpan: (best(() => zlib.gzipSync(raw, { level: FAST_COMPRESSION_LEVEL })) * 1000) / n,
    gzipFastBytesPerSpan: gzFast.byteLength / n,
    receiverUsPerSpan: (best(() => decodeExportRequest(zlib.gunzipSync(gz), "protobuf", { withAttributes: false })) * 1000) / n,
    protobufBytesPerSpan: raw.byteLength / n,
    gzipBytesPerSpan: gz.byteLength / n,
  };
}

/**
 * Results written before Tracetune's own encoder was measured: measure the shared costs again
 * now, so that both serializers' figures come from one measurement.
 */
export async function withTracetuneSerializeCost(costs: SharedCosts): Promise<SharedCosts> {
  return costs.tracetuneSerializeUsPerSpan === undefined ? measureSharedCosts(costs.batchSpans) : costs;
}

/** A batch of the benchmark's spans as Tracetune's tracer records them. */
function tracetuneSpans(batchSize: number): ReadableSpan[] {
  const spans: ReadableSpan[] = [];
  const provider = new TracetuneTracerProvider({
    sampler: new AlwaysOnSampler(),
    onEnd: { onEnd: (span) => spans.push(span) },
    resource: resourceFromAttributes({ "service.name": "shared-costs" }),
  });
  const tracer = provider.getTracer("shared-costs");
  for (let i = 0; i < batchSize / 4; i++) agentOperation(tracer);
  return spans;
}
