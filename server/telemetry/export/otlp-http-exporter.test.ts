import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ROOT_CONTEXT } from "@opentelemetry/api";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { ExportTraceServiceRequest } from "../../receiver/otlp-proto";
import { createTelemetryRuntime, type TelemetryRuntime } from "../runtime";
import { eventually, sdkSpans, startCollector, type Collector, type CollectorAnswer } from "../test-support";
import zlib from "node:zlib";
import { OtlpHttpExporter, type OtlpHttpSettings } from "./otlp-http-exporter";

// Real runtimes and sockets: generous per-test time so a loaded 2-core machine does not time out.
vi.setConfig({ testTimeout: 30_000 });

let spans: ReadableSpan[];
beforeAll(async () => {
  spans = await sdkSpans(5, { "agent.name": "planner" });
});

let collector: Collector | undefined;
let exporter: OtlpHttpExporter | undefined;
afterEach(async () => {
  await exporter?.shutdown();
  await collector?.close();
  exporter = collector = undefined;
});

async function setup(answers: CollectorAnswer[] | ((i: number) => CollectorAnswer), settings: Partial<OtlpHttpSettings> = {}) {
  collector = await startCollector((_r, i) => (typeof answers === "function" ? answers(i) : (answers[i] ?? { status: 200 })));
  exporter = new OtlpHttpExporter({
    endpoint: collector.url,
    protocol: "http/protobuf",
    compression: "gzip",
    compressionLevel: 6,
    adaptiveCompression: true,
    timeoutMs: 5000,
    maxAttempts: 3,
    poolSize: 2,
    keepAlive: true,
    keepAliveMs: 1000,
    ...settings,
  });
  return { collector, exporter };
}

describe("OtlpHttpExporter", () => {
  it("sends gzip-compressed OTLP protobuf that decodes to the same message OpenTelemetry's serializer makes", async () => {
    const { collector, exporter } = await setup([], { headers: { authorization: "Bearer t0ken" } });
    const outcome = await exporter.export(spans);
    expect(outcome).toMatchObject({ accepted: 5, failed: 0, retries: 0 });
    const [req] = collector.requests;
    expect(req.headers).toMatchObject({ "content-type": "application/x-protobuf", "content-encoding": "gzip", authorization: "Bearer t0ken" });
    const expected = Buffer.from(ProtobufTraceSerializer.serializeRequest(spans)!);
    const decode = (b: Uint8Array) => ExportTraceServiceRequest.toObject(ExportTraceServiceRequest.decode(b), { longs: String, bytes: String });
    expect(decode(req.body)).toEqual(decode(expected));
    expect(outcome.bytesRaw).toBe(req.body.byteLength);
    expect(outcome.bytesSent).toBe(req.raw.byteLength);
    expect(outcome.bytesSent).toBeLessThan(outcome.bytesRaw);
  });

  it("calibrates gzip's CPU cost on at most 64 KB of the first payload, not on a whole batch (the host's event loop would stall)", async () => {
    // Level 3 is used nowhere else in this file, so its calibration happens here.
    const big = await sdkSpans(400, { "llm.prompt": "x".repeat(1000), "agent.name": "planner" });
    const gzipSync = vi.spyOn(zlib, "gzipSync");
    try {
      const { collector, exporter } = await setup([], { compressionLevel: 3 });
      const outcome = await exporter.export(big);
      expect(outcome).toMatchObject({ accepted: 400, failed: 0 });
      expect(collector.requests[0].body.byteLength).toBeGreaterThan(400_000);
      expect(gzipSync).toHaveBeenCalled();
      for (const [input] of gzipSync.mock.calls) expect((input as Uint8Array).byteLength).toBeLessThanOrEqual(64 * 1024);
      expect(outcome.cpuUs).toBeGreaterThan(0);
    } finally {
      gzipSync.mockRestore();
    }
  });

  it("measures gzip's cost per level at most twice: a small first payload's rate is provisional until a payload of 16 KB or more", async () => {
    // Level 4 is used nowhere else in this file, so its calibration happens here.
    const big = await sdkSpans(100, { "llm.prompt": "x".repeat(1000) });
    const gzipSync = vi.spyOn(zlib, "gzipSync");
    try {
      const { exporter } = await setup([], { compressionLevel: 4 });
      const calls: number[] = [];
      for (const batch of [spans, spans, big, spans, big]) {
        const before = gzipSync.mock.calls.length;
        await exporter.export(batch);
        calls.push(gzipSync.mock.calls.length - before);
      }
      // Best of two each time it measures: the small first payload, then the first big one only.
      expect(calls).toEqual([2, 0, 2, 0, 0]);
    } finally {
      gzipSync.mockRestore();
    }
  });

  describe("adaptive compression: level 1 while export is behind", () => {
    // zlib writes the level's class into the gzip header's XFL byte (offset 8): 4 for the fastest
    // level (1), 2 for the best (9), 0 for the levels between, as the default 6.
    const xfl = (req: { raw: Buffer }) => req.raw[8];
    const decoded = (b: Uint8Array) => ExportTraceServiceRequest.toObject(ExportTraceServiceRequest.decode(b), { longs: String, bytes: String });

    it("gzips a batch the scheduler marks as behind at level 1 and reports it; the same spans decode the same", async () => {
      const { collector, exporter } = await setup([]);
      const normal = await exporter.export(spans);
      const fast = await exporter.export(spans, { behind: true });
      expect(normal.fastCompression).toBeUndefined();
      expect(fast).toMatchObject({ accepted: 5, fastCompression: true });
      expect(collector.requests.map(xfl)).toEqual([0, 4]);
      expect(collector.requests.map((r) => zlib.gunzipSync(r.raw).equals(r.body))).toEqual([true, true]);
      expect(decoded(collector.requests[1].body)).toEqual(decoded(collector.requests[0].body));
    });

    it("gzips a full batch at level 1 when another is still being compressed, whatever the network's latency", async () => {
      // The collector answers slowly: the first exports are still in flight (awaiting its answer)
      // when the last starts, but their compression is done, so only the full batch that
      // overlapped a compression goes fast; a remainder (no `full` hint) never does.
      const { collector, exporter } = await setup(() => ({ status: 200, delayMs: 300 }));
      const first = exporter.export(spans, { full: true });
      const second = exporter.export(spans, { full: true }); // starts while the first is compressing
      const remainder = exporter.export(spans); // a flush's remainder, also while compressing
      expect(await eventually(() => collector.requests.length === 3)).toBe(true); // all compressed and sent
      const last = exporter.export(spans, { full: true });
      const outcomes = await Promise.all([first, second, remainder, last]);
      expect(outcomes.map((o) => o.fastCompression === true)).toEqual([false, true, false, false]);
    });

    it("never when adaptiveCompression is off, compression is off, or the level is already 1", async () => {
      for (const settings of [{ adaptiveCompression: false }, { compression: "none" as const }, { compressionLevel: 1 }]) {
        const { collector, exporter } = await setup([], settings);
        const outcomes = await Promise.all([exporter.export(spans, { behind: true, full: true }), exporter.export(spans, { behind: true, full: true })]);
        expect(outcomes.map((o) => o.fastCompression), JSON.stringify(settings)).toEqual([undefined, undefined]);
        if (settings.compression === "none") expect(collector.requests[0].headers["content-encoding"]).toBeUndefined();
        else expect(collector.requests.map(xfl)).toEqual(settings.compressionLevel === 1 ? [4, 4] : [0, 0]);
        await exporter.shutdown();
        await collector.close();
      }
    });

    it("reports a failed batch that was compressed fast as such", async () => {
      const { exporter } = await setup([{ status: 400 }]);
      const outcome = await exporter.export(spans, { behind: true });
      expect(outcome).toMatchObject({ accepted: 0, failed: 5, fastCompression: true });
    });
  });

  it("sends plain OTLP JSON when asked", async () => {
    const { collector, exporter } = await setup([], { protocol: "http/json", compression: "none" });
    await exporter.export(spans);
    const [req] = collector.requests;
    expect(req.headers["content-type"]).toBe("application/json");
    expect(req.headers["content-encoding"]).toBeUndefined();
    const body = JSON.parse(req.raw.toString("utf8"));
    expect(body.resourceSpans[0].scopeSpans[0].spans).toHaveLength(5);
  });

  it("retries a 503 and then succeeds, counting the retry", async () => {
    const { collector, exporter } = await setup([{ status: 503 }, { status: 200 }]);
    const outcome = await exporter.export(spans);
    expect(outcome).toMatchObject({ accepted: 5, failed: 0, retries: 1 });
    expect(collector.requests).toHaveLength(2);
    expect(collector.requests[1].body.equals(collector.requests[0].body)).toBe(true);
  });

  it("gives up after maxAttempts on a collector that keeps answering 503", async () => {
    const { collector, exporter } = await setup(() => ({ status: 503 }), { maxAttempts: 3 });
    const outcome = await exporter.export(spans);
    expect(outcome).toMatchObject({ accepted: 0, failed: 5, retries: 2, error: "HTTP 503" });
    expect(collector.requests).toHaveLength(3);
  });

  it("does not retry a 400", async () => {
    const { collector, exporter } = await setup(() => ({ status: 400, body: "bad request" }));
    const outcome = await exporter.export(spans);
    expect(outcome).toMatchObject({ accepted: 0, failed: 5, retries: 0, error: "HTTP 400" });
    expect(collector.requests).toHaveLength(1);
  });

  it("honours Retry-After: the retry comes after roughly that delay", async () => {
    const { collector, exporter } = await setup([{ status: 503, headers: { "retry-after": "1" } }, { status: 200 }]);
    const outcome = await exporter.export(spans);
    expect(outcome).toMatchObject({ accepted: 5, retries: 1 });
    const gap = collector.requests[1].at - collector.requests[0].at;
    expect(gap).toBeGreaterThanOrEqual(900);
    expect(gap).toBeLessThan(10_000);
  });

  it("fails at once when Retry-After asks for a longer wait than the export timeout", async () => {
    const { collector, exporter } = await setup(() => ({ status: 429, headers: { "retry-after": "120" } }), { timeoutMs: 2000 });
    const t0 = Date.now();
    const outcome = await exporter.export(spans);
    expect(outcome).toMatchObject({ accepted: 0, failed: 5, error: "HTTP 429" });
    expect(collector.requests).toHaveLength(1);
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it("counts partial_success rejected spans as failed (JSON)", async () => {
    const { exporter } = await setup(() => ({ status: 200, headers: { "content-type": "application/json" }, body: '{"partialSuccess":{"rejectedSpans":2}}' }), {
      protocol: "http/json",
    });
    const outcome = await exporter.export(spans);
    expect(outcome).toMatchObject({ accepted: 3, failed: 2, retries: 0 });
    expect(outcome.error).toContain("rejected 2");
  });

  it("counts partial_success rejected spans as failed (protobuf)", async () => {
    // ExportTraceServiceResponse { partial_success (1) { rejected_spans (1): 2 } }
    const body = Buffer.from([0x0a, 0x02, 0x08, 0x02]);
    const { exporter } = await setup(() => ({ status: 200, headers: { "content-type": "application/x-protobuf" }, body }));
    expect(await exporter.export(spans)).toMatchObject({ accepted: 3, failed: 2 });
  });

  it("times out a collector that never answers", async () => {
    const { exporter } = await setup(() => "hang", { timeoutMs: 200, maxAttempts: 1 });
    const outcome = await exporter.export(spans);
    expect(outcome).toMatchObject({ accepted: 0, failed: 5 });
    expect(outcome.error).toContain("timed out");
  });

  it("shutdown aborts an export in flight: it settles as failed, promptly", async () => {
    const { collector, exporter } = await setup(() => "hang", { timeoutMs: 30_000 });
    const pending = exporter.export(spans);
    while (collector.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    const t0 = Date.now();
    await exporter.shutdown();
    expect(await pending).toMatchObject({ accepted: 0, failed: 5, retries: 0 });
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it("retries a refused connection as a network error, up to maxAttempts", async () => {
    const closed = await startCollector();
    const url = closed.url;
    await closed.close();
    exporter = new OtlpHttpExporter({ endpoint: url, protocol: "http/protobuf", compression: "none", compressionLevel: 1, adaptiveCompression: true, timeoutMs: 2000, maxAttempts: 2, poolSize: 1, keepAlive: false, keepAliveMs: 1000 });
    const outcome = await exporter.export(spans);
    expect(outcome).toMatchObject({ accepted: 0, failed: 5, retries: 1 });
    expect(outcome.error).toMatch(/ECONNREFUSED/);
  });
});

describe("OTLP export in the runtime", () => {
  let rt: TelemetryRuntime | undefined;
  afterEach(async () => {
    await rt?.shutdown({ deadlineMs: 500 });
    rt = undefined;
  });

  it("the snapshot counts retries, bytes and the exported spans", async () => {
    const { collector } = await setup([{ status: 503 }, { status: 200 }]);
    rt = createTelemetryRuntime({ otlpEndpoint: collector.url, exportIntervalMs: 600_000, otlpConnectionPoolSize: 1 });
    const tracer = rt.tracerProvider.getTracer("t");
    for (let i = 0; i < 4; i++) tracer.startSpan(`s${i}`, {}, ROOT_CONTEXT).end();
    await rt.flush();
    const snap = rt.snapshot();
    expect(snap.spans).toMatchObject({ exported: 4, exportFailed: 0, queued: 0, inFlight: 0 });
    expect(snap.export).toMatchObject({ exporter: "otlp", batches: 1, retries: 1 });
    expect(snap.export.bytesSent).toBe(collector.requests[1].raw.byteLength);
    expect(snap.export.bytesRaw).toBe(collector.requests[1].body.byteLength);
  });
});
