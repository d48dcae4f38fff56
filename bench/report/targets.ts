/**
 * The issue's targets, checked against the analysis. Each row says what was compared, the
 * numbers, pass or fail, and when a target is missed, why, in numbers from this same run
 * (shared serialization cost, app-thread saturation, bytes per serialized span, noise floor).
 */
import type { Analysis, PipelineMetrics, RateAnalysis } from "./analyze";
import type { RawResults } from "./raw-results";

export interface TargetRow {
  id: string;
  target: string;
  measured: string;
  status: "pass" | "fail" | "n/a";
  note: string;
}

const fmt = (v: number, digits = 2) => (Number.isFinite(v) ? v.toFixed(digits) : "?");
const thousands = (n: number) => Math.round(n).toLocaleString("en-US");

function at(a: Analysis, rate: number): RateAnalysis | undefined {
  return a.rates.find((r) => r.sampleRate === rate);
}

function both(r: RateAnalysis | undefined): { tt: PipelineMetrics; ref: PipelineMetrics; none?: PipelineMetrics } | null {
  const tt = r?.pipelines.tracetune;
  const ref = r?.pipelines.reference;
  return tt && ref ? { tt, ref, none: r?.pipelines.none } : null;
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

export function evaluateTargets(a: Analysis, raw: RawResults): TargetRow[] {
  const rows: TargetRow[] = [];
  const c = raw.sharedCosts;
  const full = both(at(a, 1));
  const tenth = both(at(a, 0.1));

  if (full) {
    const tt = full.tt.appUsPerExportedSpan.median;
    const ref = full.ref.appUsPerExportedSpan.median;
    rows.push(
      ratioRow(
        "app-cpu",
        "App-thread CPU per exported span at 100% <= 0.4x reference",
        0.4,
        tt,
        ref,
        "us",
        `Both pipelines serialize OTLP protobuf on the application thread with the same serializer: ${fmt(c.serializeUsPerSpan)} us per span here, ` +
          `${fmt((100 * c.serializeUsPerSpan) / Math.max(tt, 1e-9), 0)}% of Tracetune's ${fmt(tt)} us. 0.4x the reference is ${fmt(0.4 * ref)} us: ` +
          "below the serialization cost alone unless serialization leaves the application thread (a worker thread).",
      ),
    );
    const ttp = full.tt.processUsPerExportedSpan.median;
    const refp = full.ref.processUsPerExportedSpan.median;
    rows.push(
      ratioRow(
        "total-cpu",
        "Total process CPU per exported span at 100% <= 0.8x reference",
        0.8,
        ttp,
        refp,
        "us",
        `Serialization (${fmt(c.serializeUsPerSpan)} us) and gzip (${fmt(c.gzipUsPerSpan)} us) are the same work in both pipelines; ` +
          `the rest of Tracetune's ${fmt(ttp)} us (span creation in the SDK, sampler, shaping, queue, HTTP, garbage collection) has to shrink to ${fmt(0.8 * refp - c.serializeUsPerSpan - c.gzipUsPerSpan)} us.`,
      ),
    );
  }

  const tput = at(a, 1)?.throughput;
  if (tput?.tracetune && tput.reference) {
    const tt = tput.tracetune.losslessSpansPerSec;
    const ref = tput.reference.losslessSpansPerSec;
    const q = ref > 0 ? tt / ref : NaN;
    const ok = Number.isFinite(q) && q >= 5 && tt >= 100_000;
    const search = raw.throughput.find((t) => t.pipeline === "tracetune" && t.sampleRate === 1);
    const failed = search?.probes.filter((p) => !p.passed).sort((x, y) => x.targetSpansPerSec - y.targetSpansPerSec)[0];
    const why = failed
      ? ` At ${thousands(failed.targetSpansPerSec)} spans/s Tracetune's application thread was ${fmt(failed.appThreadBusy * 100, 0)}% busy ` +
        `(the machine's ${raw.machine.cores} cores ${failed.machineBusy === null ? "?" : fmt(failed.machineBusy * 100, 0)}% busy, all processes), ` +
        `achieved ${thousands(failed.achievedSpansPerSec)} spans/s and lost ${thousands(failed.lost)} spans: the thread that creates spans also serializes them ` +
        `(${fmt(c.serializeUsPerSpan)} us each), and on ${raw.machine.cores} cores it shares the CPU with gzip and the receiver (${fmt(c.receiverUsPerSpan)} us per span).`
      : "";
    rows.push({
      id: "throughput",
      target: "Lossless throughput at 100% >= 5x reference and >= 100k spans/s",
      measured: `${thousands(tt)} vs ${thousands(ref)} spans/s = ${fmt(q)}x`,
      status: ref > 0 ? (ok ? "pass" : "fail") : "n/a",
      note: ok ? "" : `Missed.${why}`,
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
      note: ok
        ? ""
        : `Tracetune queues the SDK's span objects as they are, as BatchSpanProcessor does, so a queued span weighs the same. ` +
          `The same span serialized is ${fmt(c.protobufBytesPerSpan, 0)} bytes (${fmt(c.protobufBytesPerSpan / 1000, 3)} MB per 1000): a compact queued form is what reaches 0.5 MB.`,
    });
  }

  for (const [rate, limit, r] of [
    [0.1, 0.1, tenth],
    [1, 0.3, full],
  ] as const) {
    if (!r) continue;
    const v = r.tt.run50OverheadPercent.median;
    const ok = v <= limit;
    const floor = r.none?.run50OverheadPercent;
    rows.push({
      id: `run50-${rate * 100}`,
      target: `Overhead on the 50 ms agent run at ${rate * 100}% <= ${limit}%`,
      measured:
        `${fmt(v, 3)}% latency (min-max ${fmt(r.tt.run50OverheadPercent.min, 3)}..${fmt(r.tt.run50OverheadPercent.max, 3)}); ` +
        `own CPU ${fmt(r.tt.run50CpuOverheadPercent.median, 3)}%; reference ${fmt(r.ref.run50OverheadPercent.median, 3)}%`,
      status: ok ? "pass" : "fail",
      note: ok
        ? ""
        : `The noise floor (no telemetry against itself) was ${floor ? `${fmt(floor.median, 3)}% (${fmt(floor.min, 3)}..${fmt(floor.max, 3)})` : "not measured"}; ` +
          `Tracetune's own CPU per run is ${fmt(r.tt.run50CpuOverheadPercent.median, 3)}% of the run. Latency above that comes from event-loop stalls while a batch is serialized on the application thread.`,
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
        `Four spans cost about the same on the application thread in both pipelines (SDK span creation and ${fmt(4 * c.serializeUsPerSpan)} us of serialization per operation are shared); ` +
          `noise floor ${full.none ? `${fmt(full.none.op1msOverheadPercent.median)}%` : "not measured"}.`,
      ),
    );
  }
  return rows;
}
