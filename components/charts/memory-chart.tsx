"use client";
/** Process memory (RSS, heap used) and the telemetry pipeline's own estimate, in MB. */
import { memo } from "react";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartCard } from "./chart-card";
import { ChartTooltip } from "./chart-tooltip";
import type { HistoryPoint } from "./history-points";
import { bySeriesOrder, SERIES } from "./series";
import { SeriesLegend } from "./series-legend";
import { CHART_MARGIN, GRID_PROPS, ticksFor, X_AXIS_PROPS, Y_AXIS_PROPS } from "./time-axis";

const CHART_HEIGHT = 184;
const KEYS = ["rssMb", "heapMb", "telemetryMb"] as const;

export const MemoryChart = memo(function MemoryChart({ points }: { points: HistoryPoint[] }) {
  const last = points.length ? points[points.length - 1] : null;
  return (
    <ChartCard
      id="memory"
      title="Memory"
      unit="MB"
      summary={last && last.rssMb !== null ? `now RSS ${last.rssMb.toFixed(0)} MB · heap ${(last.heapMb ?? 0).toFixed(0)} MB` : undefined}
    >
      <ResponsiveContainer width="100%" height={CHART_HEIGHT} initialDimension={{ width: 600, height: CHART_HEIGHT }}>
        <LineChart data={points} margin={CHART_MARGIN}>
          <CartesianGrid {...GRID_PROPS} />
          <XAxis {...X_AXIS_PROPS} ticks={ticksFor(points)} />
          <YAxis {...Y_AXIS_PROPS} tickFormatter={(v: number) => `${Math.round(v)}`} />
          <Tooltip content={<ChartTooltip unit="MB" />} isAnimationActive={false} itemSorter={bySeriesOrder} />
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
