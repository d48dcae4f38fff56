/**
 * Snapshots turned into chart points, kept in a ring buffer of at most HISTORY_CAPACITY points
 * (600 x 250 ms = 2.5 minutes of history). Pure; tested in history-points.test.ts.
 *
 * Invariants: points are in increasing `t`; appending the same snapshot twice adds one point
 * (so a React double-render cannot duplicate data); a silence longer than GAP_MS inserts a gap
 * point (all series null) so lines break instead of drawing a straight line across an outage;
 * a clock going backwards (the server restarted) starts the history afresh.
 */
import type { TelemetrySnapshot } from "../../server/telemetry/snapshot";
import { RingBuffer } from "./ring-buffer";

export const HISTORY_CAPACITY = 600;
export const GAP_MS = 2000;

export interface HistoryPoint {
  t: number;
  started: number | null;
  sampled: number | null;
  exported: number | null;
  dropped: number | null;
  /** Queue utilization in percent (0-100). */
  queuePct: number | null;
  rssMb: number | null;
  heapMb: number | null;
  telemetryMb: number | null;
}

const MB = 1024 * 1024;

export function toHistoryPoint(s: TelemetrySnapshot): HistoryPoint {
  return {
    t: s.ts,
    started: s.rates.startedPerSec,
    sampled: s.rates.sampledPerSec,
    exported: s.rates.exportedPerSec,
    dropped: s.rates.droppedPerSec,
    queuePct: s.queue.utilization * 100,
    rssMb: s.memory.rssBytes / MB,
    heapMb: s.memory.heapUsedBytes / MB,
    telemetryMb: s.memory.telemetryBytes / MB,
  };
}

function gapPoint(t: number): HistoryPoint {
  return { t, started: null, sampled: null, exported: null, dropped: null, queuePct: null, rssMb: null, heapMb: null, telemetryMb: null };
}

export function createHistory(capacity = HISTORY_CAPACITY): RingBuffer<HistoryPoint> {
  return new RingBuffer<HistoryPoint>(capacity);
}

/** Appends a snapshot; returns whether the buffer changed. */
export function appendSnapshot(buffer: RingBuffer<HistoryPoint>, s: TelemetrySnapshot): boolean {
  const last = buffer.last();
  if (last) {
    if (s.ts === last.t) return false;
    if (s.ts < last.t) buffer.clear();
    else if (s.ts - last.t > GAP_MS) buffer.push(gapPoint(last.t + 1));
  }
  buffer.push(toHistoryPoint(s));
  return true;
}
