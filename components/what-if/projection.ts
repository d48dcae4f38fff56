/**
 * What-if: the figures an operator would see at a new sample rate, batch size, export interval
 * or queue size, projected from what the runtime measures now. Pure; tested in projection.test.ts.
 *
 * The model (deliberately simple, and said so in the UI):
 * - Started spans do not depend on these knobs. Sampled spans scale with the sample rate (the
 *   rate is a probability per trace, and children follow their root, so spans scale with it).
 * - Export capacity: `concurrency` exports in flight (the pool size), each carrying up to
 *   `batchSize` spans (1 when export is synchronous) per p50 round trip. Above it the queue fills and the
 *   excess is dropped (or blocks the application, under the block strategy).
 * - Queue: spans wait for a full batch or the interval, so the queue peaks at
 *   min(sampled/s x interval, batchSize); utilization = peak / maxQueueSize.
 * - Bytes: exported spans x the measured bytes per exported span (raw and sent).
 * - Overhead: telemetry CPU = UNSAMPLED_US per span not sampled + the measured cost of a sampled
 *   span (derived from overhead.usPerSpan); the rest of the process's CPU stays as it is.
 */
export interface Knobs {
  sampleRate: number;
  batchSize: number;
  exportIntervalMs: number;
  maxQueueSize: number;
}

export const KNOB_KEYS = ["sampleRate", "batchSize", "exportIntervalMs", "maxQueueSize"] as const satisfies readonly (keyof Knobs)[];

/** Cost of deciding "not sampled" for a span, in microseconds (measured on this machine class). */
export const UNSAMPLED_US = 0.9;

export interface Measured {
  enabled: boolean;
  startedPerSec: number;
  sampledPerSec: number;
  exportedPerSec: number;
  /** Bytes per second on the wire now (from the byte counters). */
  sentBytesPerSec: number | null;
  /** Peak queue utilization (0..1) over the last export interval or so. */
  queueUtilization: number;
  overheadPercent: number | null;
  /** Telemetry CPU microseconds per started span (snapshot.overhead.usPerSpan). */
  usPerSpan: number | null;
  latencyMsP50: number;
  /** export.bytesSent / spans.exported, and the same for raw bytes; null before any export. */
  sentBytesPerSpan: number | null;
  rawBytesPerSpan: number | null;
  /** effectiveRate / configuredRate: what guards and non-ratio samplers make of the operator's rate. */
  rateFactor: number;
  /** Exports in flight at once (the connection pool size). */
  concurrency: number;
  /** false: every span is exported alone as it ends (batch size 1). */
  asyncExport: boolean;
}

export interface Projection {
  sampledPerSec: number;
  exportedPerSec: number;
  droppedPerSec: number;
  sentBytesPerSec: number | null;
  rawBytesPerSec: number | null;
  /** 0..1 */
  queueUtilization: number;
  overheadPercent: number | null;
  /** Export capacity in spans/s (Infinity when no export has been timed yet). */
  capacityPerSec: number;
  saturated: boolean;
}

export function sampledAt(m: Measured, running: Knobs, proposed: Knobs): number {
  if (!m.enabled) return 0;
  const scaled =
    m.sampledPerSec > 0 && running.sampleRate > 0
      ? m.sampledPerSec * (proposed.sampleRate / running.sampleRate)
      : m.startedPerSec * proposed.sampleRate * m.rateFactor;
  return Math.min(m.startedPerSec, Math.max(0, scaled));
}

export function exportCapacity(m: Measured, k: Knobs): number {
  if (!(m.latencyMsP50 > 0)) return Infinity;
  const batch = m.asyncExport ? k.batchSize : 1;
  return (Math.max(1, m.concurrency) * batch * 1000) / m.latencyMsP50;
}

/** Telemetry CPU (µs per second) at `sampled` spans/s, or null when nothing was measured. */
function telemetryUsPerSec(m: Measured, sampled: number): number | null {
  if (m.usPerSpan === null || m.startedPerSec <= 0) return null;
  const now = m.usPerSpan * m.startedPerSec;
  const unsampledNow = Math.max(0, m.startedPerSec - m.sampledPerSec);
  if (m.sampledPerSec <= 0) return sampled > 0 ? null : UNSAMPLED_US * m.startedPerSec;
  const perSampled = Math.max(0, (now - UNSAMPLED_US * unsampledNow) / m.sampledPerSec);
  return UNSAMPLED_US * Math.max(0, m.startedPerSec - sampled) + perSampled * sampled;
}

export function project(m: Measured, running: Knobs, proposed: Knobs): Projection {
  const sampled = sampledAt(m, running, proposed);
  const capacity = exportCapacity(m, proposed);
  const saturated = sampled > capacity;
  const exported = saturated ? capacity : sampled;
  const peak = saturated ? proposed.maxQueueSize : Math.min(sampled * (proposed.exportIntervalMs / 1000), proposed.batchSize);
  const queueUtilization = Math.min(1, peak / Math.max(1, proposed.maxQueueSize));

  let overheadPercent: number | null = null;
  const before = telemetryUsPerSec(m, m.sampledPerSec);
  const after = telemetryUsPerSec(m, sampled);
  if (m.overheadPercent !== null && before !== null && after !== null) {
    if (before <= 0 || m.overheadPercent <= 0) overheadPercent = m.overheadPercent;
    else {
      const processUs = before / (m.overheadPercent / 100);
      const rest = Math.max(0, processUs - before);
      overheadPercent = rest + after > 0 ? (after / (rest + after)) * 100 : 0;
    }
  }

  return {
    sampledPerSec: sampled,
    exportedPerSec: exported,
    droppedPerSec: saturated ? sampled - capacity : 0,
    sentBytesPerSec: m.sentBytesPerSpan === null ? null : exported * m.sentBytesPerSpan,
    rawBytesPerSec: m.rawBytesPerSpan === null ? null : exported * m.rawBytesPerSpan,
    queueUtilization,
    overheadPercent,
    capacityPerSec: capacity,
    saturated,
  };
}

/** True when any knob differs (what-if has something to show). */
export function knobsDiffer(a: Knobs, b: Knobs): boolean {
  return KNOB_KEYS.some((k) => Math.abs(a[k] - b[k]) > 1e-9);
}
