/**
 * The running config, persisted as one row (id = 1) so a restart comes back exactly as it was.
 * A row that no longer passes the config schema loads as null (with a warning): the app then
 * starts from its defaults instead of refusing to start.
 */
import { z } from "zod";
import { configHash, validateConfig } from "../telemetry/config";
import { issuesText, parseConfigJson } from "./preset-fields";
import { readOneIsolated, type StoreContext } from "./prisma-client";
import { StoreError, type ActiveConfigRecord, type ActiveConfigStore } from "./types";

const ACTIVE_ID = 1;

const rowSchema = z.object({
  config: z.string(),
  version: z.number().int().min(0),
  hash: z.string(),
  updatedAt: z.date(),
});

const saveSchema = z.object({
  config: z.unknown(),
  version: z.number().int("version must be a whole number").min(0, "version must be 0 or more"),
  hash: z.string().min(1, "hash is required").max(128),
});

export function createActiveConfigStore(ctx: StoreContext): ActiveConfigStore {
  const { prisma } = ctx;
  return {
    async load() {
      ctx.assertOpen();
      const row = await readOneIsolated(
        ctx,
        "active config",
        ACTIVE_ID,
        () => prisma.activeConfig.findUnique({ where: { id: ACTIVE_ID } }),
        async () => (await prisma.activeConfig.findUnique({ where: { id: ACTIVE_ID }, select: { id: true } })) !== null,
      );
      if (!row) return null;
      const parsed = rowSchema.safeParse(row);
      if (!parsed.success) {
        ctx.warn(`[store] persisted active config is unreadable, ignoring it: ${issuesText(parsed.error)}`);
        return null;
      }
      const config = parseConfigJson(parsed.data.config);
      if (!config.ok) {
        ctx.warn(`[store] persisted active config is unreadable, ignoring it: ${config.error}`);
        return null;
      }
      // Validation may fill defaults added since the row was written; the hash must describe
      // the config actually returned, so it is recomputed rather than trusted.
      const hash = configHash(config.value);
      if (hash !== parsed.data.hash) ctx.warn(`[store] persisted active config hash ${parsed.data.hash} is stale; using ${hash}`);
      return { config: config.value, version: parsed.data.version, hash, updatedAt: parsed.data.updatedAt.toISOString() };
    },

    async save(active) {
      ctx.assertOpen();
      const input = saveSchema.safeParse(active);
      if (!input.success) throw new StoreError("invalid", issuesText(input.error));
      const valid = validateConfig(input.data.config);
      if (!valid.ok) throw new StoreError("invalid", valid.error);
      const data = { config: JSON.stringify(valid.config), version: input.data.version, hash: input.data.hash };
      const row = await prisma.activeConfig.upsert({ where: { id: ACTIVE_ID }, create: { id: ACTIVE_ID, ...data }, update: data });
      return { config: valid.config, version: row.version, hash: row.hash, updatedAt: row.updatedAt.toISOString() };
    },
  };
}
