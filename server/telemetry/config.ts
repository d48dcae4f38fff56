/**
 * The runtime's configuration: one zod schema, its defaults, a content hash and a diff.
 *
 * Pure module: no Node built-ins, so the browser validates edits with exactly the schema the
 * server enforces. Keys are the design guide's names in camelCase, flat as in the guide.
 *
 * Invariants:
 * - A config that passes `telemetryConfigSchema` is complete: every key present, every cross-field
 *   rule (min <= max, warning < critical, ...) holds.
 * - A patch replaces top-level keys wholesale (a patch `{ sampler: {...} }` replaces the whole
 *   sampler). The merged result is validated as a whole before anything changes.
 * - Unknown keys are refused, never ignored: a typo must not look applied.
 */
import { z } from "zod";
import { attributeFilterSchema, attributeLimiterSchema, circuitBreakerSchema, dynamicBatchingSchema, exporterTypes, fallbackActions, memoryMonitorSchema, nonNegativeInt, overflowStrategies, performanceMonitorSchema, positiveInt, rate, resourceThrottlerSchema, samplerConfigSchema } from "./config-sections";

// The nested settings live in config-sections.ts; everything that imports them from here still can.
export * from "./config-sections";

const configShape = {
  enabled: z.boolean(),
  sampleRate: rate,
  sampler: samplerConfigSchema,

  batchSize: positiveInt(65_536),
  exportIntervalMs: positiveInt(600_000),
  maxQueueSize: positiveInt(1_048_576),
  queueOverflowStrategy: z.enum(overflowStrategies),
  queueWarningThreshold: z.number().gt(0, "must be above 0").max(1, "must be at most 1"),
  dynamicBatching: dynamicBatchingSchema.nullable(),

  attributeProcessors: z.array(attributeLimiterSchema).max(8),
  attributeFilters: z.array(attributeFilterSchema).max(64),

  exporterType: z.enum(exporterTypes),
  otlpEndpoint: z
    .string()
    .url("must be an http(s) URL")
    .refine((u) => /^https?:\/\//.test(u), "must be an http(s) URL"),
  otlpProtocol: z.enum(["http/protobuf", "http/json"]),
  otlpCompression: z.enum(["gzip", "none"]),
  compressionLevel: z.number().int().min(1, "must be 1-9").max(9, "must be 1-9"),
  /**
   * While export is behind (a full batch waits behind the one going out, or a full batch starts
   * while the exporter is still compressing the previous one), gzip at level 1 instead of
   * compressionLevel: about a third of the CPU for about 13% more bytes (bench/lib/shared-costs.ts
   * measures both levels on the benchmark's spans), so the pipeline keeps up instead of filling
   * its queue. Off: always compressionLevel, for when bytes cost more than CPU.
   */
  adaptiveCompression: z.boolean(),
  asyncExport: z.boolean(),
  exportTimeoutMs: positiveInt(600_000),
  maxExportAttempts: positiveInt(10),
  otlpConnectionPoolSize: positiveInt(64),
  otlpKeepalive: z.boolean(),
  otlpKeepaliveTimeMs: positiveInt(600_000),
  filePath: z.string().min(1).max(4096),
  fileMaxBytes: positiveInt(1 << 30),

  maxSpanAttributes: nonNegativeInt(1024),
  maxSpanEvents: nonNegativeInt(1024),
  maxSpanLinks: nonNegativeInt(1024),
  maxAttributeLength: positiveInt(1_048_576),

  circuitBreaker: circuitBreakerSchema.nullable(),
  fallbackAction: z.enum(fallbackActions),

  memoryMonitor: memoryMonitorSchema.nullable(),
  resourceThrottler: resourceThrottlerSchema.nullable(),
  performanceMonitor: performanceMonitorSchema.nullable(),

  autoInstrument: z.boolean(),
  autoInstrumentTools: z.boolean(),
  autoInstrumentMemory: z.boolean(),
  includeSystemMetrics: z.boolean(),
  includeInternalSpans: z.boolean(),
  consolePrettyPrint: z.boolean(),
};

/**
 * Keys added after configs were first stored, with the value a config stored without them takes:
 * a persisted active config or a history row written by an earlier version still reads back.
 * Only the full schema fills them; a patch without the key leaves the running value alone.
 */
const fullShape = { ...configShape, adaptiveCompression: configShape.adaptiveCompression.default(true) };

export const telemetryConfigSchema = z
  .object(fullShape)
  .strict()
  // As the OpenTelemetry spec asks of a batch processor: a full batch must fit in the queue.
  .refine((c) => c.batchSize <= c.maxQueueSize, { message: "batchSize must not exceed maxQueueSize", path: ["batchSize"] });
/** A patch: any subset of keys, each replacing the key wholesale; unknown keys are refused. */
export const configPatchSchema = z.object(configShape).partial().strict();

export type TelemetryConfig = z.infer<typeof telemetryConfigSchema>;
export type ConfigPatch = z.input<typeof configPatchSchema>;
export type SamplerConfig = z.infer<typeof samplerConfigSchema>;
export type ConfigKey = keyof TelemetryConfig;
export type OverflowStrategy = (typeof overflowStrategies)[number];
export type ExporterType = (typeof exporterTypes)[number];

/**
 * The level a batch is gzipped at while export is behind (adaptiveCompression). On the
 * benchmark's spans (2048-span batches of 283-byte spans), level 1 costs 1.10 us of CPU per span
 * and sends 58.5 bytes; level 6, the default, 3.77 us and 51.6 bytes: a third of the CPU for 13%
 * more bytes.
 */
export const FAST_COMPRESSION_LEVEL = 1;

/** Whether adaptiveCompression can change anything: gzip is on, above the fast level. */
export function adaptiveCompressionApplies(c: Pick<TelemetryConfig, "otlpCompression" | "compressionLevel" | "adaptiveCompression">): boolean {
  return c.adaptiveCompression && c.otlpCompression === "gzip" && c.compressionLevel > FAST_COMPRESSION_LEVEL;
}

export const DEFAULT_OTLP_ENDPOINT = "http://localhost:4318/v1/traces";

/**
 * Defaults: the guide's Balanced configuration (batchSize 2048, exportIntervalMs 5000,
 * maxQueueSize 16384, gzip, maxSpanAttributes 64, autoInstrument), with sampleRate 1.0 so the
 * demo's slider has room to move; the rest from the guide's sections (async export, 30 s timeout,
 * 3 attempts, pool of 10 with keep-alive, span limits, drop_oldest at 0.8 warning).
 */
export const DEFAULT_CONFIG: TelemetryConfig = Object.freeze({
  enabled: true,
  sampleRate: 1,
  sampler: { type: "ratio" },
  batchSize: 2048,
  exportIntervalMs: 5000,
  maxQueueSize: 16384,
  queueOverflowStrategy: "drop_oldest",
  queueWarningThreshold: 0.8,
  dynamicBatching: null,
  attributeProcessors: [],
  attributeFilters: [],
  exporterType: "otlp",
  otlpEndpoint: DEFAULT_OTLP_ENDPOINT,
  otlpProtocol: "http/protobuf",
  otlpCompression: "gzip",
  compressionLevel: 6,
  adaptiveCompression: true,
  asyncExport: true,
  exportTimeoutMs: 30000,
  maxExportAttempts: 3,
  otlpConnectionPoolSize: 10,
  otlpKeepalive: true,
  otlpKeepaliveTimeMs: 10000,
  filePath: "data/spans.jsonl",
  fileMaxBytes: 10 * 1024 * 1024,
  maxSpanAttributes: 64,
  maxSpanEvents: 128,
  maxSpanLinks: 32,
  maxAttributeLength: 2048,
  circuitBreaker: { failureThreshold: 0.5, timeoutDuration: 60, halfOpenRequests: 10, windowSize: 20, minimumRequests: 5 },
  fallbackAction: "disable",
  memoryMonitor: null,
  resourceThrottler: null,
  performanceMonitor: null,
  autoInstrument: true,
  autoInstrumentTools: true,
  autoInstrumentMemory: true,
  includeSystemMetrics: false,
  includeInternalSpans: false,
  consolePrettyPrint: false,
}) as TelemetryConfig;

export interface ConfigIssue {
  path: string;
  message: string;
}

export type ValidationResult =
  | { ok: true; config: TelemetryConfig }
  | { ok: false; error: string; issues: ConfigIssue[] };

function toIssues(error: z.ZodError): ConfigIssue[] {
  return error.issues.flatMap((i) => {
    const at = i.path.map(String);
    if (i.code === "unrecognized_keys") return i.keys.map((k) => ({ path: [...at, k].join("."), message: "unknown key" }));
    return [{ path: at.join(".") || "(root)", message: i.message }];
  });
}

function summarize(issues: ConfigIssue[]): string {
  const head = issues.slice(0, 3).map((i) => (i.path === "(root)" ? i.message : `${i.path}: ${i.message}`));
  return `Invalid config: ${head.join("; ")}${issues.length > 3 ? ` (+${issues.length - 3} more)` : ""}`;
}

/** Validate a patch against a base config: the merged whole must pass. Changes nothing. */
export function mergeAndValidate(base: TelemetryConfig, patch: unknown): ValidationResult {
  if (patch === null || typeof patch !== "object" || Array.isArray(patch)) {
    const issues = [{ path: "(root)", message: "a config patch must be a JSON object" }];
    return { ok: false, error: summarize(issues), issues };
  }
  const parsedPatch = configPatchSchema.safeParse(patch);
  if (!parsedPatch.success) {
    const issues = toIssues(parsedPatch.error);
    return { ok: false, error: summarize(issues), issues };
  }
  const merged = telemetryConfigSchema.safeParse({ ...base, ...parsedPatch.data });
  if (!merged.success) {
    const issues = toIssues(merged.error);
    return { ok: false, error: summarize(issues), issues };
  }
  return { ok: true, config: merged.data };
}

/** Validate a complete config (a preset row, a persisted active config). */
export function validateConfig(candidate: unknown): ValidationResult {
  const parsed = telemetryConfigSchema.safeParse(candidate);
  if (!parsed.success) {
    const issues = toIssues(parsed.error);
    return { ok: false, error: summarize(issues), issues };
  }
  return { ok: true, config: parsed.data };
}

/**
 * A preset's config: a patch (any subset of keys) that is applied on top of the running config.
 * A saved "whole config" is just the patch with every key. The guide's traffic presets set only
 * batching, so applying one must not reset the sample rate: that is why presets are patches.
 */
export type PresetConfig = z.infer<typeof configPatchSchema>;

export function validatePresetConfig(candidate: unknown): { ok: true; config: PresetConfig } | { ok: false; error: string; issues: ConfigIssue[] } {
  if (candidate === null || typeof candidate !== "object" || Array.isArray(candidate)) {
    const issues = [{ path: "(root)", message: "a preset config must be a JSON object" }];
    return { ok: false, error: summarize(issues), issues };
  }
  if (Object.keys(candidate).length === 0) {
    const issues = [{ path: "(root)", message: "a preset config must set at least one key" }];
    return { ok: false, error: summarize(issues), issues };
  }
  // Checked as a patch on the defaults so cross-field rules hold for the keys it sets.
  const merged = mergeAndValidate(DEFAULT_CONFIG, candidate);
  if (!merged.ok) return merged;
  const patch = configPatchSchema.parse(candidate);
  return { ok: true, config: patch };
}

/** JSON with object keys sorted at every level, so equal configs serialize equally. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const keys = Object.keys(value as Record<string, unknown>)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(",")}}`;
}

/**
 * Content hash of a config: FNV-1a 64-bit over its canonical JSON, as 16 hex digits. Pure JS so
 * the browser computes the same hash; not cryptographic, only an identity for "same config".
 */
export function configHash(config: TelemetryConfig): string {
  const text = canonicalJson(config);
  let h = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  const mask = 0xffffffffffffffffn;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * prime) & mask;
  }
  return h.toString(16).padStart(16, "0");
}

export interface ConfigChangeEntry {
  key: ConfigKey;
  from: unknown;
  to: unknown;
}

/** Top-level keys whose values differ, with before and after. */
export function diffConfig(before: TelemetryConfig, after: TelemetryConfig): ConfigChangeEntry[] {
  const out: ConfigChangeEntry[] = [];
  for (const key of Object.keys(after) as ConfigKey[]) {
    if (canonicalJson(before[key]) !== canonicalJson(after[key])) out.push({ key, from: before[key], to: after[key] });
  }
  return out;
}
