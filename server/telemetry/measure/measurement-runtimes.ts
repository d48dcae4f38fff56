/**
 * Runtimes built for a measurement: private instances (never registered globally), exporting to
 * a loopback discard collector when the config exports OTLP and the caller named no endpoint
 * (the default endpoint may have nothing listening, and failed exports cost less than real ones).
 */
import { ROOT_CONTEXT, trace, type Tracer } from "@opentelemetry/api";
import { DEFAULT_CONFIG, mergeAndValidate, type TelemetryConfig } from "../config";
import { createTelemetryRuntime, type TelemetryRuntime } from "../runtime";
import { startDiscardCollector, type DiscardCollector } from "./discard-collector";

export const MEASUREMENT_SERVICE_NAME = "tracetune-measurement";

/** Validate a patch against the defaults; throws a clear error naming `label` when it is invalid. */
export function resolveConfig(patch: unknown, label: string): TelemetryConfig {
  const result = mergeAndValidate(DEFAULT_CONFIG, patch ?? {});
  if (!result.ok) throw new Error(`${label}: ${result.error}`);
  return result.config;
}

/** True when the config would export to the default OTLP endpoint the caller did not choose. */
export function needsLoopbackSink(patch: unknown, config: TelemetryConfig): boolean {
  const chose = patch !== null && typeof patch === "object" && "otlpEndpoint" in patch;
  return config.exporterType === "otlp" && !chose;
}

export interface MeasurementRuntimes {
  sink: DiscardCollector | null;
  /** `toSink`: export to the loopback sink (from needsLoopbackSink). */
  create(config: TelemetryConfig, toSink: boolean): TelemetryRuntime;
  close(runtimes: TelemetryRuntime[]): Promise<void>;
}

/** An agent-shaped operation for warming the export path: a root and three children, mixed attribute types. */
function warmupOperation(tracer: Tracer, n: number): void {
  const root = tracer.startSpan("agent.run", { attributes: { "agent.name": "warmup", "request.id": `req-${n}`, priority: n % 2 === 0 ? "high" : "normal" } }, ROOT_CONTEXT);
  const ctx = trace.setSpan(ROOT_CONTEXT, root);
  for (const name of ["memory.lookup", "llm.call", "tool.call"]) {
    const span = tracer.startSpan(name, { attributes: { "step.name": name, "step.index": n & 7, "llm.prompt": `prompt ${n} `.repeat(20), temperature: 0.2, cached: n % 3 === 0 } }, ctx);
    span.end();
  }
  root.end();
}

/**
 * Runs the OTLP export path (encoder, gzip, HTTP) hot before anything is measured: 16 batches of
 * 512 spans through a throwaway runtime to the sink. Why: a measurement exports only a few
 * batches, and the first ones run before the JIT has optimized the encoder, several times slower
 * than in a service that has been exporting for a while (measured: 100% sampling on a 1 ms
 * operation read 12% with a cold export path against about 3% hot). The code is shared by every
 * runtime in the process, so every arm then measures the steady state.
 */
async function warmExportPath(sink: DiscardCollector): Promise<void> {
  const runtime = createTelemetryRuntime({ ...DEFAULT_CONFIG, sampleRate: 1, batchSize: 512, otlpEndpoint: sink.url }, { serviceName: MEASUREMENT_SERVICE_NAME });
  const tracer = runtime.tracerProvider.getTracer("tracetune-warmup");
  try {
    for (let batch = 0; batch < 16; batch++) {
      for (let i = 0; i < 128; i++) warmupOperation(tracer, batch * 128 + i);
      await runtime.flush();
    }
  } finally {
    await runtime.shutdown({ deadlineMs: 5000 });
  }
}

/**
 * Starts the loopback sink when any config needs it (and warms the export path to it); `create`
 * points those configs at it.
 */
export async function measurementRuntimes(needsSink: boolean): Promise<MeasurementRuntimes> {
  const sink = needsSink ? await startDiscardCollector() : null;
  if (sink) await warmExportPath(sink);
  return {
    sink,
    create(config, toSink) {
      const useSink = toSink && sink !== null;
      return createTelemetryRuntime({ ...config, ...(useSink ? { otlpEndpoint: sink.url } : {}) }, { serviceName: MEASUREMENT_SERVICE_NAME });
    },
    async close(runtimes) {
      await Promise.all(runtimes.map((r) => r.shutdown({ deadlineMs: 5000 })));
      await sink?.close();
    },
  };
}
