import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applyMigrations, defaultMigrationsDir, readMigrations } from "./migrate";
import { openStore } from "./open-store";
import { DEFAULT_CONFIG } from "../telemetry/config";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tracetune-migrate-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function tables(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  } finally {
    db.close();
  }
}

describe("start-up migrations", () => {
  it("creates the folder, the file and every table on a fresh clone, recorded the way Prisma records them", () => {
    const file = path.join(dir, "nested", "data", "tracetune.db");
    const report = applyMigrations(file);

    expect(fs.existsSync(file)).toBe(true);
    expect(report.applied).toEqual(readMigrations(defaultMigrationsDir()).map((m) => m.name));
    expect(report.applied.length).toBeGreaterThan(0);
    expect(tables(file)).toEqual(["ActiveConfig", "ConfigChange", "Preset", "_prisma_migrations"]);

    const db = new Database(file, { readonly: true });
    const rows = db.prepare(`SELECT * FROM "_prisma_migrations"`).all() as Record<string, unknown>[];
    const journal = db.pragma("journal_mode", { simple: true });
    db.close();
    expect(journal).toBe("wal");
    const first = readMigrations(defaultMigrationsDir())[0]!;
    const sha = crypto.createHash("sha256").update(fs.readFileSync(path.join(defaultMigrationsDir(), first.name, "migration.sql"))).digest("hex");
    expect(rows[0]).toMatchObject({ migration_name: first.name, checksum: sha, applied_steps_count: 1, rolled_back_at: null });
    expect(String(rows[0]!.finished_at)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);
  });

  it("is idempotent: a second start applies nothing and keeps the data", async () => {
    const url = `file:${path.join(dir, "app.db")}`;
    const first = await openStore({ databaseUrl: url });
    expect(first.migration.applied.length).toBeGreaterThan(0);
    await first.presets.create({ name: "Kept", config: DEFAULT_CONFIG });
    await first.close();

    const second = await openStore({ databaseUrl: url });
    expect(second.migration.applied).toEqual([]);
    expect(second.migration.total).toBe(first.migration.total);
    expect((await second.presets.list()).map((p) => p.name)).toEqual(["Kept"]);
    await second.close();
  });

  it("applies only the new migration when the code gains one", () => {
    const migrations = path.join(dir, "migrations");
    fs.cpSync(defaultMigrationsDir(), migrations, { recursive: true });
    const file = path.join(dir, "app.db");
    applyMigrations(file, migrations);

    fs.mkdirSync(path.join(migrations, "29990101000000_add_note"));
    fs.writeFileSync(path.join(migrations, "29990101000000_add_note", "migration.sql"), `ALTER TABLE "Preset" ADD COLUMN "note" TEXT;\n`);
    const report = applyMigrations(file, migrations);
    expect(report.applied).toEqual(["29990101000000_add_note"]);

    const db = new Database(file, { readonly: true });
    const columns = (db.prepare(`PRAGMA table_info("Preset")`).all() as { name: string }[]).map((c) => c.name);
    db.close();
    expect(columns).toContain("note");
  });

  it("rolls back every pending migration when one fails, so the next start can retry cleanly", () => {
    const migrations = path.join(dir, "migrations");
    fs.mkdirSync(path.join(migrations, "001_good"), { recursive: true });
    fs.writeFileSync(path.join(migrations, "001_good", "migration.sql"), `CREATE TABLE "A" ("id" INTEGER PRIMARY KEY);\n`);
    fs.mkdirSync(path.join(migrations, "002_bad"));
    fs.writeFileSync(path.join(migrations, "002_bad", "migration.sql"), `CREATE TABLE "B" ("id" INTEGER PRIMARY KEY;\n`);
    const file = path.join(dir, "app.db");

    expect(() => applyMigrations(file, migrations)).toThrow(/syntax error/);
    expect(tables(file)).toEqual(["_prisma_migrations"]);
    const db = new Database(file, { readonly: true });
    expect(db.prepare(`SELECT COUNT(*) AS n FROM "_prisma_migrations"`).get()).toEqual({ n: 0 });
    db.close();

    fs.writeFileSync(path.join(migrations, "002_bad", "migration.sql"), `CREATE TABLE "B" ("id" INTEGER PRIMARY KEY);\n`);
    expect(applyMigrations(file, migrations).applied).toEqual(["001_good", "002_bad"]);
  });

  it("refuses to start on a migration Prisma recorded as failed", () => {
    const file = path.join(dir, "app.db");
    applyMigrations(file);
    const db = new Database(file);
    db.prepare(`UPDATE "_prisma_migrations" SET finished_at = NULL`).run();
    db.close();
    expect(() => applyMigrations(file)).toThrow(/failed earlier.*migrate resolve/s);
  });

  it("warns, without failing, about a migration edited after it was applied", async () => {
    const migrations = path.join(dir, "migrations");
    fs.cpSync(defaultMigrationsDir(), migrations, { recursive: true });
    const url = `file:${path.join(dir, "app.db")}`;
    await (await openStore({ databaseUrl: url, migrationsDir: migrations })).close();
    const [first] = readMigrations(migrations);
    fs.appendFileSync(path.join(migrations, first!.name, "migration.sql"), "\n-- edited\n");

    const warnings: string[] = [];
    const store = await openStore({ databaseUrl: url, migrationsDir: migrations, warn: (m) => warnings.push(m) });
    expect(warnings.join("\n")).toMatch(/was edited after it was applied/);
    expect(await store.presets.list()).toEqual([]);
    await store.close();
  });

  it("resolves relative DATABASE_URLs against the working directory and refuses URLs of other databases", async () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const store = await openStore({ databaseUrl: "file:./sub/rel.db" });
      expect(store.databaseFile).toBe(path.join(fs.realpathSync(dir), "sub", "rel.db"));
      await store.close();
      expect(fs.existsSync(path.join(dir, "sub", "rel.db"))).toBe(true);
    } finally {
      process.chdir(cwd);
    }
    await expect(openStore({ databaseUrl: "mysql://localhost/x" })).rejects.toThrow(/SQLite file URL .* or a PostgreSQL URL/);
    await expect(openStore({ databaseUrl: "postgresql://:5432/x" })).rejects.toThrow(/Invalid DATABASE_URL .*expected postgresql:\/\/user:password@host:5432\/database/);
  });
});
