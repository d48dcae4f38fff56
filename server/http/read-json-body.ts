/**
 * Reads a route handler's JSON body with a size limit. Pure Web APIs (Request), no framework
 * imports, so every route handler shares one clear answer for empty, huge or malformed bodies.
 */
export const MAX_JSON_BODY_BYTES = 256 * 1024;

export type JsonBody = { ok: true; value: unknown } | { ok: false; status: 400 | 413 | 415; error: string };

export async function readJsonBody(request: Request, limit = MAX_JSON_BODY_BYTES): Promise<JsonBody> {
  const type = request.headers.get("content-type") ?? "";
  if (type && !type.includes("application/json")) return { ok: false, status: 415, error: "Content-Type must be application/json" };
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) return { ok: false, status: 413, error: `Body too large (limit ${limit} bytes)` };
  let text: string;
  try {
    text = await request.text();
  } catch {
    return { ok: false, status: 400, error: "Could not read the request body" };
  }
  if (Buffer.byteLength(text) > limit) return { ok: false, status: 413, error: `Body too large (limit ${limit} bytes)` };
  if (text.trim() === "") return { ok: false, status: 400, error: "Body is empty: expected a JSON object" };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, status: 400, error: `Body is not valid JSON: ${(e as Error).message}` };
  }
}
