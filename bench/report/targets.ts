/**
 * The targets, checked against the analysis. Each row says what was compared, the
 * numbers, pass or fail, and (when it fails or cannot be judged) why, in plain words.
 */
import { ratio, type Analysis, type PipelineMetrics, type RateAnalysis } from "./analyze";

export interface TargetRow {
  id: string;
  target: string;
  measured: string;
  status: "pass" | "fail" | "n/a";
  note: string;
}

const fmt = (v: number, digits = 2) => (Number.isFinite(v) ? v.toFixed(digits) : "?");

function rateOf(a: Analysis, rate: number): RateAnalysis | undefined {
  return a.rates.find((r) => r.sampleRate === rate);
}

function both(r: RateAnalysis | undefined): { tt: PipelineMetrics; ref: PipelineMetrics } | null {
  const tt = r?.pipelines.tracetune;
  const ref = r?.pipelines.reference;
  return tt && ref ? { tt, ref } : null;
}

function ratioRow(id: string, target: string, limit: number, tt: number, ref: number, unit: string, failNote: string): TargetRow {
  const q = ref > 0 ? tt / ref : NaN;
  const ok = Number.isFinite(q) && q <= limit;
  return {
    id,
    target,
    measured: `${fmt(tt)} vs ${fmt(ref)} ${unit} = ${fmt(q)}x`,
    status: Number.isFinite(q) ? (ok ? "pass" : "fail") : "n/a",
    note: ok ? "" : failNote,
  };
}

export function evaluateTargets(a: Analysis): TargetRow[] {
  const rows: TargetRow[] = [];
  const full = both(rateOf(a, 1));
  const tenth = both(rateOf(a, 0.1));

  if (full) {
    rows.push(
      ratioRow(
        "app-cpu",
        "App-thread CPU per exported span at 100% <= 0.4x reference",
        0.4,
        full.tt.appUsPerExportedSpan.median,
        full.ref.appUsPerExportedSpan.median,
        "us",
        "Both pipelines serialize OTLP protobuf on the application thread with the same serializer; Tracetune's per-span hot path (sampler, shaping, queue) adds to that rather than removing it.",
      ),
      ratioRow(
        "total-cpu",
        "Total process CPU per exported span at 100% <= 0.8x reference",
        0.8,
        full.tt.processUsPerExportedSpan.median,
        full.ref.processUsPerExportedSpan.median,
        "us",
        "Same serializer and the same gzip level on both sides; see the per-span breakdown in the notes.",
      ),
    );
  }

  const tput = rateOf(a, 1)?.throughput;
  if (tput?.tracetune && tput.reference) {
    const tt = tput.tracetune.losslessSpansPerSec;
    const ref = tput.reference.losslessSpansPerSec;
    const q = ref > 0 ? tt / ref : NaN;
    const ok = Number.isFinite(q) && q >= 5 && tt >= 100_000;
    rows.push({
      id: "throughput",
      target: "Lossless throughput at 100% >= 5x reference and >= 100k spans/s",
      measured: `${tt} vs ${ref} spans/s = ${fmt(q)}x`,
      status: ref > 0 ? (ok ? "pass" : "fail") : "n/a",
      note: ok ? "" : "See the throughput notes: the shared receiver and the application thread's serialization cost bound both pipelines on this machine.",
    });
  }

  const mem = a.memory.tracetune;
  if (mem) {
    const ok = mem.median <= 0.5;
    rows.push({
      id: "memory",
      target: "Memory per 1000 queued spans <= 0.5 MB (reference about 0.95 MB)",
      measured: `${fmt(mem.median, 3)} MB (reference ${fmt(a.memory.reference?.median ?? NaN, 3)} MB)`,
      status: ok ? "pass" : "fail",
      note: ok ? "" : "Tracetune queues the SDK's span objects as they are (like BatchSpanProcessor), so a queued span weighs the same.",
    });
  }

  for (const [rate, limit, r] of [
    [0.1, 0.1, tenth],
    [1, 0.3, full],
  ] as const) {
    if (!r) continue;
    const v = r.tt.run50OverheadPercent.median;
    const ok = v <= limit;
    rows.push({
      id: `run50-${rate * 100}`,
      target: `Overhead on the 50 ms agent run at ${rate * 100}% <= ${limit}%`,
      measured: `${fmt(v, 3)}% latency (min-max ${fmt(r.tt.run50OverheadPercent.min, 3)}..${fmt(r.tt.run50OverheadPercent.max, 3)}); own CPU ${fmt(r.tt.run50CpuOverheadPercent.median, 3)}%; reference ${fmt(r.ref.run50OverheadPercent.median, 3)}%`,
      status: ok ? "pass" : "fail",
      note: ok ? "" : "Latency includes event-loop stalls while a batch is serialized on the application thread.",
    });
  }

  if (full) {
    rows.push(
      ratioRow(
        "op1ms",
        "Overhead on a 1 ms CPU-bound operation at 100% <= 0.5x reference",
        0.5,
        full.tt.op1msOverheadPercent.median,
        full.ref.op1msOverheadPercent.median,
        "%",
        "The per-span work on the application thread (SDK span, sampler, shaping, serialization) is of the same size in both pipelines.",
      ),
    );
  }
  return rows;
}

export { ratio };
