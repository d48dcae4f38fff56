/**
 * Config history: every attempted change, applied or failed, newest first. Ids increase with
 * insertion, so paging by id is exact even when several changes share a millisecond.
 */
import { z } from "zod";
import { issuesText } from "./preset-fields";
import { newConfigChangeSchema, toConfigChangeRecord } from "./config-change-row";
import { readIsolated, readOneIsolated, type StoreContext } from "./prisma-client";
import { StoreError, type ConfigChangeRecord, type HistoryStore } from "./types";

export const HISTORY_PAGE_DEFAULT = 50;
export const HISTORY_PAGE_MAX = 500;
/** Pruning runs once per this many records, not on every write. */
const PRUNE_EVERY = 100;

const listOptionsSchema = z
  .object({
    limit: z.number().int().min(1).max(HISTORY_PAGE_MAX).optional().default(HISTORY_PAGE_DEFAULT),
    before: z.number().int().positive().optional(),
  })
  .strict();

type ChangeRow = Awaited<ReturnType<StoreContext["prisma"]["configChange"]["findFirstOrThrow"]>>;

export function createHistoryStore(ctx: StoreContext, historyLimit: number): HistoryStore {
  const { prisma } = ctx;
  let recordsSincePrune = 0;

  function readable(row: ChangeRow | null): ConfigChangeRecord | null {
    if (!row) return null;
    const parsed = toConfigChangeRecord(row);
    if (parsed.ok) return parsed.value;
    ctx.warn(`[store] config change ${row.id} is unreadable, skipped: ${parsed.error}`);
    return null;
  }

  /** Keeps the newest `historyLimit` rows so an auto-tuner cannot grow the file without bound. */
  async function pruneSometimes(newestId: number): Promise<void> {
    if (++recordsSincePrune < PRUNE_EVERY) return;
    recordsSincePrune = 0;
    await prisma.configChange.deleteMany({ where: { id: { lte: newestId - historyLimit } } });
  }

  return {
    async record(change) {
      ctx.assertOpen();
      const input = newConfigChangeSchema.safeParse(change);
      if (!input.success) throw new StoreError("invalid", issuesText(input.error));
      const c = input.data;
      const row = await prisma.configChange.create({
        data: {
          actor: c.actor,
          source: c.source,
          before: c.before === null ? null : JSON.stringify(c.before),
          after: JSON.stringify(c.after),
          diff: JSON.stringify(c.diff),
          result: c.result,
          error: c.result === "failed" ? c.error : null,
          configVersion: c.configVersion,
        },
      });
      const record = toConfigChangeRecord(row);
      if (!record.ok) throw new Error(`recorded change failed validation: ${record.error}`);
      await pruneSometimes(row.id);
      return record.value;
    },

    async list(options = {}) {
      ctx.assertOpen();
      const parsed = listOptionsSchema.safeParse(options);
      if (!parsed.success) throw new StoreError("invalid", issuesText(parsed.error));
      const { limit, before } = parsed.data;
      const where = before === undefined ? {} : { id: { lt: before } };
      // Unreadable rows are dropped after the fetch, so a page may hold fewer than `limit`;
      // paging on from the last id returned still reaches every readable row.
      const rows = await readIsolated(
        ctx,
        "config change",
        () => prisma.configChange.findMany({ where, orderBy: { id: "desc" }, take: limit }),
        async () => (await prisma.configChange.findMany({ where, orderBy: { id: "desc" }, take: limit, select: { id: true } })).map((r) => r.id),
        (id) => prisma.configChange.findUnique({ where: { id } }),
      );
      return rows.map(readable).filter((r): r is ConfigChangeRecord => r !== null);
    },

    async get(id) {
      ctx.assertOpen();
      if (!Number.isSafeInteger(id) || id < 1) return null;
      const row = await readOneIsolated(
        ctx,
        "config change",
        id,
        () => prisma.configChange.findUnique({ where: { id } }),
        async () => (await prisma.configChange.findUnique({ where: { id }, select: { id: true } })) !== null,
      );
      return readable(row);
    },
  };
}
