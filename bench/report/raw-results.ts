/** The raw record of one benchmark run (bench/results.json holds it with its analysis). */
import type { MachineInfo } from "../lib/machine";
import type { SharedCosts } from "../lib/shared-costs";
import type { PipelineKind } from "../lib/pipelines";
import type { SuiteParams } from "../lib/protocol";
import type { MemoryResult } from "../scenarios/queued-memory";
import type { SuiteResult } from "../scenarios/suite";
import type { ThroughputSearchResult } from "../scenarios/throughput-search";

export interface RunSettings {
  mode: "quick" | "full";
  repetitions: number;
  batchSize: number;
  maxQueueSize: number;
  intervalMs: number;
  sampleRates: number[];
  /** Probes per pipeline at 100% and at 10% sampling. */
  throughputProbes: { full: number; tenth: number };
  throughputWindowMs: number;
  memoryOperations: number;
  memoryRepetitions: number;
}

export interface SuiteRecord extends SuiteResult {
  repetition: number;
}

export interface MemoryRecord extends MemoryResult {
  repetition: number;
}

export interface RawResults {
  generatedAt: string;
  durationSec: number;
  machine: MachineInfo;
  loadAverageAtEnd: number[];
  settings: RunSettings;
  suiteParams: SuiteParams | null;
  suites: SuiteRecord[];
  memory: MemoryRecord[];
  throughput: ThroughputSearchResult[];
  /** Serialization, gzip and receiver costs per span both pipelines share (measured in the parent). */
  sharedCosts: SharedCosts;
  /** Seconds each part took. */
  partSeconds: Record<string, number>;
  errors: string[];
}

export const PIPELINES: PipelineKind[] = ["none", "reference", "tracetune"];
