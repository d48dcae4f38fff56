import { afterEach, describe, expect, it } from "vitest";
import { startOtlpReceiverServer } from "./receiver-server";
import type { OtlpReceiverServer, OtlpReceiverServerOptions } from "./receiver-server";
import { RpcStatus } from "./otlp-proto";
import { DEFAULT_FAULTS } from "./fault-injection";
import { PROTOBUF, makeSpans, post, protobufBody, sleep, waitFor } from "./test-fixtures";

let server: OtlpReceiverServer | null = null;

async function start(options: OtlpReceiverServerOptions = {}): Promise<OtlpReceiverServer> {
  server = await startOtlpReceiverServer({ port: 0, ...options });
  return server;
}

afterEach(async () => {
  await server?.close();
  server = null;
});

const body = async (service = "svc", count = 3) => protobufBody(await makeSpans(service, count));

describe("fault injection over real HTTP", () => {
  it("starts healthy and validates patches, changing nothing on a bad one", async () => {
    const { receiver } = await start();
    expect(receiver.faults()).toEqual(DEFAULT_FAULTS);
    const bad = receiver.setFaults({ errorRate: 2, mode: "explode", typo: 1 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.issues.map((i) => i.path).sort()).toEqual(expect.arrayContaining(["errorRate", "mode"]));
      expect(bad.error).toMatch(/Invalid faults/);
    }
    expect(receiver.setFaults("outage").ok).toBe(false);
    expect(receiver.faults()).toEqual(DEFAULT_FAULTS);
    const good = receiver.setFaults({ errorRate: 0.5, latencyMs: 10 });
    expect(good).toEqual({ ok: true, faults: { ...DEFAULT_FAULTS, errorRate: 0.5, latencyMs: 10 } });
  });

  it("errorRate 1 answers the configured status with Retry-After, and spans are not received", async () => {
    const { url, receiver } = await start();
    receiver.setFaults({ errorRate: 1, retryAfterSec: 7 });
    const unavailable = await post(url, await body(), PROTOBUF);
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get("retry-after")).toBe("7");
    expect((RpcStatus.toObject(RpcStatus.decode(unavailable.body)) as { code: number }).code).toBe(14);

    receiver.setFaults({ errorStatus: 429 });
    const throttled = await post(url, await body(), PROTOBUF);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("retry-after")).toBe("7");

    receiver.setFaults({ errorStatus: 500, retryAfterSec: null });
    const internal = await post(url, await body(), PROTOBUF);
    expect(internal.status).toBe(500);
    expect(internal.headers.get("retry-after")).toBeNull();

    const stats = receiver.stats();
    expect(stats).toMatchObject({ requests: 3, accepted: 0, spansReceived: 0, faults: { total: 3, error: 3 } });
    expect(stats.bytesReceived).toBeGreaterThan(0);
  });

  it("errorRate applies per request by the random source", async () => {
    const draws = [0.1, 0.9, 0.2, 0.8];
    let i = 0;
    const { url, receiver } = await start({ random: () => draws[i++ % draws.length], faults: { errorRate: 0.5 } });
    const statuses = [];
    for (let n = 0; n < 4; n++) statuses.push((await post(url, await body("svc", 2), PROTOBUF)).status);
    expect(statuses).toEqual([503, 200, 503, 200]);
    expect(receiver.stats()).toMatchObject({ accepted: 2, spansReceived: 4, faults: { error: 2 } });
  });

  it("latencyMs delays the answer", async () => {
    const { url, receiver } = await start();
    receiver.setFaults({ latencyMs: 400 });
    const payload = await body();
    const t0 = performance.now();
    const answer = await post(url, payload, PROTOBUF);
    expect(answer.status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(390);
    receiver.setFaults({ latencyMs: 0 });
    const t1 = performance.now();
    await post(url, payload, PROTOBUF);
    expect(performance.now() - t1).toBeLessThan(390);
  });

  it("outage answers every request 503", async () => {
    const { url, receiver } = await start();
    receiver.setFaults({ mode: "outage", retryAfterSec: 2 });
    for (let n = 0; n < 3; n++) {
      const answer = await post(url, await body(), PROTOBUF);
      expect(answer.status).toBe(503);
      expect(answer.headers.get("retry-after")).toBe("2");
    }
    receiver.setFaults({ mode: "normal" });
    expect((await post(url, await body(), PROTOBUF)).status).toBe(200);
    expect(receiver.stats()).toMatchObject({ faults: { outage: 3 }, spansReceived: 3 });
  });

  it("hang holds requests until the faults change, then handles them", async () => {
    const { url, receiver } = await start();
    receiver.setFaults({ mode: "hang" });
    const pending = post(url, await body("held", 2), PROTOBUF);
    let settled = false;
    void pending.then(() => (settled = true));
    expect(await waitFor(() => receiver.stats().faults.hang === 1)).toBe(true);
    await sleep(200);
    expect(settled).toBe(false);
    expect(receiver.stats()).toMatchObject({ pending: 1, spansReceived: 0 });

    receiver.setFaults({ mode: "normal" });
    expect((await pending).status).toBe(200);
    expect(receiver.stats()).toMatchObject({ pending: 0, accepted: 1, spansReceived: 2, spansByService: { held: 2 } });
  });

  it("a client that gives up on a hung request is counted as abandoned", async () => {
    const { url, receiver } = await start({ faults: { mode: "hang" } });
    const aborted = post(url, await body(), PROTOBUF, AbortSignal.timeout(100));
    await expect(aborted).rejects.toThrow();
    expect(await waitFor(() => receiver.stats().abandoned === 1)).toBe(true);
    receiver.setFaults({ mode: "normal" });
    expect(receiver.stats()).toMatchObject({ pending: 0, accepted: 0, spansReceived: 0 });
  });

  it("close() ends hung requests", async () => {
    const srv = await start({ faults: { mode: "hang" } });
    const pending = post(srv.url, await body(), PROTOBUF);
    expect(await waitFor(() => srv.receiver.stats().faults.hang === 1)).toBe(true);
    await srv.close();
    await expect(pending).rejects.toThrow();
    expect(srv.receiver.stats()).toMatchObject({ pending: 0, abandoned: 1, spansReceived: 0 });
  });

  it("reset destroys the connection without an answer, and the server keeps serving", async () => {
    const { url, receiver } = await start({ faults: { mode: "reset" } });
    await expect(post(url, await body(), PROTOBUF)).rejects.toThrow();
    expect(receiver.stats()).toMatchObject({ faults: { reset: 1 }, spansReceived: 0, pending: 0 });
    receiver.setFaults({ mode: "normal" });
    expect((await post(url, await body(), PROTOBUF)).status).toBe(200);
  });
});
