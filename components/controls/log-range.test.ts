import { describe, expect, it } from "vitest";
import { BATCH_SCALE, INTERVAL_SCALE, logScale, niceRound, QUEUE_SCALE } from "./log-range";

describe("log slider scales", () => {
  it("maps the ends of the track to min and max", () => {
    for (const s of [BATCH_SCALE, INTERVAL_SCALE, QUEUE_SCALE]) {
      expect(s.toValue(0)).toBe(s.min);
      expect(s.toValue(s.steps)).toBe(s.max);
      expect(s.toPosition(s.min)).toBe(0);
      expect(s.toPosition(s.max)).toBe(s.steps);
    }
  });

  it("gives each decade an equal share and rounds to readable values", () => {
    const s = logScale(10, 10_000);
    expect(s.toValue(333)).toBe(100); // 10^1.999 = 99.8
    expect(s.toValue(667)).toBe(1000);
    expect(niceRound(1024)).toBe(1000);
    expect(niceRound(16_384)).toBe(16_000);
    expect(niceRound(47.4)).toBe(47);
  });

  it("is monotonic, integer and in range at every position", () => {
    let prev = 0;
    for (let p = 0; p <= BATCH_SCALE.steps; p++) {
      const v = BATCH_SCALE.toValue(p);
      expect(Number.isInteger(v)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(prev);
      expect(v).toBeLessThanOrEqual(BATCH_SCALE.max);
      prev = v;
    }
  });

  it("puts a typed value back near its position and clamps the rest", () => {
    const p = INTERVAL_SCALE.toPosition(5000);
    expect(Math.abs(INTERVAL_SCALE.toValue(p) - 5000) / 5000).toBeLessThan(0.02);
    expect(QUEUE_SCALE.toPosition(1)).toBe(0);
    expect(QUEUE_SCALE.toPosition(Number.NaN)).toBe(0);
    expect(QUEUE_SCALE.toPosition(10_000_000)).toBe(QUEUE_SCALE.steps);
    expect(() => logScale(0, 10)).toThrow(RangeError);
  });
});
