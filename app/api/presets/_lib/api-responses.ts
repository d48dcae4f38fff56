/**
 * Response plumbing shared by the presets, config and history route handlers: store errors with
 * their machine-readable `code`, optional JSON bodies (DELETE, apply), optimistic-concurrency
 * versions from the body or `If-Match`, and path ids.
 *
 * Route handlers are bundled apart from the custom server, so store errors are recognised by
 * name and code (see app/api/_lib/http.ts), never by instanceof.
 */
import type { z } from "zod";
import { MAX_JSON_BODY_BYTES } from "../../../../server/http/read-json-body";
import type { StoreError } from "../../../../server/store/types";
import { asStoreError, json, jsonError } from "../../_lib/http";

export type Issue = { path: string; message: string };

export const STORE_ERROR_STATUS: Record<StoreError["code"], number> = {
  not_found: 404,
  conflict: 409,
  duplicate_name: 409,
  invalid: 400,
  forbidden: 403,
};

/** A store error as its 4xx with `{ error, code, ...extra }`; anything else a logged 500. */
export function storeErrorResponse(e: unknown, what: string, extra: Record<string, unknown> = {}): Response {
  const storeError = asStoreError(e);
  if (storeError) return json({ error: storeError.message, code: storeError.code, ...extra }, STORE_ERROR_STATUS[storeError.code] ?? 400);
  console.error(`[api] ${what} failed:`, e);
  return jsonError(500, `${what} failed: ${(e as Error)?.message ?? "unknown error"}`);
}

export function isStoreError(e: unknown, code: StoreError["code"]): boolean {
  return asStoreError(e)?.code === code;
}

function toIssues(error: z.ZodError, root: string): Issue[] {
  return error.issues.map((i) => ({
    path: i.path.map(String).join(".") || root,
    message: i.code === "unrecognized_keys" ? `unknown key${i.keys.length > 1 ? "s" : ""}: ${i.keys.join(", ")}` : i.message,
  }));
}

/** 400 with field issues, the first three summed up in `error`. */
export function invalidRequest(issues: Issue[], prefix = "Invalid request"): Response {
  const head = issues.slice(0, 3).map((i) => (i.path.startsWith("(") ? i.message : `${i.path}: ${i.message}`));
  return jsonError(400, `${prefix}: ${head.join("; ")}${issues.length > 3 ? ` (+${issues.length - 3} more)` : ""}`, issues);
}

/** `root` names where a whole-object issue (such as an unknown key) sits: "(body)" or "(query)". */
export function zodFailure(error: z.ZodError, root = "(body)"): Response {
  return invalidRequest(toIssues(error, root));
}

/**
 * A JSON body that may be absent (DELETE with If-Match, apply without a base version): an
 * empty body reads as `{}`. Same limits and messages as the required-body reader.
 */
export async function readOptionalJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  limit = MAX_JSON_BODY_BYTES,
): Promise<{ ok: true; value: z.output<S> } | { ok: false; response: Response }> {
  const type = request.headers.get("content-type") ?? "";
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) return { ok: false, response: jsonError(413, `Body too large (limit ${limit} bytes)`) };
  let text: string;
  try {
    text = await request.text();
  } catch {
    return { ok: false, response: jsonError(400, "Could not read the request body") };
  }
  if (Buffer.byteLength(text) > limit) return { ok: false, response: jsonError(413, `Body too large (limit ${limit} bytes)`) };
  let value: unknown = {};
  if (text.trim() !== "") {
    if (type && !type.includes("application/json")) return { ok: false, response: jsonError(415, "Content-Type must be application/json") };
    try {
      value = JSON.parse(text);
    } catch (e) {
      return { ok: false, response: jsonError(400, `Body is not valid JSON: ${(e as Error).message}`) };
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) return { ok: false, response: zodFailure(parsed.error) };
  return { ok: true, value: parsed.data };
}

/** `If-Match: "3"` (also `W/"3"` or a bare `3`) as a version number; undefined when absent. */
export function ifMatchVersion(request: Request): { ok: true; version: number | undefined } | { ok: false; response: Response } {
  const raw = request.headers.get("if-match");
  if (raw === null || raw.trim() === "") return { ok: true, version: undefined };
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(raw);
  if (!m) return { ok: false, response: jsonError(400, `If-Match must carry a version number, e.g. If-Match: "3" (got ${JSON.stringify(raw.slice(0, 40))})`) };
  return { ok: true, version: Number(m[1]) };
}

/**
 * The version an update or delete was based on: from the body or If-Match (equal when both).
 * Missing: 428, because a write without one could silently overwrite someone else's edit.
 */
export function expectedVersion(request: Request, bodyVersion: number | undefined): { ok: true; version: number } | { ok: false; response: Response } {
  const header = ifMatchVersion(request);
  if (!header.ok) return header;
  if (header.version !== undefined && bodyVersion !== undefined && header.version !== bodyVersion) {
    return { ok: false, response: jsonError(400, `The body says version ${bodyVersion} but If-Match says ${header.version}: send one`) };
  }
  const version = bodyVersion ?? header.version;
  if (version === undefined) {
    return {
      ok: false,
      response: json({ error: "Say which version you are changing: send { \"version\": n } in the body or an If-Match header (GET the preset for its version)", code: "version_required" }, 428),
    };
  }
  return { ok: true, version };
}

/** A strong ETag for a preset version. */
export const versionEtag = (version: number) => `"${version}"`;

/** Next hands params over decoded; a stray "%" must not throw. */
function safeDecode(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Route ids: cuid-like strings; anything else is a clear 400 before the store is asked. */
export function parsePresetId(raw: string): { ok: true; id: string } | { ok: false; response: Response } {
  const id = safeDecode(raw).trim();
  if (id === "") return { ok: false, response: jsonError(400, "preset id is required") };
  if (id.length > 128 || !/^[\w-]+$/.test(id)) return { ok: false, response: jsonError(404, `No preset with id "${id.slice(0, 128)}"`) };
  return { ok: true, id };
}

/** History ids are positive whole numbers. */
export function parseHistoryId(raw: string): { ok: true; id: number } | { ok: false; response: Response } {
  const text = safeDecode(raw).trim();
  if (!/^\d{1,15}$/.test(text) || Number(text) < 1) {
    return { ok: false, response: invalidRequest([{ path: "id", message: `history id must be a positive whole number (got ${JSON.stringify(text.slice(0, 40))})` }]) };
  }
  return { ok: true, id: Number(text) };
}
