/**
 * The one small interface every exporter implements (otlp, console, file, none), and what an
 * export attempt reports back. Exporters never throw from `export`: a failure is an outcome.
 */
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";

export interface ExportOutcome {
  /** Spans the destination acknowledged. */
  accepted: number;
  /** Spans that were not acknowledged (error, or rejected in an OTLP partial success). */
  failed: number;
  bytesRaw: number;
  bytesSent: number;
  retries: number;
  /** CPU microseconds spent preparing the payload (serializing, compressing), for the overhead estimate. */
  cpuUs?: number;
  /**
   * The part of cpuUs spent synchronously inside `export()` before it first awaits (serializing).
   * An export started on the span-end path (asyncExport off) runs that part inside span.end(),
   * whose own timer already counts it.
   */
  syncCpuUs?: number;
  /** The payload was gzipped at the fast level because export was behind (adaptiveCompression). */
  fastCompression?: boolean;
  error?: string;
}

/** What the scheduler knows about a batch that the exporter does not. */
export interface ExportHints {
  /** A full batch already waits in the queue behind this one: spans arrive faster than they leave. */
  behind?: boolean;
  /** This batch is a full one (batchSize spans), not a timer's or a flush's remainder. */
  full?: boolean;
}

export interface SpanExporterStrategy {
  readonly type: "otlp" | "console" | "file" | "none";
  /** A string that changes when a setting that needs a new exporter instance changes. */
  readonly identity: string;
  export(spans: ReadableSpan[], hints?: ExportHints): Promise<ExportOutcome>;
  shutdown(): Promise<void>;
}

export function succeeded(spans: number, bytes = 0): ExportOutcome {
  return { accepted: spans, failed: 0, bytesRaw: bytes, bytesSent: bytes, retries: 0 };
}

export function failedOutcome(spans: number, error: string, retries = 0, bytesRaw = 0): ExportOutcome {
  return { accepted: 0, failed: spans, bytesRaw, bytesSent: 0, retries, error };
}
