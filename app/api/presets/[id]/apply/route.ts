/**
 * POST /api/presets/:id/apply: makes the preset's config the running one.
 * 200 with the ApplyResult when applied; 404 for an unknown id; 422 with the ApplyResult
 * (status "failed", error, issues) when the runtime refused it, in which case nothing changed.
 */
import { z } from "zod";
import type { ApplyResult } from "../../../../../server/telemetry/types";
import { json, jsonError, services, storeFailure } from "../../../_lib/http";

export const dynamic = "force-dynamic";

const idSchema = z.string().trim().min(1, "preset id is required").max(200, "preset id is too long");

export async function POST(_request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const parsedId = idSchema.safeParse((await context.params).id);
  if (!parsedId.success) return jsonError(400, parsedId.error.issues[0]?.message ?? "invalid preset id");
  const s = services();
  if (!s.ok) return s.response;
  const { runtime, presets } = s.services;

  let preset;
  try {
    preset = await presets.get(parsedId.data);
  } catch (e) {
    return storeFailure(e, "Reading the preset");
  }
  if (!preset) return jsonError(404, `No preset with id "${parsedId.data}"`);

  let result: ApplyResult;
  try {
    result = runtime.apply(preset.config, { source: "preset" });
  } catch (e) {
    // apply() is documented not to throw; if it ever does, nothing is known to have changed.
    console.error("[api] applying a preset threw:", e);
    return jsonError(500, `Applying preset "${preset.name}" failed: ${(e as Error).message}`);
  }
  if (result.status === "failed") return json({ ...result, error: `Preset "${preset.name}" was not applied: ${result.error}` }, 422);
  return json(result);
}
