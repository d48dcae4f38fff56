/**
 * Runtimes built for a measurement: private instances (never registered globally), exporting to
 * a loopback discard collector when the config exports OTLP and the caller named no endpoint
 * (the default endpoint may have nothing listening, and failed exports cost less than real ones).
 */
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

/** Starts the loopback sink when any config needs it; `create` points those configs at it. */
export async function measurementRuntimes(needsSink: boolean): Promise<MeasurementRuntimes> {
  const sink = needsSink ? await startDiscardCollector() : null;
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
