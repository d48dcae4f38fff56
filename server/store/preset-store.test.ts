import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_CONFIG, type TelemetryConfig } from "../telemetry/config";
import { openStore } from "./open-store";
import { StoreError, type Store } from "./types";

let dir: string;
let file: string;
let store: Store;
let warnings: string[];

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tracetune-presets-"));
  file = path.join(dir, "data", "tracetune.db");
  warnings = [];
  store = await openStore({ databaseUrl: `file:${file}`, warn: (m) => warnings.push(m) });
});
afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const lowCost: TelemetryConfig = { ...DEFAULT_CONFIG, sampleRate: 0.1, batchSize: 512 };

async function storeError(promise: Promise<unknown>): Promise<StoreError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

/** Writes a row behind the store's back, as a hand edit or an older build might. */
function insertRaw(values: { id: string; name: string; config: string; builtIn?: unknown; version?: unknown }): void {
  const db = new Database(file);
  const now = new Date().toISOString();
  db.prepare(`INSERT INTO "Preset" (id, name, description, config, builtIn, version, createdAt, updatedAt) VALUES (?, ?, NULL, ?, ?, ?, ?, ?)`).run(
    values.id,
    values.name,
    values.config,
    values.builtIn ?? 0,
    values.version ?? 1,
    now,
    now,
  );
  db.close();
}

describe("preset store", () => {
  it("creates a preset that list, get and findByName return with its config intact", async () => {
    const created = await store.presets.create({ name: "  Low cost  ", description: "10% sampling", config: lowCost });
    expect(created).toMatchObject({ name: "Low cost", description: "10% sampling", builtIn: false, version: 1 });
    expect(created.config).toEqual(lowCost);
    expect(new Date(created.createdAt).getTime()).toBeGreaterThan(Date.now() - 60_000);

    expect(await store.presets.list()).toEqual([created]);
    expect(await store.presets.get(created.id)).toEqual(created);
    expect(await store.presets.findByName("Low cost ")).toEqual(created);
    expect(await store.presets.get("no-such-id")).toBeNull();
    expect(await store.presets.findByName("nope")).toBeNull();
  });

  it("lists built-ins first, then by name", async () => {
    await store.presets.create({ name: "zeta", config: DEFAULT_CONFIG });
    await store.presets.create({ name: "alpha", config: DEFAULT_CONFIG });
    await store.presets.create({ name: "Balanced", config: DEFAULT_CONFIG, builtIn: true });
    expect((await store.presets.list()).map((p) => p.name)).toEqual(["Balanced", "alpha", "zeta"]);
  });

  it("refuses a duplicate name, including the same name typed with other Unicode or spacing", async () => {
    await store.presets.create({ name: "Caf\u00e9", config: DEFAULT_CONFIG });
    const again = await storeError(store.presets.create({ name: " Cafe\u0301 ", config: lowCost }));
    expect(again.code).toBe("duplicate_name");
    expect(again.message).toContain("Café");
    expect(await store.presets.list()).toHaveLength(1);
  });

  it("refuses bad names, descriptions and configs without writing anything", async () => {
    for (const name of ["", "   ", "x".repeat(81), "tab\there", "bell\u0007"]) {
      expect((await storeError(store.presets.create({ name, config: DEFAULT_CONFIG }))).code).toBe("invalid");
    }
    expect((await store.presets.create({ name: "😀".repeat(80), config: DEFAULT_CONFIG })).name).toHaveLength(160);
    const badConfig = { ...DEFAULT_CONFIG, sampleRate: 2 } as TelemetryConfig;
    const error = await storeError(store.presets.create({ name: "bad", config: badConfig }));
    expect(error.code).toBe("invalid");
    expect(error.message).toMatch(/sampleRate/);
    const unknownKey = { ...DEFAULT_CONFIG, sampleRat: 0.5 } as unknown as TelemetryConfig;
    expect((await storeError(store.presets.create({ name: "typo", config: unknownKey }))).code).toBe("invalid");
    expect((await store.presets.list()).map((p) => p.name)).toEqual(["😀".repeat(80)]);
  });

  it("createAll stores every preset in one transaction, or none of them", async () => {
    const made = await store.presets.createAll([
      { name: "one", config: lowCost },
      { name: "two", description: "second", config: DEFAULT_CONFIG },
    ]);
    expect(made.map((p) => [p.name, p.version])).toEqual([["one", 1], ["two", 1]]);
    expect((await store.presets.get(made[1].id))?.description).toBe("second");
    const names = async () => (await store.presets.list()).map((p) => p.name);

    // A name taken in the database: the error names it, and the presets before and after it are not stored.
    const taken = await storeError(store.presets.createAll([{ name: "three", config: lowCost }, { name: "two", config: lowCost }, { name: "four", config: lowCost }]));
    expect(taken.code).toBe("duplicate_name");
    expect(taken.message).toContain('"two"');
    expect(taken.index).toBe(1);
    // The same name twice in one call, an invalid preset at the end: refused before anything is written.
    const twice = await storeError(store.presets.createAll([{ name: "five", config: lowCost }, { name: " five ", config: lowCost }]));
    expect(twice.code).toBe("duplicate_name");
    const invalid = await storeError(store.presets.createAll([{ name: "six", config: lowCost }, { name: "", config: lowCost }]));
    expect(invalid.code).toBe("invalid");
    expect(invalid.message).toMatch(/^preset 2:/);
    expect(invalid.index).toBe(1);
    expect(twice.index).toBe(1);
    expect(await names()).toEqual(["one", "two"]);
    expect(await store.presets.createAll([])).toEqual([]);
  });

  it("updates with the current version and bumps it; a stale version is a conflict that changes nothing", async () => {
    const created = await store.presets.create({ name: "Tune", config: DEFAULT_CONFIG });
    const updated = await store.presets.update(created.id, { name: "Tuned", config: lowCost }, 1);
    expect(updated).toMatchObject({ id: created.id, name: "Tuned", version: 2, description: null });
    expect(updated.config).toEqual(lowCost);

    const stale = await storeError(store.presets.update(created.id, { description: "mine" }, 1));
    expect(stale.code).toBe("conflict");
    expect(await store.presets.get(created.id)).toEqual(updated);

    const cleared = await store.presets.update(created.id, { description: "note" }, 2);
    expect((await store.presets.update(created.id, { description: null }, cleared.version)).description).toBeNull();
    expect((await storeError(store.presets.update("missing", { name: "x" }, 1))).code).toBe("not_found");
    expect((await storeError(store.presets.update(created.id, {}, 4))).code).toBe("invalid");
  });

  it("refuses renaming onto a taken name", async () => {
    await store.presets.create({ name: "A", config: DEFAULT_CONFIG });
    const b = await store.presets.create({ name: "B", config: DEFAULT_CONFIG });
    expect((await storeError(store.presets.update(b.id, { name: "A" }, 1))).code).toBe("duplicate_name");
    expect((await store.presets.get(b.id))?.name).toBe("B");
  });

  it("deletes with the current version; refuses built-ins, stale versions and missing ids", async () => {
    const builtIn = await store.presets.create({ name: "Balanced", config: DEFAULT_CONFIG, builtIn: true });
    const mine = await store.presets.create({ name: "Mine", config: lowCost });

    const forbidden = await storeError(store.presets.delete(builtIn.id, 1));
    expect(forbidden.code).toBe("forbidden");
    expect((await storeError(store.presets.update(builtIn.id, { name: "Renamed" }, 1))).code).toBe("forbidden");
    expect((await storeError(store.presets.delete(mine.id, 7))).code).toBe("conflict");

    await store.presets.delete(mine.id, 1);
    expect((await store.presets.list()).map((p) => p.name)).toEqual(["Balanced"]);
    expect((await storeError(store.presets.delete(mine.id, 1))).code).toBe("not_found");
  });

  it("skips corrupted rows in list() with a warning, returns null from get(), and keeps working", async () => {
    const good = await store.presets.create({ name: "Good", config: lowCost });
    insertRaw({ id: "bad-json", name: "Broken JSON", config: "{not json" });
    insertRaw({ id: "bad-config", name: "Out of range", config: JSON.stringify({ ...DEFAULT_CONFIG, sampleRate: 7 }) });
    insertRaw({ id: "bad-type", name: "Bad column", config: JSON.stringify(DEFAULT_CONFIG), builtIn: "maybe", version: "two" });

    expect(await store.presets.list()).toEqual([good]);
    expect(warnings.join("\n")).toMatch(/bad-json.*not valid JSON/);
    expect(warnings.join("\n")).toMatch(/bad-config.*sampleRate/);
    expect(warnings.join("\n")).toMatch(/bad-type/);
    expect(await store.presets.get("bad-json")).toBeNull();
    expect(await store.presets.get("bad-type")).toBeNull();
    expect(await store.presets.findByName("Out of range")).toBeNull();

    // The app still works around them: create, update, and repair or delete the broken ones.
    const more = await store.presets.create({ name: "More", config: DEFAULT_CONFIG });
    expect((await store.presets.update(more.id, { description: "ok" }, 1)).version).toBe(2);
    expect((await storeError(store.presets.update("bad-json", { description: "x" }, 1))).code).toBe("invalid");
    const repaired = await store.presets.update("bad-json", { config: lowCost }, 1);
    expect(repaired).toMatchObject({ name: "Broken JSON", version: 2 });
    await store.presets.delete("bad-config", 1);
    expect((await storeError(store.presets.delete("bad-type", 1))).code).toBe("invalid");
    expect((await store.presets.list()).map((p) => p.name)).toEqual(["Broken JSON", "Good", "More"]);
  });

  it("seeds built-ins once, refreshes a changed one, and leaves a user's same-named preset alone", async () => {
    await store.presets.create({ name: "Debug", config: DEFAULT_CONFIG });
    const seeded = await store.presets.ensureBuiltIns([
      { name: "Balanced", config: DEFAULT_CONFIG },
      { name: "Debug", config: lowCost },
    ]);
    expect(seeded.map((p) => [p.name, p.builtIn, p.version])).toEqual([["Balanced", true, 1]]);
    expect(warnings.join("\n")).toMatch(/"Debug" not installed/);

    const again = await store.presets.ensureBuiltIns([{ name: "Balanced", config: DEFAULT_CONFIG }]);
    expect(again[0]?.version).toBe(1);
    const refreshed = await store.presets.ensureBuiltIns([{ name: "Balanced", description: "new", config: lowCost }]);
    expect(refreshed[0]).toMatchObject({ version: 2, description: "new", config: lowCost });
  });

  it("rejects calls after close instead of silently reopening the file", async () => {
    await store.presets.close();
    await expect(store.presets.list()).rejects.toThrow(/store is closed/);
    await store.close(); // idempotent
  });
});
