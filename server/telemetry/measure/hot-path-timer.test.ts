/**
 * The sampled timer must not alias with a workload's repeating shape: services repeat the same
 * sequence of calls (a root and three children: four startSpan calls per operation), and a fixed
 * stride of 64 would time the same position of that sequence every time.
 */
import { describe, expect, it } from "vitest";
import { HotPathTimer, TIMING_STRIDE } from "./hot-path-timer";

/** Busy work of about `us` microseconds (real time: the timer reads performance.now()). */
function busy(us: number): void {
  const until = performance.now() + us / 1000;
  while (performance.now() < until);
}

describe("HotPathTimer", () => {
  it("estimates the total of a workload whose every fourth call is the expensive one", () => {
    const timer = new HotPathTimer();
    const calls = 256 * TIMING_STRIDE;
    let trueUs = 0;
    for (let i = 0; i < calls; i++) {
      const t = timer.start();
      const t0 = performance.now();
      if (i % 4 === 0) busy(20);
      trueUs += (performance.now() - t0) * 1000;
      if (t !== undefined) timer.stop(t);
    }
    // A fixed stride of 64 times only calls 0, 64, 128...: always the expensive position, so
    // about 4x the truth. Random gaps sample every position alike (about 256 timed calls, a
    // quarter of them expensive: within 40% with a wide margin for a busy machine).
    const ratio = timer.totalUs() / trueUs;
    expect(ratio).toBeGreaterThan(0.6);
    expect(ratio).toBeLessThan(1.4);
  });

  it("times about one call in TIMING_STRIDE", () => {
    const timer = new HotPathTimer();
    let timed = 0;
    const calls = 1000 * TIMING_STRIDE;
    for (let i = 0; i < calls; i++) {
      const t = timer.start();
      if (t !== undefined) {
        timed++;
        timer.stop(t);
      }
    }
    expect(timed / 1000).toBeGreaterThan(0.9);
    expect(timed / 1000).toBeLessThan(1.1);
  });
});
