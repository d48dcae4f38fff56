import { describe, expect, it } from "vitest";
import { PerformanceMonitor, type PerformanceMonitorSettings } from "./performance-monitor";
import { MIN_JUDGED_PROCESS_CPU_MS_PER_SEC, MIN_JUDGED_TELEMETRY_CPU_MS_PER_SEC } from "../snapshot";

const SETTINGS: PerformanceMonitorSettings = { targetOverheadPercent: 1, checkIntervalSeconds: 30, floorRate: 0.05 };
const BUSY = 400; // process CPU ms per second: 40 % of a core

function monitor(operatorRate = 1) {
  const reading = { percent: 0, cpuMsPerSec: 0, processCpuMsPerSec: BUSY };
  const tunes: { factor: number; message: string }[] = [];
  const m = new PerformanceMonitor(SETTINGS, { overhead: () => reading, operatorRate: () => operatorRate }, (factor, message) => tunes.push({ factor, message }));
  return { m, reading, tunes };
}

describe("PerformanceMonitor (auto-tune)", () => {
  it("halves the effective rate while overhead is above target, down to the floor rate and no further", () => {
    const { m, reading, tunes } = monitor(0.4);
    reading.percent = 3;
    for (let i = 0; i < 10; i++) m.check();
    // 0.4 -> 0.2 -> 0.1 -> 0.05 (the floor): factor 1/8, three tunes, then it holds.
    expect(m.factor).toBeCloseTo(0.125, 10);
    expect(tunes.map((t) => t.factor)).toEqual([0.5, 0.25, 0.125]);
    expect(tunes[0].message).toBe("Overhead 3.00% above target 1%: effective sample rate lowered to 20.00%");
    expect(m.judged).toBe(true);
  });

  it("raises it back step by step once overhead is below half the target, never past the operator's rate", () => {
    const { m, reading, tunes } = monitor();
    reading.percent = 5;
    m.check();
    m.check();
    expect(m.factor).toBe(0.25);
    reading.percent = 0.7; // between half the target and the target: hold
    m.check();
    expect(m.factor).toBe(0.25);
    reading.percent = 0.2;
    for (let i = 0; i < 5; i++) m.check();
    expect(m.factor).toBe(1);
    expect(tunes.map((t) => t.factor)).toEqual([0.5, 0.25, 0.5, 1]);
    expect(tunes.at(-1)!.message).toMatch(/well below target: effective sample rate raised to 100.00%/);
  });

  it("never lowers the rate while the process is light and telemetry cheap in absolute terms", () => {
    const { m, reading, tunes } = monitor();
    expect(m.judged).toBeNull();
    // The demo's figures: 9 % of a process using 4.4 % of a core, telemetry at 0.4 % of a core.
    Object.assign(reading, { percent: 9, cpuMsPerSec: 4, processCpuMsPerSec: 44 });
    m.check();
    expect(m.factor).toBe(1);
    expect(m.judged).toBe(false);
    expect(m.lastOverhead).toBe(9);
    // Either a loaded process or telemetry costing 1 % of a core is judged.
    Object.assign(reading, { processCpuMsPerSec: MIN_JUDGED_PROCESS_CPU_MS_PER_SEC });
    m.check();
    expect(m.factor).toBe(0.5);
    Object.assign(reading, { percent: 20, cpuMsPerSec: MIN_JUDGED_TELEMETRY_CPU_MS_PER_SEC, processCpuMsPerSec: 50 });
    m.check();
    expect(m.factor).toBe(0.25);
    expect(tunes).toHaveLength(2);
  });

  it("under light load, undoes a reduction only as far as doubling keeps the share unjudged (no flip-flop)", () => {
    const { m, reading, tunes } = monitor();
    Object.assign(reading, { percent: 5, cpuMsPerSec: 20, processCpuMsPerSec: 400 });
    m.check();
    m.check();
    m.check();
    expect(m.factor).toBe(0.125);
    // Traffic fell: telemetry 2 ms/s in a process at 40 ms/s. Doubling stays light: raise.
    Object.assign(reading, { percent: 5, cpuMsPerSec: 2, processCpuMsPerSec: 40 });
    m.check();
    expect(m.factor).toBe(0.25);
    expect(tunes.at(-1)!.message).toMatch(/^Light load \(telemetry 0.20% of a core\): effective sample rate raised to 25.00%$/);
    // Telemetry at 6 ms/s: doubling would reach the 10 ms/s line and be judged again: hold.
    Object.assign(reading, { cpuMsPerSec: 6 });
    m.check();
    m.check();
    expect(m.factor).toBe(0.25);
    expect(tunes).toHaveLength(4);
  });
});
