/**
 * The fleet service and the agent link in one process, over real socket.io on loopback: real
 * runtimes on both ends, an in-memory history. Covers what is awkward with separate processes:
 * an agent that never answers (unreachable after the timeout), a malformed hello, and the history
 * rows of each target.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { Server } from "socket.io";
import { io as connectClient, type Socket } from "socket.io-client";
import { createTelemetryRuntime } from "../telemetry";
import { ControlService } from "../control/control-service";
import { connectAgent, type AgentLink } from "../agent-link/agent-link";
import type { NewConfigChange } from "../store/types";
import { attachAgentNamespace } from "./agent-namespace";
import { AGENTS_NAMESPACE } from "./fleet-contract";
import { FleetService } from "./fleet-service";

const TOKEN = "fleet-unit-test-token";
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup() {
  const server = http.createServer();
  const io = new Server(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const recorded: NewConfigChange[] = [];
  const store = {
    presets: { get: async () => null },
    history: { record: async (c: NewConfigChange) => void recorded.push(c) },
    activeConfig: { save: async () => undefined, load: async () => null },
  };
  const embedded = createTelemetryRuntime({ exporterType: "none" });
  const control = new ControlService(embedded, store as never, `${url}/v1/traces`);
  let fleet: FleetService | null = null;
  const agents = attachAgentNamespace(io, { acceptsToken: (t) => t === TOKEN, onLeave: (a) => fleet?.agentLeft(a), log: () => undefined });
  fleet = new FleetService({ agents, control, presets: store.presets, history: store.history as never, embeddedService: "server", applyTimeoutMs: 400 });
  cleanups.push(async () => {
    await new Promise<void>((r) => io.close(() => r()));
    await embedded.shutdown({ deadlineMs: 10 });
  });
  return { url, fleet, recorded, embedded, agents };
}

function agent(url: string, service: string, instance: string, token = TOKEN, allowRemoteDestination = false) {
  const runtime = createTelemetryRuntime({ exporterType: "none" });
  const messages: string[] = [];
  const link: AgentLink = connectAgent(runtime, { url, token, service, instance, snapshotIntervalMs: 50, reconnectAfterDropMs: 100, onError: (m) => messages.push(m), allowRemoteDestination });
  cleanups.push(async () => {
    link.close();
    await runtime.shutdown({ deadlineMs: 10 });
  });
  return { runtime, link, messages };
}

async function until(check: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

const members = async (fleet: FleetService) => (await fleet.list()).services.flatMap((s) => s.members);

describe("fleet service with agent links", () => {
  it("applies to one instance only, records it, and the list follows the agent's report", async () => {
    const { url, fleet, recorded, embedded } = await setup();
    const a = agent(url, "svc", "a");
    const b = agent(url, "svc", "b");
    await until(async () => (await members(fleet)).filter((m) => m.kind === "agent").length === 2);

    const seen: string[] = [];
    const started: string[] = [];
    const outcome = await fleet.apply(
      { target: { kind: "instance", service: "svc", instance: "b" }, patch: { sampleRate: 0.3 } },
      { actor: "tester", source: "api" },
      (s) => started.push(...s.targets.map((t) => t.instance)),
    );
    seen.push(...outcome.results.map((r) => r.instance));
    expect(started).toEqual(["b"]);
    expect(seen).toEqual(["b"]);
    expect(outcome.results[0]!.result).toMatchObject({ status: "applied", version: 2, hash: b.runtime.hash });
    expect(b.runtime.config.sampleRate).toBe(0.3);
    expect(a.runtime.config.sampleRate).toBe(1);
    expect(embedded.version).toBe(1);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ source: "fleet", result: "applied", diff: [{ key: "sampleRate", from: 1, to: 0.3 }] });
    expect(recorded[0]!.actor).toContain("-> svc/b");
    await until(async () => {
      const list = await fleet.list();
      const svc = list.services.find((s) => s.service === "svc")!;
      return svc.hashMismatch && svc.members.find((m) => m.instance === "b")!.sampleRate === 0.3;
    });
  });

  it("reports a change the agent's runtime refuses as failed, with its reason", async () => {
    const { url, fleet, recorded } = await setup();
    const a = agent(url, "svc", "a");
    await until(async () => (await members(fleet)).some((m) => m.kind === "agent"));
    await a.runtime.shutdown({ deadlineMs: 10 }); // a runtime that is shut down refuses every change
    const outcome = await fleet.apply({ target: { kind: "service", service: "svc" }, patch: { sampleRate: 0.5 } }, { actor: "tester", source: "api" });
    expect(outcome.results[0]!.result).toMatchObject({ status: "failed", error: "the runtime is shut down" });
    expect(recorded[0]).toMatchObject({ result: "failed", error: "failed: the runtime is shut down" });
  });

  it("an agent refuses a remote change of where its spans go unless its service allowed it", async () => {
    const { url, fleet } = await setup();
    const locked = agent(url, "svc", "locked");
    const open = agent(url, "svc", "open", TOKEN, true);
    await until(async () => (await members(fleet)).filter((m) => m.kind === "agent").length === 2);
    const redirect = { exporterType: "file", filePath: "/tmp/tracetune-redirect-test.jsonl", sampleRate: 0.5 };
    const outcome = await fleet.apply({ target: { kind: "service", service: "svc" }, patch: redirect }, { actor: "tester", source: "api" });
    const byInstance = Object.fromEntries(outcome.results.map((r) => [r.instance, r.result]));
    expect(byInstance.locked).toMatchObject({
      status: "failed",
      error: expect.stringMatching(/does not take remote changes to where its spans go \(exporterType, filePath\)/),
      version: locked.runtime.version,
      hash: locked.runtime.hash,
    });
    expect(locked.runtime.config).toMatchObject({ exporterType: "none", sampleRate: 1 });
    expect(byInstance.open).toMatchObject({ status: "applied" });
    expect(open.runtime.config).toMatchObject({ exporterType: "file", sampleRate: 0.5 });
    // Setting a destination to the value it already has is no redirect.
    const same = await fleet.apply({ target: { kind: "instance", service: "svc", instance: "locked" }, patch: { exporterType: "none", sampleRate: 0.25 } }, { actor: "tester", source: "api" });
    expect(same.results[0]!.result).toMatchObject({ status: "applied" });
  });

  it("keeps one connection per instance, the newest: an instance target gets exactly one answer", async () => {
    const { url, fleet } = await setup();
    const first = agent(url, "svc", "pod-1");
    await until(async () => first.link.status === "connected");
    const second = agent(url, "svc", "pod-1");
    await until(async () => second.link.status === "connected" && first.link.status !== "connected");
    const listed = (await members(fleet)).filter((m) => m.kind === "agent" && m.connected);
    expect(listed.map((m) => m.instance)).toEqual(["pod-1"]);
    first.link.close(); // the first would come back after its retry delay and take the name again
    const outcome = await fleet.apply({ target: { kind: "instance", service: "svc", instance: "pod-1" }, patch: { sampleRate: 0.4 } }, { actor: "tester", source: "api" });
    expect(outcome.results).toHaveLength(1);
    expect(second.runtime.config.sampleRate).toBe(0.4);
    expect(first.runtime.config.sampleRate).toBe(1);
  });

  it("refuses a bad patch before sending anything", async () => {
    const { url, fleet } = await setup();
    const a = agent(url, "svc", "a");
    await until(async () => (await members(fleet)).some((m) => m.kind === "agent"));
    await expect(fleet.apply({ target: { kind: "all" }, patch: { sampleRate: 2 } }, { actor: "t", source: "api" })).rejects.toThrow(/Invalid patch: .*sampleRate/);
    await expect(fleet.apply({ target: { kind: "all" }, patch: {} }, { actor: "t", source: "api" })).rejects.toThrow(/empty/);
    expect(a.runtime.version).toBe(1);
  });

  it("calls an agent that never answers unreachable after the timeout, and keeps the others' answers", async () => {
    const { url, fleet, recorded } = await setup();
    agent(url, "svc", "good");
    const silent: Socket = connectClient(`${url}${AGENTS_NAMESPACE}`, {
      transports: ["websocket"],
      auth: { token: TOKEN, service: "svc", instance: "silent", config: createTelemetryRuntime({ exporterType: "none" }).config, version: 1, hash: "h" },
    });
    cleanups.push(() => void silent.close());
    await until(async () => (await members(fleet)).filter((m) => m.kind === "agent").length === 2);
    const outcome = await fleet.apply({ target: { kind: "service", service: "svc" }, patch: { sampleRate: 0.5 } }, { actor: "tester", source: "api" });
    const byInstance = Object.fromEntries(outcome.results.map((r) => [r.instance, r.result.status]));
    expect(byInstance).toEqual({ good: "applied", silent: "unreachable" });
    expect(recorded.find((r) => r.actor.includes("svc/silent"))).toMatchObject({ result: "failed", source: "fleet" });
  });

  it("refuses a wrong token and a malformed hello; a departed agent stays listed as gone", async () => {
    const { url, fleet } = await setup();
    const wrong = agent(url, "svc", "w", "not-the-token");
    await until(() => wrong.link.status === "refused");
    expect(wrong.link.lastError).toMatch(/token refused/);
    const bad: Socket = connectClient(`${url}${AGENTS_NAMESPACE}`, { transports: ["websocket"], auth: { token: TOKEN, service: "svc", instance: "bad name!", config: {}, version: 1, hash: "h" } });
    cleanups.push(() => void bad.close());
    const error = await new Promise<Error>((r) => bad.once("connect_error", r));
    expect(error.message).toMatch(/invalid hello: instance/);

    const ok = agent(url, "svc", "ok");
    await until(async () => (await members(fleet)).some((m) => m.instance === "ok" && m.connected));
    ok.link.close();
    await until(async () => (await members(fleet)).some((m) => m.instance === "ok" && !m.connected));
    expect((await members(fleet)).filter((m) => m.kind === "agent").map((m) => m.instance)).toEqual(["ok"]);
  });

  it("comes back after the server dropped it on purpose, still on the config it was given", async () => {
    const { url, fleet, agents } = await setup();
    const a = agent(url, "svc", "a");
    await until(() => a.link.status === "connected");
    await fleet.apply({ target: { kind: "all" }, patch: { sampleRate: 0.4 } }, { actor: "t", source: "api" });
    agents.disconnectSockets(true);
    await until(() => a.messages.some((m) => m.includes("io server disconnect")));
    await until(() => a.link.status === "connected");
    const back = (await members(fleet)).find((m) => m.instance === "a" && m.connected);
    expect(back).toMatchObject({ sampleRate: 0.4, hash: a.runtime.hash });
  });
});
