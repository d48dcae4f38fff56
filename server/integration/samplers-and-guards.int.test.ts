/**
 * Samplers and guards switched live on the running server, seen in the streamed snapshots and
 * events: what an operator does from the dashboard, over the real socket.io connection.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApplyResult } from "../realtime/contract";
import type { RuntimeEvent } from "../telemetry/snapshot";
import { connectDashboard, startServer, waitFor, type DashboardSocket, type RunningServer } from "./server-process";

let server: RunningServer;
let dash: DashboardSocket;
const events: RuntimeEvent[] = [];

const apply = (patch: Record<string, unknown>) => new Promise<ApplyResult>((resolve) => dash.emit("config:apply", { patch }, resolve));

beforeAll(async () => {
  server = await startServer({ TRACETUNE_WORKLOAD_RPS: "80" });
  dash = await connectDashboard(server.url);
  dash.on("event", (e) => events.push(e));
});

afterAll(async () => {
  dash?.close();
  await server?.stop();
});

describe("samplers switched live", () => {
  it("priority sampling with the guide's rules keeps each priority at its rate", async () => {
    const rules = [
      { attribute: "priority", value: "critical", rate: 1.0 },
      { attribute: "priority", value: "high", rate: 0.5 },
      { attribute: "priority", value: "normal", rate: 0.1 },
      { attribute: "priority", value: "low", rate: 0.01 },
    ];
    expect((await apply({ sampler: { type: "priority", rules, defaultRate: 0.1 } })).status).toBe("applied");
    const snap = await waitFor(dash, "snapshot", (s) => s.sampler.type === "priority" && (s.sampler.detail?.buckets?.[2]?.seen ?? 0) > 150, 30_000);
    const byName = Object.fromEntries((snap.sampler.detail?.buckets ?? []).map((b) => [b.name, b]));
    expect(byName["priority=critical"].kept).toBe(byName["priority=critical"].seen);
    const normal = byName["priority=normal"];
    expect(normal.kept / normal.seen).toBeGreaterThan(0.02);
    expect(normal.kept / normal.seen).toBeLessThan(0.25);
  });

  it("tiered sampling reports its tiers and never keeps more deep spans than root spans allow", async () => {
    const levels = [
      { level: "root", rate: 0.5 },
      { level: "child", rate: 0.2 },
      { level: "deep", rate: 0.05, minDepth: 3 },
    ];
    expect((await apply({ sampler: { type: "tiered", levels } })).status).toBe("applied");
    const snap = await waitFor(dash, "snapshot", (s) => s.sampler.type === "tiered" && (s.sampler.detail?.buckets?.[0]?.seen ?? 0) > 200, 30_000);
    const [root, child, deep] = snap.sampler.detail!.buckets!;
    expect(root.name).toBe("root");
    expect(root.kept / root.seen).toBeGreaterThan(0.35);
    expect(root.kept / root.seen).toBeLessThan(0.65);
    // Children are only ever considered below a kept parent: nested, never orphaned.
    expect(child.seen).toBeGreaterThan(0);
    expect(deep.kept).toBeLessThanOrEqual(deep.seen);
  });

  it("adaptive sampling steers toward its target throughput", async () => {
    expect((await apply({ sampler: { type: "adaptive", minRate: 0.01, maxRate: 1, targetRps: 8, adjustmentPeriod: 1 } })).status).toBe("applied");
    // 80 traces/s against a target of 8/s: the rate must fall well below 1 within a few periods.
    const snap = await waitFor(dash, "snapshot", (s) => s.sampler.type === "adaptive" && s.sampler.effectiveRate < 0.3, 30_000);
    expect(snap.sampler.effectiveRate).toBeGreaterThanOrEqual(0.01);
    expect((await apply({ sampler: { type: "ratio" }, sampleRate: 1 })).status).toBe("applied");
  });
});

describe("guards switched live", () => {
  it("the resource throttler cuts the effective rate under pressure and says so", async () => {
    const result = await apply({ resourceThrottler: { cpuThreshold: 0.01, memoryThreshold: 99.9, reductionFactor: 0.25, checkInterval: 0.2 } });
    expect(result.status).toBe("applied");
    const snap = await waitFor(dash, "snapshot", (s) => s.guards?.throttler?.active === true, 20_000);
    expect(snap.sampler.configuredRate).toBe(1);
    expect(snap.sampler.effectiveRate).toBeCloseTo(0.25, 5);
    expect(events.some((e) => e.type === "throttle_on")).toBe(true);
    expect((await apply({ resourceThrottler: null })).status).toBe("applied");
    const after = await waitFor(dash, "snapshot", (s) => s.guards?.throttler === undefined);
    expect(after.sampler.effectiveRate).toBe(1);
  });

  it("the memory monitor warns, then flushes in an emergency above the critical threshold", async () => {
    const before = await waitFor(dash, "snapshot", () => true);
    // Big batches and a long interval so spans pile up; tiny thresholds so they cross both lines.
    const result = await apply({
      batchSize: 8192,
      exportIntervalMs: 60_000,
      memoryMonitor: { warningThresholdMb: 0.05, criticalThresholdMb: 2, checkIntervalSeconds: 0.5 },
    });
    expect(result.status).toBe("applied");
    const critical = await waitFor(dash, "event", (e) => e.type === "memory_critical", 30_000);
    expect(events.map((e) => e.type)).toContain("memory_warning");
    // Without the emergency flush nothing would be exported for 20 s (batch) or 60 s (interval).
    const flushed = await waitFor(dash, "snapshot", (s) => s.spans.exported > before.spans.exported + before.spans.queued, 10_000);
    expect(flushed.ts - critical.ts).toBeLessThan(10_000);
    expect(flushed.guards?.memory).toBeDefined();
  });
});
