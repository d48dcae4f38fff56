"use client";
/** Queue utilization in percent, with the configured warning threshold drawn as a line. */
import { memo } from "react";
import { Area, AreaChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartCard } from "./chart-card";
import { ChartTooltip } from "./chart-tooltip";
import type { ChartPoint } from "./history-points";
import { bySeriesOrder, SERIES, WARNING_COLOR } from "./series";
import { SeriesLegend } from "./series-legend";
import { CHART_HEIGHT, CHART_MARGIN, GRID_PROPS, ticksFor, X_AXIS_PROPS, Y_AXIS_PROPS } from "./time-axis";

interface Props {
  points: ChartPoint[];
  /** 0..1 from config.queueWarningThreshold; null until the config is known. */
  warningThreshold: number | null;
}

export const QueueChart = memo(function QueueChart({ points, warningThreshold }: Props) {
  const last = points.length ? points[points.length - 1] : null;
  const warnPct = warningThreshold === null ? null : warningThreshold * 100;
  return (
    <ChartCard
      id="queue"
      title="Queue utilization"
      unit="% of capacity"
      summary={
        <>
          {last && last.queuePct !== null ? `now ${last.queuePct.toFixed(1)} %` : null}
          {warnPct !== null ? (
            <span className="ml-2 text-amber-700 dark:text-amber-400" data-testid="queue-warning-threshold">
              warning at {warnPct.toFixed(0)} %
            </span>
          ) : null}
        </>
      }
    >
      <ResponsiveContainer width="100%" height={CHART_HEIGHT} initialDimension={{ width: 480, height: CHART_HEIGHT }}>
        <AreaChart data={points} margin={CHART_MARGIN}>
          <CartesianGrid {...GRID_PROPS} />
          <XAxis {...X_AXIS_PROPS} ticks={ticksFor(points)} />
          <YAxis {...Y_AXIS_PROPS} domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tickFormatter={(v: number) => `${v} %`} />
          <Tooltip content={<ChartTooltip unit="%" />} isAnimationActive={false} itemSorter={bySeriesOrder} />
          {warnPct !== null && (
            <ReferenceLine
              y={warnPct}
              stroke={WARNING_COLOR}
              strokeDasharray="6 4"
              strokeWidth={1.5}
              ifOverflow="extendDomain"
              label={{ value: `warning ${warnPct.toFixed(0)} %`, position: "insideTopRight", fill: WARNING_COLOR, fontSize: 11 }}
            />
          )}
          <Area
            type="linear"
            dataKey="queuePct"
            name={SERIES.queuePct.name}
            stroke={SERIES.queuePct.color}
            fill={SERIES.queuePct.color}
            fillOpacity={0.2}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
            connectNulls={false}
          />
        </AreaChart>
      </ResponsiveContainer>
      <SeriesLegend keys={["queuePct"]} />
    </ChartCard>
  );
});
