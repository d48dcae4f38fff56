/**
 * GET /api/config (anyone): the running config with its version and content hash.
 * PUT /api/config (operators): change it. The body is a patch (`{ "sampleRate": 0.2 }`) or
 * `{ "patch": {...}, "baseVersion": n }`; a bare patch may carry `baseVersion` too (it is not a
 * config key), or send the version in If-Match. Answered with the apply result:
 * 200 { status: "applied", version, hash, changed }; 422 { status: "failed", error, issues }
 * (field issues; nothing changed); 409 { code: "stale_base_version", currentVersion } when the
 * config moved past baseVersion; 400 for a body that is not a JSON object.
 * Every attempt is recorded in the history with its actor (source "api").
 */
import { z } from "zod";
import { apiActor, guardWrite } from "../../../server/http/route-guard";
import type { ConfigMessage } from "../../../server/telemetry/types";
import { json, readJsonBody, services } from "../_lib/http";
import { ifMatchVersion, zodFailure } from "../presets/_lib/api-responses";

export const dynamic = "force-dynamic";

export function GET(): Response {
  const s = services();
  if (!s.ok) return s.response;
  const { runtime } = s.services;
  const body: ConfigMessage = { config: runtime.config, version: runtime.version, hash: runtime.hash };
  return Response.json(body, { headers: { etag: `"${runtime.version}"`, "cache-control": "no-store" } });
}

const baseVersion = z.number({ error: "baseVersion must be a number" }).int("baseVersion must be a whole number").min(0, "baseVersion must be 0 or more");

const objectBody = z.record(z.string(), z.unknown(), { error: 'the body must be a JSON object: a config patch such as { "sampleRate": 0.2 }' });

const changeSchema = z.object({
  patch: z.record(z.string(), z.unknown(), { error: "patch must be a JSON object of settings" }),
  baseVersion: baseVersion.optional(),
});

/** Both accepted shapes as { patch, baseVersion? }. The patch itself is checked by the runtime. */
function asChange(body: Record<string, unknown>): unknown {
  const envelope = "patch" in body && Object.keys(body).every((k) => k === "patch" || k === "baseVersion");
  if (envelope) return body;
  const { baseVersion: base, ...patch } = body;
  return { patch, baseVersion: base };
}

export async function PUT(request: Request): Promise<Response> {
  const s = services();
  if (!s.ok) return s.response;
  const refused = guardWrite(request);
  if (refused) return refused;
  const raw = await readJsonBody(request, objectBody);
  if (!raw.ok) return raw.response;
  const body = changeSchema.safeParse(asChange(raw.value));
  if (!body.success) return zodFailure(body.error);
  const header = ifMatchVersion(request);
  if (!header.ok) return header.response;
  const { control } = s.services;
  const base = body.data.baseVersion ?? header.version;
  // No await between this check and control.apply's synchronous runtime.apply.
  if (base !== undefined && base !== control.runtime.version) {
    return json(
      {
        error: `Stale edit: it was based on config v${base}, but v${control.runtime.version} is running now. Review the current values and apply again.`,
        code: "stale_base_version",
        currentVersion: control.runtime.version,
      },
      409,
    );
  }
  const result = await control.apply(body.data.patch, { actor: apiActor(request), source: "api" });
  return json(result, result.status === "applied" ? 200 : 422);
}
