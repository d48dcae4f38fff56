/**
 * GET /api/fleet (anyone): every runtime of the fleet (this server's embedded one and the
 * connected agents) grouped by service, with health and config hash. See server/fleet.
 */
import { json, jsonError, services } from "../_lib/http";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const s = services();
  if (!s.ok) return s.response;
  try {
    return json(await s.services.fleet.list());
  } catch (e) {
    console.error("[api] listing the fleet failed:", e);
    return jsonError(500, `Listing the fleet failed: ${(e as Error).message}`);
  }
}
