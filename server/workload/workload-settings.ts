/**
 * The workload's live settings and their validation. A patch is validated whole; on failure
 * nothing changes. The instrumentation toggles carry the guide's names so the lead can copy them
 * straight from the runtime config.
 */
import { z } from "zod";

export const MAX_RUNS_PER_SECOND = 5000;
export const MAX_BURST = 10_000;

export const workloadSettingsSchema = z
  .object({
    /** Paced runs on/off (bursts work either way). */
    enabled: z.boolean(),
    runsPerSecond: z
      .number()
      .min(0, "must be 0 or more")
      .max(MAX_RUNS_PER_SECOND, `must be at most ${MAX_RUNS_PER_SECOND}`),
    /** false: tool calls still happen but produce no tool.call spans. */
    autoInstrumentTools: z.boolean(),
    /** false: memory lookups still happen but produce no memory.lookup spans. */
    autoInstrumentMemory: z.boolean(),
    /** true: agent.run carries process metrics (process.memory.rss, ...). */
    includeSystemMetrics: z.boolean(),
  })
  .strict();

export const workloadPatchSchema = workloadSettingsSchema.partial().strict();

export const burstCountSchema = z
  .number()
  .int("must be a whole number")
  .min(1, "must be at least 1")
  .max(MAX_BURST, `must be at most ${MAX_BURST}`);

export type WorkloadSettings = z.infer<typeof workloadSettingsSchema>;
export type WorkloadPatch = z.input<typeof workloadPatchSchema>;

export const DEFAULT_WORKLOAD_SETTINGS: WorkloadSettings = Object.freeze({
  enabled: true,
  runsPerSecond: 50,
  autoInstrumentTools: true,
  autoInstrumentMemory: true,
  includeSystemMetrics: false,
});

export interface WorkloadIssue {
  path: string;
  message: string;
}

export type WorkloadValidation<T> = { ok: true; value: T } | { ok: false; error: string; issues: WorkloadIssue[] };

function failure(prefix: string, error: z.ZodError): { ok: false; error: string; issues: WorkloadIssue[] } {
  const issues = error.issues.map((i) => ({
    path: i.path.map(String).join(".") || "(root)",
    message: i.code === "unrecognized_keys" ? `unknown key${i.keys.length > 1 ? "s" : ""}: ${i.keys.join(", ")}` : i.message,
  }));
  const head = issues.slice(0, 3).map((i) => (i.path === "(root)" ? i.message : `${i.path}: ${i.message}`));
  return { ok: false, error: `${prefix}: ${head.join("; ")}${issues.length > 3 ? ` (+${issues.length - 3} more)` : ""}`, issues };
}

/** Merge a patch into the current settings, or explain why not. */
export function mergeWorkloadSettings(current: WorkloadSettings, patch: unknown): WorkloadValidation<WorkloadSettings> {
  if (patch === null || typeof patch !== "object" || Array.isArray(patch)) {
    const issues = [{ path: "(root)", message: "a workload patch must be an object" }];
    return { ok: false, error: `Invalid workload settings: ${issues[0].message}`, issues };
  }
  const parsed = workloadPatchSchema.safeParse(patch);
  if (!parsed.success) return failure("Invalid workload settings", parsed.error);
  return { ok: true, value: { ...current, ...parsed.data } };
}

export function validateBurstCount(count: unknown): WorkloadValidation<number> {
  const parsed = burstCountSchema.safeParse(count);
  if (!parsed.success) return failure("Invalid burst", parsed.error);
  return { ok: true, value: parsed.data };
}
