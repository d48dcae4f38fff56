/**
 * The nested settings inside the runtime's config (config.ts): samplers, dynamic batching,
 * attribute processing, circuit breaker, guards, and the enumerations of the flat keys. Pure
 * zod, shared with the browser like config.ts; every object is strict, so an unknown key inside a
 * section is refused as at the top level.
 */
import { z } from "zod";

export const rate = z.number().min(0, "must be between 0 and 1").max(1, "must be between 0 and 1");
export const positiveInt = (max: number) => z.number().int("must be a whole number").min(1, "must be at least 1").max(max, `must be at most ${max}`);
export const nonNegativeInt = (max: number) => z.number().int("must be a whole number").min(0, "must be 0 or more").max(max, `must be at most ${max}`);

export const ratioSamplerSchema = z.object({ type: z.literal("ratio") }).strict();

export const adaptiveSamplerSchema = z
  .object({
    type: z.literal("adaptive"),
    minRate: rate,
    maxRate: rate,
    /** Sampled root spans (traces) per second the sampler steers toward. */
    targetRps: z.number().positive("must be above 0").max(1_000_000),
    /** Seconds between rate adjustments. */
    adjustmentPeriod: z.number().min(0.1, "must be at least 0.1 s").max(3600),
  })
  .strict()
  .refine((s) => s.minRate <= s.maxRate, { message: "minRate must not exceed maxRate", path: ["minRate"] });

export const priorityRuleSchema = z
  .object({
    attribute: z.string().trim().min(1, "attribute name is required").max(256),
    value: z.union([z.string().max(1024), z.number(), z.boolean()]),
    rate,
  })
  .strict();

export const prioritySamplerSchema = z
  .object({
    type: z.literal("priority"),
    rules: z.array(priorityRuleSchema).max(64, "at most 64 rules"),
    defaultRate: rate,
  })
  .strict();

export const tierLevelSchema = z
  .object({
    level: z.enum(["root", "child", "deep"]),
    rate,
    /** Only for "deep": the depth (root = 0) from which a span counts as deep. */
    minDepth: z.number().int().min(2, "minDepth must be at least 2").max(64).optional(),
  })
  .strict();

export const tieredSamplerSchema = z
  .object({
    type: z.literal("tiered"),
    levels: z.array(tierLevelSchema).min(1, "at least one level").max(3, "at most one entry per level"),
  })
  .strict()
  .refine((s) => new Set(s.levels.map((l) => l.level)).size === s.levels.length, {
    message: "each level may appear once",
    path: ["levels"],
  })
  .refine((s) => s.levels.every((l) => l.level === "deep" || l.minDepth === undefined), {
    message: "minDepth applies to the deep level only",
    path: ["levels"],
  });

export const samplerConfigSchema = z.discriminatedUnion("type", [
  ratioSamplerSchema,
  adaptiveSamplerSchema,
  prioritySamplerSchema,
  tieredSamplerSchema,
]);

export const dynamicBatchingSchema = z
  .object({
    minBatchSize: positiveInt(65_536),
    maxBatchSize: positiveInt(65_536),
    minIntervalMs: positiveInt(600_000),
    maxIntervalMs: positiveInt(600_000),
    targetQueueUtilization: z.number().gt(0, "must be above 0").max(1, "must be at most 1"),
  })
  .strict()
  .refine((d) => d.minBatchSize <= d.maxBatchSize, { message: "minBatchSize must not exceed maxBatchSize", path: ["minBatchSize"] })
  .refine((d) => d.minIntervalMs <= d.maxIntervalMs, { message: "minIntervalMs must not exceed maxIntervalMs", path: ["minIntervalMs"] });

export const attributeLimiterSchema = z
  .object({
    type: z.literal("limiter"),
    maxLength: positiveInt(1_048_576),
    maxArrayItems: positiveInt(100_000),
    truncateMarker: z.string().max(32),
  })
  .strict();

/** A regular expression source that must compile; checked here so a bad one is a failed apply. */
export const regexSource = z
  .string()
  .min(1, "pattern is required")
  .max(1024)
  .superRefine((src, ctx) => {
    try {
      new RegExp(src);
    } catch (e) {
      ctx.addIssue({ code: "custom", message: `invalid regular expression: ${(e as Error).message}` });
    }
  });

export const attributeFilterSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("keep"), attributes: z.array(z.string().min(1).max(256)).max(1024) }).strict(),
  z.object({ action: z.literal("remove"), pattern: regexSource }).strict(),
]);

export const circuitBreakerSchema = z
  .object({
    /** Failure ratio (0..1) over the last `windowSize` exports that opens the breaker. */
    failureThreshold: z.number().gt(0, "must be above 0").max(1, "must be at most 1"),
    /** Seconds the breaker stays open before it lets probe exports through. */
    timeoutDuration: z.number().min(0.1, "must be at least 0.1 s").max(3600),
    /** Probe exports in half-open; all must succeed to close. */
    halfOpenRequests: positiveInt(1000),
    windowSize: positiveInt(1000).default(20),
    minimumRequests: positiveInt(1000).default(5),
  })
  .strict()
  // The window never holds more than windowSize outcomes: a larger minimum could never be met.
  .refine((b) => b.minimumRequests <= b.windowSize, { message: "minimumRequests must not exceed windowSize", path: ["minimumRequests"] });

export const memoryMonitorSchema = z
  .object({
    warningThresholdMb: z.number().positive().max(1_000_000),
    criticalThresholdMb: z.number().positive().max(1_000_000),
    checkIntervalSeconds: z.number().min(0.1).max(86_400),
  })
  .strict()
  .refine((m) => m.warningThresholdMb < m.criticalThresholdMb, {
    message: "warningThresholdMb must be below criticalThresholdMb",
    path: ["warningThresholdMb"],
  });

export const resourceThrottlerSchema = z
  .object({
    cpuThreshold: z.number().gt(0).max(100),
    memoryThreshold: z.number().gt(0).max(100),
    reductionFactor: z.number().gt(0, "must be above 0").lt(1, "must be below 1"),
    checkInterval: z.number().min(0.1).max(86_400),
  })
  .strict();

export const performanceMonitorSchema = z
  .object({
    targetOverheadPercent: z.number().gt(0).max(100),
    checkIntervalSeconds: z.number().min(0.1).max(86_400),
    floorRate: rate,
  })
  .strict();

export const overflowStrategies = ["drop_oldest", "drop_newest", "block"] as const;
export const exporterTypes = ["otlp", "console", "file", "none"] as const;
export const fallbackActions = ["disable", "console", "local_file"] as const;
