/**
 * Validation of the user-typed preset fields (name, description) and of configs stored as JSON.
 * Used both on the way in (user input) and on the way out (database rows).
 */
import { z } from "zod";
import { validateConfig, validatePresetConfig, type PresetConfig, type TelemetryConfig } from "../telemetry/config";

export const PRESET_NAME_MAX = 80;
export const PRESET_DESCRIPTION_MAX = 500;

/** C0/C1 controls and the Unicode line/paragraph separators: invisible, and they break one-line UIs. */
const CONTROL = /[\p{Cc}\u2028\u2029]/u;
/** The same, but tab and newline are fine in a multi-line description. */
const CONTROL_EXCEPT_TAB_NEWLINE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029]/;

/** Length in code points, so an emoji counts once, as a user would count it. */
const codePoints = (s: string) => [...s].length;

/**
 * A preset name: NFC-normalized (so "é" typed two ways is one name), trimmed, 1-80 characters,
 * no control characters. The normalized form is what is stored and compared.
 */
export const presetNameSchema = z
  .string({ error: "name must be a string" })
  .transform((s) => s.normalize("NFC").trim())
  .refine((s) => s.length > 0, "name is required")
  .refine((s) => codePoints(s) <= PRESET_NAME_MAX, `name must be at most ${PRESET_NAME_MAX} characters`)
  .refine((s) => !CONTROL.test(s), "name must not contain control characters");

/** An optional description: NFC, trimmed, at most 500 characters; empty means none (null). */
export const presetDescriptionSchema = z
  .string({ error: "description must be a string" })
  .nullable()
  .transform((s) => (s === null ? null : s.normalize("NFC").trim()))
  .refine((s) => s === null || codePoints(s) <= PRESET_DESCRIPTION_MAX, `description must be at most ${PRESET_DESCRIPTION_MAX} characters`)
  .refine((s) => s === null || !CONTROL_EXCEPT_TAB_NEWLINE.test(s), "description must not contain control characters")
  .transform((s) => (s === "" ? null : s));

/** zod issue messages joined for a StoreError. */
export function issuesText(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

function parseWith<T>(text: string, validate: (v: unknown) => { ok: true; config: T } | { ok: false; error: string }): Parsed<T> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `config is not valid JSON (${(e as Error).message})` };
  }
  const result = validate(value);
  return result.ok ? { ok: true, value: result.config } : { ok: false, error: result.error };
}

/** A full config column (active config, history): JSON text that must pass the full schema. */
export function parseConfigJson(text: string): Parsed<TelemetryConfig> {
  return parseWith(text, validateConfig);
}

/** A preset's config column: JSON text that must be a valid config patch. */
export function parsePresetConfigJson(text: string): Parsed<PresetConfig> {
  return parseWith(text, validatePresetConfig);
}

/** Any JSON column (history's attempted patch, a diff). */
export function parseJson(text: string): Parsed<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, error: `not valid JSON (${(e as Error).message})` };
  }
}
