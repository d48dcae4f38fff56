/**
 * The fleet with real processes: the Tracetune server and three agent processes of two services
 * (server/integration/fleet-agent.ts, the library runtime through `tracetune/runtime`). A change
 * to one service reaches exactly its agents, which now run it (their own reports say so); bad
 * input and bad agent tokens change nothing (TRACETUNE_AGENT_TOKEN and the operator token are
 * accepted); a server restart on the same port leaves the agents tracing on their last config,
 * and they come back by themselves.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FleetList, FleetMember, FleetResultMessage } from "../fleet/fleet-contract";
import { apiClient, freePort, type ApiClient } from "./api-client";
import { eventually, startAgent, type RunningAgent } from "./agent-process";
import { connectDashboard, startServer, type RunningServer } from "./server-process";

let server: RunningServer;
let api: ApiClient;
let port: number;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tracetune-fleet-"));
const agents: RunningAgent[] = [];
/** The search agent joins with the agent token, the checkout agents with the operator token. */
const AGENT_TOKEN = "integration-agent-token-0123456789";
const serverEnv = () => ({ PORT: String(port), TRACETUNE_WORKLOAD_RPS: "10", TRACETUNE_AGENT_TOKEN: AGENT_TOKEN });

async function fleetMembers(): Promise<FleetMember[]> {
  const res = await api.get<FleetList>("/api/fleet");
  expect(res.status).toBe(200);
  return res.body.services.flatMap((s) => s.members);
}

const connectedAgents = async () => (await fleetMembers()).filter((m) => m.kind === "agent" && m.connected);

beforeAll(async () => {
  port = await freePort();
  server = await startServer(serverEnv(), dir);
  api = apiClient(server.url);
  agents.push(startAgent(server.url, "checkout", "pod-a"), startAgent(server.url, "checkout", "pod-b"), startAgent(server.url, "search", "pod-a", AGENT_TOKEN));
  await eventually(async () => (await connectedAgents()).length === 3, "three agents listed");
});

afterAll(async () => {
  await Promise.all(agents.map((a) => a.stop()));
  await server?.stop();
});

describe("the fleet through the real server and agent processes", () => {
  it("lists every runtime by service, the embedded one included, with health", async () => {
    const list = await eventually(async () => {
      const res = await api.get<FleetList>("/api/fleet");
      const all = res.body.services.flatMap((s) => s.members);
      return all.filter((m) => m.kind === "agent").every((m) => m.health && m.health.started > 0) ? res.body : null;
    }, "agents' snapshots arrive");
    expect(list.services.map((s) => s.service)).toEqual(["checkout", "search", "tracetune-demo-agent"]);
    expect(list.services[0]!.members.map((m) => m.instance)).toEqual(["pod-a", "pod-b"]);
    expect(list.services[2]!.members).toMatchObject([{ kind: "embedded", instance: "embedded", connected: true }]);
    expect(list.services[0]!.hashMismatch).toBe(false);
  });

  it("applies a change to one service: exactly its agents acknowledge and run it; results stream to dashboards", async () => {
    const dash = await connectDashboard(server.url);
    const streamed: FleetResultMessage[] = [];
    dash.on("fleet:result", (m) => streamed.push(m));
    const embeddedBefore = (await api.get("/api/config")).body.version;

    const res = await api.post("/api/fleet/apply", { target: { kind: "service", service: "checkout" }, patch: { sampleRate: 0.25 } });
    expect(res.status, res.text).toBe(200);
    const results = res.body.results as FleetResultMessage[];
    expect(results.map((r) => `${r.service}/${r.instance}`).sort()).toEqual(["checkout/pod-a", "checkout/pod-b"]);
    for (const r of results) expect(r.result).toMatchObject({ status: "applied", changed: ["sampleRate"] });

    // The agents themselves now run it, with the hash they answered.
    for (const agent of agents.slice(0, 2)) {
      const answered = results.find((r) => r.instance === agent.instance)!.result;
      const state = await agent.until((s) => s.sampleRate === 0.25);
      expect(answered.status === "applied" && state.hash).toBe(answered.status === "applied" ? answered.hash : "");
    }
    // The other service and the embedded runtime did not move.
    expect(agents[2]!.latest()).toMatchObject({ sampleRate: 1, version: 1 });
    expect((await api.get("/api/config")).body.version).toBe(embeddedBefore);

    // The server's view follows the agents' reports; dashboards got each result as it came.
    await eventually(async () => {
      const checkout = (await fleetMembers()).filter((m) => m.service === "checkout");
      return checkout.every((m) => m.sampleRate === 0.25);
    }, "fleet list shows the new rate");
    await eventually(async () => streamed.filter((m) => m.applyId === res.body.applyId).length === 2, "two streamed results");
    dash.close();

    // Both changes are in the history with the actor and the target.
    const history = await api.get("/api/history");
    const fleetRows = (history.body.entries as { id: number; source: string; actor: string; result: string }[]).filter((e) => e.source === "fleet");
    expect(fleetRows.map((e) => e.actor.split(" -> ")[1]?.split(" ")[0]).sort()).toEqual(["checkout/pod-a", "checkout/pod-b"]);
    expect(fleetRows.every((e) => e.result === "applied" && e.actor.startsWith("operator via API"))).toBe(true);
    // Such a row changed an agent, not this server: it cannot be rolled back here.
    const rollback = await api.post(`/api/history/${fleetRows[0]!.id}/rollback`, {});
    expect(rollback.status).toBe(400);
    expect(rollback.body.error).toMatch(/fleet runtime/);
    expect((await api.get("/api/config")).body.version).toBe(embeddedBefore);
  });

  it("a preset reaches every runtime when the target is all, the embedded one through the control service", async () => {
    const presets = (await api.get("/api/presets")).body.presets as { id: string; name: string; config: { sampleRate?: number } }[];
    const preset = presets.find((p) => p.config.sampleRate !== undefined && p.config.sampleRate < 1)!;
    const res = await api.post("/api/fleet/apply", { target: { kind: "all" }, presetId: preset.id });
    expect(res.status, res.text).toBe(200);
    const results = res.body.results as FleetResultMessage[];
    expect(results).toHaveLength(4);
    expect(results.every((r) => r.result.status === "applied")).toBe(true);
    expect((await api.get("/api/config")).body.config.sampleRate).toBe(preset.config.sampleRate);
    await agents[2]!.until((s) => s.sampleRate === preset.config.sampleRate);
    // Back to the rates the restart test expects.
    const back = await api.post("/api/fleet/apply", { target: { kind: "service", service: "checkout" }, patch: { sampleRate: 0.25 } });
    expect(back.status).toBe(200);
  });

  it("refuses bad changes and readers, sending nothing", async () => {
    const versions = (await connectedAgents()).map((m) => `${m.instance}:${m.version}`);
    const tooBig = await api.post("/api/fleet/apply", { target: { kind: "all" }, patch: { sampleRate: 5 } });
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.error).toMatch(/sampleRate/);
    const nobody = await api.post("/api/fleet/apply", { target: { kind: "service", service: "no-such-service" }, patch: { sampleRate: 0.5 } });
    expect(nobody.status).toBe(404);
    const both = await api.post("/api/fleet/apply", { target: { kind: "all" }, patch: { sampleRate: 0.5 }, presetId: "x" });
    expect(both.status).toBe(400);
    const viewer = await api.post("/api/fleet/apply", { target: { kind: "all" }, patch: { sampleRate: 0.5 } }, { as: "anonymous" });
    expect(viewer.status).toBe(401);
    expect((await connectedAgents()).map((m) => `${m.instance}:${m.version}`)).toEqual(versions);
  });

  it("refuses an agent with a wrong token: its link says refused and it never joins", async () => {
    const intruder = startAgent(server.url, "intruder", "x", "wrong-token-wrong-token");
    try {
      await intruder.until((s) => s.link === "refused");
      expect((await fleetMembers()).some((m) => m.service === "intruder")).toBe(false);
    } finally {
      await intruder.stop();
    }
  });

  it("survives a server restart: agents keep tracing on their config, then reconnect", async () => {
    const before = agents.map((a) => a.latest()!.started);
    expect(await server.stop()).toBe(0);
    // While the server is away the agents keep tracing (their span counters move) on their last config.
    await Promise.all(agents.map((a, i) => a.until((s) => s.link !== "connected" && s.started > before[i]! + 100)));
    expect(agents[0]!.latest()!.sampleRate).toBe(0.25);

    server = await startServer(serverEnv(), dir);
    await Promise.all(agents.map((a) => a.until((s) => s.link === "connected", 45_000)));
    const back = await eventually(async () => {
      const list = await connectedAgents();
      return list.length === 3 ? list : null;
    }, "agents listed again", 30_000);
    // The hello re-announced what they run.
    expect(back.filter((m) => m.service === "checkout").map((m) => m.sampleRate)).toEqual([0.25, 0.25]);
  }, 120_000);
});
