/**
 * Config changes and their history through the real server: PUT /api/config and socket.io's
 * config:apply both land in one timeline with their actors and sources (applied and refused),
 * a rollback through the API restores an earlier config and is itself recorded, every dashboard
 * hears the rolled-back config, and the history pages without gaps. One server for the file.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApplyResult } from "../realtime/contract";
import type { ConfigChangeRecord } from "../store/types";
import { apiClient, type ApiClient } from "./api-client";
import { connectDashboard, startServer, waitFor, type DashboardSocket, type RunningServer } from "./server-process";

let server: RunningServer;
let api: ApiClient;
let operator: DashboardSocket;

beforeAll(async () => {
  server = await startServer({ TRACETUNE_WORKLOAD: "off" });
  api = apiClient(server.url);
  operator = await connectDashboard(server.url);
});

afterAll(async () => {
  operator?.close();
  await server?.stop();
});

type HistoryPage = { entries: ConfigChangeRecord[]; hasMore: boolean; nextBefore: number | null };
const newest = async (n = 1) => (await api.get<HistoryPage>(`/api/history?limit=${n}`)).body.entries;
const running = async () => (await api.get<{ config: Record<string, unknown>; version: number; hash: string }>("/api/config")).body;
const socketApply = (socket: DashboardSocket, patch: Record<string, unknown>) =>
  new Promise<ApplyResult>((resolve) => socket.emit("config:apply", { patch }, resolve));

describe("one timeline for REST and socket.io changes", () => {
  it("starts with the start-up entry", async () => {
    const [first] = await newest();
    expect(first).toMatchObject({ source: "startup", result: "applied", actor: "server (defaults and environment)", before: null, configVersion: 1 });
  });

  it("records a REST change with its actor, the diff, and the version it produced", async () => {
    const before = await running();
    const res = await api.put<ApplyResult>("/api/config", { sampleRate: 0.3, exportIntervalMs: 2500 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "applied", version: before.version + 1, changed: ["sampleRate", "exportIntervalMs"] });
    const [entry] = await newest();
    expect(entry).toMatchObject({
      source: "api",
      actor: "operator via API (bearer token)",
      result: "applied",
      configVersion: before.version + 1,
      error: null,
      diff: [
        { key: "sampleRate", from: before.config.sampleRate, to: 0.3 },
        { key: "exportIntervalMs", from: before.config.exportIntervalMs, to: 2500 },
      ],
    });
    expect((await api.get(`/api/history/${entry.id}`)).body.entry).toEqual(entry);
  });

  it("accepts the { patch, baseVersion } envelope and a baseVersion in a bare patch", async () => {
    const { version } = await running();
    expect((await api.put("/api/config", { patch: { sampleRate: 0.31 }, baseVersion: version })).status).toBe(200);
    expect((await api.put("/api/config", { sampleRate: 0.32, baseVersion: version + 1 })).status).toBe(200);
    expect((await api.put("/api/config", { sampleRate: 0.33 }, { headers: { "if-match": `"${version}"` } })).status).toBe(409);
    expect((await running()).config.sampleRate).toBe(0.32);
  });

  it("records refused changes with their error: an invalid REST patch and a read-only dashboard", async () => {
    const before = await running();
    const bad = await api.put<ApplyResult>("/api/config", { sampleRate: 1.5 });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ status: "failed", issues: [{ path: "sampleRate", message: "must be between 0 and 1" }] });

    const viewer = await connectDashboard(server.url, { auth: {} });
    const refused = await socketApply(viewer, { sampleRate: 0.01 });
    viewer.close();
    expect(refused).toMatchObject({ status: "failed", error: expect.stringMatching(/Read-only dashboard/) });

    const [viewerEntry, restEntry] = await newest(2);
    expect(restEntry).toMatchObject({ source: "api", result: "failed", actor: "operator via API (bearer token)", after: { sampleRate: 1.5 } });
    expect(restEntry.error).toMatch(/sampleRate: must be between 0 and 1/);
    expect(viewerEntry).toMatchObject({ source: "ui", result: "failed", after: { sampleRate: 0.01 } });
    expect(viewerEntry.actor).toMatch(/^viewer via dashboard /);
    expect(viewerEntry.error).toMatch(/Read-only dashboard/);
    expect(await running()).toEqual(before);
  });

  it("applies over socket.io and rolls back through the API; both are in the history and every dashboard hears the rollback", async () => {
    const start = await running();
    // The newest applied entry is the running config (refused ones changed nothing).
    const startEntry = (await newest(10)).find((e) => e.result === "applied")!;
    expect(startEntry.after).toMatchObject({ sampleRate: start.config.sampleRate, batchSize: start.config.batchSize });
    const applied = await socketApply(operator, { sampleRate: 0.05, batchSize: 512 });
    expect(applied.status).toBe("applied");
    const [socketEntry] = await newest();
    expect(socketEntry).toMatchObject({ source: "ui", result: "applied", diff: [{ key: "sampleRate", to: 0.05 }, { key: "batchSize", to: 512 }] });
    expect(socketEntry.actor).toMatch(/^operator via dashboard /);

    // Preview: what the rollback to the entry before the socket change would do.
    const preview = await api.get(`/api/history/${startEntry.id}/rollback`);
    expect(preview.status).toBe(200);
    expect(preview.body.diff).toEqual([
      { key: "sampleRate", from: 0.05, to: start.config.sampleRate },
      { key: "batchSize", from: 512, to: start.config.batchSize },
    ]);

    const other = await connectDashboard(server.url, { auth: {} });
    const heard = waitFor(other, "config", (m) => m.config.sampleRate === start.config.sampleRate && m.config.batchSize === start.config.batchSize);
    const rollback = await api.post(`/api/history/${startEntry.id}/rollback`, { baseVersion: preview.body.runningVersion });
    expect(rollback.status).toBe(200);
    expect(rollback.body).toMatchObject({ status: "applied", rolledBackTo: startEntry.id, changed: ["sampleRate", "batchSize"] });
    const broadcast = await heard;
    other.close();

    const after = await running();
    expect(after.config).toEqual(start.config);
    expect(after.hash).toBe(start.hash);
    expect(broadcast.version).toBe(after.version);
    const [rollbackEntry, socketAgain] = await newest(2);
    expect(socketAgain.id).toBe(socketEntry.id);
    expect(rollbackEntry).toMatchObject({
      source: "rollback",
      result: "applied",
      actor: `operator via API (bearer token) (rollback to #${startEntry.id})`,
      configVersion: after.version,
    });
    // The rollback is itself undoable: rolling back to the socket change brings it back.
    expect((await api.post(`/api/history/${socketEntry.id}/rollback`)).body).toMatchObject({ status: "applied" });
    expect((await running()).config).toMatchObject({ sampleRate: 0.05, batchSize: 512 });
  });

  it("refuses a rollback to a refused change, and a rollback whose review went stale", async () => {
    const failed = (await newest(20)).find((e) => e.result === "failed")!;
    const res = await api.post(`/api/history/${failed.id}/rollback`);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/was a refused change/);
    expect((await api.get(`/api/history/${failed.id}/rollback`)).status).toBe(400);

    const [target] = await newest();
    const { version } = await running();
    await api.put("/api/config", { sampleRate: 0.07 });
    const stale = await api.post(`/api/history/${target.id}/rollback`, { baseVersion: version });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe("stale_base_version");
    expect((await running()).config.sampleRate).toBe(0.07);
  });

  it("pages through the whole history newest first, without gaps or repeats", async () => {
    for (let i = 1; i <= 7; i++) await api.put("/api/config", { sampleRate: i / 100 + 0.1 });
    const all = (await api.get<HistoryPage>("/api/history?limit=500")).body;
    expect(all.hasMore).toBe(false);
    expect(all.nextBefore).toBeNull();
    const seen: number[] = [];
    let before: number | null = null;
    for (let pages = 0; pages < 50; pages++) {
      const page: HistoryPage = (await api.get<HistoryPage>(`/api/history?limit=3${before ? `&before=${before}` : ""}`)).body;
      seen.push(...page.entries.map((e) => e.id));
      if (!page.hasMore) break;
      expect(page.entries).toHaveLength(3);
      before = page.nextBefore;
    }
    expect(seen).toEqual(all.entries.map((e) => e.id));
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
  });
});
