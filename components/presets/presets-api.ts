/**
 * Browser-side client for the presets REST routes (app/api/presets). Every answer is checked
 * with zod; every failure becomes a message a person can act on (the server's when it sent one).
 */
import { z } from "zod";
import { configPatchSchema, type PresetConfig } from "../../server/telemetry/config";
import type { ApplyResult } from "../../server/telemetry/types";
import { applyResultSchema } from "../realtime/inbound-schemas";

export interface PresetSummary {
  id: string;
  name: string;
  description: string | null;
  builtIn: boolean;
  /** The keys this preset sets (a patch over the running config). */
  config: PresetConfig;
}

const presetSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable().default(null),
  builtIn: z.boolean().default(false),
  config: configPatchSchema,
});

const listSchema = z.object({ presets: z.array(z.unknown()) });
const errorSchema = z.looseObject({ error: z.string() });

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };

async function errorMessage(response: Response, fallback: string): Promise<string> {
  try {
    const parsed = errorSchema.safeParse(await response.json());
    if (parsed.success) return parsed.data.error;
  } catch {
    // Not JSON: fall through to the status line.
  }
  return `${fallback} (HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""})`;
}

async function request(url: string, init?: RequestInit): Promise<Outcome<Response>> {
  try {
    return { ok: true, value: await fetch(url, { cache: "no-store", ...init }) };
  } catch (e) {
    return { ok: false, error: `The server could not be reached: ${(e as Error).message}` };
  }
}

/** Presets whose rows fail the check are skipped (the list still shows the others). */
export async function listPresets(): Promise<Outcome<PresetSummary[]>> {
  const res = await request("/api/presets");
  if (!res.ok) return res;
  if (!res.value.ok) return { ok: false, error: await errorMessage(res.value, "Could not load presets") };
  const body = listSchema.safeParse(await res.value.json().catch(() => null));
  if (!body.success) return { ok: false, error: "The presets answer was not understood" };
  const presets: PresetSummary[] = [];
  for (const raw of body.data.presets) {
    const p = presetSchema.safeParse(raw);
    if (p.success) presets.push(p.data);
    else console.warn("[tracetune] skipped an unreadable preset", p.error.issues.slice(0, 2));
  }
  return { ok: true, value: presets };
}

export async function savePreset(name: string, description?: string): Promise<Outcome<PresetSummary>> {
  const res = await request("/api/presets", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(description ? { name, description } : { name }),
  });
  if (!res.ok) return res;
  if (!res.value.ok) return { ok: false, error: await errorMessage(res.value, "Could not save the preset") };
  const body = z.object({ preset: presetSchema }).safeParse(await res.value.json().catch(() => null));
  if (!body.success) return { ok: false, error: "The saved preset's answer was not understood" };
  return { ok: true, value: body.data.preset };
}

/** Always settles with an ApplyResult: a 404 or a network error becomes a "failed" result. */
export async function applyPreset(id: string): Promise<ApplyResult> {
  const res = await request(`/api/presets/${encodeURIComponent(id)}/apply`, { method: "POST" });
  if (!res.ok) return { status: "failed", error: res.error, issues: [] };
  const raw: unknown = await res.value.clone().json().catch(() => null);
  const parsed = applyResultSchema.safeParse(raw);
  if (parsed.success) return parsed.data as ApplyResult;
  return { status: "failed", error: await errorMessage(res.value, "Could not apply the preset"), issues: [] };
}
