/**
 * Applies the committed Prisma migrations (prisma/migrations/<name>/migration.sql) at start-up,
 * in-process through better-sqlite3, so a fresh clone with no database just runs.
 *
 * Why not spawn `prisma migrate deploy`: the CLI takes about 1.5-2 s to start (it loads its
 * bundle and compiles prisma.config.ts) and needs the CLI at run time; this takes milliseconds.
 *
 * Compatibility with Prisma's own tooling (`prisma migrate status|deploy` agree with us):
 * - the `_prisma_migrations` table is created with the exact DDL Prisma's schema engine uses;
 * - a migration's checksum is the SHA-256 (hex) of its migration.sql bytes, as Prisma computes it;
 * - timestamps are written in the format Prisma writes (`2026-01-01T00:00:00.000+00:00`).
 *
 * Invariants:
 * - All pending migrations are applied inside one IMMEDIATE transaction together with their
 *   bookkeeping rows: either every pending migration lands or none does (SQLite DDL is
 *   transactional). IMMEDIATE takes the write lock before reading the applied list, so two
 *   processes starting at once cannot both apply the same migration: the second waits (busy
 *   timeout), then finds nothing pending.
 * - A migration Prisma recorded as failed (started, never finished, not rolled back) stops
 *   start-up with a clear error, as `prisma migrate deploy` does: the schema is in an unknown state.
 * - The database is switched to WAL journal mode (persistent in the file).
 * - Inside the transaction `PRAGMA foreign_keys=OFF` (which Prisma emits around table rebuilds)
 *   is a no-op; the `PRAGMA defer_foreign_keys=ON` it emits alongside is what keeps a rebuild
 *   valid, deferring foreign-key checks to the commit.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";

/** How long a connection waits for another writer's lock before failing with SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000;

/** Prisma's own DDL for its bookkeeping table (SQLite flavour), copied verbatim. */
const PRISMA_MIGRATIONS_DDL = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationReport {
  /** Names of the migrations this call applied, in order (empty when the database was current). */
  applied: string[];
  /** Every migration now recorded in the database. */
  total: number;
  /** Non-fatal findings: edited migrations, migrations the database has but this code lacks. */
  warnings: string[];
  durationMs: number;
}

/** prisma/migrations next to this repository's sources; falls back to the working directory. */
export function defaultMigrationsDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const besideSources = path.resolve(here, "../../prisma/migrations");
  if (fs.existsSync(besideSources)) return besideSources;
  return path.resolve(process.cwd(), "prisma/migrations");
}

/** Migration folders in name order (Prisma's order: the timestamp prefix sorts them). */
export function readMigrations(dir: string): MigrationFile[] {
  if (!fs.existsSync(dir)) throw new Error(`Migrations folder not found: ${dir}`);
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .flatMap((name) => {
      const file = path.join(dir, name, "migration.sql");
      if (!fs.existsSync(file)) return [];
      const bytes = fs.readFileSync(file);
      return [{ name, sql: bytes.toString("utf8"), checksum: crypto.createHash("sha256").update(bytes).digest("hex") }];
    });
}

/** Prisma's timestamp text: ISO 8601 with milliseconds and an explicit +00:00 offset. */
function prismaTimestamp(date = new Date()): string {
  return date.toISOString().replace("Z", "+00:00");
}

/** Open a connection with the settings every Tracetune connection uses. */
export function openSqlite(file: string): Database.Database {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  // WAL: readers never block the writer and vice versa; the mode is stored in the file.
  db.pragma("journal_mode = WAL");
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  return db;
}

/** A `_prisma_migrations` row as far as the decision needs it (SQLite and PostgreSQL alike). */
export interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
}

/** The migrations of a folder, refusing any that would end the migrator's own transaction. */
export function readCheckedMigrations(dir: string): MigrationFile[] {
  const migrations = readMigrations(dir);
  for (const m of migrations) {
    // Our wrapping transaction would be ended early by the script's own; refuse rather than half-apply.
    if (/^\s*(BEGIN|COMMIT|END|ROLLBACK)\b/im.test(m.sql)) {
      throw new Error(`Migration ${m.name} contains transaction control (BEGIN/COMMIT); the app applies each migration inside its own transaction`);
    }
  }
  return migrations;
}

/**
 * What to apply, given the rows already recorded: throws on a migration Prisma recorded as
 * failed; warns about edited migrations and ones the database has but this code lacks.
 */
export function planMigrations(migrations: MigrationFile[], rows: AppliedRow[], migrationsDir: string): { pending: MigrationFile[]; warnings: string[]; doneCount: number } {
  const failed = rows.find((r) => r.finished_at === null && r.rolled_back_at === null);
  if (failed) {
    throw new Error(
      `Migration ${failed.migration_name} failed earlier and the database schema is in an unknown state. ` +
        `Fix the database, then mark it with \`npx prisma migrate resolve --rolled-back ${failed.migration_name}\` (or --applied).`,
    );
  }
  const done = new Map(rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null).map((r) => [r.migration_name, r]));
  const warnings: string[] = [];
  const known = new Set(migrations.map((m) => m.name));
  for (const name of done.keys()) {
    if (!known.has(name)) warnings.push(`Database has migration ${name}, which is not in ${migrationsDir} (newer code ran against this database?)`);
  }
  const pending: MigrationFile[] = [];
  for (const m of migrations) {
    const previous = done.get(m.name);
    if (!previous) pending.push(m);
    else if (previous.checksum !== m.checksum) warnings.push(`Migration ${m.name} was edited after it was applied (checksum differs)`);
  }
  return { pending, warnings, doneCount: done.size };
}

/** Bring the database file up to date with the migrations folder. Creates the file and folder. */
export function applyMigrations(file: string, migrationsDir: string = defaultMigrationsDir()): MigrationReport {
  const started = performance.now();
  const migrations = readCheckedMigrations(migrationsDir);

  const db = openSqlite(file);
  try {
    db.exec(PRISMA_MIGRATIONS_DDL);
    const run = db.transaction((): Omit<MigrationReport, "durationMs"> => {
      const rows = db
        .prepare(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`)
        .all() as AppliedRow[];
      const { pending, warnings, doneCount } = planMigrations(migrations, rows, migrationsDir);
      const insert = db.prepare(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
         VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
      );
      for (const m of pending) {
        const startedAt = prismaTimestamp();
        db.exec(m.sql);
        insert.run(crypto.randomUUID(), m.checksum, prismaTimestamp(), m.name, startedAt);
      }
      return { applied: pending.map((m) => m.name), total: doneCount + pending.length, warnings };
    });
    const report = run.immediate();
    return { ...report, durationMs: performance.now() - started };
  } finally {
    db.close();
  }
}
