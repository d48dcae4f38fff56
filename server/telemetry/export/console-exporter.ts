/** Console exporter: one line per span, or indented JSON with `consolePrettyPrint`. */
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { hrTimeToMilliseconds } from "@opentelemetry/core";
import { succeeded, type ExportOutcome, type SpanExporterStrategy } from "./span-exporter";

export type LineWriter = (text: string) => void;

export function spanToPlain(span: ReadableSpan): Record<string, unknown> {
  const ctx = span.spanContext();
  return {
    name: span.name,
    traceId: ctx.traceId,
    spanId: ctx.spanId,
    parentSpanId: span.parentSpanContext?.spanId,
    durationMs: Math.round(hrTimeToMilliseconds(span.duration) * 1000) / 1000,
    status: span.status.code,
    attributes: span.attributes,
    events: span.events.map((e) => e.name),
  };
}

export class ConsoleExporter implements SpanExporterStrategy {
  readonly type = "console" as const;
  readonly identity: string;

  constructor(
    private readonly pretty: boolean,
    private readonly write: LineWriter = (t) => process.stdout.write(t),
  ) {
    this.identity = JSON.stringify(["console", pretty]);
  }

  async export(spans: ReadableSpan[]): Promise<ExportOutcome> {
    // Formatting is the telemetry's CPU (the live overhead estimate); the write is the output's I/O.
    const t0 = performance.now();
    let text = "";
    for (const span of spans) text += (this.pretty ? JSON.stringify(spanToPlain(span), null, 2) : JSON.stringify(spanToPlain(span))) + "\n";
    const cpuUs = (performance.now() - t0) * 1000;
    this.write(text);
    // All of it ran synchronously inside export(): inside span.end() when export starts there.
    return { ...succeeded(spans.length, Buffer.byteLength(text)), cpuUs, syncCpuUs: cpuUs };
  }

  async shutdown(): Promise<void> {}
}
