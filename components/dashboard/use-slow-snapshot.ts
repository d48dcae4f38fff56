"use client";
/**
 * The latest snapshot, but a new object at most once per second of snapshot time. Panels whose
 * figures need not move at 4 Hz (controls' effective values, drills, checklist, what-if) take
 * this one, and being memoized, skip three renders in four.
 */
import { useMemo, useRef } from "react";
import type { TelemetrySnapshot } from "../../server/telemetry/snapshot";

export function useSlowSnapshot(snapshot: TelemetrySnapshot | null, periodMs = 1000): TelemetrySnapshot | null {
  const latest = useRef(snapshot);
  latest.current = snapshot;
  const key = snapshot ? Math.floor(snapshot.ts / periodMs) : -1;
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` is the intended trigger
  return useMemo(() => latest.current, [key]);
}
