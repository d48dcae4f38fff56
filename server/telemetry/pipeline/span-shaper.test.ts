/**
 * Span limits and attribute processing as a user sees them: applied live, read back from what
 * the file exporter wrote (OTLP JSON lines), and counted in the snapshot.
 */
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ROOT_CONTEXT, type Span } from "@opentelemetry/api";
import { createTelemetryRuntime, type TelemetryRuntime } from "../runtime";
import { readOtlpJsonLines, tempDir, type OtlpJsonSpan } from "../test-support";

// Real runtimes and sockets: generous per-test time so a loaded 2-core machine does not time out.
vi.setConfig({ testTimeout: 30_000 });

let tmp: ReturnType<typeof tempDir>;
let rt: TelemetryRuntime;
let file: string;
beforeEach(() => {
  tmp = tempDir();
  file = path.join(tmp.dir, "spans.jsonl");
  rt = createTelemetryRuntime({ exporterType: "file", filePath: file, exportIntervalMs: 600_000, circuitBreaker: null });
});
afterEach(async () => {
  await rt.shutdown({ deadlineMs: 1000 });
  tmp.remove();
});

const LINK = (i: number) => ({ context: { traceId: "0af7651916cd43dd8448eb211c80319c", spanId: `b7ad6b71692033${String(i).padStart(2, "0")}`, traceFlags: 1 } });

/** A span with 10 attributes (a0..a9, a9 long), 5 events (e0..e4) and 4 links. */
function richSpan(name: string): Span {
  const span = rt.tracerProvider.getTracer("t").startSpan(name, { links: [0, 1, 2, 3].map(LINK) }, ROOT_CONTEXT);
  for (let i = 0; i < 9; i++) span.setAttribute(`a${i}`, `v${i}`);
  span.setAttribute("a9", "x".repeat(100));
  for (let i = 0; i < 5; i++) span.addEvent(`e${i}`);
  return span;
}

async function exported(name: string): Promise<OtlpJsonSpan> {
  await rt.flush();
  const found = readOtlpJsonLines(file).find((s) => s.name === name);
  if (!found) throw new Error(`span ${name} was not exported`);
  return found;
}

describe("span limits applied live", () => {
  it("maxSpanAttributes/Events/Links/AttributeLength apply to spans that end after the change", async () => {
    richSpan("before").end();
    const startedBefore = richSpan("straddling"); // started before the change, ends after it
    const r = rt.apply({ maxSpanAttributes: 3, maxSpanEvents: 2, maxSpanLinks: 1, maxAttributeLength: 8 });
    expect(r.status).toBe("applied");
    startedBefore.end();

    const untouched = await exported("before");
    expect(Object.keys(untouched.attributes)).toHaveLength(10);
    expect(untouched.events).toHaveLength(5);
    expect(untouched.links).toHaveLength(4);

    const shaped = await exported("straddling");
    expect(shaped.attributes).toEqual({ a0: "v0", a1: "v1", a2: "v2" }); // the first three set
    expect(shaped.droppedAttributesCount).toBe(7);
    expect(shaped.events.map((e) => e.name)).toEqual(["e3", "e4"]); // the newest kept
    expect(shaped.droppedEventsCount).toBe(3);
    expect(shaped.links).toHaveLength(1);
    expect(shaped.droppedLinksCount).toBe(3);
    expect(rt.snapshot().attributes).toMatchObject({ attributesDropped: 7, eventsDropped: 3, linksDropped: 3 });
  });

  it("maxAttributeLength cuts long string values (and string array items)", async () => {
    rt.apply({ maxAttributeLength: 8 });
    const span = richSpan("long");
    span.setAttribute("list", ["short", "y".repeat(20)]);
    span.end();
    const out = await exported("long");
    expect(out.attributes.a9).toBe("x".repeat(8));
    expect(out.attributes.list).toEqual(["short", "y".repeat(8)]);
    expect(out.attributes.a0).toBe("v0");
  });

  it("truncations by maxAttributeLength are counted in the snapshot's valuesTruncated", async () => {
    rt.apply({ maxAttributeLength: 8 });
    richSpan("long").end();
    await rt.flush();
    expect(rt.snapshot().attributes.valuesTruncated).toBe(1);
  });

  it("limits of 0 remove every attribute, event and link", async () => {
    rt.apply({ maxSpanAttributes: 0, maxSpanEvents: 0, maxSpanLinks: 0 });
    richSpan("bare").end();
    const out = await exported("bare");
    expect(out.attributes).toEqual({});
    expect(out.events).toEqual([]);
    expect(out.links).toEqual([]);
  });
});

describe("attribute processing applied live", () => {
  it("the guide's attribute filters keep exactly the five listed attributes, and count removals", async () => {
    rt.apply({
      attributeFilters: [
        { action: "keep", attributes: ["agent.name", "error.type", "status", "provider", "model"] },
        { action: "remove", pattern: ".*" },
      ],
    });
    const span = rt.tracerProvider.getTracer("t").startSpan("filtered", {}, ROOT_CONTEXT);
    span.setAttributes({ "agent.name": "planner", "llm.prompt": "secret prompt", "error.type": "none", "user.email": "a@b.c", status: "ok", provider: "p", model: "m" });
    span.end();
    const out = await exported("filtered");
    expect(out.attributes).toEqual({ "agent.name": "planner", "error.type": "none", status: "ok", provider: "p", model: "m" });
    expect(rt.snapshot().attributes.attributesRemoved).toBe(2);
  });

  it("filters run before the count limit: removed attributes do not use up maxSpanAttributes", async () => {
    rt.apply({ attributeFilters: [{ action: "remove", pattern: "^a[0-4]$" }], maxSpanAttributes: 3 });
    richSpan("ordered").end();
    const out = await exported("ordered");
    expect(Object.keys(out.attributes)).toEqual(["a5", "a6", "a7"]);
    expect(rt.snapshot().attributes).toMatchObject({ attributesRemoved: 5, attributesDropped: 2 });
  });

  it("the guide's AttributeLimiter truncates with its marker and limits arrays, and counts both", async () => {
    rt.apply({ attributeProcessors: [{ type: "limiter", maxLength: 10, maxArrayItems: 2, truncateMarker: "..." }] });
    const span = rt.tracerProvider.getTracer("t").startSpan("limited", {}, ROOT_CONTEXT);
    span.setAttribute("prompt", "a very long prompt text");
    span.setAttribute("tools", ["search", "calculator", "browser"]);
    span.setAttribute("short", "ok");
    span.end();
    const out = await exported("limited");
    expect(out.attributes).toEqual({ prompt: "a very ...", tools: ["search", "calculator"], short: "ok" });
    expect(rt.snapshot().attributes).toMatchObject({ valuesTruncated: 1, arraysTruncated: 1 });
  });

  it("a refused filter change leaves the current shaping in place", async () => {
    rt.apply({ attributeFilters: [{ action: "remove", pattern: "^secret$" }] });
    expect(rt.apply({ attributeFilters: [{ action: "remove", pattern: "([" }] }).status).toBe("failed");
    const span = rt.tracerProvider.getTracer("t").startSpan("still", { attributes: { secret: "x", visible: "y" } }, ROOT_CONTEXT);
    span.end();
    expect((await exported("still")).attributes).toEqual({ visible: "y" });
  });
});
