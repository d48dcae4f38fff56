/**
 * includeInternalSpans over real HTTP: the runtime traces its own exports (one `tracetune.export`
 * span per batch) through its own pipeline. They must be accounted like any span, reach the
 * collector, and must not keep an idle pipeline busy: an export span's own export must not start
 * an endless chain of one-span exports.
 */
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
});
