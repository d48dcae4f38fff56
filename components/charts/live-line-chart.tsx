"use client";
/**
 * A live line chart of a few series over time: the shared shape of the latency, bytes, memory
 * and overhead charts. No animation (the data changes every second), a static legend, and the
 * unit in the title, on the axis and in the tooltip.
 */
import { memo, type ReactNode } from "react";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartCard } from "./chart-card";
import { ChartTooltip } from "./chart-tooltip";
import type { ChartPoint } from "./history-points";
import { bySeriesOrder, SERIES, type SeriesKey } from "./series";
import { SeriesLegend } from "./series-legend";
import { CHART_HEIGHT, CHART_MARGIN, GRID_PROPS, ticksFor, X_AXIS_PROPS, Y_AXIS_PROPS } from "./time-axis";

interface Props {
  id: string;
  title: string;
  unit: string;
  points: ChartPoint[];
  keys: readonly SeriesKey[];
  summary?: ReactNode;
  yTick: (value: number) => string;
  /** Tooltip value with its unit; default: one decimal and `unit`. */
  format?: (value: number) => string;
  /** Extra recharts elements (reference lines) drawn over the grid. */
  children?: ReactNode;
}

export const LiveLineChart = memo(function LiveLineChart({ id, title, unit, points, keys, summary, yTick, format, children }: Props) {
  return (
    <ChartCard id={id} title={title} unit={unit} summary={summary}>
      <ResponsiveContainer width="100%" height={CHART_HEIGHT} initialDimension={{ width: 480, height: CHART_HEIGHT }}>
        <LineChart data={points} margin={CHART_MARGIN}>
          <CartesianGrid {...GRID_PROPS} />
          <XAxis {...X_AXIS_PROPS} ticks={ticksFor(points)} />
          <YAxis {...Y_AXIS_PROPS} tickFormatter={yTick} />
          <Tooltip content={<ChartTooltip unit={unit} format={format} />} isAnimationActive={false} itemSorter={bySeriesOrder} />
          {children}
          {keys.map((key) => (
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
      <SeriesLegend keys={keys} />
    </ChartCard>
  );
});
