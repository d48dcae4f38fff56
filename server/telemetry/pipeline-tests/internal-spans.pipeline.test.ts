/**
 * includeInternalSpans over real HTTP: the runtime traces its own exports (one `tracetune.export`
 * span per batch) through its own pipeline. They must be accounted like any span, reach the
 * collector, and must not keep an idle pipeline busy: an export span's own export must not start
 * an endless chain of one-span exports.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { balanced, burst, sleep, startPipeline, waitFor, type Pipeline } from "./pipeline-harness";

let p: Pipeline | undefined;
afterEach(async () => {
  await p?.close();
  p = undefined;
});

describe("internal export spans (real HTTP)", () => {
  it("are accounted and delivered like any other span", async () => {
    p = await startPipeline({ batchSize: 50, exportIntervalMs: 50, includeInternalSpans: true });
    burst(p.tracer, 200, "app");
    await waitFor("the app spans to arrive", () => p!.receiver.stats().spansByName["app-199"] === 1, 10_000);
    await waitFor("an export span to arrive", () => (p!.receiver.stats().spansByName["tracetune.export"] ?? 0) > 0, 10_000);
    const s = balanced(p.runtime, "with internal spans");
    expect(s.spans.started).toBeGreaterThan(200);
  }, 20_000);

  it("an idle pipeline goes quiet: exporting the export spans does not go on forever", async () => {
    p = await startPipeline({ batchSize: 50, exportIntervalMs: 50, includeInternalSpans: true });
    burst(p.tracer, 200, "app");
    await waitFor("the app spans to arrive", () => p!.receiver.stats().spansByName["app-199"] === 1, 10_000);
    // Give the export spans of those batches (and, at most, theirs) time to go out.
    await sleep(500);
    const before = p.receiver.stats();
    await sleep(1000); // 20 export intervals with no application traffic
    const after = p.receiver.stats();
    const extra = after.accepted - before.accepted;
    expect(extra, `requests during 1 s of idleness (${after.spansReceived - before.spansReceived} spans)`).toBeLessThanOrEqual(1);
    expect(p.runtime.snapshot().spans).toMatchObject({ queued: 0, inFlight: 0, active: 0 });
  }, 20_000);

  it("with asyncExport off, an idle pipeline does not spin exporting its own export spans", async () => {
    p = await startPipeline({ batchSize: 50, exportIntervalMs: 50, asyncExport: false, includeInternalSpans: true });
    burst(p.tracer, 20, "app");
    await waitFor("the app spans to arrive", () => p!.receiver.stats().spansByName["app-19"] === 1, 10_000);
    await sleep(500);
    const before = p.receiver.stats().accepted;
    await sleep(1000);
    const extra = p.receiver.stats().accepted - before;
    expect(extra, "requests during 1 s of idleness").toBeLessThanOrEqual(1);
  }, 20_000);

  it("with asyncExport off and the console exporter, the process stays responsive (child process)", async () => {
    const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures", "internal-span-loop.fixture.ts");
    const child = spawn(process.execPath, ["--import", "tsx", fixture], { cwd: process.cwd(), stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    // Start-up (tsx compiling the runtime) may be slow on a loaded machine, so the clock for
    // the hang starts at "ready": a healthy child exits 100 ms later, a starved one never does.
    const exited = await new Promise<number | null>((resolve) => {
      let timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
      child.stdout.on("data", () => {
        if (!out.startsWith("ready")) return;
        clearTimeout(timer);
        timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      });
      child.on("exit", (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
    expect(out.startsWith("ready"), `the child did not start. stderr: ${err.slice(0, 500)}`).toBe(true);
    expect(exited, `the child never reached its 100 ms timer (event loop starved). stderr: ${err.slice(0, 500)}`).toBe(0);
    expect(JSON.parse(out.trim().split("\n").pop() ?? "{}")).toMatchObject({ alive: true });
  }, 90_000);
});
