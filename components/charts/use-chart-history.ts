"use client";
/**
 * Chart data for the live snapshot stream. Every snapshot (4 Hz) is appended to the history, but
 * the array the charts get changes at most once per second of server time, or when the window
 * changes: redrawing six SVG charts was the page's main CPU cost, and a 1 Hz redraw is as
 * readable. The tiles keep their 4 Hz.
 *
 * The append happens during render (in useMemo); that is safe because ChartHistory.append is
 * idempotent per snapshot timestamp (a dev-mode double render adds nothing twice).
 */
import { useMemo, useRef } from "react";
import type { TelemetrySnapshot } from "../../server/telemetry/snapshot";
import { ChartHistory, type TimeWindowId } from "./chart-history";
import type { ChartPoint } from "./history-points";

export const CHART_REDRAW_MS = 1000;

export interface ChartData {
  points: ChartPoint[];
  history: ChartHistory;
}

export function useChartHistory(snapshot: TelemetrySnapshot | null, window: TimeWindowId): ChartData {
  const ref = useRef<ChartHistory | null>(null);
  if (ref.current === null) ref.current = new ChartHistory();
  const history = ref.current;

  useMemo(() => {
    if (snapshot) history.append(snapshot);
  }, [history, snapshot]);

  // A new key once per second of snapshot time: the charts' data is recomputed only then.
  const redrawKey = snapshot ? Math.floor(snapshot.ts / CHART_REDRAW_MS) : -1;
  const points = useMemo(
    () => history.points(window),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- redrawKey is the intended trigger
    [history, window, redrawKey],
  );
  return { points, history };
}
