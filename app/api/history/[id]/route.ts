/** GET /api/history/:id (anyone): one config change; 404 when unknown, 400 for a malformed id. */
import { json, jsonError, services } from "../../_lib/http";
import { parseHistoryId, storeErrorResponse } from "../../presets/_lib/api-responses";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const s = services();
  if (!s.ok) return s.response;
  const id = parseHistoryId((await context.params).id);
  if (!id.ok) return id.response;
  try {
    const entry = await s.services.history.get(id.id);
    if (!entry) return jsonError(404, `No history entry ${id.id}`);
    return json({ entry });
  } catch (e) {
    return storeErrorResponse(e, "Reading the history entry");
  }
}
