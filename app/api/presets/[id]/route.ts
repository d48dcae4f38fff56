/**
 * One preset.
 * GET: 200 { preset } with `ETag: "<version>"`; 404 for an unknown id.
 * PUT (operators): { version?, name?, description?, config? | fromRunningConfig: true } with the
 *   version in the body or If-Match. 200 { preset } (version bumped); 428 without a version;
 *   409 { code: "conflict", currentVersion, preset } when someone saved first;
 *   409 { code: "duplicate_name" } for a taken name; 403 for built-ins; 400 with field issues.
 * DELETE (operators): version in the body or If-Match. 200 { deleted }; 404/409/403/428 as above.
 */
import type { PresetStore } from "../../../../server/store/types";
import { apiActor, guardWrite } from "../../../../server/http/route-guard";
import { json, jsonError, readJsonBody, services } from "../../_lib/http";
import { expectedVersion, isStoreError, parsePresetId, readOptionalJsonBody, storeErrorResponse, versionEtag } from "../_lib/api-responses";
import { deletePresetBodySchema, updatePresetBodySchema } from "../_lib/preset-input";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/** A stale version: say which one is current, so the client can reload and decide. */
async function conflict(e: unknown, presets: PresetStore, id: string, what: string): Promise<Response> {
  const current = await presets.get(id).catch(() => null);
  return storeErrorResponse(e, what, { currentVersion: current?.version ?? null, preset: current });
}

export async function GET(_request: Request, context: Context): Promise<Response> {
  const s = services();
  if (!s.ok) return s.response;
  const id = parsePresetId((await context.params).id);
  if (!id.ok) return id.response;
  try {
    const preset = await s.services.presets.get(id.id);
    if (!preset) return jsonError(404, `No preset with id "${id.id}"`);
    return Response.json({ preset }, { headers: { etag: versionEtag(preset.version), "cache-control": "no-store" } });
  } catch (e) {
    return storeErrorResponse(e, "Reading the preset");
  }
}

export async function PUT(request: Request, context: Context): Promise<Response> {
  const s = services();
  if (!s.ok) return s.response;
  const refused = guardWrite(request);
  if (refused) return refused;
  const id = parsePresetId((await context.params).id);
  if (!id.ok) return id.response;
  const body = await readJsonBody(request, updatePresetBodySchema);
  if (!body.ok) return body.response;
  const version = expectedVersion(request, body.value.version);
  if (!version.ok) return version.response;

  const { control, presets, realtime } = s.services;
  const { name, description, config, fromRunningConfig } = body.value;
  const nextConfig = fromRunningConfig ? control.portable(control.runtime.config) : config && control.portable(config);
  try {
    const preset = await presets.update(id.id, { name, description, config: nextConfig }, version.version);
    realtime.presetsChanged();
    console.log(`[api] preset "${preset.name}" updated to v${preset.version} by ${apiActor(request)}`);
    return Response.json({ preset }, { headers: { etag: versionEtag(preset.version), "cache-control": "no-store" } });
  } catch (e) {
    if (isStoreError(e, "conflict")) return conflict(e, presets, id.id, "Updating the preset");
    return storeErrorResponse(e, "Updating the preset");
  }
}

export async function DELETE(request: Request, context: Context): Promise<Response> {
  const s = services();
  if (!s.ok) return s.response;
  const refused = guardWrite(request);
  if (refused) return refused;
  const id = parsePresetId((await context.params).id);
  if (!id.ok) return id.response;
  const body = await readOptionalJsonBody(request, deletePresetBodySchema);
  if (!body.ok) return body.response;
  const version = expectedVersion(request, body.value.version);
  if (!version.ok) return version.response;

  const { presets, realtime } = s.services;
  try {
    const before = await presets.get(id.id);
    await presets.delete(id.id, version.version);
    realtime.presetsChanged();
    console.log(`[api] preset "${before?.name ?? id.id}" deleted by ${apiActor(request)}`);
    return json({ deleted: { id: id.id, name: before?.name ?? null } });
  } catch (e) {
    if (isStoreError(e, "conflict")) return conflict(e, presets, id.id, "Deleting the preset");
    return storeErrorResponse(e, "Deleting the preset");
  }
}
