import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../server/telemetry/config";
import { makeSnapshot } from "../testing/snapshot-fixture";
import { knobsOf, measure, queuePeakWindowMs } from "./measured";
import { knobsDiffer, project, UNSAMPLED_US, type Knobs, type Measured } from "./projection";

const running: Knobs = { sampleRate: 1, batchSize: 512, exportIntervalMs: 1000, maxQueueSize: 4096 };

function measured(over: Partial<Measured> = {}): Measured {
  return {
    enabled: true,
    startedPerSec: 1000,
    sampledPerSec: 1000,
    exportedPerSec: 1000,
    sentBytesPerSec: 60_000,
    queueUtilization: 0.1,
    overheadPercent: 2,
    usPerSpan: 20,
    latencyMsP50: 10,
    sentBytesPerSpan: 60,
    rawBytesPerSpan: 600,
    rateFactor: 1,
    concurrency: 4,
    asyncExport: true,
    ...over,
  };
}

describe("what-if projection", () => {
  it("reproduces the measured figures at the running knobs", () => {
    const p = project(measured(), running, running);
    expect(p.exportedPerSec).toBeCloseTo(1000);
    expect(p.sentBytesPerSec).toBeCloseTo(60_000);
    expect(p.overheadPercent).toBeCloseTo(2);
    expect(p.droppedPerSec).toBe(0);
  });

  it("scales exported spans and bytes with the sample rate", () => {
    const p = project(measured(), running, { ...running, sampleRate: 0.1 });
    expect(p.sampledPerSec).toBeCloseTo(100);
    expect(p.exportedPerSec).toBeCloseTo(100);
    expect(p.sentBytesPerSec).toBeCloseTo(6000);
    expect(p.rawBytesPerSec).toBeCloseTo(60_000);
  });

  it("lowers overhead with the rate but keeps the cost of unsampled spans", () => {
    const m = measured();
    const p = project(m, running, { ...running, sampleRate: 0.1 });
    // 20 µs/span x 1000 spans/s = 20 ms/s telemetry at 2 % -> 1 s/s of process CPU.
    // At 10 %: 100 sampled x 20 µs + 900 x 0.9 µs = 2.81 ms/s; rest of the process 980 ms/s.
    const after = 100 * 20 + 900 * UNSAMPLED_US;
    expect(p.overheadPercent).toBeCloseTo((after / (980_000 + after)) * 100, 3);
    expect(p.overheadPercent!).toBeLessThan(0.3);
    expect(p.overheadPercent!).toBeGreaterThan(0);
  });

  it("from a 0 % rate, projects from the started spans and leaves overhead unknown", () => {
    const m = measured({ sampledPerSec: 0, exportedPerSec: 0, usPerSpan: 0.9 });
    const p = project(m, { ...running, sampleRate: 0 }, { ...running, sampleRate: 0.5 });
    expect(p.sampledPerSec).toBeCloseTo(500);
    expect(p.overheadPercent).toBeNull();
  });

  it("projects the queue peak from the interval and the batch size", () => {
    // 1000 spans/s x 1 s interval = 1000 > batch 512: batches go when full, peak 512 of 4096.
    expect(project(measured(), running, running).queueUtilization).toBeCloseTo(512 / 4096);
    // A bigger batch waits for the interval: 1000 of 4096.
    expect(project(measured(), running, { ...running, batchSize: 2048 }).queueUtilization).toBeCloseTo(1000 / 4096);
    // Smaller queue, same traffic: fuller.
    expect(project(measured(), running, { ...running, maxQueueSize: 1024 }).queueUtilization).toBeCloseTo(0.5);
  });

  it("saturates when export capacity is below the sampled rate: queue full, the excess dropped", () => {
    // capacity = 4 in flight x 1 span / 10 ms... with batch 1: 400 spans/s < 1000 sampled.
    const p = project(measured(), running, { ...running, batchSize: 1 });
    expect(p.capacityPerSec).toBeCloseTo(400);
    expect(p.saturated).toBe(true);
    expect(p.exportedPerSec).toBeCloseTo(400);
    expect(p.droppedPerSec).toBeCloseTo(600);
    expect(p.queueUtilization).toBe(1);
  });

  it("treats synchronous export as batches of one", () => {
    const p = project(measured({ asyncExport: false }), running, running);
    expect(p.capacityPerSec).toBeCloseTo(400);
  });

  it("projects nothing sampled when telemetry is off", () => {
    expect(project(measured({ enabled: false }), running, running).exportedPerSec).toBe(0);
  });

  it("reads its inputs off a snapshot", () => {
    const s = makeSnapshot({
      spans: { ...makeSnapshot().spans, exported: 1000 },
      export: { ...makeSnapshot().export, bytesSent: 50_000, bytesRaw: 400_000, latencyMsP50: 7 },
      sampler: { type: "ratio", configuredRate: 0.5, effectiveRate: 0.25 },
      overhead: { percent: 1.5, usPerSpan: 12, usPerOp: 40, cpuMsPerSec: 3.75, processCpuMsPerSec: 250 },
    });
    const m = measure(s, DEFAULT_CONFIG, { sentBytesPerSec: 1234, queuePeakPct: 42 });
    expect(m.sentBytesPerSpan).toBe(50);
    expect(m.rawBytesPerSpan).toBe(400);
    expect(m.rateFactor).toBe(0.5);
    expect(m.queueUtilization).toBeCloseTo(0.42);
    expect(m.concurrency).toBe(DEFAULT_CONFIG.otlpConnectionPoolSize);
    expect(knobsOf(DEFAULT_CONFIG)).toEqual({ sampleRate: 1, batchSize: 2048, exportIntervalMs: 5000, maxQueueSize: 16384 });
    expect(queuePeakWindowMs(DEFAULT_CONFIG)).toBe(10_000);
    expect(measure(makeSnapshot(), DEFAULT_CONFIG, { sentBytesPerSec: null, queuePeakPct: null }).sentBytesPerSpan).toBeNull();
  });

  it("knows when knobs differ", () => {
    expect(knobsDiffer(running, { ...running })).toBe(false);
    expect(knobsDiffer(running, { ...running, exportIntervalMs: 2000 })).toBe(true);
  });
});
