/**
 * The store against a real PostgreSQL cluster (started by the test): migrations applied once even
 * by servers starting together, presets CRUD with its concurrency rules, history, active config.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPostgres, type RunningPostgres } from "../integration/postgres-cluster";
import { DEFAULT_CONFIG, type TelemetryConfig } from "../telemetry/config";
import { openStore } from "./open-store";
import { StoreError, type Store } from "./types";

const repo = path.resolve(import.meta.dirname, "../..");
let cluster: RunningPostgres;
let url: string;
let store: Store;
const warnings: string[] = [];

beforeAll(async () => {
  cluster = await startPostgres();
  url = await cluster.createDatabase("store_test");
  // Two servers starting against one empty database at the same moment.
  const [a, b] = await Promise.all([openStore({ databaseUrl: url, warn: (m) => warnings.push(m) }), openStore({ databaseUrl: url })]);
  expect([a.migration.applied.length, b.migration.applied.length].sort()).toEqual([0, 1]);
  await b.close();
  store = a;
});
afterAll(async () => {
  await store?.close();
  await cluster?.stop();
});

/** The real Prisma CLI on this database (prisma.config.ts picks prisma/postgres for a postgresql URL). */
function prismaCli(args: string[]): { code: number | null; output: string; stdout: string } {
  const run = spawnSync(process.execPath, [path.join(repo, "node_modules", "prisma", "build", "index.js"), ...args], {
    cwd: repo,
    env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: run.status, output: `${run.stdout}\n${run.stderr}`, stdout: run.stdout };
}

async function runSql(databaseUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Columns (type, nullability, default), constraints and indexes of the app's tables. */
async function tableShape(databaseUrl: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const columns = await client.query(
      `SELECT table_name, column_name, data_type, datetime_precision, is_nullable, column_default FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY table_name, column_name`,
    );
    const indexes = await client.query(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY indexname`);
    return { columns: columns.rows, indexes: indexes.rows };
  } finally {
    await client.end();
  }
}

const lowCost: TelemetryConfig = { ...DEFAULT_CONFIG, sampleRate: 0.1, batchSize: 512 };

async function storeError(promise: Promise<unknown>): Promise<StoreError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

describe("store on PostgreSQL", () => {
  it("records the migration the way Prisma does and reports a PostgreSQL database", async () => {
    expect(store.databaseKind).toBe("postgres");
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query(`SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations"`);
    await client.end();
    expect(rows).toHaveLength(1);
    expect(rows[0].migration_name).toMatch(/_init$/);
    expect(rows[0].checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].finished_at).toBeInstanceOf(Date);

    const again = await openStore({ databaseUrl: url });
    expect(again.migration).toMatchObject({ applied: [], total: 1, warnings: [] });
    await again.close();
  });

  it("creates, lists, updates and deletes presets with versions, unique names and built-ins", async () => {
    const created = await store.presets.create({ name: "  Low cost  ", description: "10% sampling", config: lowCost });
    expect(created).toMatchObject({ name: "Low cost", description: "10% sampling", builtIn: false, version: 1 });
    expect(created.config).toEqual(lowCost);
    expect(await store.presets.get(created.id)).toEqual(created);
    expect(await store.presets.findByName("Low cost")).toEqual(created);

    expect((await storeError(store.presets.create({ name: "Low cost", config: lowCost }))).code).toBe("duplicate_name");

    const updated = await store.presets.update(created.id, { description: null, config: { ...lowCost, sampleRate: 0.2 } }, 1);
    expect(updated).toMatchObject({ version: 2, description: null });
    expect(updated.config.sampleRate).toBe(0.2);
    expect((await storeError(store.presets.update(created.id, { name: "Stale" }, 1))).code).toBe("conflict");

    const [builtIn] = await store.presets.ensureBuiltIns([{ name: "Built in", description: "shipped", config: { sampleRate: 0.5 } }]);
    expect(builtIn.builtIn).toBe(true);
    expect((await storeError(store.presets.delete(builtIn.id, builtIn.version))).code).toBe("forbidden");
    expect((await store.presets.list()).map((p) => p.name)).toEqual(["Built in", "Low cost"]);

    expect((await storeError(store.presets.delete(created.id, 1))).code).toBe("conflict");
    await store.presets.delete(created.id, 2);
    expect(await store.presets.get(created.id)).toBeNull();
    expect((await storeError(store.presets.delete(created.id, 2))).code).toBe("not_found");

    // createAll is one transaction here too: a taken name leaves none of the batch behind.
    const taken = await storeError(store.presets.createAll([{ name: "Batch one", config: lowCost }, { name: "Built in", config: lowCost }]));
    expect(taken.code).toBe("duplicate_name");
    expect(taken.message).toContain('"Built in"');
    expect((await store.presets.list()).map((p) => p.name)).toEqual(["Built in"]);
    expect((await store.presets.createAll([{ name: "Batch one", config: lowCost }, { name: "Batch two", config: lowCost }])).map((p) => p.name)).toEqual(["Batch one", "Batch two"]);
  });

  it("records history newest first, pages by id, and keeps the active config", async () => {
    const first = await store.history.record({ actor: "alice", source: "api", before: DEFAULT_CONFIG, after: lowCost, diff: [{ key: "sampleRate", from: 1, to: 0.1 }], result: "applied", configVersion: 2 });
    const second = await store.history.record({ actor: "bob", source: "ui", before: lowCost, after: { sampleRate: 7 }, diff: [], result: "failed", error: "sampleRate must be at most 1" });
    expect(second.id).toBeGreaterThan(first.id);
    const page = await store.history.list({ limit: 1 });
    expect(page.map((c) => c.actor)).toEqual(["bob"]);
    expect((await store.history.list({ before: page[0].id })).map((c) => c.actor)).toEqual(["alice"]);
    expect(await store.history.get(first.id)).toMatchObject({ result: "applied", after: lowCost, configVersion: 2 });
    expect(await store.history.get(second.id)).toMatchObject({ result: "failed", after: { sampleRate: 7 }, error: "sampleRate must be at most 1" });

    expect(await store.activeConfig.load()).toBeNull();
    await store.activeConfig.save({ config: lowCost, version: 3, hash: "abc" });
    const loaded = await store.activeConfig.load();
    expect(loaded).toMatchObject({ config: lowCost, version: 3 });
    expect(warnings.filter((w) => !w.includes("hash"))).toEqual([]);
  });

  it("agrees with the Prisma CLI: migrate status is up to date, and the migrated tables are exactly the schema", async () => {
    const status = prismaCli(["migrate", "status"]);
    expect(status.output).toMatch(/Database schema is up to date/);
    expect(status.code).toBe(0);

    // The tables the committed migrations built against the tables prisma/postgres/schema.prisma
    // describes (its from-empty script, applied to a second database): a schema change without
    // its PostgreSQL migration (prisma/postgres/sync.ts) fails here. (`prisma db pull` cannot
    // introspect through the pg adapter in 6.19, hence the comparison of catalogs.)
    const script = prismaCli(["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/postgres/schema.prisma", "--script"]);
    expect(script.code).toBe(0);
    const fromSchemaUrl = await cluster.createDatabase("from_schema");
    await runSql(fromSchemaUrl, script.stdout);
    const [migrated, described] = await Promise.all([tableShape(url), tableShape(fromSchemaUrl)]);
    expect(migrated).toEqual(described);
    expect(JSON.stringify(migrated)).toContain("ConfigChange_createdAt_idx");
  });

  it("refuses an unreachable server with a clear error that does not print the password", async () => {
    const error = await openStore({ databaseUrl: "postgresql://someone:s3cret@127.0.0.1:1/none" }).then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/PostgreSQL at postgresql:\/\/someone:\*\*\*@127\.0\.0\.1:1\/none: .*ECONNREFUSED/);
    expect(error?.message).not.toContain("s3cret");
  });
});
