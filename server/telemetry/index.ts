/**
 * Tracetune's embedded telemetry runtime: the only entry point for code outside server/telemetry.
 * Framework-free: nothing here imports next, react, socket.io or prisma.
 */
export { createTelemetryRuntime, TelemetryRuntime, type RuntimeOptions } from "./runtime";
export { TracetuneTracerProvider, TracetuneTracer, type TracerSettings, type SpanEndHook } from "./tracing/tracetune-tracer";
export { RecordedSpan } from "./tracing/recorded-span";
export {
  DEFAULT_CONFIG,
  DEFAULT_OTLP_ENDPOINT,
  telemetryConfigSchema,
  configPatchSchema,
  mergeAndValidate,
  validateConfig,
  configHash,
  diffConfig,
  canonicalJson,
  type TelemetryConfig,
  type ConfigPatch,
  type ConfigIssue,
  type ConfigChangeEntry,
} from "./config";
export type { TelemetrySnapshot, OverheadFigures, RuntimeEvent, RuntimeEventType, SpanCounters, DropReason, BreakerState } from "./snapshot";
export { accountedSpans, totalDropped, overheadJudgeable, MIN_JUDGED_PROCESS_CPU_MS_PER_SEC, MIN_JUDGED_TELEMETRY_CPU_MS_PER_SEC } from "./snapshot";
export type { ApplyResult, ChangeMeta, ConfigMessage, ConfigChangedEvent, RegisterOptions, TelemetryRuntimeApi } from "./types";
export { configFromEnv } from "./env-config";
export { measureOverhead, type MeasureOverheadOptions, type OverheadResult, type OverheadWorkload } from "./measure/measure-overhead";
export {
  benchmarkConfiguration,
  GUIDE_CONFIGURATIONS,
  BASELINE_ARM,
  type BenchmarkConfigurationOptions,
  type BenchmarkProgress,
  type ConfigurationResult,
  type NamedConfiguration,
} from "./measure/benchmark-configuration";
