/**
 * Rollback to history entry :id: re-apply the config as it was right after that change.
 *
 * GET (anyone): the preview, { entry: { id, createdAt, actor }, runningVersion, diff } with the
 * diff from the running config to the entry's config. Nothing changes.
 * POST (operators) { baseVersion? }: applies it through the control service (recorded in the
 * history as source "rollback" with the actor). 200 { ...ApplyResult, rolledBackTo };
 * 422 when the runtime refused it; 404 for an unknown entry; 400 for a refused entry (it has no
 * config to go back to); 409 when the running config moved past baseVersion.
 */
import type { Services } from "../../../../../server/services";
import { apiActor, guardWrite } from "../../../../../server/http/route-guard";
import { diffConfig } from "../../../../../server/telemetry/config";
import type { ConfigChangeRecord } from "../../../../../server/store/types";
import { json, jsonError, services } from "../../../_lib/http";
import { parseHistoryId, readOptionalJsonBody, storeErrorResponse } from "../../../presets/_lib/api-responses";
import { baseVersionBodySchema } from "../../../presets/_lib/preset-input";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/** The entry to roll back to, or the response that says why there is none. */
async function target(svc: Services, id: number): Promise<{ ok: true; entry: Extract<ConfigChangeRecord, { result: "applied" }> } | { ok: false; response: Response }> {
  let entry: ConfigChangeRecord | null;
  try {
    entry = await svc.history.get(id);
  } catch (e) {
    return { ok: false, response: storeErrorResponse(e, "Reading the history entry") };
  }
  if (!entry) return { ok: false, response: jsonError(404, `No history entry ${id}`) };
  if (entry.result !== "applied") {
    return { ok: false, response: json({ error: `History entry ${id} was a refused change: there is no config to roll back to`, code: "invalid" }, 400) };
  }
  if (entry.source === "fleet") {
    return { ok: false, response: json({ error: `History entry ${id} changed a fleet runtime, not this server's config: apply a change from /fleet instead`, code: "invalid" }, 400) };
  }
  return { ok: true, entry };
}

export async function GET(_request: Request, context: Context): Promise<Response> {
  const s = services();
  if (!s.ok) return s.response;
  const id = parseHistoryId((await context.params).id);
  if (!id.ok) return id.response;
  const found = await target(s.services, id.id);
  if (!found.ok) return found.response;
  const { control } = s.services;
  const { entry } = found;
  return json({
    entry: { id: entry.id, createdAt: entry.createdAt, actor: entry.actor, source: entry.source, configVersion: entry.configVersion },
    runningVersion: control.runtime.version,
    diff: diffConfig(control.runtime.config, control.resolve(entry.after)),
  });
}

export async function POST(request: Request, context: Context): Promise<Response> {
  const s = services();
  if (!s.ok) return s.response;
  const refused = guardWrite(request);
  if (refused) return refused;
  const id = parseHistoryId((await context.params).id);
  if (!id.ok) return id.response;
  const body = await readOptionalJsonBody(request, baseVersionBodySchema);
  if (!body.ok) return body.response;
  const found = await target(s.services, id.id);
  if (!found.ok) return found.response;
  const { control } = s.services;
  const { baseVersion } = body.value;
  // No await between this check and control.apply's synchronous runtime.apply.
  if (baseVersion !== undefined && baseVersion !== control.runtime.version) {
    return json(
      {
        error: `The running config changed since you reviewed the rollback (v${baseVersion}, now v${control.runtime.version}); review it again`,
        code: "stale_base_version",
        currentVersion: control.runtime.version,
      },
      409,
    );
  }
  // Same actor wording as ControlService.rollback, which this mirrors (it cannot take a base version).
  const result = await control.apply(found.entry.after, { actor: `${apiActor(request)} (rollback to #${id.id})`, source: "rollback" });
  return json({ ...result, rolledBackTo: id.id }, result.status === "applied" ? 200 : 422);
}
