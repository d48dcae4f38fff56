/**
 * A Preset row as read from the database, validated into a PresetRecord, and the input schemas
 * for creating and updating one.
 */
import { z } from "zod";
import { validatePresetConfig, type PresetConfig } from "../telemetry/config";
import { parsePresetConfigJson, presetDescriptionSchema, presetNameSchema, type Parsed } from "./preset-fields";
import type { PresetRecord } from "./types";

/** The columns as Prisma returns them; checked because anything may have written the file. */
const presetRowSchema = z.object({
  id: z.string().min(1),
  name: z.string().refine((n) => presetNameSchema.safeParse(n).success, "stored name breaks the name rules"),
  description: z.string().nullable(),
  config: z.string(),
  builtIn: z.boolean(),
  version: z.number().int().min(1),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export function toPresetRecord(row: unknown): Parsed<PresetRecord> {
  const parsed = presetRowSchema.safeParse(row);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `${issue?.path.join(".") || "row"}: ${issue?.message}` };
  }
  const config = parsePresetConfigJson(parsed.data.config);
  if (!config.ok) return config;
  const { createdAt, updatedAt, ...rest } = parsed.data;
  return { ok: true, value: { ...rest, config: config.value, createdAt: createdAt.toISOString(), updatedAt: updatedAt.toISOString() } };
}

/** A config given by a caller: re-validated, since TypeScript types do not survive JSON bodies. */
const configInputSchema = z.unknown().transform((value, ctx): PresetConfig => {
  const result = validatePresetConfig(value);
  if (!result.ok) {
    ctx.addIssue({ code: "custom", message: result.error });
    return z.NEVER;
  }
  return result.config;
});

export const newPresetSchema = z
  .object({
    name: presetNameSchema,
    description: presetDescriptionSchema.optional().transform((d) => d ?? null),
    config: configInputSchema,
    builtIn: z.boolean().optional().default(false),
  })
  .strict();

export const presetPatchSchema = z
  .object({
    name: presetNameSchema.optional(),
    description: presetDescriptionSchema.optional(),
    config: configInputSchema.optional(),
  })
  .strict()
  .refine((p) => p.name !== undefined || p.description !== undefined || p.config !== undefined, "nothing to update");

export const expectedVersionSchema = z
  .number({ error: "expectedVersion must be a number" })
  .int("expectedVersion must be a whole number")
  .min(1, "expectedVersion must be at least 1");
