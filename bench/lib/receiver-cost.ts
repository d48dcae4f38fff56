/**
 * The shared receiver's own CPU per span (gunzip + protobuf decode), measured in the parent on a
 * representative batch. Both pipelines export to this receiver, on this same machine, so its cost
 * bounds what either can get accepted per second (one core's worth at most).
 */
import zlib from "node:zlib";
import { ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { decodeExportRequest } from "../../server/receiver";
import { agentOperation } from "./agent-operation";

export async function receiverUsPerSpan(batchSize: number): Promise<number> {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = provider.getTracer("receiver-cost");
  for (let i = 0; i < batchSize / 4; i++) agentOperation(tracer);
  const spans = exporter.getFinishedSpans();
  const raw = ProtobufTraceSerializer.serializeRequest(spans);
  await provider.shutdown();
  if (!raw) return NaN;
  const gz = zlib.gzipSync(raw);
  const once = () => decodeExportRequest(zlib.gunzipSync(gz), "protobuf", { withAttributes: false });
  for (let i = 0; i < 5; i++) once();
  let best = Infinity;
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    once();
    best = Math.min(best, performance.now() - t0);
  }
  return (best * 1000) / spans.length;
}
