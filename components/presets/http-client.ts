/**
 * The browser's one way to call the REST API: same-origin fetch (the operator cookie rides
 * along), no caching, JSON answers, and every failure turned into a sentence a person can act
 * on: the server's own `error` when it sent one, else the status line or the network error.
 */
import { z } from "zod";

export type ApiResult<T> =
  | { ok: true; status: number; body: T }
  | { ok: false; status: number | null; error: string; body: unknown };

const errorBody = z.looseObject({ error: z.string() });

export async function requestJson(url: string, init: RequestInit = {}): Promise<ApiResult<unknown>> {
  let res: Response;
  try {
    res = await fetch(url, { cache: "no-store", ...init });
  } catch (e) {
    return { ok: false, status: null, error: `The server could not be reached: ${(e as Error).message}`, body: null };
  }
  const text = await res.text().catch(() => "");
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (res.ok) return { ok: true, status: res.status, body };
  const parsed = errorBody.safeParse(body);
  const error = parsed.success ? parsed.data.error : `The server answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}`;
  return { ok: false, status: res.status, error, body };
}

/** A JSON request with a body. */
export function sendJson(url: string, method: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResult<unknown>> {
  return requestJson(url, {
    method,
    headers: body === undefined ? headers : { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Checks an answer's shape; a surprise becomes a clear failure instead of a crash. */
export function expectShape<S extends z.ZodType>(result: ApiResult<unknown>, schema: S, what: string): ApiResult<z.output<S>> {
  if (!result.ok) return result;
  const parsed = schema.safeParse(result.body);
  if (!parsed.success) return { ok: false, status: result.status, error: `The server's answer to ${what} was not understood`, body: result.body };
  return { ok: true, status: result.status, body: parsed.data };
}
