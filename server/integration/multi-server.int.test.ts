/**
 * Two Tracetune servers behind one (imaginary) load balancer: one Redis (socket.io adapter) and
 * one PostgreSQL database, both real and started here. A change made through one server reaches
 * the dashboards of the other and that server's own runtime; presets and history are shared; the
 * agents connected to either server are one fleet, listed and changed through either.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FleetList, FleetMember, FleetResultMessage } from "../fleet/fleet-contract";
import { eventually, startAgent, type RunningAgent } from "./agent-process";
import { apiClient, freePort, type ApiClient } from "./api-client";
import { startPostgres, type RunningPostgres } from "./postgres-cluster";
import { startRedis, type RunningRedis } from "./redis-process";
import { connectDashboard, startServer, waitFor, type DashboardSocket, type RunningServer } from "./server-process";
import type { ConfigMessage } from "../telemetry/types";

let redis: RunningRedis & { port: number };
let postgres: RunningPostgres;
let a: RunningServer;
let b: RunningServer;
let apiA: ApiClient;
let apiB: ApiClient;
const sockets: DashboardSocket[] = [];
const agents: RunningAgent[] = [];

beforeAll(async () => {
  [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
  const env = { TRACETUNE_REDIS_URL: redis.url, DATABASE_URL: await postgres.createDatabase("fleet"), TRACETUNE_WORKLOAD: "off" };
  // Started together, as a deployment would: one migrates, both seed built-ins without clashing.
  [a, b] = await Promise.all([startServer(env), startServer(env)]);
  apiA = apiClient(a.url);
  apiB = apiClient(b.url);
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await Promise.all(agents.map((agent) => agent.stop()));
  await Promise.all([a?.stop(), b?.stop()]);
  await Promise.all([redis?.stop(), postgres?.stop()]);
});

async function dashboard(url: string): Promise<DashboardSocket> {
  const socket = await connectDashboard(url);
  sockets.push(socket);
  return socket;
}

describe("two servers on one Redis and one PostgreSQL", () => {
  it("a config change made through server A's REST API reaches a dashboard on server B, as B's own running config", async () => {
    const onB = await dashboard(b.url);
    const onA = await dashboard(a.url);
    const seenOnB = waitFor(onB, "config", (m) => m.config.sampleRate === 0.37);
    const seenOnA = waitFor(onA, "config", (m) => m.config.sampleRate === 0.37);

    const put = await apiA.put("/api/config", { sampleRate: 0.37, batchSize: 700 });
    expect(put.status).toBe(200);

    const messageB = (await seenOnB) as ConfigMessage;
    expect(messageB.config.batchSize).toBe(700);
    // The message describes B's runtime: B's REST answers the same version and hash.
    const configB = await apiB.get<ConfigMessage>("/api/config");
    expect(configB.body.config).toMatchObject({ sampleRate: 0.37, batchSize: 700 });
    expect({ version: configB.body.version, hash: configB.body.hash }).toEqual({ version: messageB.version, hash: messageB.hash });
    expect(((await seenOnA) as ConfigMessage).hash).toBe(put.body.hash);

    // One history row for one change, the same on both servers (shared database).
    const historyA = await apiA.get("/api/history?limit=20");
    const historyB = await apiB.get("/api/history?limit=20");
    const changes = (entries: Array<{ id: number; source: string; result: string; diff: Array<{ key: string; to: unknown }> }>) =>
      entries.filter((e) => e.source === "api" && e.result === "applied" && e.diff.some((d) => d.key === "sampleRate" && d.to === 0.37)).map((e) => e.id);
    expect(changes(historyA.body.entries)).toHaveLength(1);
    expect(changes(historyB.body.entries)).toEqual(changes(historyA.body.entries));
  });

  it("a change applied from a dashboard on B reaches A's runtime", async () => {
    const onB = await dashboard(b.url);
    const onA = await dashboard(a.url);
    const seenOnA = waitFor(onA, "config", (m) => m.config.sampleRate === 0.61);
    const result = await onB.emitWithAck("config:apply", { patch: { sampleRate: 0.61 } });
    expect(result.status).toBe("applied");
    await seenOnA;
    expect((await apiA.get<ConfigMessage>("/api/config")).body.config.sampleRate).toBe(0.61);
  });

  it("a preset saved through A is announced to dashboards on B, and B's REST lists it", async () => {
    const onB = await dashboard(b.url);
    const announced = waitFor(onB, "presets:changed", () => true);
    const saved = await apiA.post("/api/presets", { name: "Saved through A", description: "fleet-wide", config: { sampleRate: 0.2 } });
    expect(saved.status).toBe(201);
    await announced;

    const listed = await apiB.get("/api/presets");
    const preset = listed.body.presets.find((p: { name: string }) => p.name === "Saved through A");
    expect(preset).toMatchObject({ id: saved.body.preset.id, description: "fleet-wide", config: { sampleRate: 0.2 }, version: 1 });

    // Applying it through B changes A too (the preset came from the shared database).
    const seenOnA = waitFor(await dashboard(a.url), "config", (m) => m.config.sampleRate === 0.2);
    expect((await apiB.post(`/api/presets/${preset.id}/apply`, {})).status).toBe(200);
    await seenOnA;
  });

  it("agents connected to A and to B are one fleet: B lists both and a change through B reaches the agent on A", async () => {
    const onA = startAgent(a.url, "checkout", "pod-on-a");
    const onB = startAgent(b.url, "checkout", "pod-on-b");
    agents.push(onA, onB);
    const checkoutOf = (list: FleetList) => list.services.find((s) => s.service === "checkout")?.members.filter((m) => m.connected) ?? [];
    const byInstance = (members: FleetMember[]) => Object.fromEntries(members.map((m) => [m.instance, { hash: m.hash, sampleRate: m.sampleRate }]));
    const listedByB = async () => checkoutOf((await apiB.get<FleetList>("/api/fleet")).body);

    // B's REST lists the agent on A too, with the config hash the agent itself reports.
    const [reportA, reportB] = await Promise.all([onA.until((s) => s.link === "connected"), onB.until((s) => s.link === "connected")]);
    const listed = await eventually(async () => ((await listedByB()).length === 2 ? listedByB() : null), "B lists both agents");
    expect(byInstance(listed)).toEqual({ "pod-on-a": { hash: reportA.hash, sampleRate: 1 }, "pod-on-b": { hash: reportB.hash, sampleRate: 1 } });

    // A dashboard on B watching the fleet sees the agent on A.
    const watcher = await dashboard(b.url);
    const watched = waitFor(watcher, "fleet", (list) => checkoutOf(list).some((m) => m.instance === "pod-on-a"));
    watcher.emit("fleet:watch");
    await watched;

    // A change through B: both agents answer, and the one on A runs it, with the hash it answered.
    const streamedOnB = waitFor(watcher, "fleet", (list) => checkoutOf(list).filter((m) => m.sampleRate === 0.3).length === 2);
    const res = await apiB.post("/api/fleet/apply", { target: { kind: "service", service: "checkout" }, patch: { sampleRate: 0.3 } });
    expect(res.status, res.text).toBe(200);
    const results = res.body.results as FleetResultMessage[];
    expect(Object.fromEntries(results.map((r) => [r.instance, r.result.status]))).toEqual({ "pod-on-a": "applied", "pod-on-b": "applied" });
    const answeredByA = results.find((r) => r.instance === "pod-on-a")!.result;
    const nowOnA = await onA.until((s) => s.sampleRate === 0.3);
    expect(answeredByA).toMatchObject({ status: "applied", changed: ["sampleRate"], hash: nowOnA.hash });
    const streamed = checkoutOf(await streamedOnB);
    expect(streamed.find((m) => m.instance === "pod-on-a")?.hash).toBe(nowOnA.hash);

    // The change of the agent on A is in the shared history, with the config the agent answered.
    const history = await apiA.get("/api/history?limit=20");
    const row = (history.body.entries as Array<{ source: string; actor: string; result: string; diff: Array<{ key: string; from: unknown; to: unknown }> }>).find(
      (e) => e.source === "fleet" && e.actor.includes("-> checkout/pod-on-a"),
    );
    expect(row).toMatchObject({ result: "applied", diff: [{ key: "sampleRate", from: 1, to: 0.3 }] });

    // The agent on A stops: B, which never held its connection, lists it as gone as A does.
    await onA.stop();
    const goneOnB = async () => (await apiB.get<FleetList>("/api/fleet")).body.services.find((s) => s.service === "checkout")?.members.find((m) => m.instance === "pod-on-a");
    const gone = await eventually(async () => {
      const member = await goneOnB();
      return member && !member.connected ? member : null;
    }, "B lists the agent that left A as gone");
    expect(gone).toMatchObject({ kind: "agent", connected: false, sampleRate: 0.3 });
    await onB.stop();
  });

  it("a change made while Redis was down reaches B once Redis is back, and changes flow again", async () => {
    const backLines = (server: RunningServer) => server.output().match(/Redis (publish|subscribe) connection to .* is back/g)?.length ?? 0;
    const before = [backLines(a), backLines(b)];
    await redis.stop();
    expect((await apiA.put("/api/config", { sampleRate: 0.44 })).status).toBe(200);
    const caughtUp = waitFor(await dashboard(b.url), "config", (m) => m.config.sampleRate === 0.44);
    redis = await startRedis(redis.port);
    await expect.poll(() => [backLines(a) - before[0], backLines(b) - before[1]], { timeout: 30_000 }).toEqual([2, 2]);
    await caughtUp;

    const seenOnB = waitFor(await dashboard(b.url), "config", (m) => m.config.sampleRate === 0.83);
    expect((await apiA.put("/api/config", { sampleRate: 0.83 })).status).toBe(200);
    await seenOnB;
    expect(a.output()).not.toMatch(/unhandledRejection/);
  });
});

describe("start-up with a bad TRACETUNE_REDIS_URL", () => {
  it("refuses a URL that is not a Redis URL, naming the variable", async () => {
    const error = await startServer({ TRACETUNE_REDIS_URL: "http://127.0.0.1:6379", TRACETUNE_WORKLOAD: "off" }).then(
      () => null,
      (e: Error) => e.message,
    );
    expect(error).toMatch(/TRACETUNE_REDIS_URL must be a Redis URL such as redis:\/\/127\.0\.0\.1:6379/);
  });

  it("refuses to start when Redis does not answer, and says where it looked", async () => {
    const port = await freePort();
    const error = await startServer({ TRACETUNE_REDIS_URL: `redis://:hunter2secret@127.0.0.1:${port}`, TRACETUNE_WORKLOAD: "off" }).then(
      () => null,
      (e: Error) => e.message,
    );
    expect(error).toMatch(new RegExp(`Redis at redis://:\\*\\*\\*@127\\.0\\.0\\.1:${port} \\(TRACETUNE_REDIS_URL\\) is unreachable`));
    expect(error).not.toContain("hunter2secret");
  });
});
