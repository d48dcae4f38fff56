/**
 * openStore: resolve the database (a SQLite file, or PostgreSQL for several servers), bring its
 * schema up to date (migrate.ts / migrate-postgres.ts), then hand out the preset, history and active-config stores over one Prisma client.
 * Framework-free: route handlers, socket handlers and scripts all call it the same way.
 */
import { createActiveConfigStore } from "./active-config-store";
import { redactUrl } from "../server-env";
import { resolveDatabase } from "./database-url";
import { createHistoryStore } from "./history-store";
import { applyMigrations } from "./migrate";
import { applyPostgresMigrations } from "./migrate-postgres";
import { createPresetStore } from "./preset-store";
import { createPrismaClient, type StoreContext } from "./prisma-client";
import type { OpenStoreOptions, Store } from "./types";

export const DEFAULT_HISTORY_LIMIT = 10_000;

export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  const target = resolveDatabase(options.databaseUrl ?? process.env.DATABASE_URL);
  const historyLimit = options.historyLimit ?? DEFAULT_HISTORY_LIMIT;
  if (!Number.isSafeInteger(historyLimit) || historyLimit < 1) throw new Error(`historyLimit must be a positive whole number, got ${historyLimit}`);
  const warn = options.warn ?? ((message: string) => console.warn(message));

  // Before the client exists: nothing can query a half-migrated schema.
  const migration =
    target.kind === "postgres"
      ? await applyPostgresMigrations(target.url, options.migrationsDir).catch((error: unknown) => {
          throw new Error(`PostgreSQL at ${redactUrl(target.url)}: ${error instanceof Error ? error.message : String(error)}`);
        })
      : applyMigrations(target.file, options.migrationsDir);
  for (const warning of migration.warnings) warn(`[store] ${warning}`);

  const prisma = createPrismaClient(target);
  let closed = false;
  let closing: Promise<void> | undefined;
  const ctx: StoreContext = {
    prisma,
    warn,
    assertOpen() {
      if (closed) throw new Error("store is closed");
    },
  };
  const close = (): Promise<void> => {
    closed = true;
    closing ??= prisma.$disconnect();
    return closing;
  };

  // Connect now so a locked or unreadable file fails here, at start-up, not on the first click.
  try {
    await prisma.$connect();
  } catch (error) {
    await prisma.$disconnect().catch(() => undefined);
    throw error;
  }

  return {
    presets: createPresetStore(ctx, close),
    history: createHistoryStore(ctx, historyLimit),
    activeConfig: createActiveConfigStore(ctx),
    databaseFile: target.kind === "sqlite" ? target.file : redactUrl(target.url),
    databaseKind: target.kind,
    migration,
    close,
  };
}
