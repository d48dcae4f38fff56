/**
 * The app's own migrator and Prisma's CLI must agree about the same file: `prisma migrate status`
 * sees our bookkeeping as up to date, and we accept a database `prisma migrate deploy` created.
 * Runs the real CLI (JavaScript engine via prisma.config.ts, no network), about 2 s per call.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../telemetry/config";
import { applyMigrations } from "./migrate";
import { openStore } from "./open-store";

const repo = path.resolve(import.meta.dirname, "../..");
const cli = path.join(repo, "node_modules", "prisma", "build", "index.js");

function prisma(args: string[], databaseFile: string): { code: number | null; output: string } {
  const run = spawnSync(process.execPath, [cli, ...args], {
    cwd: repo,
    env: { ...process.env, DATABASE_URL: `file:${databaseFile}`, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: run.status, output: `${run.stdout}\n${run.stderr}` };
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tracetune-cli-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("compatibility with the Prisma CLI", () => {
  it("prisma migrate status reports up to date after the app migrated a fresh file", () => {
    const file = path.join(dir, "app.db");
    const before = prisma(["migrate", "status"], file);
    expect(before.code).not.toBe(0);
    expect(before.output).not.toMatch(/up to date/);

    applyMigrations(file);
    const after = prisma(["migrate", "status"], file);
    expect(after.output).toMatch(/Database schema is up to date/);
    expect(after.code).toBe(0);
  });

  it("the app opens and uses a database that prisma migrate deploy created", async () => {
    const file = path.join(dir, "deployed.db");
    const deploy = prisma(["migrate", "deploy"], file);
    expect(deploy.output).toMatch(/successfully applied/);

    const store = await openStore({ databaseUrl: `file:${file}` });
    expect(store.migration.applied).toEqual([]);
    expect(store.migration.warnings).toEqual([]);
    expect((await store.presets.create({ name: "From CLI db", config: DEFAULT_CONFIG })).version).toBe(1);
    await store.close();
  });
});
