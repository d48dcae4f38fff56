/**
 * POST /api/fleet/apply (operators): { target: { kind: "all" } | { kind: "service", service } |
 * { kind: "instance", service, instance }, patch?: {...} | presetId?: "..." } (exactly one of
 * patch and presetId). Answers when every target answered or timed out:
 * 200 { applyId, label, targets, results: [{ service, instance, result }] } with each result
 * applied (version, hash) / failed (error) / unreachable (error). 400 for a bad body or patch
 * (nothing sent), 404 for an unknown preset or a target that matches no runtime.
 * Dashboards see the results as they arrive (`fleet:result`); every target is in the history.
 */
import { apiActor, guardWrite } from "../../../../server/http/route-guard";
import { fleetApplyRequestSchema } from "../../../../server/fleet/fleet-contract";
import { jsonError, json, readJsonBody, services } from "../../_lib/http";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  const s = services();
  if (!s.ok) return s.response;
  const refused = guardWrite(request);
  if (refused) return refused;
  const body = await readJsonBody(request, fleetApplyRequestSchema);
  if (!body.ok) return body.response;
  try {
    const { started, results } = await s.services.fleet.apply(body.value, { actor: apiActor(request), source: "api" });
    return json({ ...started, results });
  } catch (e) {
    // FleetError, recognised by name: route handlers are bundled apart from the server's classes.
    const err = e as { name?: string; code?: string; message?: string; issues?: { path: string; message: string }[] };
    if (err?.name === "FleetError") return jsonError(err.code === "not_found" ? 404 : 400, err.message ?? "invalid", err.issues);
    console.error("[api] fleet apply failed:", e);
    return jsonError(500, `The fleet change failed: ${err?.message ?? "unknown error"}`);
  }
}
