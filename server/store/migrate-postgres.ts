/**
 * The PostgreSQL counterpart of migrate.ts: applies prisma/postgres/migrations at start-up,
 * recorded in `_prisma_migrations` with Prisma's own DDL and checksums, so `prisma migrate
 * status` against the same database agrees.
 *
 * Invariants:
 * - Everything runs in one transaction holding a transaction-scoped advisory lock, so several
 *   Tracetune servers starting against one database at once apply each migration exactly once:
 *   the others wait for the lock, then find nothing pending. PostgreSQL DDL is transactional, so
 *   either every pending migration lands or none does.
 * - A migration recorded as failed stops start-up, as in migrate.ts (shared planMigrations).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { planMigrations, readCheckedMigrations, type AppliedRow, type MigrationReport } from "./migrate";

/** Any fixed 64-bit number: "Tracetune migrations" among the advisory locks of this database. */
const MIGRATION_LOCK_KEY = 736_120_711;

/** Prisma's own DDL for its bookkeeping table (PostgreSQL flavour). */
const PRISMA_MIGRATIONS_DDL = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** prisma/postgres/migrations next to this repository's sources; falls back to the working directory. */
export function defaultPostgresMigrationsDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const besideSources = path.resolve(here, "../../prisma/postgres/migrations");
  if (fs.existsSync(besideSources)) return besideSources;
  return path.resolve(process.cwd(), "prisma/postgres/migrations");
}

export async function applyPostgresMigrations(url: string, migrationsDir: string = defaultPostgresMigrationsDir()): Promise<MigrationReport> {
  const started = performance.now();
  const migrations = readCheckedMigrations(migrationsDir);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  // A connection lost mid-migration is also emitted as an event; without a listener it would
  // crash start-up. The failing query rejects with the reason, which is what gets reported.
  client.on("error", () => undefined);
  await client.connect();
  try {
    await client.query("BEGIN");
    try {
      await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK_KEY]);
      await client.query(PRISMA_MIGRATIONS_DDL);
      const { rows } = await client.query<AppliedRow>(
        `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`,
      );
      const { pending, warnings, doneCount } = planMigrations(migrations, rows, migrationsDir);
      for (const m of pending) {
        const startedAt = new Date();
        await client.query(m.sql); // simple query protocol: a multi-statement script runs whole
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
           VALUES ($1, $2, now(), $3, NULL, NULL, $4, 1)`,
          [crypto.randomUUID(), m.checksum, m.name, startedAt],
        );
      }
      await client.query("COMMIT");
      return { applied: pending.map((m) => m.name), total: doneCount + pending.length, warnings, durationMs: performance.now() - started };
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}
