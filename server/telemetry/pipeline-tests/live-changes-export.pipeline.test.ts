/**
 * Live changes of the export and span-shaping settings while spans flow, checked at the real
 * loopback receiver: otlpCompression / compressionLevel / otlpProtocol change the wire format of
 * the next requests; adaptiveCompression sends a backlog at the fast level, and stops when off; exporterType switches otlp -> file -> none -> console -> otlp with the old
 * exporter's in-flight spans still delivered and counted; span limits and attribute processing
 * shape spans that end after the change. The accounting invariant is watched every 10 ms.
 */
import { ROOT_CONTEXT } from "@opentelemetry/api";
import { afterEach, describe, expect, it } from "vitest";
import { readOtlpJsonLines } from "../test-support";
import type { ReceivedSpan } from "../../receiver";
import { balanced, settle, sleep, startPipeline, startProducer, waitFor, watch, type Pipeline, type Producer } from "./pipeline-harness";

let p: Pipeline | undefined;
afterEach(async () => {
  await p?.close();
  p = undefined;
});

function applied(pl: Pipeline, patch: Record<string, unknown>, step: string) {
  expect(pl.runtime.apply(patch, { source: "code" }), step).toMatchObject({ status: "applied" });
  return balanced(pl.runtime, step);
}

/**
 * Receiver counters over a window of at least `minRequests` accepted requests that all left after
 * the change: the producer pauses while everything from before (including batches the old
 * exporter was still serializing or compressing) is flushed, then resumes; it pauses again to
 * close the window.
 */
async function window(pl: Pipeline, producer: Producer, minRequests: number) {
  producer.paused = true;
  await settle(pl.runtime);
  const a = pl.receiver.stats();
  producer.paused = false;
  await waitFor(`${minRequests} requests`, () => pl.receiver.stats().accepted - a.accepted >= minRequests, 15_000);
  // Close the window with nothing half-read at the collector, so every counter covers the same requests.
  producer.paused = true;
  await settle(pl.runtime);
  const b = pl.receiver.stats();
  producer.paused = false;
  return {
    requests: b.accepted - a.accepted,
    gzip: b.gzipRequests - a.gzipRequests,
    json: b.jsonRequests - a.jsonRequests,
    protobuf: b.protobufRequests - a.protobufRequests,
    ratio: (b.bytesReceived - a.bytesReceived) / (b.bytesDecoded - a.bytesDecoded),
  };
}

describe("live changes of export settings (real HTTP)", () => {
  it("otlpCompression, compressionLevel and otlpProtocol change the next requests on the wire", async () => {
    p = await startPipeline({ batchSize: 50, exportIntervalMs: 30, otlpCompression: "gzip", compressionLevel: 6 });
    const w = watch(p.runtime);
    const text = "the quick brown fox jumps over the lazy dog ".repeat(20);
    const producer = startProducer(p.runtime, p.tracer, { perTick: 10, everyMs: 10, attributes: { "llm.prompt": text } });

    applied(p, { otlpCompression: "none" }, "compression none");
    const none = await window(p, producer, 5);
    expect(none.gzip).toBe(0);
    expect(none.ratio).toBeGreaterThan(0.95);

    applied(p, { otlpCompression: "gzip", compressionLevel: 1 }, "gzip level 1");
    const fast = await window(p, producer, 5);
    expect(fast.gzip).toBe(fast.requests);
    expect(fast.ratio).toBeLessThan(0.5);

    applied(p, { compressionLevel: 9 }, "gzip level 9");
    const best = await window(p, producer, 5);
    expect(best.gzip).toBe(best.requests);
    expect(best.ratio).toBeLessThanOrEqual(fast.ratio * 1.05);

    applied(p, { otlpProtocol: "http/json" }, "json");
    const json = await window(p, producer, 5);
    expect(json).toMatchObject({ json: json.requests, protobuf: 0 });

    applied(p, { otlpProtocol: "http/protobuf", otlpCompression: "none" }, "protobuf, no compression");
    const proto = await window(p, producer, 5);
    expect(proto).toMatchObject({ json: 0, protobuf: proto.requests, gzip: 0 });

    await producer.stop();
    const end = await settle(p.runtime);
    expect(w.stop().violations).toEqual([]);
    expect(end.spans.exported).toBe(producer.produced);
    expect(p.receiver.stats().spansReceived).toBe(end.spans.exported);
  }, 40_000);

  it("adaptiveCompression: a backlog goes out at the fast level, and turning it off live stops that", async () => {
    p = await startPipeline({ batchSize: 50, exportIntervalMs: 600_000, otlpConnectionPoolSize: 1, otlpCompression: "gzip", compressionLevel: 6 });
    const burst = async (step: string) => {
      // 500 spans at once on one connection: each batch but the last leaves with 50+ behind it.
      for (let i = 0; i < 500; i++) p!.tracer.startSpan(`${step}-${i}`, {}, ROOT_CONTEXT).end();
      return settle(p!.runtime);
    };
    const first = await burst("on");
    expect(first.export.fastCompressedBatches).toBe(9);
    expect(first.spans.exported).toBe(500);

    applied(p, { adaptiveCompression: false }, "adaptive off");
    const second = await burst("off");
    expect(second.export.fastCompressedBatches).toBe(9);
    expect(second.spans.exported).toBe(1000);
    expect(p.receiver.stats().spansReceived).toBe(1000);
  });

  it("exporterType otlp -> file -> none -> console -> otlp: in-flight spans of the old exporter are still delivered and counted", async () => {
    p = await startPipeline({ batchSize: 20, exportIntervalMs: 20, otlpConnectionPoolSize: 2, exportTimeoutMs: 5000 });
    p.receiver.setFaults({ latencyMs: 300 }); // so exports are in flight when the exporter changes
    const w = watch(p.runtime);
    const producer = startProducer(p.runtime, p.tracer, { perTick: 5, everyMs: 10 });
    await waitFor("otlp exports in flight", () => p!.runtime.snapshot().spans.inFlight > 0);

    const atSwitch = applied(p, { exporterType: "file" }, "otlp -> file");
    expect(atSwitch.spans.inFlight).toBeGreaterThan(0);
    const receivedAtSwitch = p.receiver.stats().spansReceived;
    await waitFor("the old otlp exporter's in-flight spans to arrive", () => p!.receiver.stats().spansReceived >= receivedAtSwitch + atSwitch.spans.inFlight, 10_000);
    p.receiver.setFaults({ latencyMs: 0 });
    await waitFor("spans in the file", () => readOtlpJsonLines(p!.filePath).length > 50, 10_000);

    applied(p, { exporterType: "none" }, "file -> none");
    await waitFor("no_exporter drops", () => (p!.runtime.snapshot().spans.dropped.no_exporter ?? 0) > 50, 10_000);

    applied(p, { exporterType: "console" }, "none -> console");
    await waitFor("console output", () => p!.consoleSpans() > 50, 10_000);
    applied(p, { consolePrettyPrint: true }, "console pretty");
    const printed = p.consoleSpans();
    await waitFor("pretty console output", () => p!.consoleSpans() > printed + 50, 10_000);

    const receivedBefore = p.receiver.stats().spansReceived;
    applied(p, { exporterType: "otlp" }, "console -> otlp");
    await waitFor("otlp exports again", () => p!.receiver.stats().spansReceived > receivedBefore + 50, 10_000);

    await producer.stop();
    const end = await settle(p.runtime);
    expect(w.stop().violations).toEqual([]);
    const inFile = readOtlpJsonLines(p.filePath).length;
    const received = p.receiver.stats().spansReceived;
    // Every exported span is in exactly one destination.
    expect(end.spans.exported).toBe(received + inFile + p.consoleSpans());
    expect(end.spans.exportFailed).toBe(0);
    expect(Object.keys(end.spans.dropped)).toEqual(["no_exporter"]);
    expect(end.spans.exported + (end.spans.dropped.no_exporter ?? 0)).toBe(producer.produced);
  }, 60_000);

  it("span limits and attribute processing apply to spans that end after the change", async () => {
    p = await startPipeline({ batchSize: 20, exportIntervalMs: 20 });
    const got: ReceivedSpan[] = [];
    p.receiver.onSpans((spans) => got.push(...spans));
    const w = watch(p.runtime);
    let phase = "p1";
    let stop = false;
    const loop = (async () => {
      for (let i = 0; !stop; i++) {
        const other = p!.tracer.startSpan("link-target", {}, ROOT_CONTEXT);
        other.end();
        const span = p!.tracer.startSpan(`${phase}-${i}`, { links: [{ context: other.spanContext() }, { context: other.spanContext() }] }, ROOT_CONTEXT);
        for (let a = 0; a < 8; a++) span.setAttribute(`attr.${a}`, `value-${a}-${"x".repeat(40)}`);
        span.setAttribute("secret.token", "hunter2");
        span.setAttribute("tags", ["alpha", "beta", "gamma", "delta"]);
        for (let e = 0; e < 5; e++) span.addEvent(`event-${e}`);
        span.end();
        await sleep(2);
      }
    })();
    const phaseSpans = (name: string) => got.filter((s) => s.name.startsWith(`${name}-`));
    await waitFor("p1 spans", () => phaseSpans("p1").length >= 20);

    applied(p, { maxSpanAttributes: 3, maxSpanEvents: 2, maxSpanLinks: 1, maxAttributeLength: 8 }, "tight limits");
    phase = "p2";
    await waitFor("p2 spans", () => phaseSpans("p2").length >= 20);

    applied(
      p,
      {
        maxSpanAttributes: 64, maxSpanEvents: 128, maxSpanLinks: 32, maxAttributeLength: 2048,
        attributeFilters: [{ action: "remove", pattern: "^secret\\." }],
        attributeProcessors: [{ type: "limiter", maxLength: 12, maxArrayItems: 2, truncateMarker: "~" }],
      },
      "filters and limiter",
    );
    phase = "p3";
    await waitFor("p3 spans", () => phaseSpans("p3").length >= 20);
    stop = true;
    await loop;
    await settle(p.runtime);
    expect(w.stop().violations).toEqual([]);

    for (const s of phaseSpans("p1")) {
      expect(s).toMatchObject({ attributeCount: 10, linkCount: 2 });
      expect(s.eventNames).toHaveLength(5);
    }
    for (const s of phaseSpans("p2")) {
      expect(s).toMatchObject({ attributeCount: 3, linkCount: 1 });
      expect(s.eventNames).toEqual(["event-3", "event-4"]); // the newest are kept
      for (const v of Object.values(s.attributes)) if (typeof v === "string") expect(v.length).toBeLessThanOrEqual(8);
    }
    for (const s of phaseSpans("p3")) {
      expect(s.attributes["secret.token"]).toBeUndefined();
      expect(s.attributeCount).toBe(9);
      expect(s.attributes["tags"]).toEqual(["alpha", "beta"]);
      expect(s.attributes["attr.0"]).toBe("value-0-xxx~");
    }
    const shaped = p.runtime.snapshot().attributes;
    expect(shaped.attributesDropped).toBeGreaterThan(0);
    expect(shaped.eventsDropped).toBeGreaterThan(0);
    expect(shaped.linksDropped).toBeGreaterThan(0);
    expect(shaped.attributesRemoved).toBeGreaterThan(0);
    expect(shaped.valuesTruncated).toBeGreaterThan(0);
    expect(shaped.arraysTruncated).toBeGreaterThan(0);
  }, 40_000);
});
