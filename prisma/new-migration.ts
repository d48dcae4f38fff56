/**
 * Writes the next migration: the SQL that takes a database built from the committed migrations
 * to prisma/schema.prisma.
 *
 *   npx tsx prisma/new-migration.ts <snake_case_name> [--dry-run]
 *
 * Why not `prisma migrate dev` or `prisma migrate diff --from-migrations`: with the JavaScript
 * schema engine both replay the migrations on a shadow database through the driver adapter, whose
 * executeRaw takes one statement at a time, so any multi-statement migration fails (P3006).
 * Instead: apply the migrations to a scratch file with the app's own migrator, introspect it
 * (`prisma db pull --print`), and diff that datamodel against the schema.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { applyMigrations } from "../server/store/migrate";

const root = path.resolve(import.meta.dirname, "..");
const cli = path.join(root, "node_modules", "prisma", "build", "index.js");
const migrationsDir = path.join(root, "prisma", "migrations");

function prisma(args: string[], databaseFile: string): string {
  const run = spawnSync(process.execPath, [cli, ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: `file:${databaseFile}`, CHECKPOINT_DISABLE: "1" },
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`prisma ${args.join(" ")} failed:\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
}

const [name, flag] = process.argv.slice(2);
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npx tsx prisma/new-migration.ts <snake_case_name> [--dry-run]");
  process.exit(2);
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "tracetune-new-migration-"));
try {
  const db = path.join(scratch, "scratch.db");
  applyMigrations(db, migrationsDir);
  // The printed schema is the database's shape, with the generator and datasource blocks kept.
  const current = prisma(["db", "pull", "--print"], db);
  const currentSchema = path.join(scratch, "current.prisma");
  fs.writeFileSync(currentSchema, current.slice(current.indexOf("generator ")));
  const sql = prisma(["migrate", "diff", "--from-schema-datamodel", currentSchema, "--to-schema-datamodel", "prisma/schema.prisma", "--script"], db);
  if (!/^\s*(CREATE|ALTER|DROP|INSERT|PRAGMA|UPDATE|DELETE)/im.test(sql)) {
    console.log("prisma/schema.prisma matches the committed migrations: nothing to write.");
  } else if (flag === "--dry-run") {
    console.log(sql);
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const folder = path.join(migrationsDir, `${stamp}_${name}`);
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, "migration.sql"), sql);
    console.log(`wrote ${path.relative(root, folder)}/migration.sql; the app applies it at its next start`);
  }
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
