import http from "node:http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { startOtlpReceiverServer } from "./receiver-server";
import type { OtlpReceiverServer } from "./receiver-server";
import { createOtlpReceiver } from "./otlp-receiver";
import type { ReceivedSpan } from "./otlp-decode";
import { RpcStatus } from "./otlp-proto";
import { JSON_TYPE, PROTOBUF, PROTOBUF_GZIP, gzip, jsonBody, makeSpans, post, protobufBody } from "./test-fixtures";

let server: OtlpReceiverServer;

beforeEach(async () => {
  server = await startOtlpReceiverServer({ port: 0, maxBodyBytes: 256 * 1024 });
});
afterEach(async () => {
  await server.close();
});

describe("OTLP/HTTP receiver over real HTTP", () => {
  it("listens on a free loopback port and reports its full URL", () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/v1/traces`);
  });

  it("accepts protobuf, plain and gzip, answering an ExportTraceServiceResponse", async () => {
    const body = protobufBody(await makeSpans("checkout", 4, { "llm.model": "gpt-4o" }));
    const plain = await post(server.url, body, PROTOBUF);
    const zipped = gzip(body);
    const compressed = await post(server.url, zipped, PROTOBUF_GZIP);

    for (const answer of [plain, compressed]) {
      expect(answer.status).toBe(200);
      expect(answer.headers.get("content-type")).toBe("application/x-protobuf");
      expect(ProtobufTraceSerializer.deserializeResponse(answer.body)).toEqual({});
    }
    const stats = server.receiver.stats();
    expect(stats.requests).toBe(2);
    expect(stats.accepted).toBe(2);
    expect(stats.spansReceived).toBe(8);
    expect(stats.spansByService).toEqual({ checkout: 8 });
    expect(stats.spansByName).toEqual({ "op.root": 2, "op.child": 6 });
    expect(stats.gzipRequests).toBe(1);
    expect(stats.protobufRequests).toBe(2);
    expect(stats.bytesReceived).toBe(body.length + zipped.length);
    expect(stats.bytesDecoded).toBe(body.length * 2);
    expect(stats.pending).toBe(0);
  });

  it("accepts OTLP/JSON and answers in JSON", async () => {
    const answer = await post(server.url, jsonBody(await makeSpans("search", 2)), { "Content-Type": "application/json; charset=utf-8" });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(answer.body.toString())).toEqual({});
    expect(server.receiver.stats()).toMatchObject({ jsonRequests: 1, spansReceived: 2, spansByService: { search: 2 } });
  });

  it("gives listeners decoded attributes and keeps the newest spans first in the recent ring", async () => {
    const seen: ReceivedSpan[] = [];
    const off = server.receiver.onSpans((spans) => seen.push(...spans));
    await post(server.url, protobufBody(await makeSpans("first", 2, { priority: "high", tokens: 42 }, "a")), PROTOBUF);
    await post(server.url, gzip(jsonBody(await makeSpans("second", 1, {}, "b"))), { ...JSON_TYPE, "Content-Encoding": "gzip" });
    off();
    await post(server.url, protobufBody(await makeSpans("third", 1, {}, "c")), PROTOBUF);

    expect(seen.map((s) => s.service)).toEqual(["first", "first", "second"]);
    expect(seen[0].attributes).toMatchObject({ priority: "high", tokens: 42 });
    const recent = server.receiver.stats().recentSpans;
    expect(recent.map((s) => s.service)).toEqual(["third", "second", "first", "first"]);
    expect(recent[0]).toMatchObject({ name: "c.root", parentSpanId: "", attributeCount: 0 });
    expect(recent[0].traceId).toMatch(/^[0-9a-f]{32}$/);
  });

  it("answers garbage with 400 and a google.rpc.Status, then keeps serving", async () => {
    const garbage = await post(server.url, Buffer.from("this is not protobuf"), PROTOBUF);
    expect(garbage.status).toBe(400);
    const status = RpcStatus.toObject(RpcStatus.decode(garbage.body)) as { code: number; message: string };
    expect(status.code).toBe(3);
    expect(status.message).toMatch(/undecodable protobuf/);

    const badJson = await post(server.url, "{oops", JSON_TYPE);
    expect(badJson.status).toBe(400);
    expect(JSON.parse(badJson.body.toString())).toMatchObject({ code: 3 });

    const badGzip = await post(server.url, Buffer.from("not gzip at all"), PROTOBUF_GZIP);
    expect(badGzip.status).toBe(400);

    const ok = await post(server.url, protobufBody(await makeSpans("after", 1)), PROTOBUF);
    expect(ok.status).toBe(200);
    expect(server.receiver.stats()).toMatchObject({ requests: 4, accepted: 1, spansReceived: 1, refused: { badRequest: 3 } });
  });

  it("refuses other content types (415) and methods (405)", async () => {
    expect((await post(server.url, "hello", { "Content-Type": "text/plain" })).status).toBe(415);
    expect((await post(server.url, "hello", { ...PROTOBUF, "Content-Encoding": "br" })).status).toBe(415);
    const get = await fetch(server.url);
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    expect((await fetch(server.url.replace("/v1/traces", "/v1/metrics"), { method: "POST" })).status).toBe(404);
    expect(server.receiver.stats().refused).toMatchObject({ unsupportedMediaType: 2, methodNotAllowed: 1 });
  });

  it("refuses bodies over the limit with 413, on the wire and after decompression", async () => {
    const bomb = gzip(Buffer.alloc(1024 * 1024)); // ~1 KiB on the wire, 1 MiB inflated: over the 256 KiB limit
    const inflated = await post(server.url, bomb, PROTOBUF_GZIP);
    expect(inflated.status).toBe(413);
    const large = await post(server.url, Buffer.alloc(300 * 1024, 1), PROTOBUF).catch(() => null);
    // The server answers 413 before reading everything; a client may see the answer or a closed socket.
    if (large) expect(large.status).toBe(413);
    expect(server.receiver.stats().refused.tooLarge).toBe(2);
    expect((await post(server.url, protobufBody(await makeSpans("ok", 1)), PROTOBUF)).status).toBe(200);
  });

  it("reports spans with invalid ids as a partial success", async () => {
    const payload = JSON.parse(jsonBody(await makeSpans("svc", 2)).toString());
    payload.resourceSpans[0].scopeSpans[0].spans[0].spanId = "0000000000000000";
    const answer = await post(server.url, JSON.stringify(payload), JSON_TYPE);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body.toString()).partialSuccess).toMatchObject({ rejectedSpans: 1 });
    expect(server.receiver.stats()).toMatchObject({ spansReceived: 1, spansRejected: 1 });
  });

  it("reset() zeroes the counters", async () => {
    await post(server.url, protobufBody(await makeSpans("svc", 3)), PROTOBUF);
    server.receiver.reset();
    const stats = server.receiver.stats();
    expect(stats).toMatchObject({ requests: 0, spansReceived: 0, bytesReceived: 0, spansByService: {}, recentSpans: [] });
  });
});

describe("mounted in another HTTP server", () => {
  it("takes only its own path and leaves the rest to the host server", async () => {
    const receiver = createOtlpReceiver();
    const host = http.createServer((req, res) => {
      if (receiver.handle(req, res)) return;
      res.writeHead(200, { "Content-Type": "text/plain" }).end("next.js page");
    });
    await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(host.address() as { port: number }).port}`;
    try {
      expect(await (await fetch(`${base}/dashboard`)).text()).toBe("next.js page");
      expect((await post(`${base}/v1/traces?x=1`, protobufBody(await makeSpans("mounted", 2)), PROTOBUF)).status).toBe(200);
      expect(receiver.stats().spansByService).toEqual({ mounted: 2 });
      receiver.close();
      expect((await post(`${base}/v1/traces`, protobufBody(await makeSpans("late", 1)), PROTOBUF)).status).toBe(503);
      expect(receiver.stats().spansReceived).toBe(2);
    } finally {
      host.closeAllConnections();
      await new Promise((resolve) => host.close(resolve));
    }
  });
});
