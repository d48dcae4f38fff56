/**
 * Browser-side client for the history routes (app/api/history). Entries are checked with zod
 * (loosely: the server may add fields); a malformed one is skipped with a console warning.
 */
import { z } from "zod";
import type { ApplyResult } from "../../server/telemetry/types";
import { applyResultSchema } from "../realtime/inbound-schemas";
import { expectShape, requestJson, sendJson } from "../presets/http-client";

const diffEntrySchema = z.object({ key: z.string(), from: z.unknown(), to: z.unknown() });

const entrySchema = z.looseObject({
  id: z.number().int(),
  createdAt: z.string(),
  actor: z.string(),
  source: z.string(),
  result: z.enum(["applied", "failed"]),
  diff: z.array(diffEntrySchema),
  error: z.string().nullable(),
  configVersion: z.number().int().nullable(),
  /** The config after an applied change; what was attempted for a refused one. */
  after: z.unknown(),
});

export type HistoryEntry = z.infer<typeof entrySchema>;
export type DiffEntry = z.infer<typeof diffEntrySchema>;

export interface HistoryPage {
  entries: HistoryEntry[];
  hasMore: boolean;
  nextBefore: number | null;
}

const pageSchema = z.object({ entries: z.array(z.unknown()), hasMore: z.boolean(), nextBefore: z.number().nullable() });

export type Loaded<T> = { ok: true; value: T } | { ok: false; error: string; code?: string };

export const HISTORY_PAGE_SIZE = 50;

export async function loadHistory(before?: number): Promise<Loaded<HistoryPage>> {
  const url = `/api/history?limit=${HISTORY_PAGE_SIZE}${before ? `&before=${before}` : ""}`;
  const res = expectShape(await requestJson(url), pageSchema, "reading the history");
  if (!res.ok) return { ok: false, error: res.error };
  const entries: HistoryEntry[] = [];
  for (const raw of res.body.entries) {
    const e = entrySchema.safeParse(raw);
    if (e.success) entries.push(e.data);
    else console.warn("[tracetune] skipped an unreadable history entry", e.error.issues.slice(0, 2));
  }
  return { ok: true, value: { entries, hasMore: res.body.hasMore, nextBefore: res.body.nextBefore } };
}

export interface RollbackPreview {
  diff: DiffEntry[];
  runningVersion: number;
}

const previewSchema = z.object({ diff: z.array(diffEntrySchema), runningVersion: z.number().int() });

export async function previewRollback(id: number): Promise<Loaded<RollbackPreview>> {
  const res = expectShape(await requestJson(`/api/history/${id}/rollback`), previewSchema, "previewing the rollback");
  return res.ok ? { ok: true, value: res.body } : { ok: false, error: res.error };
}

/** Always settles with an ApplyResult; `code` "stale_base_version" when the config moved since the preview. */
export async function rollbackTo(id: number, baseVersion: number): Promise<ApplyResult & { code?: string }> {
  const res = await sendJson(`/api/history/${id}/rollback`, "POST", { baseVersion });
  const parsed = applyResultSchema.safeParse(res.body);
  if (parsed.success) return parsed.data as ApplyResult;
  if (res.ok) return { status: "failed", error: "The server's answer to the rollback was not understood", issues: [] };
  const code = z.looseObject({ code: z.string() }).safeParse(res.body).data?.code;
  return { status: "failed", error: res.error, issues: [], code };
}
