/**
 * The presets REST API against the real server and a real SQLite file: create, read, update and
 * delete with optimistic concurrency (stale versions get 409 and change nothing), built-ins that
 * cannot be edited, the diff reviewed before an apply, export and all-or-nothing import (with the
 * guide's snake_case names). Bad requests are in bad-requests.int.test.ts. One server for the file.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILT_IN_PRESETS } from "../control/built-in-presets";
import { BUILTIN_RECEIVER_MARKER } from "../control/control-service";
import type { PresetRecord } from "../store/types";
import { apiClient, type ApiClient } from "./api-client";
import { connectDashboard, startServer, type DashboardSocket, type RunningServer } from "./server-process";

let server: RunningServer;
let api: ApiClient;
let viewer: DashboardSocket;
let presetsChanged = 0;

beforeAll(async () => {
  server = await startServer({ TRACETUNE_WORKLOAD: "off" });
  api = apiClient(server.url);
  // A read-only dashboard: it must still hear that presets changed.
  viewer = await connectDashboard(server.url, { auth: {} });
  viewer.on("presets:changed", () => presetsChanged++);
});

afterAll(async () => {
  viewer?.close();
  await server?.stop();
});

const list = async (q?: string) => (await api.get<{ presets: PresetRecord[] }>(`/api/presets${q ? `?q=${encodeURIComponent(q)}` : ""}`)).body.presets;
const byName = async (name: string) => (await list()).find((p) => p.name === name);
const create = async (name: string, config?: Record<string, unknown>) => {
  const res = await api.post<{ preset: PresetRecord }>("/api/presets", config ? { name, config } : { name });
  expect(res.status, res.text).toBe(201);
  return res.body.preset;
};
const running = async () => (await api.get<{ config: Record<string, unknown>; version: number; hash: string }>("/api/config")).body;
const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
  return check();
};

describe("presets CRUD", () => {
  it("lists the guide's built-in presets, marked built-in", async () => {
    const presets = await list();
    for (const b of BUILT_IN_PRESETS) expect(presets.find((p) => p.name === b.name)).toMatchObject({ builtIn: true, config: b.config, version: 1 });
    expect(presets.slice(0, BUILT_IN_PRESETS.length).every((p) => p.builtIn)).toBe(true);
  });

  it("creates, reads, renames, overwrites and deletes a preset, bumping its version each time", async () => {
    const changesBefore = presetsChanged;
    const created = await create("Night shift", { sampleRate: 0.05, batchSize: 4096 });
    expect(created).toMatchObject({ name: "Night shift", version: 1, builtIn: false, config: { sampleRate: 0.05, batchSize: 4096 } });

    const read = await api.get<{ preset: PresetRecord }>(`/api/presets/${created.id}`);
    expect(read.status).toBe(200);
    expect(read.headers.get("etag")).toBe('"1"');
    expect(read.body.preset).toEqual(created);

    const renamed = await api.put<{ preset: PresetRecord }>(`/api/presets/${created.id}`, { version: 1, name: "Night shift (5 %)", description: "for quiet hours" });
    expect(renamed.status).toBe(200);
    expect(renamed.body.preset).toMatchObject({ name: "Night shift (5 %)", description: "for quiet hours", version: 2, config: created.config });

    // If-Match instead of a body version; a new config replaces the old one wholesale.
    const reconfigured = await api.put<{ preset: PresetRecord }>(`/api/presets/${created.id}`, { config: { sampleRate: 0.02 } }, { headers: { "if-match": '"2"' } });
    expect(reconfigured.status).toBe(200);
    expect(reconfigured.body.preset).toMatchObject({ version: 3, config: { sampleRate: 0.02 } });

    // Overwrite with the running config: every key, the built-in receiver as its portable marker.
    const overwritten = await api.put<{ preset: PresetRecord }>(`/api/presets/${created.id}`, { version: 3, fromRunningConfig: true });
    expect(overwritten.status).toBe(200);
    const now = await running();
    expect(overwritten.body.preset.version).toBe(4);
    expect(overwritten.body.preset.config).toEqual({ ...now.config, otlpEndpoint: BUILTIN_RECEIVER_MARKER });

    expect((await list("night SHIFT")).map((p) => p.id)).toEqual([created.id]);
    expect((await list("quiet hours")).map((p) => p.id)).toEqual([created.id]);
    expect(await list("no such words")).toEqual([]);

    const deleted = await api.del(`/api/presets/${created.id}`, undefined, { headers: { "if-match": '"4"' } });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ deleted: { id: created.id, name: "Night shift (5 %)" } });
    expect((await api.get(`/api/presets/${created.id}`)).status).toBe(404);
    expect(await byName("Night shift (5 %)")).toBeUndefined();
    // create, 3 updates, delete: every dashboard heard about each.
    expect(await until(() => presetsChanged >= changesBefore + 5)).toBe(true);
  });

  it("without a config, POST saves the running config", async () => {
    const saved = await create("Snapshot of now");
    const now = await running();
    expect(saved.config).toEqual({ ...now.config, otlpEndpoint: BUILTIN_RECEIVER_MARKER });
    expect((await api.del(`/api/presets/${saved.id}`, { version: 1 })).status).toBe(200);
  });

  it("refuses a stale version with 409 and the current version, and keeps the newer edit", async () => {
    const p = await create("Contended", { sampleRate: 0.3 });
    // Two operators read version 1; the first saves.
    const first = await api.put(`/api/presets/${p.id}`, { version: 1, config: { sampleRate: 0.4 } });
    expect(first.status).toBe(200);
    const second = await api.put(`/api/presets/${p.id}`, { version: 1, config: { sampleRate: 0.9 } });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: "conflict", currentVersion: 2, preset: { version: 2, config: { sampleRate: 0.4 } } });
    expect(second.body.error).toMatch(/version 2, not 1/);
    const staleDelete = await api.del(`/api/presets/${p.id}`, { version: 1 });
    expect(staleDelete.status).toBe(409);
    expect(staleDelete.body.currentVersion).toBe(2);
    expect((await api.get(`/api/presets/${p.id}`)).body.preset).toMatchObject({ version: 2, config: { sampleRate: 0.4 } });
    // Without any version the write is refused outright: it could overwrite someone's edit.
    const blind = await api.put(`/api/presets/${p.id}`, { config: { sampleRate: 0.9 } });
    expect(blind.status).toBe(428);
    expect(blind.body.error).toMatch(/version/);
    expect((await api.del(`/api/presets/${p.id}`, { version: 2 })).status).toBe(200);
  });

  it("built-in presets can be read and applied but not changed or deleted (403)", async () => {
    const balanced = (await byName("Balanced"))!;
    const edit = await api.put(`/api/presets/${balanced.id}`, { version: balanced.version, config: { sampleRate: 0.5 } });
    expect(edit.status).toBe(403);
    expect(edit.body.error).toMatch(/built-in/);
    const remove = await api.del(`/api/presets/${balanced.id}`, { version: balanced.version });
    expect(remove.status).toBe(403);
    expect(await byName("Balanced")).toEqual(balanced);
    // A save under a built-in's name says which preset holds it.
    const clash = await api.post("/api/presets", { name: "Balanced" });
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({ code: "duplicate_name", existing: { id: balanced.id, builtIn: true } });
  });

  it("treats names that differ only in Unicode normalization as the same name", async () => {
    const composed = await create("Caf\u00e9 rush");
    const decomposed = await api.post("/api/presets", { name: "Cafe\u0301 rush" });
    expect(decomposed.status).toBe(409);
    expect(decomposed.body.existing.id).toBe(composed.id);
    // Emoji and joiners are fine.
    const emoji = await create("\u{1F9D1}\u200D\u{1F4BB} dev box");
    expect(emoji.name).toBe("\u{1F9D1}\u200D\u{1F4BB} dev box");
    for (const p of [composed, emoji]) expect((await api.del(`/api/presets/${p.id}`, { version: 1 })).status).toBe(200);
  });
});

describe("reviewing and applying a preset", () => {
  it("shows the diff against the running config, refuses a stale review, and applies with the actor recorded", async () => {
    await api.put("/api/config", { sampleRate: 1, batchSize: 2048 });
    const p = await create("Review me", { sampleRate: 0.25, batchSize: 512 });
    const before = await running();

    const diff = await api.get(`/api/presets/${p.id}/diff`);
    expect(diff.status).toBe(200);
    expect(diff.body).toMatchObject({ preset: { id: p.id, name: "Review me" }, runningVersion: before.version, applicable: { ok: true } });
    expect(diff.body.diff).toEqual([
      { key: "sampleRate", from: 1, to: 0.25 },
      { key: "batchSize", from: 2048, to: 512 },
    ]);
    const preview = await api.post(`/api/presets/${p.id}/apply?preview=1`);
    expect(preview.body).toEqual(diff.body);
    expect(await running()).toEqual(before);

    // Someone changes the config after the review: the apply pinned to the reviewed version is refused.
    await api.put("/api/config", { exportIntervalMs: 4000 });
    const stale = await api.post(`/api/presets/${p.id}/apply`, { baseVersion: before.version });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe("stale_base_version");
    expect((await running()).config.sampleRate).toBe(1);

    const current = await running();
    const applied = await api.post(`/api/presets/${p.id}/apply`, { baseVersion: current.version });
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ status: "applied", version: current.version + 1, changed: ["sampleRate", "batchSize"] });
    expect((await running()).config).toMatchObject({ sampleRate: 0.25, batchSize: 512, exportIntervalMs: 4000 });
    const history = await api.get("/api/history?limit=1");
    expect(history.body.entries[0]).toMatchObject({
      source: "preset",
      actor: 'operator via API (bearer token) (preset "Review me")',
      result: "applied",
      diff: [
        { key: "sampleRate", from: 1, to: 0.25 },
        { key: "batchSize", from: 2048, to: 512 },
      ],
    });
    // Applying it again changes nothing and says so.
    const again = await api.post(`/api/presets/${p.id}/apply`);
    expect(again.body).toMatchObject({ status: "applied", changed: [] });
    expect((await api.get(`/api/presets/${p.id}/diff`)).body.diff).toEqual([]);
    await api.del(`/api/presets/${p.id}`, { version: 1 });
  });

  it("a preset that does not fit the running config is refused with 422 and changes nothing", async () => {
    await api.put("/api/config", { maxQueueSize: 16384, batchSize: 2048 });
    const p = await create("Big batches", { batchSize: 8192 });
    await api.put("/api/config", { maxQueueSize: 4096 });
    const diff = await api.get(`/api/presets/${p.id}/diff`);
    expect(diff.body.applicable).toMatchObject({ ok: false, error: expect.stringMatching(/batchSize must not exceed maxQueueSize/) });
    const before = await running();
    const res = await api.post(`/api/presets/${p.id}/apply`);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ status: "failed", error: expect.stringMatching(/Preset "Big batches" was not applied/), issues: [{ path: "batchSize" }] });
    expect(await running()).toEqual(before);
    await api.put("/api/config", { maxQueueSize: 16384 });
    await api.del(`/api/presets/${p.id}`, { version: 1 });
  });
});

describe("export and import", () => {
  it("exports user presets as a file that imports back, all of them or none", async () => {
    const a = await create("Export A", { sampleRate: 0.5 });
    const b = await create("Export B", { sampler: { type: "adaptive", minRate: 0.01, maxRate: 0.5, targetRps: 100, adjustmentPeriod: 5 } });
    const res = await fetch(`${server.url}/api/presets/export`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="tracetune-presets-\d{4}-\d{2}-\d{2}\.json"$/);
    const file = (await res.json()) as { format: string; formatVersion: number; presets: { name: string; config: unknown }[] };
    expect(file.format).toBe("tracetune-presets");
    expect(file.presets.map((p) => p.name).sort()).toEqual(["Export A", "Export B"]);

    // Importing the same file again: names taken, nothing imported (409); with skip, nothing to do.
    const again = await api.post("/api/presets/import", file);
    expect(again.status).toBe(409);
    expect(again.body.results.map((r: { status: string }) => r.status)).toEqual(["refused", "refused"]);
    const skipped = await api.post("/api/presets/import?onConflict=skip", file);
    expect(skipped.status).toBe(200);
    expect(skipped.body).toMatchObject({ imported: 0, skipped: 2 });

    for (const p of [a, b]) await api.del(`/api/presets/${p.id}`, { version: 1 });
    const restored = await api.post("/api/presets/import", file);
    expect(restored.status).toBe(201);
    expect(restored.body.imported).toBe(2);
    expect((await byName("Export A"))?.config).toEqual(a.config);
    expect((await byName("Export B"))?.config).toEqual(b.config);
    for (const name of ["Export A", "Export B"]) {
      const p = (await byName(name))!;
      await api.del(`/api/presets/${p.id}`, { version: p.version });
    }
  });

  it("imports the guide's snake_case settings, completing constructor-style samplers and limiters", async () => {
    const res = await api.post("/api/presets/import", {
      name: "Guide balanced",
      config: {
        sample_rate: 0.1,
        batch_size: 2048,
        export_interval_ms: 5000,
        max_queue_size: 16384,
        otlp_compression: "gzip",
        auto_instrument: true,
        max_span_attributes: 64,
        sampler: { min_rate: 0.01, max_rate: 1.0, target_rps: 1000, adjustment_period: 60 },
        attribute_processors: [{ max_length: 1024, max_array_items: 100, truncate_marker: "..." }],
        dynamic_batching: { min_batch_size: 128, max_batch_size: 4096, min_interval_ms: 1000, max_interval_ms: 10000, target_queue_utilization: 0.7 },
      },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body.results).toEqual([{ index: 0, name: "Guide balanced", status: "created", id: expect.any(String) }]);
    const p = (await byName("Guide balanced"))!;
    expect(p.config).toEqual({
      sampleRate: 0.1,
      batchSize: 2048,
      exportIntervalMs: 5000,
      maxQueueSize: 16384,
      otlpCompression: "gzip",
      autoInstrument: true,
      maxSpanAttributes: 64,
      sampler: { type: "adaptive", minRate: 0.01, maxRate: 1, targetRps: 1000, adjustmentPeriod: 60 },
      attributeProcessors: [{ type: "limiter", maxLength: 1024, maxArrayItems: 100, truncateMarker: "..." }],
      dynamicBatching: { minBatchSize: 128, maxBatchSize: 4096, minIntervalMs: 1000, maxIntervalMs: 10000, targetQueueUtilization: 0.7 },
    });
    await api.del(`/api/presets/${p.id}`, { version: 1 });
  });

  it("refuses the whole import when one preset is bad, naming each problem as the file wrote it", async () => {
    const before = await list();
    const res = await api.post("/api/presets/import", {
      format: "tracetune-presets",
      formatVersion: 1,
      presets: [
        { name: "Fine one", config: { sample_rate: 0.2 } },
        { name: "Typo", config: { sample_rat: 0.2, batch_size: 0 } },
        { name: "Twice", config: { sample_rate: 0.2, sampleRate: 0.3 } },
        { name: "Fine one", config: { batchSize: 100 } },
        { name: "Balanced", config: { batchSize: 100 } },
        { name: "", config: { batchSize: 100 }, colour: "red" },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/Nothing was imported: 5 of 6/);
    const [fine, typo, twice, dup, builtIn, nameless] = res.body.results;
    expect(fine).toEqual({ index: 0, name: "Fine one", status: "not_imported" });
    expect(typo.issues).toEqual(
      expect.arrayContaining([
        { path: "config.sample_rat", message: "unknown key" },
        { path: "config.batch_size", message: "must be at least 1" },
      ]),
    );
    expect(twice.issues).toEqual([{ path: "config.sampleRate", message: 'the same setting is given twice (as "sample_rate" and "sampleRate")' }]);
    expect(dup.issues[0].message).toMatch(/twice \(first at index 0\)/);
    expect(builtIn.issues[0].message).toMatch(/built-in preset named "Balanced" already exists/);
    expect(nameless.issues).toEqual(expect.arrayContaining([{ path: "colour", message: expect.stringMatching(/unknown key/) }, { path: "name", message: "name is required" }]));
    expect(await list()).toEqual(before);
  });
});
