import { describe, expect, it } from "vitest";
import type { TelemetrySnapshot } from "../../server/telemetry/snapshot";
import { makeSnapshot } from "../testing/snapshot-fixture";
import { ChartHistory, HISTORY_CAPACITY } from "./chart-history";

function snap(ts: number, over: { dropped?: number; bytesSent?: number; queue?: number } = {}): TelemetrySnapshot {
  const base = makeSnapshot();
  return makeSnapshot({
    ts,
    rates: { startedPerSec: 100, sampledPerSec: 10, exportedPerSec: 9, droppedPerSec: 1, notSampledPerSec: 90, exportFailedPerSec: 0 },
    spans: { ...base.spans, dropped: { queue_full: over.dropped ?? 0 } },
    queue: { length: 25, capacity: 100, utilization: over.queue ?? 0.25, strategy: "drop_oldest", warning: false },
    memory: { rssBytes: 200 * 1024 * 1024, heapUsedBytes: 50 * 1024 * 1024, telemetryBytes: 1024 * 1024 },
    export: { ...base.export, bytesRaw: (over.bytesSent ?? 0) * 10, bytesSent: over.bytesSent ?? 0, latencyMsP50: 12, latencyMsP99: 40 },
    overhead: { percent: 0.8, usPerSpan: 3, usPerOp: 12, cpuMsPerSec: 2, processCpuMsPerSec: 250 },
  });
}

describe("ChartHistory", () => {
  it("converts snapshots into chart units, with drop reasons and bytes as rates", () => {
    const h = new ChartHistory();
    for (let i = 0; i <= 4; i++) h.append(snap(i * 250, { dropped: i * 25, bytesSent: i * 250 }));
    const last = h.points("1m").at(-1)!;
    expect(last).toMatchObject({ t: 1000, exported: 9, notSampled: 90, queuePct: 25, rssMb: 200, heapMb: 50, telemetryMb: 1, latencyP50: 12, overheadPct: 0.8 });
    expect(last.queueFull).toBeCloseTo(100); // 100 drops over 1 s
    expect(last.sentBps).toBeCloseTo(1000);
    expect(last.rawBps).toBeCloseTo(10_000);
    expect(last.evictedOldest).toBe(0);
  });

  it("keeps at most 600 points per window and shows each window's span", () => {
    const h = new ChartHistory();
    const total = 20 * 60_000; // 20 minutes of 250 ms snapshots
    for (let t = 0; t <= total; t += 250) h.append(snap(t));
    const one = h.points("1m");
    const five = h.points("5m");
    const fifteen = h.points("15m");
    for (const pts of [one, five, fifteen]) expect(pts.length).toBeLessThanOrEqual(HISTORY_CAPACITY);
    expect(one.at(-1)!.t - one[0].t).toBeLessThanOrEqual(60_000);
    expect(one.length).toBeGreaterThanOrEqual(240);
    expect(five.at(-1)!.t - five[0].t).toBeGreaterThan(4.5 * 60_000);
    expect(fifteen.at(-1)!.t - fifteen[0].t).toBeGreaterThan(14 * 60_000);
    for (const pts of [one, five, fifteen]) expect(pts.every((p, i) => i === 0 || p.t > pts[i - 1].t)).toBe(true);
  });

  it("adds the same snapshot once", () => {
    const h = new ChartHistory();
    const s = snap(500);
    expect(h.append(s)).toBe(true);
    expect(h.append(s)).toBe(false);
    expect(h.points("1m")).toHaveLength(1);
  });

  it("breaks the lines across an outage and restarts after a server restart", () => {
    const h = new ChartHistory();
    h.append(snap(1000));
    h.append(snap(9000));
    const pts = h.points("1m");
    expect(pts).toHaveLength(3);
    expect(pts[1].exported).toBeNull();
    h.append(snap(100));
    expect(h.points("1m").map((p) => p.t)).toEqual([100]);
    expect(h.points("15m")).toEqual([]);
  });

  it("reports the peak of a series over a recent span of time", () => {
    const h = new ChartHistory();
    const queue = [0.1, 0.6, 0.3, 0.2, 0.1];
    queue.forEach((q, i) => h.append(snap(i * 1000, { queue: q })));
    expect(h.maxOver("queuePct", 10_000)).toBeCloseTo(60);
    expect(h.maxOver("queuePct", 2000)).toBeCloseTo(30);
  });
});
