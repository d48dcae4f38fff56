import { describe, expect, it } from "vitest";
import { CounterRates } from "./counter-rates";

describe("CounterRates", () => {
  it("is 0 until there is a window, then differences over at least 1 s", () => {
    const r = new CounterRates(1000);
    expect(r.update(0, { dropped: 0 })).toEqual({ dropped: 0 });
    expect(r.update(250, { dropped: 50 }).dropped).toBeCloseTo(200); // 50 over 0.25 s (short history)
    r.update(500, { dropped: 100 });
    r.update(750, { dropped: 100 });
    // At 1000 ms the base is the sample at 0 ms: 100 spans over 1 s.
    expect(r.update(1000, { dropped: 100 }).dropped).toBeCloseTo(100);
    // At 1250 ms the base moves to 250 ms: 50 spans over 1 s.
    expect(r.update(1250, { dropped: 100 }).dropped).toBeCloseTo(50);
    // Quiet for a full window: back to 0.
    r.update(1500, { dropped: 100 });
    r.update(1750, { dropped: 100 });
    expect(r.update(2250, { dropped: 100 }).dropped).toBe(0);
  });

  it("smooths a batch into a rate instead of a spike", () => {
    const r = new CounterRates(1000);
    let bytes = 0;
    const seen: number[] = [];
    for (let t = 0; t <= 5000; t += 250) {
      if (t % 1000 === 0 && t > 0) bytes += 1000; // one 1000-byte batch per second
      seen.push(r.update(t, { bytes }).bytes);
    }
    // Once warmed up, every reading is about 1000 B/s, never the 4000 B/s a 250 ms diff would show.
    for (const v of seen.slice(8)) expect(v).toBeLessThanOrEqual(1000 / 0.75 + 1e-9);
    expect(seen[seen.length - 1]).toBeCloseTo(1000);
  });

  it("starts afresh when a counter goes down (server restart) and ignores a replay", () => {
    const r = new CounterRates(1000);
    r.update(0, { n: 500 });
    r.update(1000, { n: 600 });
    expect(r.update(1000, { n: 600 }).n).toBeCloseTo(100);
    expect(r.update(1250, { n: 10 }).n).toBe(0);
    expect(r.update(2250, { n: 110 }).n).toBeCloseTo(100);
  });

  it("averages batched counters over their own, longer window", () => {
    const r = new CounterRates(1000);
    const windowFor = (key: string) => (key === "bytes" ? 10_000 : 1000);
    let bytes = 0;
    let out = { bytes: 0, drops: 0 };
    for (let t = 0; t <= 30_000; t += 250) {
      if (t % 5000 === 0 && t > 0) bytes += 5000; // one 5000-byte batch every 5 s: 1000 B/s
      out = r.update(t, { bytes, drops: t / 10 }, windowFor) as typeof out;
      if (t >= 12_000) {
        expect(out.bytes).toBeGreaterThanOrEqual(900);
        expect(out.bytes).toBeLessThanOrEqual(1100);
      }
    }
    expect(out.drops).toBeCloseTo(100); // the 1 s window still applies to the others
  });

  it("never reports a negative rate", () => {
    const r = new CounterRates(1000);
    r.update(0, { a: 5 });
    expect(r.update(1000, { a: 5, b: 3 }).b).toBeGreaterThanOrEqual(0);
  });
});
