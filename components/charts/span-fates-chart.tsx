"use client";
/**
 * What happened to the spans started each second, stacked: exported, written to the fallback,
 * failed, dropped (one band per reason) and not sampled. The stack's height is the started rate
 * (give or take the spans still queued or in flight). Bands that stayed at zero over the window
 * are left out of the chart and the legend.
 */
import { memo, useMemo } from "react";
import { formatCount } from "../status/format";
import { ChartCard } from "./chart-card";
import type { ChartPoint } from "./history-points";
import { CHART_HEIGHT } from "./live-line-chart";
import { FATE_KEYS, type SeriesKey } from "./series";
import { SeriesLegend } from "./series-legend";
import { TimeSeriesChart } from "./time-series-chart";

/** Always shown, even at zero, so the chart never looks empty for lack of a legend. */
const ALWAYS: ReadonlySet<SeriesKey> = new Set<SeriesKey>(["exported", "notSampled"]);

export function presentFateKeys(points: ChartPoint[]): SeriesKey[] {
  return FATE_KEYS.filter((key) => ALWAYS.has(key) || points.some((p) => (p[key] ?? 0) > 0.001));
}

const tick = (v: number) => formatCount(v).replace(/\.0$/, "");
const perSec = (v: number) => `${formatCount(v)} spans/s`;

export const SpanFatesChart = memo(function SpanFatesChart({ points, windowMs }: { points: ChartPoint[]; windowMs: number }) {
  const keys = useMemo(() => presentFateKeys(points), [points]);
  const last = points.length ? points[points.length - 1] : null;
  const losses = last ? keys.filter((k) => k !== "exported" && k !== "notSampled").reduce((sum, k) => sum + (last[k] ?? 0), 0) : 0;
  const summary = last && last.exported !== null ? `now ${formatCount(last.exported)} exported · ${formatCount(losses)} lost · ${formatCount(last.notSampled ?? 0)} not sampled` : undefined;
  return (
    <ChartCard id="span-fates" title="Span fates" unit="spans/s" summary={summary}>
      <TimeSeriesChart points={points} keys={keys} windowMs={windowMs} stacked height={CHART_HEIGHT} yTick={tick} format={perSec} label={`Span fates (spans/s)${summary ? `: ${summary}` : ""}`} />
      <SeriesLegend keys={keys} swatch="area" />
    </ChartCard>
  );
});
