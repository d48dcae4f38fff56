import { describe, expect, it } from "vitest";
import type { TelemetrySnapshot } from "../../server/telemetry/snapshot";
import { makeSnapshot } from "../testing/snapshot-fixture";
import { appendSnapshot, createHistory, HISTORY_CAPACITY } from "./history-points";

function snap(ts: number, startedPerSec = 100): TelemetrySnapshot {
  return makeSnapshot({
    ts,
    rates: { startedPerSec, sampledPerSec: startedPerSec / 10, exportedPerSec: 9, droppedPerSec: 0, notSampledPerSec: 0, exportFailedPerSec: 0 },
    queue: { length: 25, capacity: 100, utilization: 0.25, strategy: "drop_oldest", warning: false },
    memory: { rssBytes: 200 * 1024 * 1024, heapUsedBytes: 50 * 1024 * 1024, telemetryBytes: 1024 * 1024 },
  });
}

describe("snapshot history", () => {
  it("converts a snapshot into chart units (per second, percent, MB)", () => {
    const h = createHistory();
    appendSnapshot(h, snap(1000));
    expect(h.toArray()[0]).toEqual({ t: 1000, started: 100, sampled: 10, exported: 9, dropped: 0, queuePct: 25, rssMb: 200, heapMb: 50, telemetryMb: 1 });
  });

  it("keeps at most 600 points", () => {
    const h = createHistory();
    for (let i = 0; i < 1000; i++) appendSnapshot(h, snap(i * 250));
    const points = h.toArray();
    expect(points).toHaveLength(HISTORY_CAPACITY);
    expect(points[0].t).toBe(400 * 250);
  });

  it("adds the same snapshot once", () => {
    const h = createHistory();
    const s = snap(500);
    expect(appendSnapshot(h, s)).toBe(true);
    expect(appendSnapshot(h, s)).toBe(false);
    expect(h.size).toBe(1);
  });

  it("breaks the lines across an outage and restarts after a server restart", () => {
    const h = createHistory();
    appendSnapshot(h, snap(1000));
    appendSnapshot(h, snap(9000));
    const pts = h.toArray();
    expect(pts).toHaveLength(3);
    expect(pts[1].started).toBeNull();
    appendSnapshot(h, snap(100));
    expect(h.toArray().map((p) => p.t)).toEqual([100]);
  });
});
