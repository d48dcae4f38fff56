import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { configHash, DEFAULT_CONFIG, type TelemetryConfig } from "../telemetry/config";
import { openStore } from "./open-store";
import { StoreError } from "./types";

let dir: string;
let url: string;
let warnings: string[];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tracetune-active-"));
  url = `file:${path.join(dir, "active.db")}`;
  warnings = [];
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const open = () => openStore({ databaseUrl: url, warn: (m) => warnings.push(m) });

const tuned: TelemetryConfig = {
  ...DEFAULT_CONFIG,
  sampleRate: 0.25,
  sampler: { type: "adaptive", minRate: 0.01, maxRate: 0.5, targetRps: 100, adjustmentPeriod: 5 },
  attributeFilters: [{ action: "remove", pattern: "^secret\\." }],
};

describe("active config store", () => {
  it("loads null on a fresh database", async () => {
    const store = await open();
    expect(await store.activeConfig.load()).toBeNull();
    await store.close();
  });

  it("comes back exactly as saved after close and reopen", async () => {
    const first = await open();
    await first.activeConfig.save({ config: DEFAULT_CONFIG, version: 1, hash: configHash(DEFAULT_CONFIG) });
    await first.activeConfig.save({ config: tuned, version: 7, hash: configHash(tuned) });
    await first.close();

    const second = await open();
    const loaded = await second.activeConfig.load();
    expect(loaded).toMatchObject({ config: tuned, version: 7, hash: configHash(tuned) });
    expect(warnings).toEqual([]);
    await second.close();
  });

  it("refuses to persist an invalid config and keeps the previous one", async () => {
    const store = await open();
    await store.activeConfig.save({ config: tuned, version: 3, hash: configHash(tuned) });
    const bad = { ...tuned, maxQueueSize: -1 };
    const error = await store.activeConfig.save({ config: bad, version: 4, hash: "x" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe("invalid");
    expect((await store.activeConfig.load())?.version).toBe(3);
    await store.close();
  });

  it("ignores a corrupted persisted config with a warning, so the app starts from defaults", async () => {
    const store = await open();
    await store.activeConfig.save({ config: tuned, version: 3, hash: configHash(tuned) });
    const db = new Database(store.databaseFile);
    db.prepare(`UPDATE "ActiveConfig" SET config = ? WHERE id = 1`).run(JSON.stringify({ ...tuned, batchSize: "big" }));
    db.close();
    expect(await store.activeConfig.load()).toBeNull();
    expect(warnings.join("\n")).toMatch(/active config is unreadable.*batchSize/);

    await store.activeConfig.save({ config: DEFAULT_CONFIG, version: 4, hash: configHash(DEFAULT_CONFIG) });
    expect((await store.activeConfig.load())?.config).toEqual(DEFAULT_CONFIG);
    await store.close();
  });

  it("recomputes a stale hash instead of trusting it", async () => {
    const store = await open();
    await store.activeConfig.save({ config: tuned, version: 2, hash: "0000000000000000" });
    expect((await store.activeConfig.load())?.hash).toBe(configHash(tuned));
    expect(warnings.join("\n")).toMatch(/hash 0000000000000000 is stale/);
    await store.close();
  });
});
