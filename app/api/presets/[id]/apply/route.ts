/**
 * POST /api/presets/:id/apply (operators only): applies the preset's keys over the running
 * config through the control service (validated, recorded in the history with the actor,
 * persisted). Optional body { baseVersion }: the running config version the caller reviewed; if
 * another change landed since, 409 and nothing changes (review the diff again).
 * 200 with the ApplyResult when applied; 404 for an unknown id; 422 with the ApplyResult
 * (status "failed", error, issues) when the runtime refused it, in which case nothing changed.
 *
 * POST /api/presets/:id/apply?preview=1 (anyone): what applying would change, nothing applied;
 * the same answer as GET /api/presets/:id/diff.
 */
import { apiActor, guardWrite } from "../../../../../server/http/route-guard";
import { json, jsonError, services } from "../../../_lib/http";
import { parsePresetId, readOptionalJsonBody, storeErrorResponse } from "../../_lib/api-responses";
import { baseVersionBodySchema } from "../../_lib/preset-input";
import { presetDiffResponse } from "../../_lib/preset-diff";

export const dynamic = "force-dynamic";

export async function POST(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const s = services();
  if (!s.ok) return s.response;
  const id = parsePresetId((await context.params).id);
  if (!id.ok) return id.response;
  const preview = new URL(request.url).searchParams.get("preview");
  if (preview === "1" || preview === "true") return presetDiffResponse(s.services.control, id.id);

  const refused = guardWrite(request);
  if (refused) return refused;
  const body = await readOptionalJsonBody(request, baseVersionBodySchema);
  if (!body.ok) return body.response;
  const { control, presets } = s.services;

  let preset;
  try {
    preset = await presets.get(id.id);
  } catch (e) {
    return storeErrorResponse(e, "Applying the preset");
  }
  if (!preset) return jsonError(404, `No preset with id "${id.id}"`);
  // No await between this check and control.apply's synchronous runtime.apply: nothing can slip in.
  const { baseVersion } = body.value;
  if (baseVersion !== undefined && baseVersion !== control.runtime.version) {
    return json(
      {
        error: `The running config changed since you reviewed it (v${baseVersion}, now v${control.runtime.version}); review what "${preset.name}" changes again`,
        code: "stale_base_version",
        currentVersion: control.runtime.version,
      },
      409,
    );
  }
  const result = await control.apply(preset.config, { actor: `${apiActor(request)} (preset "${preset.name}")`, source: "preset" });
  if (result.status === "failed") return json({ ...result, error: `Preset "${preset.name}" was not applied: ${result.error}` }, 422);
  return json({ ...result, preset: { id: preset.id, name: preset.name } });
}
