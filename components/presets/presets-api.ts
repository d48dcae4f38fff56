/**
 * Browser-side client for the presets REST routes (app/api/presets). Every answer is checked
 * with zod; every failure becomes a message a person can act on (the server's when it sent one),
 * with the server's `code` kept so the panel can offer the right next step (overwrite a taken
 * name, reload after a conflict).
 */
import { z } from "zod";
import { configPatchSchema, type ConfigChangeEntry, type PresetConfig } from "../../server/telemetry/config";
import type { ApplyResult } from "../../server/telemetry/types";
import { applyResultSchema } from "../realtime/inbound-schemas";
import { expectShape, requestJson, sendJson, type ApiResult } from "./http-client";

export interface PresetSummary {
  id: string;
  name: string;
  description: string | null;
  builtIn: boolean;
  /** Optimistic-concurrency version: updates and deletes send it back. */
  version: number;
  /** The keys this preset sets (a patch over the running config). */
  config: PresetConfig;
}

const presetSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable().default(null),
  builtIn: z.boolean().default(false),
  version: z.number().int().default(1),
  config: configPatchSchema,
});

const listSchema = z.object({ presets: z.array(z.unknown()) });
const oneSchema = z.object({ preset: presetSchema });

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string; code?: string; status?: number | null; details?: Record<string, unknown> };

const codeOf = (body: unknown) => z.looseObject({ code: z.string() }).safeParse(body).data?.code;

function failure(result: Extract<ApiResult<unknown>, { ok: false }>): Extract<Outcome<never>, { ok: false }> {
  const details = typeof result.body === "object" && result.body !== null ? (result.body as Record<string, unknown>) : undefined;
  return { ok: false, error: result.error, code: codeOf(result.body), status: result.status, details };
}

const presetUrl = (id: string) => `/api/presets/${encodeURIComponent(id)}`;

/** Presets whose rows fail the check are skipped (the list still shows the others). */
export async function listPresets(): Promise<Outcome<PresetSummary[]>> {
  const res = expectShape(await requestJson("/api/presets"), listSchema, "listing presets");
  if (!res.ok) return failure(res);
  const presets: PresetSummary[] = [];
  for (const raw of res.body.presets) {
    const p = presetSchema.safeParse(raw);
    if (p.success) presets.push(p.data);
    else console.warn("[tracetune] skipped an unreadable preset", p.error.issues.slice(0, 2));
  }
  return { ok: true, value: presets };
}

/**
 * Saves the running config under a new name. A taken name fails with code "duplicate_name" and
 * `details.existing` = { id, name, version, builtIn } of the preset holding it.
 */
export async function savePreset(name: string, description?: string): Promise<Outcome<PresetSummary>> {
  const res = expectShape(await sendJson("/api/presets", "POST", description ? { name, description } : { name }), oneSchema, "saving the preset");
  return res.ok ? { ok: true, value: res.body.preset } : failure(res);
}

/** Replaces the preset's config with the running config, if it is still at `version`. */
export async function overwritePreset(id: string, version: number): Promise<Outcome<PresetSummary>> {
  const res = expectShape(await sendJson(presetUrl(id), "PUT", { version, fromRunningConfig: true }), oneSchema, "overwriting the preset");
  return res.ok ? { ok: true, value: res.body.preset } : failure(res);
}

export async function deletePreset(id: string, version: number): Promise<Outcome<null>> {
  const res = await sendJson(presetUrl(id), "DELETE", { version });
  return res.ok ? { ok: true, value: null } : failure(res);
}

export interface PresetDiff {
  diff: ConfigChangeEntry[];
  /** The running config version this diff was computed against. */
  runningVersion: number;
  /** Whether the runtime would accept the preset on top of the running config. */
  applicable: { ok: true } | { ok: false; error: string };
}

const diffSchema = z.object({
  diff: z.array(z.object({ key: z.string(), from: z.unknown(), to: z.unknown() })),
  runningVersion: z.number().int(),
  applicable: z.union([z.looseObject({ ok: z.literal(true) }), z.looseObject({ ok: z.literal(false), error: z.string() })]),
});

export async function presetDiff(id: string): Promise<Outcome<PresetDiff>> {
  const res = expectShape(await requestJson(`${presetUrl(id)}/diff`), diffSchema, "comparing the preset");
  return res.ok ? { ok: true, value: res.body as PresetDiff } : failure(res);
}

/**
 * Applies a preset. With `baseVersion` (the runningVersion of the reviewed diff) the server
 * refuses with code "stale_base_version" if the config moved since. Always settles: a 404 or a
 * network error becomes a "failed" result.
 */
export async function applyPreset(id: string, baseVersion?: number): Promise<ApplyResult & { code?: string }> {
  const res = await sendJson(`${presetUrl(id)}/apply`, "POST", baseVersion === undefined ? undefined : { baseVersion });
  const parsed = applyResultSchema.safeParse(res.body);
  if (parsed.success) return parsed.data as ApplyResult;
  if (res.ok) return { status: "failed", error: "The server's answer to the apply was not understood", issues: [] };
  return { status: "failed", error: res.error, issues: [], code: codeOf(res.body) };
}

export interface ImportReport {
  imported: number;
  skipped: number;
}

const importResultSchema = z.object({
  index: z.number(),
  name: z.string().nullable(),
  status: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

/** Imports a presets file's text as it is; a refusal lists each refused preset's problems. */
export async function importPresets(fileText: string): Promise<Outcome<ImportReport>> {
  const res = await requestJson("/api/presets/import", { method: "POST", headers: { "content-type": "application/json" }, body: fileText });
  if (res.ok) {
    const body = z.object({ imported: z.number(), skipped: z.number() }).safeParse(res.body);
    return body.success ? { ok: true, value: body.data } : { ok: false, error: "The server's answer to the import was not understood" };
  }
  const results = z.object({ results: z.array(importResultSchema) }).safeParse(res.body);
  if (!results.success) return failure(res);
  const problems = results.data.results
    .filter((r) => r.status === "refused")
    .slice(0, 4)
    .map((r) => `${r.name ?? `#${r.index + 1}`}: ${(r.issues ?? []).map((i) => `${i.path} ${i.message}`).join("; ")}`);
  return { ok: false, error: `${res.error}. ${problems.join(" · ")}`, status: res.status };
}
