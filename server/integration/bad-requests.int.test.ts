/**
 * A table of bad requests against the real server: empty, huge, duplicate or odd-Unicode names,
 * configs that fail the schema, unknown ids, bodies that are not JSON or too large, bad query
 * parameters. Each gets a clear 4xx with field errors, and nothing changes (the presets and the
 * running config are compared before and after every row). One server for the file.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PresetRecord } from "../store/types";
import { apiClient, type ApiClient } from "./api-client";
import { startServer, type RunningServer } from "./server-process";

let server: RunningServer;
let api: ApiClient;

beforeAll(async () => {
  server = await startServer({ TRACETUNE_WORKLOAD: "off" });
  api = apiClient(server.url);
});

afterAll(async () => {
  await server?.stop();
});

const list = async () => (await api.get<{ presets: PresetRecord[] }>("/api/presets")).body.presets;
const running = async () => (await api.get<{ config: Record<string, unknown>; version: number; hash: string }>("/api/config")).body;
const create = async (name: string, config: Record<string, unknown>) => {
  const res = await api.post<{ preset: PresetRecord }>("/api/presets", { name, config });
  expect(res.status, res.text).toBe(201);
  return res.body.preset;
};

describe("bad requests get a clear 4xx and change nothing", () => {
  it.each`
    what                                    | method      | path                            | body                                                              | status | expected
    ${"no name"}                            | ${"POST"}   | ${"/api/presets"}               | ${{}}                                                             | ${400} | ${/name: name is required/}
    ${"empty name"}                         | ${"POST"}   | ${"/api/presets"}               | ${{ name: "" }}                                                   | ${400} | ${/name is required/}
    ${"blank name"}                         | ${"POST"}   | ${"/api/presets"}               | ${{ name: " \t " }}                                               | ${400} | ${/name is required/}
    ${"81-character name"}                  | ${"POST"}   | ${"/api/presets"}               | ${{ name: "x".repeat(81) }}                                       | ${400} | ${/at most 80 characters/}
    ${"name not a string"}                  | ${"POST"}   | ${"/api/presets"}               | ${{ name: 42 }}                                                   | ${400} | ${/name must be a string/}
    ${"control character"}                  | ${"POST"}   | ${"/api/presets"}               | ${{ name: "bell\u0007" }}                                         | ${400} | ${/control characters/}
    ${"line separator"}                     | ${"POST"}   | ${"/api/presets"}               | ${{ name: "two\u2028lines" }}                                     | ${400} | ${/control characters/}
    ${"right-to-left override"}             | ${"POST"}   | ${"/api/presets"}               | ${{ name: "invoice\u202Efdp.exe" }}                               | ${400} | ${/U\+202E/}
    ${"zero-width space"}                   | ${"POST"}   | ${"/api/presets"}               | ${{ name: "zero\u200Bwidth" }}                                    | ${400} | ${/U\+200B/}
    ${"duplicate name (a built-in's)"}      | ${"POST"}   | ${"/api/presets"}               | ${{ name: " Balanced " }}                                         | ${409} | ${/A preset named "Balanced" already exists/}
    ${"501-character description"}          | ${"POST"}   | ${"/api/presets"}               | ${{ name: "d", description: "y".repeat(501) }}                    | ${400} | ${/description must be at most 500/}
    ${"unknown body key"}                   | ${"POST"}   | ${"/api/presets"}               | ${{ name: "k", colour: "red" }}                                   | ${400} | ${/unknown key: colour/}
    ${"config out of range"}                | ${"POST"}   | ${"/api/presets"}               | ${{ name: "c", config: { sampleRate: 2 } }}                       | ${400} | ${/config.sampleRate: must be between 0 and 1/}
    ${"config typo"}                        | ${"POST"}   | ${"/api/presets"}               | ${{ name: "c", config: { sampelRate: 0.5 } }}                     | ${400} | ${/config.sampelRate: unknown key/}
    ${"config cross-field rule"}            | ${"POST"}   | ${"/api/presets"}               | ${{ name: "c", config: { batchSize: 5000, maxQueueSize: 1000 } }} | ${400} | ${/config.batchSize: batchSize must not exceed maxQueueSize/}
    ${"empty config"}                       | ${"POST"}   | ${"/api/presets"}               | ${{ name: "c", config: {} }}                                      | ${400} | ${/at least one key/}
    ${"config not an object"}               | ${"POST"}   | ${"/api/presets"}               | ${{ name: "c", config: "fast" }}                                  | ${400} | ${/must be a JSON object/}
    ${"nested sampler missing fields"}      | ${"POST"}   | ${"/api/presets"}               | ${{ name: "c", config: { sampler: { type: "adaptive" } } }}       | ${400} | ${/config.sampler.minRate: is required/}
    ${"unknown preset (GET)"}               | ${"GET"}    | ${"/api/presets/nope123"}       | ${undefined}                                                      | ${404} | ${/No preset with id "nope123"/}
    ${"unknown preset (PUT)"}               | ${"PUT"}    | ${"/api/presets/nope123"}       | ${{ version: 1, name: "x" }}                                      | ${404} | ${/No preset with id nope123/}
    ${"unknown preset (DELETE)"}            | ${"DELETE"} | ${"/api/presets/nope123"}       | ${{ version: 1 }}                                                 | ${404} | ${/No preset/}
    ${"unknown preset (apply)"}             | ${"POST"}   | ${"/api/presets/nope123/apply"} | ${undefined}                                                      | ${404} | ${/No preset/}
    ${"unknown preset (diff)"}              | ${"GET"}    | ${"/api/presets/nope123/diff"}  | ${undefined}                                                      | ${404} | ${/No preset/}
    ${"odd preset id"}                      | ${"GET"}    | ${"/api/presets/a%20b%3Bc"}     | ${undefined}                                                      | ${404} | ${/No preset/}
    ${"PUT version as text"}                | ${"PUT"}    | ${"/api/presets/nope123"}       | ${{ version: "1", name: "x" }}                                    | ${400} | ${/version must be a number/}
    ${"PUT nothing to change"}              | ${"PUT"}    | ${"/api/presets/nope123"}       | ${{ version: 1 }}                                                 | ${400} | ${/nothing to update/}
    ${"config PUT: array body"}             | ${"PUT"}    | ${"/api/config"}                | ${[1, 2]}                                                         | ${400} | ${/must be a JSON object/}
    ${"config PUT: value out of range"}     | ${"PUT"}    | ${"/api/config"}                | ${{ sampleRate: 7 }}                                              | ${422} | ${/sampleRate: must be between 0 and 1/}
    ${"config PUT: unknown key"}            | ${"PUT"}    | ${"/api/config"}                | ${{ samplerate: 0.5 }}                                            | ${422} | ${/samplerate: unknown key/}
    ${"config PUT: bad baseVersion"}        | ${"PUT"}    | ${"/api/config"}                | ${{ patch: { sampleRate: 0.5 }, baseVersion: -1 }}                | ${400} | ${/baseVersion must be 0 or more/}
    ${"config PUT: stale baseVersion"}      | ${"PUT"}    | ${"/api/config"}                | ${{ patch: { sampleRate: 0.5 }, baseVersion: 0 }}                 | ${409} | ${/Stale edit/}
    ${"history: limit 0"}                   | ${"GET"}    | ${"/api/history?limit=0"}       | ${undefined}                                                      | ${400} | ${/limit must be at least 1/}
    ${"history: limit 501"}                 | ${"GET"}    | ${"/api/history?limit=501"}     | ${undefined}                                                      | ${400} | ${/limit must be at most 500/}
    ${"history: before not a number"}       | ${"GET"}    | ${"/api/history?before=abc"}    | ${undefined}                                                      | ${400} | ${/before must be a whole number/}
    ${"history: unknown parameter"}         | ${"GET"}    | ${"/api/history?page=2"}        | ${undefined}                                                      | ${400} | ${/unknown key: page/}
    ${"history: id not a number"}           | ${"GET"}    | ${"/api/history/abc"}           | ${undefined}                                                      | ${400} | ${/history id must be a positive whole number/}
    ${"history: unknown id"}                | ${"GET"}    | ${"/api/history/987654321"}     | ${undefined}                                                      | ${404} | ${/No history entry 987654321/}
    ${"rollback: unknown id"}               | ${"POST"}   | ${"/api/history/987654321/rollback"} | ${undefined}                                                 | ${404} | ${/No history entry/}
    ${"import: not a presets file"}         | ${"POST"}   | ${"/api/presets/import"}        | ${{ hello: "world" }}                                             | ${400} | ${/Not a presets file/}
    ${"import: empty list"}                 | ${"POST"}   | ${"/api/presets/import"}        | ${{ presets: [] }}                                                | ${400} | ${/holds no presets/}
    ${"import: other format"}               | ${"POST"}   | ${"/api/presets/import"}        | ${{ format: "grafana", presets: [{ name: "x", config: {} }] }}    | ${400} | ${/format must be "tracetune-presets"/}
    ${"import: bad onConflict"}             | ${"POST"}   | ${"/api/presets/import?onConflict=merge"} | ${[{ name: "x", config: { batchSize: 1 } }]}            | ${400} | ${/onConflict must be/}
  `("$what: $method $path -> $status", async ({ method, path, body, status, expected }) => {
    const before = { presets: await list(), config: await running() };
    const res = await api.call(method, path, body === undefined ? {} : { json: body });
    expect(res.status, res.text).toBe(status);
    expect(res.body.error).toMatch(expected);
    if (status === 400 && Array.isArray(res.body.issues)) expect(res.body.issues.length).toBeGreaterThan(0);
    expect(await list()).toEqual(before.presets);
    expect(await running()).toEqual(before.config);
  });

  it.each`
    what                       | raw                            | contentType      | status | expected
    ${"a body that is not JSON"} | ${"{name: 'x'"}              | ${"application/json"} | ${400} | ${/not valid JSON/}
    ${"an empty body"}         | ${""}                          | ${"application/json"} | ${400} | ${/Body is empty/}
    ${"a body over 256 KB"}    | ${JSON.stringify({ name: "big", description: "z".repeat(300_000) })} | ${"application/json"} | ${413} | ${/too large/}
    ${"a form post"}           | ${"name=x"}                    | ${"application/x-www-form-urlencoded"} | ${415} | ${/application\/json/}
  `("POST /api/presets with $what -> $status", async ({ raw, contentType, status, expected }) => {
    const before = await list();
    const res = await api.call("POST", "/api/presets", { raw, headers: { "content-type": contentType } });
    expect(res.status).toBe(status);
    expect(res.body.error).toMatch(expected);
    expect(await list()).toEqual(before);
  });

  it("a PUT with a malformed If-Match is refused", async () => {
    const p = await create("Header check", { batchSize: 100 });
    const res = await api.put(`/api/presets/${p.id}`, { name: "renamed" }, { headers: { "if-match": "latest" } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/If-Match must carry a version number/);
    const clash = await api.put(`/api/presets/${p.id}`, { version: 1, name: "renamed" }, { headers: { "if-match": '"2"' } });
    expect(clash.status).toBe(400);
    expect((await api.get(`/api/presets/${p.id}`)).body.preset).toEqual(p);
    await api.del(`/api/presets/${p.id}`, { version: 1 });
  });
});
