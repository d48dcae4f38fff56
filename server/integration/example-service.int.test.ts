/**
 * The example service (examples/http-service) as a user would run it: by plain `node` (JavaScript,
 * no TypeScript loader, so `tracetune/runtime` is the built bundle), the runtime as its tracer
 * provider, @opentelemetry/instrumentation-http tracing its requests, linked to a real Tracetune
 * server from the environment. Its request spans reach the server's receiver under its
 * service name; a sample rate applied live through the fleet API changes the sampled share of the
 * requests that follow.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FleetList, FleetMember } from "../fleet/fleet-contract";
import { apiClient, freePort, type ApiClient } from "./api-client";
import { eventually as waitUntil, startProcess, type RunningProcess } from "./agent-process";
import { TEST_OPERATOR_TOKEN, startServer, type RunningServer } from "./server-process";

const SERVICE = "hello-example";
let server: RunningServer;
let api: ApiClient;
let example: RunningProcess;
let exampleUrl: string;

const eventually = <T>(probe: () => Promise<T | null | undefined | false>, what: string, ms?: number) =>
  waitUntil(probe, what, ms, () => example?.output().slice(-2000) ?? "");

async function member(): Promise<FleetMember | undefined> {
  const list = (await api.get<FleetList>("/api/fleet")).body;
  return list.services.find((s) => s.service === SERVICE)?.members.find((m) => m.connected);
}

async function receivedForService(): Promise<number> {
  return (await api.get("/api/receiver")).body.stats.spansByService[SERVICE] ?? 0;
}

/** n requests, 8 at a time, each answered "hello". */
async function requests(n: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next++ < n) expect(await (await fetch(exampleUrl)).text()).toBe("hello\n");
    }),
  );
}

/** Waits until the runtime has reported `started` spans and exported every sampled one. */
async function settled(started: number): Promise<{ started: number; sampled: number }> {
  const m = await eventually(async () => {
    const h = (await member())?.health;
    return h && h.started >= started && h.exported === h.started - h.notSampled ? h : null;
  }, `${started} spans started and exported`);
  return { started: m!.started, sampled: m!.started - m!.notSampled };
}

beforeAll(async () => {
  server = await startServer({ TRACETUNE_WORKLOAD: "off" });
  api = apiClient(server.url);
  const port = await freePort();
  exampleUrl = `http://127.0.0.1:${port}/`;
  example = startProcess("examples/http-service/server.mjs", {
    TRACETUNE_URL: server.url,
    TRACETUNE_TOKEN: TEST_OPERATOR_TOKEN,
    OTEL_SERVICE_NAME: SERVICE,
    OTEL_EXPORTER_OTLP_ENDPOINT: server.url,
    OTEL_BSP_SCHEDULE_DELAY: "200",
    PORT: String(port),
  });
  await eventually(() => Promise.resolve(example.output().includes("listening")), "example listening");
  await eventually(member, "example in the fleet");
});

afterAll(async () => {
  await example?.stop();
  await server?.stop();
});

describe("the example HTTP service, traced by instrumentation-http and tuned live", () => {
  it("exports a span per request to the server's receiver, under its service name", async () => {
    const m = await member();
    expect(m).toMatchObject({ kind: "agent", sampleRate: 1 });
    await requests(200);
    const first = await settled(200);
    expect(first.sampled).toBe(first.started);
    await eventually(async () => (await receivedForService()) === first.sampled, "receiver got every exported span");
    const names = (await api.get("/api/receiver")).body.stats.spansByName as Record<string, number>;
    expect(names["GET"]).toBeGreaterThanOrEqual(200);
  });

  it("samples about 10 % of the following requests after a live change through the fleet", async () => {
    const before = await settled(200);
    const res = await api.post("/api/fleet/apply", { target: { kind: "service", service: SERVICE }, patch: { sampleRate: 0.1 } });
    expect(res.status, res.text).toBe(200);
    expect(res.body.results).toMatchObject([{ service: SERVICE, result: { status: "applied", changed: ["sampleRate"] } }]);
    await eventually(async () => (await member())?.sampleRate === 0.1, "fleet shows 10 %");

    await requests(600);
    const after = await settled(before.started + 600);
    const share = (after.sampled - before.sampled) / (after.started - before.started);
    // 600 independent traces at 10 %: 3 sigma is about +-3.7 points.
    expect(share).toBeGreaterThan(0.05);
    expect(share).toBeLessThan(0.16);
    await eventually(async () => (await receivedForService()) === after.sampled, "receiver got exactly the sampled spans");
  }, 90_000);
});
