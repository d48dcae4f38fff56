/**
 * GET /api/history?limit=50&before=<id> (anyone): config changes newest first, applied and
 * refused, each with actor, source, result, the diff (before/after per key) and the error of a
 * refused one. Page on with `before` = the `nextBefore` of the previous answer; `hasMore` says
 * whether there is an older page. 400 with field issues for a bad limit or before.
 */
import { z } from "zod";
import { json, services } from "../_lib/http";
import { storeErrorResponse, zodFailure } from "../presets/_lib/api-responses";

export const dynamic = "force-dynamic";

/** Mirrors the store's bounds (1-500, default 50). */
const HISTORY_PAGE_MAX = 500;

const intParam = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a whole number`)
    .transform(Number)
    .pipe(z.number().min(min, `${name} must be at least ${min}`).max(max, `${name} must be at most ${max}`));

const querySchema = z
  .object({
    limit: intParam("limit", 1, HISTORY_PAGE_MAX).optional(),
    before: intParam("before", 1, Number.MAX_SAFE_INTEGER).optional(),
  })
  .strict();

export async function GET(request: Request): Promise<Response> {
  const s = services();
  if (!s.ok) return s.response;
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return zodFailure(query.error, "(query)");
  const limit = query.data.limit ?? 50;
  try {
    // One more than asked tells whether an older page exists.
    const rows = await s.services.history.list({ limit: Math.min(limit + 1, HISTORY_PAGE_MAX), before: query.data.before });
    const entries = rows.slice(0, limit);
    const hasMore = rows.length > limit || (limit === HISTORY_PAGE_MAX && rows.length === limit);
    return json({ entries, hasMore, nextBefore: hasMore ? (entries.at(-1)?.id ?? null) : null });
  } catch (e) {
    return storeErrorResponse(e, "Reading the history");
  }
}
