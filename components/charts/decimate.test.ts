import { describe, expect, it } from "vitest";
import { Decimator } from "./decimate";
import { gapPoint, type ChartPoint } from "./history-points";

function pt(t: number, exported: number, queuePct = 10): ChartPoint {
  return { ...gapPoint(t), exported, queuePct, latencyP99: queuePct * 2 };
}

describe("Decimator", () => {
  it("turns six 250 ms snapshots into one 1.5 s point: mean of rates, max of queue and p99", () => {
    const d = new Decimator(1500);
    const out: ChartPoint[] = [];
    const queue = [10, 90, 20, 30, 10, 10];
    for (let i = 0; i < 6; i++) out.push(...d.add(pt(i * 250, i * 10, queue[i])));
    expect(out).toEqual([]); // the bucket is still open
    out.push(...d.add(pt(1500, 0)));
    expect(out).toHaveLength(1);
    expect(out[0].t).toBe(1250);
    expect(out[0].exported).toBeCloseTo(25);
    expect(out[0].queuePct).toBe(90);
    expect(out[0].latencyP99).toBe(180);
    expect(out[0].notSampled).toBeNull(); // no input for that series
  });

  it("keeps 15 minutes of 250 ms snapshots within 600 points", () => {
    const d = new Decimator(1500);
    let emitted = 0;
    for (let t = 0; t < 15 * 60_000; t += 250) emitted += d.add(pt(t, 1)).length;
    emitted += d.flush().length;
    expect(emitted).toBe(600);
  });

  it("passes a gap through after flushing the open bucket, in time order", () => {
    const d = new Decimator(1000);
    d.add(pt(0, 4));
    d.add(pt(250, 6));
    const out = d.add(gapPoint(260));
    expect(out.map((p) => p.t)).toEqual([250, 260]);
    expect(out[0].exported).toBe(5);
    expect(out[1].exported).toBeNull();
    expect(d.flush()).toEqual([]);
  });

  it("refuses a bucket that is not positive", () => {
    expect(() => new Decimator(0)).toThrow(RangeError);
  });
});
