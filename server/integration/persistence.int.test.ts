/**
 * What survives a restart, against the real server and its SQLite file: a SIGTERM restart comes
 * back with exactly the running config (same hash) and the history; a corrupted preset row is
 * skipped with a warning and the app still starts; and a SIGKILL in the middle of a stream of
 * preset writes loses no preset whose POST was answered 201.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import type { PresetRecord } from "../store/types";
import { apiClient, freePort } from "./api-client";
import { startServer, TEST_OPERATOR_TOKEN, type RunningServer } from "./server-process";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tracetune-persist-"));
const dbFile = path.join(dir, "tracetune.db");
let server: RunningServer | undefined;

afterAll(async () => {
  await server?.stop("SIGKILL");
  fs.rmSync(dir, { recursive: true, force: true });
});

const tuned = {
  sampleRate: 0.37,
  batchSize: 512,
  exportIntervalMs: 1500,
  sampler: { type: "adaptive", minRate: 0.02, maxRate: 0.6, targetRps: 40, adjustmentPeriod: 2 },
  attributeFilters: [{ action: "remove", pattern: "^secret\\." }],
  dynamicBatching: { minBatchSize: 128, maxBatchSize: 1024, minIntervalMs: 500, maxIntervalMs: 4000, targetQueueUtilization: 0.6 },
  memoryMonitor: { warningThresholdMb: 300, criticalThresholdMb: 600, checkIntervalSeconds: 5 },
};

describe("restarts", () => {
  it("a SIGTERM restart on the same database restores the running config exactly, and the history", async () => {
    // Same port both times: the built-in receiver's URL (part of the config) includes it.
    const port = String(await freePort());
    server = await startServer({ PORT: port, TRACETUNE_WORKLOAD: "off" }, dir);
    const api = apiClient(server.url);
    expect((await api.put("/api/config", tuned)).status).toBe(200);
    expect((await api.post("/api/presets", { name: "Kept one", config: { sampleRate: 0.2 } })).status).toBe(201);
    const before = (await api.get("/api/config")).body;
    const historyBefore = (await api.get("/api/history?limit=500")).body.entries;
    expect(await server.stop("SIGTERM")).toBe(0);

    server = await startServer({ PORT: port, TRACETUNE_WORKLOAD: "off" }, dir);
    const after = (await apiClient(server.url).get("/api/config")).body;
    expect(after.hash).toBe(before.hash);
    expect(after.config).toEqual(before.config);
    expect(server.output()).toMatch(/\(restored config\)/);
    const historyAfter = (await apiClient(server.url).get("/api/history?limit=500")).body.entries;
    expect(historyAfter.slice(1)).toEqual(historyBefore);
    expect(historyAfter[0]).toMatchObject({ source: "startup", actor: "server (restored the persisted config)", diff: [] });
    expect(await server.stop("SIGTERM")).toBe(0);
    server = undefined;
  });

  it("skips corrupted preset rows with a warning and still starts", async () => {
    const db = new Database(dbFile);
    const copy = db.prepare(
      `INSERT INTO "Preset" (id, name, description, config, builtIn, version, createdAt, updatedAt)
       SELECT ?, ?, NULL, ?, 0, 1, createdAt, updatedAt FROM "Preset" WHERE name = 'Kept one'`,
    );
    copy.run("corrupt-json", "Broken JSON", "{not json");
    copy.run("corrupt-schema", "Out of range", JSON.stringify({ sampleRate: 5 }));
    copy.run("corrupt-name", "bad\u0007name", JSON.stringify({ sampleRate: 0.5 }));
    db.close();

    server = await startServer({ TRACETUNE_WORKLOAD: "off" }, dir);
    const api = apiClient(server.url);
    const names = ((await api.get<{ presets: PresetRecord[] }>("/api/presets")).body.presets).map((p) => p.name);
    expect(names).toContain("Kept one");
    expect(names).not.toContain("Broken JSON");
    expect(names).not.toContain("Out of range");
    expect(names).not.toContain("bad\u0007name");
    expect(server.output()).toMatch(/preset corrupt-json is unreadable, skipped: config is not valid JSON/);
    expect(server.output()).toMatch(/preset corrupt-schema is unreadable, skipped: Invalid config: sampleRate/);
    expect((await api.get("/api/presets/corrupt-json")).status).toBe(404);
    // A corrupted row can still be deleted by id, and then it is gone for good.
    expect((await api.del("/api/presets/corrupt-json", { version: 1 })).status).toBe(200);
    const check = new Database(dbFile, { readonly: true });
    expect(check.prepare(`SELECT count(*) AS n FROM "Preset" WHERE id = 'corrupt-json'`).get()).toEqual({ n: 0 });
    check.close();
  });

  it("a SIGKILL during a stream of preset writes loses no preset whose POST was answered 201", async () => {
    const running = server!;
    const answered: string[] = [];
    let next = 0;
    let killed = false;
    let failure: unknown = null;
    const writer = async () => {
      while (!killed) {
        const name = `burst ${next++}`;
        try {
          const res = await fetch(`${running.url}/api/presets`, {
            method: "POST",
            headers: { authorization: `Bearer ${TEST_OPERATOR_TOKEN}`, "content-type": "application/json" },
            body: JSON.stringify({ name, config: { sampleRate: 0.5, batchSize: 100 + (next % 50) } }),
          });
          if (res.status === 201) answered.push(name);
          else if (res.status === 429) await new Promise((r) => setTimeout(r, 20));
          else throw new Error(`unexpected ${res.status}: ${await res.text()}`);
        } catch (e) {
          if (!killed) failure ??= e;
          return;
        }
      }
    };
    const writers = [writer(), writer(), writer(), writer()];
    while (answered.length < 40 && failure === null) await new Promise((r) => setTimeout(r, 5));
    if (failure) throw failure;
    // Kill while requests are in flight: no flush, no shutdown hook.
    killed = true;
    const exited = new Promise<NodeJS.Signals | null>((resolve) => running.proc.once("exit", (_code, signal) => resolve(signal)));
    running.proc.kill("SIGKILL");
    server = undefined;
    expect(await exited).toBe("SIGKILL");
    await Promise.all(writers);

    server = await startServer({ TRACETUNE_WORKLOAD: "off" }, dir);
    const names = new Set(((await apiClient(server.url).get<{ presets: PresetRecord[] }>("/api/presets")).body.presets).map((p) => p.name));
    const lost = answered.filter((n) => !names.has(n));
    expect(lost).toEqual([]);
    expect(answered.length).toBeGreaterThanOrEqual(40);
    expect(names.has("Kept one")).toBe(true);
  });
});
