/**
 * Lossless throughput (parent side): for each pipeline, a bisection over paced rates in log
 * space, in one child process per pipeline (each probe builds a fresh pipeline after a forced
 * GC). The pipelines' searches advance in lockstep (probe reference, probe tracetune, probe
 * tracetune, probe reference, ...) so slow drift on the machine hits both.
 *
 * After `probes` probes the answer is the highest rate that passed (see throughput-probe.ts).
 * Until a probe fails, a pass moves the upper end up (to 4x the passing rate), so a range
 * guessed too low grows instead of capping the answer. If no probe passed, the answer is
 * reported as below the lowest rate tried.
 */
import type { OtlpReceiver } from "../../server/receiver";
import { ChildWorker } from "../lib/child-process";
import type { PipelineKind, PipelineSettings } from "../lib/pipelines";
import type { ThroughputProbeResult } from "./throughput-probe";

export interface SearchBounds {
  low: number;
  high: number;
}

export interface ThroughputSearchResult {
  pipeline: PipelineKind;
  sampleRate: number;
  /** Highest passing rate in spans/s (0 when none passed). */
  losslessSpansPerSec: number;
  /** When nothing passed: the lowest rate tried (the answer is below it). */
  belowSpansPerSec: number | null;
  /** No probe failed: the true figure is at least losslessSpansPerSec, maybe more. */
  noProbeFailed: boolean;
  bounds: SearchBounds;
  probes: ThroughputProbeResult[];
}

interface SearchState {
  kind: PipelineKind;
  low: number;
  high: number;
  best: number;
  lowestTried: number;
  failedAny: boolean;
  probes: ThroughputProbeResult[];
}

export async function searchThroughput(
  kinds: PipelineKind[],
  settings: PipelineSettings,
  bounds: Partial<Record<PipelineKind, SearchBounds>>,
  probes: number,
  windowMs: number,
  warmupMs: number,
  receiver: OtlpReceiver,
  log: (line: string) => void,
): Promise<ThroughputSearchResult[]> {
  const states: SearchState[] = kinds.map((kind) => {
    const b = bounds[kind] ?? { low: 5_000, high: 300_000 };
    return { kind, low: b.low, high: b.high, best: 0, lowestTried: Infinity, failedAny: false, probes: [] };
  });
  const workers = new Map(kinds.map((kind) => [kind, new ChildWorker(receiver)]));
  try {
    await searchLoop(states, workers, settings, probes, windowMs, warmupMs, log);
  } finally {
    for (const w of workers.values()) w.close();
  }
  return states.map((s) => ({
    pipeline: s.kind,
    sampleRate: settings.sampleRate,
    losslessSpansPerSec: s.best,
    belowSpansPerSec: s.best === 0 ? s.lowestTried : null,
    noProbeFailed: !s.failedAny,
    bounds: bounds[s.kind] ?? { low: 5_000, high: 300_000 },
    probes: s.probes,
  }));
}

async function searchLoop(
  states: SearchState[],
  workers: Map<PipelineKind, ChildWorker>,
  settings: PipelineSettings,
  probes: number,
  windowMs: number,
  warmupMs: number,
  log: (line: string) => void,
): Promise<void> {
  for (let i = 0; i < probes; i++) {
    const order = i % 2 === 0 ? states : [...states].reverse();
    for (const s of order) {
      const rate = Math.round(Math.sqrt(s.low * s.high) / 100) * 100;
      const worker = workers.get(s.kind) as ChildWorker;
      const result = await worker.run<ThroughputProbeResult>({ scenario: "throughput", pipeline: s.kind, settings, spansPerSec: rate, windowMs, warmupMs });
      s.probes.push(result);
      s.lowestTried = Math.min(s.lowestTried, rate);
      if (result.passed) {
        s.best = Math.max(s.best, rate);
        s.low = rate;
        if (!s.failedAny) s.high = Math.max(s.high, rate * 4);
      } else {
        s.high = rate;
        s.failedAny = true;
      }
      log(
        `  throughput ${s.kind} @${settings.sampleRate * 100}%: ${rate} spans/s -> ${result.passed ? "pass" : "FAIL"} ` +
          `(achieved ${Math.round(result.achievedSpansPerSec)}, lost ${result.lost} of ${result.ended}, app thread ${Math.round(result.appThreadBusy * 100)}% busy, machine ${result.machineBusy === null ? "?" : Math.round(result.machineBusy * 100)}% busy` +
            `${result.fastCompressedShare === undefined ? "" : `, ${Math.round(result.fastCompressedShare * 100)}% of batches at gzip level 1`})`,
      );
    }
  }
}
