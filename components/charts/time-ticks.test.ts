import { describe, expect, it } from "vitest";
import { timeTicks } from "./time-ticks";

describe("timeTicks", () => {
  it("puts ticks on whole seconds, never two in the same second", () => {
    const ticks = timeTicks(10_250, 12_900);
    expect(ticks).toEqual([11_000, 12_000]);
  });

  it("picks a nice step for about five ticks over the full 150 s window", () => {
    const ticks = timeTicks(1_000_000, 1_150_000);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(ticks.length).toBeLessThanOrEqual(5);
    expect(ticks.every((t) => t % 30_000 === 0)).toBe(true);
  });

  it("handles empty and degenerate ranges", () => {
    expect(timeTicks(5, 1)).toEqual([]);
    expect(timeTicks(Number.NaN, 5)).toEqual([]);
    expect(timeTicks(3000, 3000)).toEqual([3000]);
  });
});
