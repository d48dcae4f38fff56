"use client";
/** Spans per second through each stage: started, sampled, exported, dropped. */
import { memo } from "react";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount } from "../status/format";
import { ChartCard } from "./chart-card";
import { ChartTooltip } from "./chart-tooltip";
import type { HistoryPoint } from "./history-points";
import { bySeriesOrder, SERIES } from "./series";
import { SeriesLegend } from "./series-legend";
import { CHART_MARGIN, GRID_PROPS, ticksFor, X_AXIS_PROPS, Y_AXIS_PROPS } from "./time-axis";

const CHART_HEIGHT = 184;
const KEYS = ["started", "sampled", "exported", "dropped"] as const;

export const SpanRatesChart = memo(function SpanRatesChart({ points }: { points: HistoryPoint[] }) {
  const last = points.length ? points[points.length - 1] : null;
  return (
    <ChartCard
      id="span-rates"
      title="Spans per second"
      unit="spans/s"
      summary={last && last.started !== null ? `now ${formatCount(last.started)} started · ${formatCount(last.sampled ?? 0)} sampled` : undefined}
    >
      <ResponsiveContainer width="100%" height={CHART_HEIGHT} initialDimension={{ width: 600, height: CHART_HEIGHT }}>
        <LineChart data={points} margin={CHART_MARGIN}>
          <CartesianGrid {...GRID_PROPS} />
          <XAxis {...X_AXIS_PROPS} ticks={ticksFor(points)} />
          <YAxis {...Y_AXIS_PROPS} tickFormatter={(v: number) => formatCount(v).replace(/\.0$/, "")} />
          <Tooltip content={<ChartTooltip unit="spans/s" />} isAnimationActive={false} itemSorter={bySeriesOrder} />
          {KEYS.map((key) => (
            <Line
              key={key}
              type="linear"
              dataKey={key}
              name={SERIES[key].name}
              stroke={SERIES[key].color}
              strokeDasharray={SERIES[key].dash}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
              connectNulls={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
      <SeriesLegend keys={KEYS} />
    </ChartCard>
  );
});
