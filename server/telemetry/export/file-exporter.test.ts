import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { readOtlpJsonLines, sdkSpans, tempDir } from "../test-support";
import { ConsoleExporter } from "./console-exporter";
import { FileExporter } from "./file-exporter";

let spans: ReadableSpan[];
beforeAll(async () => {
  spans = await sdkSpans(3, { "agent.name": "planner" });
});

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

describe("FileExporter", () => {
  it("writes one OTLP JSON line per batch, creating the directory", async () => {
    const file = path.join(tmp.dir, "nested", "spans.jsonl");
    const exporter = new FileExporter(file, 10 * 1024 * 1024);
    const outcome = await exporter.export(spans);
    await exporter.export(spans.slice(0, 1));
    expect(outcome).toMatchObject({ accepted: 3, failed: 0 });
    const lines = fs.readFileSync(file, "utf8").trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(readOtlpJsonLines(file).map((s) => s.name)).toEqual(["span-0", "span-1", "span-2", "span-0"]);
    expect(outcome.bytesSent).toBe(Buffer.byteLength(lines[0]) + 1);
    // Its serialization counts in the live overhead estimate, and none of it inside export()'s synchronous part.
    expect(outcome.cpuUs).toBeGreaterThan(0);
    expect(outcome.syncCpuUs).toBe(0);
  });

  it("concurrent exports never interleave their lines", async () => {
    const file = path.join(tmp.dir, "spans.jsonl");
    const exporter = new FileExporter(file, 10 * 1024 * 1024);
    await Promise.all(Array.from({ length: 20 }, () => exporter.export(spans)));
    await exporter.shutdown();
    expect(readOtlpJsonLines(file)).toHaveLength(60); // every line parses as a whole request
  });

  it("rotates past fileMaxBytes, keeping three older files and dropping the oldest", async () => {
    const file = path.join(tmp.dir, "spans.jsonl");
    const lineBytes = (await new FileExporter(path.join(tmp.dir, "probe.jsonl"), 1 << 20).export(spans)).bytesSent;
    const exporter = new FileExporter(file, lineBytes * 2); // two lines per file
    for (let i = 0; i < 12; i++) await exporter.export(spans);
    const names = fs.readdirSync(tmp.dir).filter((n) => n.startsWith("spans.jsonl")).sort();
    expect(names).toEqual(["spans.jsonl", "spans.jsonl.1", "spans.jsonl.2", "spans.jsonl.3"]);
    for (const n of names) expect(fs.statSync(path.join(tmp.dir, n)).size).toBeLessThanOrEqual(lineBytes * 2);
    expect(readOtlpJsonLines(file)).toHaveLength(6); // 2 lines x 3 spans in the current file
  });

  it("reports a write failure as failed spans, not a throw", async () => {
    const blocker = path.join(tmp.dir, "not-a-dir");
    fs.writeFileSync(blocker, "x");
    const outcome = await new FileExporter(path.join(blocker, "spans.jsonl"), 1 << 20).export(spans);
    expect(outcome).toMatchObject({ accepted: 0, failed: 3 });
    expect(outcome.error).toContain("file export failed");
  });
});

describe("ConsoleExporter", () => {
  it("prints one JSON line per span, or indented JSON when pretty", async () => {
    let out = "";
    const outcome = await new ConsoleExporter(false, (t) => (out += t)).export(spans);
    expect(outcome).toMatchObject({ accepted: 3, failed: 0 });
    // Formatting counts in the live overhead estimate, all of it synchronous inside export().
    expect(outcome.cpuUs).toBeGreaterThan(0);
    expect(outcome.syncCpuUs).toBe(outcome.cpuUs);
    const lines = out.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.map((l) => l.name)).toEqual(["span-0", "span-1", "span-2"]);
    expect(lines[0]).toMatchObject({ attributes: { "agent.name": "planner" } });
    expect(lines[0].traceId).toMatch(/^[0-9a-f]{32}$/);
    out = "";
    await new ConsoleExporter(true, (t) => (out += t)).export(spans.slice(0, 1));
    expect(out).toContain('\n  "name": "span-0"');
  });
});
