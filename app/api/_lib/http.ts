/**
 * Shared plumbing for the thin route handlers: JSON errors with clear messages, JSON body
 * parsing with zod, and the services lookup turned into a 503 instead of a crash. Writes are
 * guarded by server/http/route-guard.ts (same origin, operator token, rate limit).
 *
 * Route handlers are bundled by Next apart from the custom server, so classes such as StoreError
 * exist twice in the process: errors are recognised by their `name` and `code`, never instanceof.
 */
import type { z } from "zod";
import { readJsonBody as readRawJsonBody } from "../../../server/http/read-json-body";
import { getServices, type Services } from "../../../server/services";
import type { StoreError } from "../../../server/store/types";

export interface ErrorBody {
  error: string;
  issues?: { path: string; message: string }[];
}

export function jsonError(status: number, error: string, issues?: ErrorBody["issues"]): Response {
  const body: ErrorBody = issues && issues.length ? { error, issues } : { error };
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}

export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}

/** The running services, or a 503 response when the app was not started through server/main.ts. */
export function services(): { ok: true; services: Services } | { ok: false; response: Response } {
  try {
    return { ok: true, services: getServices() };
  } catch (e) {
    return { ok: false, response: jsonError(503, (e as Error).message) };
  }
}

/** Reads a JSON body (size-limited, see server/http/read-json-body.ts) and validates it with zod. */
export async function readJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<{ ok: true; value: z.output<S> } | { ok: false; response: Response }> {
  const body = await readRawJsonBody(request);
  if (!body.ok) return { ok: false, response: jsonError(body.status, body.error) };
  const parsed = schema.safeParse(body.value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({
      path: i.path.map(String).join(".") || "(body)",
      message: i.code === "unrecognized_keys" ? `unknown key${i.keys.length > 1 ? "s" : ""}: ${i.keys.join(", ")}` : i.message,
    }));
    const head = issues.slice(0, 3).map((i) => (i.path === "(body)" ? i.message : `${i.path}: ${i.message}`));
    return { ok: false, response: jsonError(400, `Invalid request: ${head.join("; ")}`, issues) };
  }
  return { ok: true, value: parsed.data };
}

/** A StoreError thrown by the server's copy of server/store (see the note at the top). */
export function asStoreError(e: unknown): StoreError | null {
  if (e instanceof Error && e.name === "StoreError" && typeof (e as { code?: unknown }).code === "string") {
    return e as StoreError;
  }
  return null;
}

const STORE_ERROR_STATUS: Record<StoreError["code"], number> = {
  not_found: 404,
  conflict: 409,
  duplicate_name: 409,
  invalid: 400,
  forbidden: 403,
};

/** Store errors become their 4xx; anything else is logged and answered with a short 500. */
export function storeFailure(e: unknown, what: string): Response {
  const storeError = asStoreError(e);
  if (storeError) return jsonError(STORE_ERROR_STATUS[storeError.code] ?? 400, storeError.message);
  console.error(`[api] ${what} failed:`, e);
  return jsonError(500, `${what} failed: ${(e as Error)?.message ?? "unknown error"}`);
}
