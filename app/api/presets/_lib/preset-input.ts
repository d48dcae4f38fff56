/**
 * What the presets API accepts from a caller, as zod schemas whose issues carry field paths
 * (`name`, `config.sampleRate`) so every 400 says which field is wrong and why.
 *
 * Names follow the store's rule (NFC-normalized, trimmed, 1-80 characters, no control
 * characters) plus one rule of the API's own: no invisible formatting characters such as
 * text-direction overrides (U+202E makes "evil.exe" display as "exe.live"), zero-width spaces
 * or byte-order marks. Joiners (U+200C/U+200D, used in emoji and some scripts) and emoji tag
 * characters stay allowed.
 */
import { z } from "zod";
import { presetDescriptionSchema, presetNameSchema } from "../../../../server/store/preset-fields";
import { validatePresetConfig, type PresetConfig } from "../../../../server/telemetry/config";

/** Unicode "format" characters that render as nothing or reorder text, except the benign ones. */
const INVISIBLE_FORMAT = /(?![\u200C\u200D\u{E0020}-\u{E007F}])\p{Cf}/u;

const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

export const apiPresetNameSchema = z
  .string({ error: (issue) => (issue.input === undefined ? "name is required" : "name must be a string") })
  .pipe(presetNameSchema)
  .superRefine((name, ctx) => {
    const found = INVISIBLE_FORMAT.exec(name);
    if (found) {
      ctx.addIssue({
        code: "custom",
        message: `name must not contain invisible formatting characters (found ${codePoint(found[0])}; text-direction overrides and zero-width characters are refused)`,
      });
    }
  });

export const apiPresetDescriptionSchema = presetDescriptionSchema;

/** zod's wording for a missing nested field, in an operator's words. */
export function friendlyIssueMessage(message: string): string {
  return /^Invalid input: expected \w+, received undefined$/.test(message) ? "is required" : message;
}

/** A preset config patch (camelCase keys), checked against the config schema; issue paths kept. */
export const presetConfigInputSchema = z.unknown().transform((value, ctx): PresetConfig => {
  const result = validatePresetConfig(value);
  if (result.ok) return result.config;
  for (const issue of result.issues) {
    ctx.addIssue({ code: "custom", message: friendlyIssueMessage(issue.message), path: issue.path === "(root)" ? [] : issue.path.split(".") });
  }
  return z.NEVER;
});

/** POST /api/presets: a name, and the config to save (absent: the running config). */
export const createPresetBodySchema = z
  .object({
    name: apiPresetNameSchema,
    description: apiPresetDescriptionSchema.optional(),
    config: presetConfigInputSchema.optional(),
  })
  .strict();

const versionField = z
  .number({ error: "version must be a number" })
  .int("version must be a whole number")
  .min(1, "version must be at least 1");

/**
 * PUT /api/presets/:id: the fields to change and the version they were based on (or If-Match).
 * `fromRunningConfig: true` overwrites the preset's config with the running config.
 */
export const updatePresetBodySchema = z
  .object({
    version: versionField.optional(),
    name: apiPresetNameSchema.optional(),
    description: apiPresetDescriptionSchema.optional(),
    config: presetConfigInputSchema.optional(),
    fromRunningConfig: z.literal(true, { error: "fromRunningConfig must be true when given" }).optional(),
  })
  .strict()
  .refine((b) => !(b.config !== undefined && b.fromRunningConfig), { message: "send either config or fromRunningConfig, not both", path: ["config"] })
  .refine((b) => b.name !== undefined || b.description !== undefined || b.config !== undefined || b.fromRunningConfig, {
    message: "nothing to update: send name, description, config or fromRunningConfig",
  });

/** DELETE /api/presets/:id: the version it was based on (or If-Match). */
export const deletePresetBodySchema = z.object({ version: versionField.optional() }).strict();

/** Apply and rollback may be pinned to the running config version their preview was based on. */
export const baseVersionBodySchema = z
  .object({ baseVersion: z.number({ error: "baseVersion must be a number" }).int("baseVersion must be a whole number").min(0).optional() })
  .strict();
