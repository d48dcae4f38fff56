/**
 * POST /api/presets/import (operators only): the body is a presets file (the export's format,
 * a bare list of presets, or one preset; camelCase or the guide's snake_case setting names).
 * `?onConflict=fail` (default) refuses the whole import when a name is taken; `skip` leaves
 * those presets out and imports the rest.
 *
 * All or nothing: every preset is checked before anything is stored, and they are stored in one
 * database transaction, so a name taken meanwhile (or a crash halfway) leaves none of them.
 * 201 { imported, skipped, results }; 400 { error, results } when a preset is invalid;
 * 409 { error, results } when names are taken; results list every preset with its status
 * ("created" | "skipped" | "not_imported" | "refused") and, when refused, its field issues.
 */
import { apiActor, guardWrite } from "../../../../server/http/route-guard";
import { readJsonBody as readRawJsonBody } from "../../../../server/http/read-json-body";
import type { PresetRecord } from "../../../../server/store/types";
import { asStoreError, json, jsonError, services } from "../../_lib/http";
import { isStoreError, type Issue } from "../_lib/api-responses";
import { parseImportFile } from "../_lib/preset-file";

export const dynamic = "force-dynamic";

/** An export of a few hundred presets fits comfortably. */
const IMPORT_BODY_LIMIT = 1024 * 1024;

type Result = { index: number; name: string | null; status: "created" | "skipped" | "not_imported" | "refused"; id?: string; issues?: Issue[] };

export async function POST(request: Request): Promise<Response> {
  const s = services();
  if (!s.ok) return s.response;
  const refused = guardWrite(request);
  if (refused) return refused;
  const onConflict = new URL(request.url).searchParams.get("onConflict") ?? "fail";
  if (onConflict !== "fail" && onConflict !== "skip") {
    return jsonError(400, `onConflict must be "fail" or "skip" (got ${JSON.stringify(onConflict.slice(0, 40))})`, [{ path: "onConflict", message: 'must be "fail" or "skip"' }]);
  }
  const raw = await readRawJsonBody(request, IMPORT_BODY_LIMIT);
  if (!raw.ok) return jsonError(raw.status, raw.error);
  const parsed = parseImportFile(raw.value);
  if (!parsed.ok) {
    const head = parsed.issues.slice(0, 3).map((i) => `${i.path}: ${i.message}`);
    return jsonError(400, `Not a presets file: ${head.join("; ")}`, parsed.issues);
  }

  const { presets, control, realtime } = s.services;
  const results: Result[] = [];
  const toCreate: { index: number; preset: { name: string; description: string | null; config: PresetRecord["config"] } }[] = [];
  for (const c of parsed.candidates) {
    if (!c.ok) {
      results.push({ index: c.index, name: c.name, status: "refused", issues: c.issues });
      continue;
    }
    const holder = await presets.findByName(c.preset.name);
    if (holder) {
      if (onConflict === "skip") results.push({ index: c.index, name: c.preset.name, status: "skipped", issues: [{ path: "name", message: `a preset named "${holder.name}" already exists` }] });
      else
        results.push({
          index: c.index,
          name: c.preset.name,
          status: "refused",
          issues: [{ path: "name", message: `a ${holder.builtIn ? "built-in " : ""}preset named "${holder.name}" already exists (import with ?onConflict=skip to leave it out)` }],
        });
      continue;
    }
    results.push({ index: c.index, name: c.preset.name, status: "not_imported" });
    toCreate.push({ index: c.index, preset: c.preset });
  }

  const refusedCount = results.filter((r) => r.status === "refused").length;
  if (refusedCount > 0) {
    const invalid = results.some((r) => r.status === "refused" && r.issues?.some((i) => i.path !== "name" || !/already exists/.test(i.message)));
    return json({ error: `Nothing was imported: ${refusedCount} of ${results.length} presets ${refusedCount === 1 ? "was" : "were"} refused`, results }, invalid ? 400 : 409);
  }

  let created: PresetRecord[];
  try {
    created = toCreate.length === 0 ? [] : await presets.createAll(toCreate.map((item) => ({ ...item.preset, config: control.portable(item.preset.config) })));
  } catch (e) {
    // Nothing was stored: the presets go in one transaction. Say which one could not be.
    const duplicate = isStoreError(e, "duplicate_name");
    const message = (e as Error).message;
    const at = asStoreError(e)?.index;
    const failed = at === undefined ? undefined : toCreate[at];
    if (failed) {
      const r = results.find((x) => x.index === failed.index)!;
      r.status = "refused";
      r.issues = [{ path: duplicate ? "name" : "preset", message }];
    }
    if (!duplicate) console.error("[api] importing presets failed:", e);
    const what = failed ? `"${failed.preset.name}" could not be stored` : "the presets could not be stored";
    return json({ error: `Nothing was imported: ${what} (${message})`, results }, duplicate ? 409 : 500);
  }
  for (const [i, preset] of created.entries()) {
    const r = results.find((x) => x.index === toCreate[i].index)!;
    r.status = "created";
    r.id = preset.id;
  }
  if (created.length > 0) realtime.presetsChanged();
  console.log(`[api] ${created.length} presets imported by ${apiActor(request)}`);
  const skipped = results.filter((r) => r.status === "skipped").length;
  return json({ imported: created.length, skipped, results }, created.length > 0 ? 201 : 200);
}
