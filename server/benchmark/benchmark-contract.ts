/**
 * The benchmark page's shared contract (zod schemas + inferred types), used by the REST route
 * handlers, the runner and the browser: what a start request may ask for, and the status every
 * reader sees. zod only, so it is safe to bundle into the browser.
 */
import { z } from "zod";

/** The guide's four configurations by name (see GUIDE_CONFIGURATIONS), plus the running config. */
export const GUIDE_CONFIGURATION_NAMES = ["disabled", "1%", "10%", "100%"] as const;
export const RUNNING_CONFIGURATION = "running config";
export const BENCHMARK_CONFIGURATION_NAMES = [...GUIDE_CONFIGURATION_NAMES, RUNNING_CONFIGURATION] as const;
export type BenchmarkConfigurationName = (typeof BENCHMARK_CONFIGURATION_NAMES)[number];

/** What progress calls the baseline run every overhead is relative to. */
export const BASELINE_LABEL = "baseline, telemetry disabled";

export const BENCHMARK_WORKLOADS = ["cpu-1ms", "spans-only", "agent-50ms"] as const;
export type BenchmarkWorkloadName = (typeof BENCHMARK_WORKLOADS)[number];

export const WORKLOAD_LABELS: Record<BenchmarkWorkloadName, string> = {
  "cpu-1ms": "Agent operation with ~1 ms of CPU work",
  "spans-only": "Spans only (no work: telemetry cost at its most visible)",
  "agent-50ms": "The guide's 50 ms agent run (slow: ~50 ms per iteration)",
};

/**
 * Bounds: at least a few blocks per configuration, at most a few minutes on this machine. The
 * 50 ms workload waits on timers, so its iterations are capped much lower.
 */
export const ITERATION_BOUNDS = { min: 10, max: 20_000 } as const;
export const SLOW_WORKLOAD_MAX_ITERATIONS = 500;
export const WARMUP_MAX = 5_000;

export const benchmarkRequestSchema = z
  .object({
    configurations: z
      .array(z.enum(BENCHMARK_CONFIGURATION_NAMES, { error: `each configuration must be one of: ${BENCHMARK_CONFIGURATION_NAMES.join(", ")}` }))
      .min(1, "choose at least one configuration")
      .refine((list) => new Set(list).size === list.length, "each configuration may be chosen once"),
    workload: z.enum(BENCHMARK_WORKLOADS, { error: `workload must be one of: ${BENCHMARK_WORKLOADS.join(", ")}` }).default("cpu-1ms"),
    iterations: z
      .number({ error: "iterations must be a number" })
      .int("iterations must be a whole number")
      .min(ITERATION_BOUNDS.min, `iterations must be at least ${ITERATION_BOUNDS.min}`)
      .max(ITERATION_BOUNDS.max, `iterations must be at most ${ITERATION_BOUNDS.max}`),
    warmupIterations: z.number().int("warmupIterations must be a whole number").min(0).max(WARMUP_MAX, `warmupIterations must be at most ${WARMUP_MAX}`).optional(),
  })
  .strict()
  .refine((r) => r.workload !== "agent-50ms" || r.iterations <= SLOW_WORKLOAD_MAX_ITERATIONS, {
    message: `the agent-50ms workload allows at most ${SLOW_WORKLOAD_MAX_ITERATIONS} iterations`,
    path: ["iterations"],
  });
export type BenchmarkRequest = z.output<typeof benchmarkRequestSchema>;

export const benchmarkProgressSchema = z.object({
  /** Share of the whole run, 0..100 (every configuration, the baseline, warm-up and measured). */
  percent: z.number(),
  configuration: z.string(),
  configurationIndex: z.number(),
  configurationCount: z.number(),
  iteration: z.number(),
  iterationsPerConfiguration: z.number(),
  phase: z.enum(["warmup", "measure"]),
});
export type BenchmarkRunProgress = z.infer<typeof benchmarkProgressSchema>;

export const benchmarkResultSchema = z.object({
  name: z.string(),
  enabled: z.boolean(),
  sampleRate: z.number(),
  overheadPercent: z.number(),
  latencyMs: z.number(),
  p50Ms: z.number(),
  p99Ms: z.number(),
  memoryMb: z.number(),
  exportedSpans: z.number(),
  droppedSpans: z.number(),
});
export type BenchmarkResultRow = z.infer<typeof benchmarkResultSchema>;

export const benchmarkRunSchema = z.object({
  id: z.number(),
  state: z.enum(["running", "done", "failed", "cancelled"]),
  request: z.object({
    configurations: z.array(z.string()),
    workload: z.enum(BENCHMARK_WORKLOADS),
    iterations: z.number(),
    warmupIterations: z.number(),
  }),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  progress: benchmarkProgressSchema.nullable(),
  results: z.array(benchmarkResultSchema).nullable(),
  error: z.string().nullable(),
  /** Where the run executes: its own Node process on the server's machine (never the server's event loop). */
  isolation: z.literal("child-process"),
  /** That process's id while it runs (null before it started and once it has exited). */
  pid: z.number().int().nullable(),
});
export type BenchmarkRun = z.infer<typeof benchmarkRunSchema>;

/** GET /api/benchmark: the current or last run (null before the first one). */
export const benchmarkStatusSchema = z.object({ run: benchmarkRunSchema.nullable() });
export type BenchmarkStatus = z.infer<typeof benchmarkStatusSchema>;

/**
 * The IPC between the runner (the server) and its benchmark process: parent -> child is one
 * `start`; child -> parent is any number of `progress`, then one `result` or `error`. The
 * parent validates every message: a malformed one fails the run (it never reaches the status).
 */
export const benchmarkChildStartSchema = z
  .object({
    type: z.literal("start"),
    /** Config patches by name, already resolved by the runner (guide configs, running config). */
    configurations: z.array(z.object({ name: z.string(), config: z.unknown() }).strict()).min(1),
    workload: z.enum(BENCHMARK_WORKLOADS),
    iterations: z.number().int().positive(),
    warmupIterations: z.number().int().nonnegative(),
  })
  .strict();
export type BenchmarkChildStart = z.infer<typeof benchmarkChildStartSchema>;

export const benchmarkChildMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("progress"), progress: benchmarkProgressSchema.strict() }).strict(),
  z.object({ type: z.literal("result"), results: z.array(benchmarkResultSchema.strict()) }).strict(),
  z.object({ type: z.literal("error"), message: z.string() }).strict(),
]);
export type BenchmarkChildMessage = z.infer<typeof benchmarkChildMessageSchema>;
