/**
 * POST /api/presets/:id/apply (operators only): applies the preset's keys over the running
 * config through the control service (validated, recorded in the history, persisted).
 * 200 with the ApplyResult when applied; 404 for an unknown id; 422 with the ApplyResult
 * (status "failed", error, issues) when the runtime refused it, in which case nothing changed.
 */
import { z } from "zod";
import { apiActor, guardWrite } from "../../../../../server/http/route-guard";
import { json, jsonError, services, storeFailure } from "../../../_lib/http";

export const dynamic = "force-dynamic";

const idSchema = z.string().trim().min(1, "preset id is required").max(200, "preset id is too long");

export async function POST(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const s = services();
  if (!s.ok) return s.response;
  const refused = guardWrite(request);
  if (refused) return refused;
  const parsedId = idSchema.safeParse((await context.params).id);
  if (!parsedId.success) return jsonError(400, parsedId.error.issues[0]?.message ?? "invalid preset id");

  let outcome;
  try {
    outcome = await s.services.control.applyPreset(parsedId.data, { actor: apiActor(request), source: "preset" });
  } catch (e) {
    return storeFailure(e, "Applying the preset");
  }
  if (!outcome) return jsonError(404, `No preset with id "${parsedId.data}"`);
  const { preset, result } = outcome;
  if (result.status === "failed") return json({ ...result, error: `Preset "${preset.name}" was not applied: ${result.error}` }, 422);
  return json(result);
}
