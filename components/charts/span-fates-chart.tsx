"use client";
/**
 * What happened to the spans started each second, stacked: exported, written to the fallback,
 * failed, dropped (one band per reason) and not sampled. The stack's height is the started rate
 * (give or take the spans still queued or in flight). Bands that stayed at zero over the window
 * are left out of the chart and the legend.
 */
import { memo, useMemo } from "react";
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount } from "../status/format";
import { ChartCard } from "./chart-card";
import { ChartTooltip } from "./chart-tooltip";
import type { ChartPoint } from "./history-points";
import { bySeriesOrder, FATE_KEYS, SERIES, type SeriesKey } from "./series";
import { SeriesLegend } from "./series-legend";
import { CHART_HEIGHT, CHART_MARGIN, GRID_PROPS, ticksFor, X_AXIS_PROPS, Y_AXIS_PROPS } from "./time-axis";

/** Always shown, even at zero, so the chart never looks empty for lack of a legend. */
const ALWAYS: ReadonlySet<SeriesKey> = new Set<SeriesKey>(["exported", "notSampled"]);

export function presentFateKeys(points: ChartPoint[]): SeriesKey[] {
  return FATE_KEYS.filter((key) => ALWAYS.has(key) || points.some((p) => (p[key] ?? 0) > 0.001));
}

export const SpanFatesChart = memo(function SpanFatesChart({ points }: { points: ChartPoint[] }) {
  const keys = useMemo(() => presentFateKeys(points), [points]);
  const last = points.length ? points[points.length - 1] : null;
  const losses = last ? keys.filter((k) => k !== "exported" && k !== "notSampled").reduce((sum, k) => sum + (last[k] ?? 0), 0) : 0;
  return (
    <ChartCard
      id="span-fates"
      title="Span fates"
      unit="spans/s"
      summary={last && last.exported !== null ? `now ${formatCount(last.exported)} exported · ${formatCount(losses)} lost · ${formatCount(last.notSampled ?? 0)} not sampled` : undefined}
    >
      <ResponsiveContainer width="100%" height={CHART_HEIGHT} initialDimension={{ width: 480, height: CHART_HEIGHT }}>
        <AreaChart data={points} margin={CHART_MARGIN}>
          <CartesianGrid {...GRID_PROPS} />
          <XAxis {...X_AXIS_PROPS} ticks={ticksFor(points)} />
          <YAxis {...Y_AXIS_PROPS} tickFormatter={(v: number) => formatCount(v).replace(/\.0$/, "")} />
          <Tooltip content={<ChartTooltip unit="spans/s" />} isAnimationActive={false} itemSorter={bySeriesOrder} />
          {keys.map((key) => (
            <Area
              key={key}
              type="linear"
              dataKey={key}
              stackId="fates"
              name={SERIES[key].name}
              stroke={SERIES[key].color}
              fill={SERIES[key].color}
              fillOpacity={key === "notSampled" ? 0.25 : 0.55}
              strokeWidth={1}
              dot={false}
              isAnimationActive={false}
              connectNulls={false}
            />
          ))}
        </AreaChart>
      </ResponsiveContainer>
      <SeriesLegend keys={keys} swatch="area" />
    </ChartCard>
  );
});
