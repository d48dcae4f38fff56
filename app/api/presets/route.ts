/**
 * GET /api/presets: every readable preset, built-ins first (anyone may read).
 * POST /api/presets { name, description? }: saves the RUNNING config under a new name
 * (operators only: 201 with the preset; 409 when the name is taken; 400 on a bad body;
 * 401/403/429 from the write guard). Every dashboard is told through `presets:changed`.
 */
import { z } from "zod";
import { guardWrite } from "../../../server/http/route-guard";
import type { PresetRecord } from "../../../server/store/types";
import { json, readJsonBody, services, storeFailure } from "../_lib/http";

export const dynamic = "force-dynamic";

/** Mirrors the store's own rules (it validates again): a clear 400 before touching the database. */
const savePresetBodySchema = z
  .object({
    name: z
      .string({ error: (issue) => (issue.input === undefined ? "name is required" : "name must be a string") })
      .trim()
      .min(1, "name is required")
      .max(80, "name must be at most 80 characters"),
    description: z.string({ error: "description must be a string" }).trim().max(500, "description must be at most 500 characters").optional(),
  })
  .strict();

export interface PresetListBody {
  presets: PresetRecord[];
}

export async function GET(): Promise<Response> {
  const s = services();
  if (!s.ok) return s.response;
  try {
    const body: PresetListBody = { presets: await s.services.presets.list() };
    return json(body);
  } catch (e) {
    return storeFailure(e, "Listing presets");
  }
}

export async function POST(request: Request): Promise<Response> {
  const s = services();
  if (!s.ok) return s.response;
  const refused = guardWrite(request);
  if (refused) return refused;
  const body = await readJsonBody(request, savePresetBodySchema);
  if (!body.ok) return body.response;
  const { control, realtime } = s.services;
  try {
    // The control service stores the running config in its portable form (built-in receiver).
    const preset = await control.savePreset({ name: body.value.name, description: body.value.description || null });
    realtime.presetsChanged();
    return json({ preset }, 201);
  } catch (e) {
    return storeFailure(e, "Saving the preset");
  }
}
