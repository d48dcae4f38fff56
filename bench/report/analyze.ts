/**
 * Turns raw child results into the reported metrics: per sampling rate and pipeline, the median
 * and min-max over repetitions, and Tracetune's ratio against the reference (b).
 *
 * Net costs subtract, per child, the no-op baseline measured in the same process right before
 * and after (see suite.ts): its main-thread and process CPU per operation times the operations
 * the pipeline ran. What is left is what the telemetry pipeline cost, including export work
 * (serialization on the main thread, gzip on libuv's pool, HTTP).
 */
import type { PipelineKind } from "../lib/pipelines";
import { median, spread, type Spread } from "../lib/stats";
import type { RawResults, SuiteRecord } from "./raw-results";

export interface PipelineMetrics {
  appUsPerSpan: Spread;
  appUsPerExportedSpan: Spread;
  processUsPerExportedSpan: Spread;
  wireBytesPerSpanGzip: Spread;
  wireBytesPerSpanRaw: Spread;
  /** Spans ended sampled but not received in the CPU phase, in percent of those ended. */
  cpuPhaseLossPercent: Spread;
  op1msOverheadPercent: Spread;
  run50OverheadPercent: Spread;
  /** Added main-thread CPU per run over the baseline run latency: the latency the telemetry's own work adds. */
  run50CpuOverheadPercent: Spread;
  run50MeanMs: Spread;
  run50P99Ms: Spread;
  /** Tracetune only: its live estimate of its own cost per span during the CPU phase. */
  selfEstimateUsPerSpan?: Spread;
}

export interface RateAnalysis {
  sampleRate: number;
  pipelines: Partial<Record<PipelineKind, PipelineMetrics>>;
  throughput: Partial<Record<PipelineKind, { losslessSpansPerSec: number; belowSpansPerSec: number | null; noProbeFailed: boolean }>>;
}

export interface Analysis {
  rates: RateAnalysis[];
  memory: Partial<Record<PipelineKind, Spread>>;
  baseline: { mainUsPerOp: number; processUsPerOp: number; run50MeanMs: number; run50MainUsPerRun: number } | null;
}

/**
 * Overhead of the 1 ms operation: total app-thread CPU of the pipeline blocks plus the final
 * flush, over the total of the no-op blocks (same number of operations), minus 1. Totals, not a
 * median of pairs: a batch's serialization lands in one block, and a median would discard
 * exactly that cost. ABBA order spreads outside load over both arms.
 */
function op1msOverheadPercent(s: SuiteRecord): number {
  const n = Math.min(s.op1ms.pipelineMainUsPerOp.length, s.op1ms.noopMainUsPerOp.length);
  let pipeline = 0;
  let noop = 0;
  for (let i = 0; i < n; i++) {
    pipeline += s.op1ms.pipelineMainUsPerOp[i];
    noop += s.op1ms.noopMainUsPerOp[i];
  }
  pipeline += s.op1ms.tailFlushMainUs / Math.max(1, s.op1ms.operationsPerBlock);
  return noop > 0 ? 100 * (pipeline / noop - 1) : 0;
}

const pctOver = (value: number, base: number) => (base > 0 ? (100 * (value - base)) / base : 0);

function suitesOf(raw: RawResults, kind: PipelineKind, rate?: number): SuiteRecord[] {
  return raw.suites.filter((s) => s.pipeline === kind && (rate === undefined || s.sampleRate === rate));
}

export function analyze(raw: RawResults): Analysis {
  const base = suitesOf(raw, "none");
  const baseline =
    base.length === 0
      ? null
      : {
          mainUsPerOp: median(base.map((s) => s.cpu.mainUs / Math.max(1, s.cpu.operations))),
          processUsPerOp: median(base.map((s) => s.cpu.processUs / Math.max(1, s.cpu.operations))),
          run50MeanMs: median(base.map((s) => s.run50.baseline.meanMs)),
          run50MainUsPerRun: median(base.map((s) => s.run50.baseline.mainUsPerRun)),
        };

  const rates: RateAnalysis[] = raw.settings.sampleRates.map((rate) => {
    const pipelines: RateAnalysis["pipelines"] = {};
    // (a) runs once (labelled 100%): its in-process A/B is none against none, the noise floor.
    for (const kind of ["none", "reference", "tracetune"] as const) {
      const runs = suitesOf(raw, kind, rate);
      if (runs.length === 0) continue;
      const netMain = (s: SuiteRecord) => s.cpu.mainUs - s.cpu.baselineMainUsPerOp * s.cpu.operations;
      const netProcess = (s: SuiteRecord) => s.cpu.processUs - s.cpu.baselineProcessUsPerOp * s.cpu.operations;
      const expected = (s: SuiteRecord) => Math.max(1, s.cpu.received); // exported = what the receiver got
      const metrics: PipelineMetrics = {
        appUsPerSpan: spread(runs.map((s) => netMain(s) / Math.max(1, s.cpu.spans))),
        appUsPerExportedSpan: spread(runs.map((s) => netMain(s) / expected(s))),
        processUsPerExportedSpan: spread(runs.map((s) => netProcess(s) / expected(s))),
        wireBytesPerSpanGzip: spread(runs.map((s) => s.cpu.bytesWire / expected(s))),
        wireBytesPerSpanRaw: spread(runs.map((s) => s.cpu.bytesDecoded / expected(s))),
        cpuPhaseLossPercent: spread(runs.map((s) => (100 * Math.max(0, s.cpu.ended - s.cpu.received)) / Math.max(1, s.cpu.ended))),
        op1msOverheadPercent: spread(runs.map(op1msOverheadPercent)),
        run50OverheadPercent: spread(runs.map((s) => pctOver(s.run50.pipeline.meanMs, s.run50.baseline.meanMs))),
        run50CpuOverheadPercent: spread(
          runs.map((s) => (s.run50.baseline.meanMs > 0 ? (100 * (s.run50.pipeline.mainUsPerRun - s.run50.baseline.mainUsPerRun)) / (s.run50.baseline.meanMs * 1000) : 0)),
        ),
        run50MeanMs: spread(runs.map((s) => s.run50.pipeline.meanMs)),
        run50P99Ms: spread(runs.map((s) => s.run50.pipeline.p99Ms)),
      };
      if (kind === "tracetune") {
        const estimates = runs
          .map((s) => (s.cpu.selfReport?.overhead as { usPerSpan?: number } | null | undefined)?.usPerSpan)
          .filter((v): v is number => typeof v === "number");
        if (estimates.length > 0) metrics.selfEstimateUsPerSpan = spread(estimates);
      }
      pipelines[kind] = metrics;
    }
    const throughput: RateAnalysis["throughput"] = {};
    for (const t of raw.throughput.filter((x) => x.sampleRate === rate)) {
      throughput[t.pipeline] = { losslessSpansPerSec: t.losslessSpansPerSec, belowSpansPerSec: t.belowSpansPerSec, noProbeFailed: t.noProbeFailed };
    }
    return { sampleRate: rate, pipelines, throughput };
  });

  const memory: Analysis["memory"] = {};
  for (const kind of ["none", "reference", "tracetune"] as const) {
    const runs = raw.memory.filter((m) => m.pipeline === kind);
    if (runs.length > 0) memory[kind] = spread(runs.map((m) => m.mbPer1000));
  }
  return { rates, memory, baseline };
}

/** Tracetune's median over the reference's median (NaN-free: 0 when the reference is 0). */
export function ratio(tracetune: Spread | undefined, reference: Spread | undefined): number | null {
  if (!tracetune || !reference || reference.median === 0) return null;
  return tracetune.median / reference.median;
}
