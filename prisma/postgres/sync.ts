/**
 * Regenerates prisma/postgres/schema.prisma from prisma/schema.prisma and, when the models
 * changed, writes the PostgreSQL migration that takes the previous schema to the new one:
 *
 *   npx tsx prisma/postgres/sync.ts <snake_case_name>
 *
 * Run it after `prisma/new-migration.ts` (the SQLite migration), then `npm run postinstall` to
 * regenerate both clients. The diff is schema to schema (`prisma migrate diff
 * --from-schema-datamodel|--from-empty --to-schema-datamodel`), which needs no database.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expectedPostgresSchema, POSTGRES_MIGRATIONS, POSTGRES_SCHEMA, ROOT } from "./postgres-schema";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npx tsx prisma/postgres/sync.ts <snake_case_name>");
  process.exit(2);
}

const next = expectedPostgresSchema();
const previous = fs.existsSync(POSTGRES_SCHEMA) ? fs.readFileSync(POSTGRES_SCHEMA, "utf8") : null;
const hasMigrations = fs.existsSync(POSTGRES_MIGRATIONS) && fs.readdirSync(POSTGRES_MIGRATIONS).length > 0;
if (previous === next && hasMigrations) {
  console.log("prisma/postgres/schema.prisma is current: nothing to write.");
  process.exit(0);
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "tracetune-pg-sync-"));
try {
  const from = hasMigrations && previous !== null ? ["--from-schema-datamodel", path.join(scratch, "previous.prisma")] : ["--from-empty"];
  if (previous !== null) fs.writeFileSync(path.join(scratch, "previous.prisma"), previous);
  fs.writeFileSync(POSTGRES_SCHEMA, next);
  const cli = path.join(ROOT, "node_modules", "prisma", "build", "index.js");
  const run = spawnSync(process.execPath, [cli, "migrate", "diff", ...from, "--to-schema-datamodel", POSTGRES_SCHEMA, "--script"], {
    cwd: ROOT,
    env: { ...process.env, CHECKPOINT_DISABLE: "1" },
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`prisma migrate diff failed:\n${run.stdout}\n${run.stderr}`);
  if (!/^\s*(CREATE|ALTER|DROP)/im.test(run.stdout)) {
    console.log("wrote prisma/postgres/schema.prisma (no table changes)");
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const folder = path.join(POSTGRES_MIGRATIONS, `${stamp}_${name}`);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, "migration.sql"), run.stdout);
    console.log(`wrote prisma/postgres/schema.prisma and ${path.relative(ROOT, folder)}/migration.sql`);
  }
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
