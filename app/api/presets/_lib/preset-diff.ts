/**
 * What applying a preset would change against the running config, for the review step before
 * an apply. Shared by GET /api/presets/:id/diff and POST /api/presets/:id/apply?preview=1.
 */
import type { ControlService } from "../../../../server/control/control-service";
import { mergeAndValidate } from "../../../../server/telemetry/config";
import { json, jsonError } from "../../_lib/http";
import { storeErrorResponse } from "./api-responses";

export async function presetDiffResponse(control: ControlService, id: string): Promise<Response> {
  try {
    const preview = await control.previewPreset(id);
    if (!preview) return jsonError(404, `No preset with id "${id}"`);
    const { preset, diff } = preview;
    // Would the runtime accept it on top of what runs now (cross-field rules such as batchSize <= maxQueueSize)?
    const check = mergeAndValidate(control.runtime.config, control.resolve(preset.config));
    return json({
      preset: { id: preset.id, name: preset.name, version: preset.version, builtIn: preset.builtIn },
      runningVersion: control.runtime.version,
      diff,
      applicable: check.ok ? { ok: true } : { ok: false, error: check.error, issues: check.issues },
    });
  } catch (e) {
    return storeErrorResponse(e, "Comparing the preset");
  }
}
