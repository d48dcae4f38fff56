/**
 * GET /api/presets: every readable preset, built-ins first (anyone may read). `?q=` keeps those
 * whose name or description contains the text (case- and accent-insensitive).
 * POST /api/presets { name, description?, config? } (operators only): saves `config` (a patch,
 * validated against the schema) or, without one, the RUNNING config under a new name.
 * 201 { preset }; 400 with field issues; 409 { code: "duplicate_name", existing } when the name
 * is taken (existing says which preset holds it, so a client can offer to overwrite it);
 * 401/403/429 from the write guard. Every dashboard is told through `presets:changed`.
 */
import { apiActor, guardWrite } from "../../../server/http/route-guard";
import type { PresetRecord } from "../../../server/store/types";
import { json, readJsonBody, services } from "../_lib/http";
import { isStoreError, storeErrorResponse } from "./_lib/api-responses";
import { createPresetBodySchema } from "./_lib/preset-input";

export const dynamic = "force-dynamic";

export interface PresetListBody {
  presets: PresetRecord[];
}

/** Lower case, accents stripped (NFD then no combining marks): "Café" matches "cafe". */
const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

export async function GET(request: Request): Promise<Response> {
  const s = services();
  if (!s.ok) return s.response;
  const q = fold(new URL(request.url).searchParams.get("q")?.trim().slice(0, 200) ?? "");
  try {
    const all = await s.services.presets.list();
    const body: PresetListBody = { presets: q ? all.filter((p) => fold(`${p.name}\n${p.description ?? ""}`).includes(q)) : all };
    return json(body);
  } catch (e) {
    return storeErrorResponse(e, "Listing presets");
  }
}

export async function POST(request: Request): Promise<Response> {
  const s = services();
  if (!s.ok) return s.response;
  const refused = guardWrite(request);
  if (refused) return refused;
  const body = await readJsonBody(request, createPresetBodySchema);
  if (!body.ok) return body.response;
  const { control, presets, realtime } = s.services;
  const { name, description, config } = body.value;
  try {
    // The control service stores configs in their portable form (built-in receiver marker).
    const preset = await control.savePreset({ name, description: description ?? null, config });
    realtime.presetsChanged();
    console.log(`[api] preset "${preset.name}" saved by ${apiActor(request)}`);
    return json({ preset }, 201);
  } catch (e) {
    if (isStoreError(e, "duplicate_name")) {
      const holder = await presets.findByName(name).catch(() => null);
      const existing = holder ? { id: holder.id, name: holder.name, version: holder.version, builtIn: holder.builtIn } : null;
      return storeErrorResponse(e, "Saving the preset", { existing });
    }
    return storeErrorResponse(e, "Saving the preset");
  }
}
