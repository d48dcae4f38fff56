"use client";
/**
 * Chart history for the live snapshot stream: at most 600 points per series, as one stable
 * array per snapshot (memoized: recharts sees a new array only when a snapshot arrived, at the
 * 250 ms cadence, never on unrelated re-renders).
 *
 * The append happens inside useMemo; that is safe because appendSnapshot is idempotent per
 * snapshot timestamp (a dev-mode double render adds nothing twice).
 */
import { useMemo, useRef } from "react";
import type { TelemetrySnapshot } from "../../server/telemetry/snapshot";
import { appendSnapshot, createHistory, type HistoryPoint } from "./history-points";
import type { RingBuffer } from "./ring-buffer";

export function useSnapshotHistory(snapshot: TelemetrySnapshot | null): HistoryPoint[] {
  const bufferRef = useRef<RingBuffer<HistoryPoint> | null>(null);
  if (bufferRef.current === null) bufferRef.current = createHistory();
  const buffer = bufferRef.current;
  return useMemo(() => {
    if (snapshot) appendSnapshot(buffer, snapshot);
    return buffer.toArray();
    // Keyed on the snapshot's identity: a new object arrives at most every 250 ms.
  }, [buffer, snapshot]);
}
