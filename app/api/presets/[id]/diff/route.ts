/**
 * GET /api/presets/:id/diff (anyone): what applying the preset would change against the running
 * config: { preset, runningVersion, diff: [{ key, from, to }], applicable }. Nothing changes.
 * Pass runningVersion as `baseVersion` to POST .../apply so the apply is refused (409) if the
 * running config moved after this review.
 */
import { services } from "../../../_lib/http";
import { parsePresetId } from "../../_lib/api-responses";
import { presetDiffResponse } from "../../_lib/preset-diff";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const s = services();
  if (!s.ok) return s.response;
  const id = parsePresetId((await context.params).id);
  if (!id.ok) return id.response;
  return presetDiffResponse(s.services.control, id.id);
}
