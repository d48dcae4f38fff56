import { describe, expect, it } from "vitest";
import { bandPath, linePath, maxValue, nearestIndex, niceTicks, stackBands, sx, sy, type Frame } from "./chart-geometry";
import { gapPoint, type ChartPoint } from "./history-points";

const pt = (t: number, exported: number | null, notSampled: number | null = 0): ChartPoint => ({ ...gapPoint(t), exported, notSampled });
const frame: Frame = { x0: 0, x1: 100, y0: 0, y1: 50, t0: 0, t1: 1000, vMax: 10 };

describe("chart geometry", () => {
  it("picks nice ticks from zero past the maximum", () => {
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(360)).toEqual([0, 100, 200, 300, 400]);
    expect(niceTicks(0.9)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(niceTicks(100, 4)).toEqual([0, 25, 50, 75, 100]);
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(Number.NaN)).toEqual([0, 1]);
  });

  it("maps time to x and values to y (up is larger), clamping above the top", () => {
    expect(sx(frame, 500)).toBe(50);
    expect(sy(frame, 0)).toBe(50);
    expect(sy(frame, 10)).toBe(0);
    expect(sy(frame, 20)).toBe(0);
  });

  it("draws a line that breaks at nulls instead of bridging them", () => {
    const pts = [pt(0, 0), pt(250, 5), pt(500, null), pt(750, 10), pt(1000, 10)];
    expect(linePath(pts, "exported", frame)).toBe("M0 50L25 25M75 0L100 0");
    expect(linePath([pt(0, null)], "exported", frame)).toBe("");
  });

  it("stacks bands cumulatively and leaves gaps where every series is null", () => {
    const pts = [pt(0, 2, 3), pt(500, null, 4), { ...gapPoint(750) }, pt(1000, 1, 1)];
    const bands = stackBands(pts, ["exported", "notSampled"]);
    expect(bands[0]).toEqual([[0, 2], [0, 0], null, [0, 1]]);
    expect(bands[1]).toEqual([[2, 5], [0, 4], null, [1, 2]]);
    expect(maxValue(pts, ["exported", "notSampled"], true)).toBe(5);
    expect(maxValue(pts, ["exported", "notSampled"], false)).toBe(4);
    // Two runs: before and after the gap, each closed.
    const d = bandPath(pts, bands[1], frame);
    expect(d.match(/M/g)).toHaveLength(2);
    expect(d.match(/Z/g)).toHaveLength(2);
    expect(d.startsWith("M0 25L50 30L")).toBe(true);
  });

  it("finds the point nearest a time", () => {
    const pts = [pt(0, 1), pt(250, 1), pt(500, 1)];
    expect(nearestIndex(pts, 120)).toBe(0);
    expect(nearestIndex(pts, 130)).toBe(1);
    expect(nearestIndex(pts, 9999)).toBe(2);
    expect(nearestIndex(pts, -5)).toBe(0);
    expect(nearestIndex([], 5)).toBe(-1);
  });
});
