/** Builds the exporter a config asks for (and the breaker's fallback exporters). */
import type { TelemetryConfig } from "../config";
import { ConsoleExporter, type LineWriter } from "./console-exporter";
import { FileExporter } from "./file-exporter";
import { OtlpHttpExporter } from "./otlp-http-exporter";
import type { SpanExporterStrategy } from "./span-exporter";

export interface ExporterEnvironment {
  consoleWriter?: LineWriter;
  otlpHeaders?: Record<string, string>;
}

/** `none` has no exporter: the scheduler counts its spans as dropped (`no_exporter`). */
export function createExporter(config: TelemetryConfig, env: ExporterEnvironment = {}): SpanExporterStrategy | null {
  switch (config.exporterType) {
    case "otlp":
      return new OtlpHttpExporter({
        endpoint: config.otlpEndpoint,
        protocol: config.otlpProtocol,
        compression: config.otlpCompression,
        compressionLevel: config.compressionLevel,
        adaptiveCompression: config.adaptiveCompression,
        timeoutMs: config.exportTimeoutMs,
        maxAttempts: config.maxExportAttempts,
        poolSize: config.otlpConnectionPoolSize,
        keepAlive: config.otlpKeepalive,
        keepAliveMs: config.otlpKeepaliveTimeMs,
        headers: env.otlpHeaders,
      });
    case "console":
      return new ConsoleExporter(config.consolePrettyPrint, env.consoleWriter);
    case "file":
      return new FileExporter(config.filePath, config.fileMaxBytes);
    case "none":
      return null;
  }
}

/** The breaker's fallback destination, or null for `disable` (spans dropped as breaker_open). */
export function createFallbackExporter(config: TelemetryConfig, env: ExporterEnvironment = {}): SpanExporterStrategy | null {
  switch (config.fallbackAction) {
    case "disable":
      return null;
    case "console":
      return new ConsoleExporter(config.consolePrettyPrint, env.consoleWriter);
    case "local_file":
      return new FileExporter(config.filePath.replace(/(\.jsonl)?$/, ".fallback.jsonl"), config.fileMaxBytes);
  }
}
