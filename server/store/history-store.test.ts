import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_CONFIG, diffConfig, type TelemetryConfig } from "../telemetry/config";
import { openStore } from "./open-store";
import { StoreError, type NewConfigChange, type Store } from "./types";

let dir: string;
let file: string;
let store: Store;
let warnings: string[];

async function open(historyLimit?: number): Promise<Store> {
  return openStore({ databaseUrl: `file:${file}`, warn: (m) => warnings.push(m), historyLimit });
}

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tracetune-history-"));
  file = path.join(dir, "history.db");
  warnings = [];
  store = await open();
});
afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function applied(rate: number, version: number, before: TelemetryConfig = DEFAULT_CONFIG): NewConfigChange {
  const after = { ...before, sampleRate: rate };
  return { actor: "alice", source: "ui", before, after, diff: diffConfig(before, after), result: "applied", configVersion: version };
}

describe("history store", () => {
  it("records applied and failed changes and lists them newest first", async () => {
    const first = await store.history.record({ ...applied(1, 1), before: null, source: "startup", actor: "system" });
    const second = await store.history.record(applied(0.5, 2));
    const failed = await store.history.record({
      actor: "bob",
      source: "api",
      before: DEFAULT_CONFIG,
      after: { sampleRate: 3 },
      diff: [],
      result: "failed",
      error: "Invalid config: sampleRate: must be between 0 and 1",
    });

    const list = await store.history.list();
    expect(list.map((c) => c.id)).toEqual([failed.id, second.id, first.id]);
    expect(list[1]).toMatchObject({ actor: "alice", source: "ui", result: "applied", configVersion: 2, error: null });
    expect(list[1]!.diff).toEqual([{ key: "sampleRate", from: 1, to: 0.5 }]);
    expect(list[1]!.after).toEqual({ ...DEFAULT_CONFIG, sampleRate: 0.5 });
    expect(list[2]!.before).toBeNull();
    expect(list[0]).toMatchObject({ result: "failed", after: { sampleRate: 3 }, configVersion: null });
    expect(await store.history.get(second.id)).toEqual(second);
    expect(await store.history.get(9999)).toBeNull();
  });

  it("pages with limit and before without gaps or repeats", async () => {
    const ids: number[] = [];
    for (let i = 1; i <= 7; i++) ids.push((await store.history.record(applied(i / 10, i))).id);
    const page1 = await store.history.list({ limit: 3 });
    const page2 = await store.history.list({ limit: 3, before: page1.at(-1)!.id });
    const page3 = await store.history.list({ limit: 3, before: page2.at(-1)!.id });
    expect([...page1, ...page2, ...page3].map((c) => c.id)).toEqual([...ids].reverse());
    expect(page3).toHaveLength(1);
    expect((await store.history.list({ limit: 0 }).catch((e: StoreError) => e)) as StoreError).toMatchObject({ code: "invalid" });
  });

  it("refuses a malformed change without writing it", async () => {
    const bad = [
      { ...applied(0.5, 1), after: { ...DEFAULT_CONFIG, sampleRate: 9 } },
      { ...applied(0.5, 1), source: "hacker" },
      { ...applied(0.5, 1), actor: "  " },
      { ...applied(0.5, 1), result: "failed" }, // a failed change needs its error
      { ...applied(0.5, 1), diff: [{ key: "notAKey", from: 1, to: 2 }] },
    ];
    for (const change of bad) {
      const error = await store.history.record(change as NewConfigChange).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreError);
      expect((error as StoreError).code).toBe("invalid");
    }
    expect(await store.history.list()).toEqual([]);
  });

  it("skips a corrupted history row and still records new ones", async () => {
    const good = await store.history.record(applied(0.5, 1));
    const db = new Database(file);
    const insert = db.prepare(`INSERT INTO "ConfigChange" (createdAt, actor, source, before, after, diff, result) VALUES (?, 'x', 'ui', NULL, '{oops', '[]', 'applied')`);
    const badId = Number(insert.run(new Date().toISOString()).lastInsertRowid);
    db.close();

    expect((await store.history.list()).map((c) => c.id)).toEqual([good.id]);
    expect(warnings.join("\n")).toMatch(new RegExp(`config change ${badId} is unreadable`));
    expect(await store.history.get(badId)).toBeNull();
    const next = await store.history.record(applied(0.25, 2));
    expect((await store.history.list()).map((c) => c.id)).toEqual([next.id, good.id]);
  });

  it("keeps only the newest rows beyond the history limit", async () => {
    await store.close();
    store = await open(20);
    for (let i = 1; i <= 100; i++) await store.history.record(applied((i % 10) / 10, i));
    const kept = await store.history.list({ limit: 500 });
    expect(kept).toHaveLength(20);
    expect(kept[0]!.configVersion).toBe(100);
    expect(kept.at(-1)!.configVersion).toBe(81);
  });
});
