import { describe, expect, it } from "vitest";
import { formatRatePercent, MAX_RATE, MIN_RATE, positionToRate, rateToPosition, roundRate, SLIDER_STEPS } from "./log-scale";

describe("sample-rate log scale", () => {
  it("maps the ends of the track to 0.1 % and 100 %", () => {
    expect(positionToRate(0)).toBe(MIN_RATE);
    expect(positionToRate(SLIDER_STEPS)).toBe(MAX_RATE);
    expect(rateToPosition(0.001)).toBe(0);
    expect(rateToPosition(1)).toBe(SLIDER_STEPS);
  });

  it("gives each decade a third of the track", () => {
    expect(positionToRate(SLIDER_STEPS / 3)).toBeCloseTo(0.01, 4);
    expect(positionToRate((2 * SLIDER_STEPS) / 3)).toBeCloseTo(0.1, 3);
    expect(rateToPosition(0.1)).toBe(667);
    expect(rateToPosition(0.01)).toBe(333);
  });

  it("round-trips every slider position", () => {
    for (let p = 0; p <= SLIDER_STEPS; p++) expect(rateToPosition(positionToRate(p))).toBe(p);
  });

  it("is monotonic", () => {
    let prev = -1;
    for (let p = 0; p <= SLIDER_STEPS; p++) {
      const r = positionToRate(p);
      expect(r).toBeGreaterThan(prev);
      prev = r;
    }
  });

  it("clamps out-of-range input", () => {
    expect(positionToRate(-5)).toBe(MIN_RATE);
    expect(positionToRate(5000)).toBe(MAX_RATE);
    expect(rateToPosition(0)).toBe(0);
    expect(rateToPosition(-1)).toBe(0);
    expect(rateToPosition(7)).toBe(SLIDER_STEPS);
    expect(rateToPosition(Number.NaN)).toBe(0);
  });

  it("rounds to four significant digits", () => {
    expect(roundRate(0.0997723)).toBe(0.09977);
    expect(roundRate(0.123456)).toBe(0.1235);
    expect(roundRate(0)).toBe(0);
  });

  it("formats rates as the readout shows them", () => {
    expect(formatRatePercent(0.1)).toBe("10.0 %");
    expect(formatRatePercent(1)).toBe("100.0 %");
    expect(formatRatePercent(0.025)).toBe("2.50 %");
    expect(formatRatePercent(0.001)).toBe("0.100 %");
    expect(formatRatePercent(0)).toBe("0 %");
  });
});
