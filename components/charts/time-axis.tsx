/**
 * Shared chart scaffolding. recharts finds axes and grids by element type, so these are plain
 * prop objects spread onto recharts' own components, not wrapper components.
 */
import { formatClock } from "../status/format";
import type { ChartPoint } from "./history-points";
import { AXIS_TICK } from "./series";
import { timeTicks } from "./time-ticks";

/** Whole-second ticks across the points' time range. */
export function ticksFor(points: ChartPoint[]): number[] {
  return points.length ? timeTicks(points[0].t, points[points.length - 1].t) : [];
}

export const X_AXIS_PROPS = {
  dataKey: "t",
  type: "number" as const,
  domain: ["dataMin", "dataMax"] as [string, string],
  tickFormatter: (t: number) => formatClock(t),
  tick: AXIS_TICK,
  minTickGap: 24,
  stroke: "currentColor",
  strokeOpacity: 0.4,
};

export const Y_AXIS_PROPS = {
  tick: AXIS_TICK,
  width: 52,
  stroke: "currentColor",
  strokeOpacity: 0.4,
};

export const GRID_PROPS = { stroke: "currentColor", strokeOpacity: 0.12, vertical: false };

export const CHART_MARGIN = { top: 8, right: 12, bottom: 0, left: 0 };

export const CHART_HEIGHT = 168;
