/**
 * A ConfigChange (history) row: the input schema for recording one and the validation of a row
 * read back into a ConfigChangeRecord.
 */
import { z } from "zod";
import { telemetryConfigSchema, validateConfig, type ConfigChangeEntry, type TelemetryConfig } from "../telemetry/config";
import { parseConfigJson, parseJson, type Parsed } from "./preset-fields";
import { configChangeSources, type ConfigChangeRecord } from "./types";

/** Longer error texts are cut: losing an audit row over a long message would be worse. */
export const HISTORY_ERROR_MAX = 4000;

const configKeys = Object.keys(telemetryConfigSchema.shape) as [string, ...string[]];

const diffSchema = z.array(
  z.object({ key: z.enum(configKeys), from: z.unknown(), to: z.unknown() }).transform((e) => e as ConfigChangeEntry),
);

const configValue = z.unknown().transform((value, ctx): TelemetryConfig => {
  const result = validateConfig(value);
  if (!result.ok) {
    ctx.addIssue({ code: "custom", message: result.error });
    return z.NEVER;
  }
  return result.config;
});

/** Any value JSON can carry (what a failed change attempted). */
const jsonValue = z.unknown().refine((v) => {
  try {
    return JSON.stringify(v) !== undefined;
  } catch {
    return false;
  }
}, "must be JSON-serializable");

const base = {
  actor: z.string().transform((s) => s.normalize("NFC").trim().slice(0, 120)).pipe(z.string().min(1, "actor is required")),
  source: z.enum(configChangeSources),
  before: configValue.nullable(),
  diff: diffSchema,
  configVersion: z.number().int().min(0).nullable().optional().transform((v) => v ?? null),
};

export const newConfigChangeSchema = z.discriminatedUnion("result", [
  z.object({ ...base, result: z.literal("applied"), after: configValue, error: z.null().optional() }).strict(),
  z
    .object({
      ...base,
      result: z.literal("failed"),
      after: jsonValue,
      error: z.string().min(1, "a failed change needs its error").transform((e) => e.slice(0, HISTORY_ERROR_MAX)),
    })
    .strict(),
]);

const rowSchema = z.object({
  id: z.number().int().positive(),
  createdAt: z.date(),
  actor: z.string(),
  source: z.enum(configChangeSources),
  before: z.string().nullable(),
  after: z.string(),
  diff: z.string(),
  result: z.enum(["applied", "failed"]),
  error: z.string().nullable(),
  configVersion: z.number().int().nullable(),
});

export function toConfigChangeRecord(row: unknown): Parsed<ConfigChangeRecord> {
  const parsed = rowSchema.safeParse(row);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `${issue?.path.join(".") || "row"}: ${issue?.message}` };
  }
  const r = parsed.data;
  let before: TelemetryConfig | null = null;
  if (r.before !== null) {
    const b = parseConfigJson(r.before);
    if (!b.ok) return { ok: false, error: `before: ${b.error}` };
    before = b.value;
  }
  const diffJson = parseJson(r.diff);
  if (!diffJson.ok) return { ok: false, error: `diff: ${diffJson.error}` };
  const diff = diffSchema.safeParse(diffJson.value);
  if (!diff.success) return { ok: false, error: "diff: not a list of config changes" };
  const common = { id: r.id, createdAt: r.createdAt.toISOString(), actor: r.actor, source: r.source, before, diff: diff.data, configVersion: r.configVersion };

  if (r.result === "applied") {
    const after = parseConfigJson(r.after);
    if (!after.ok) return { ok: false, error: `after: ${after.error}` };
    return { ok: true, value: { ...common, result: "applied", after: after.value, error: null } };
  }
  const after = parseJson(r.after);
  if (!after.ok) return { ok: false, error: `after: ${after.error}` };
  if (r.error === null) return { ok: false, error: "error: a failed change has no error text" };
  return { ok: true, value: { ...common, result: "failed", after: after.value, error: r.error } };
}
