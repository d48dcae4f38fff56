"use client";
/**
 * A live line chart of a few series over time: the shared shape of the latency, bytes, memory
 * and overhead charts. The unit is in the title, on the axis ticks and in the tooltip.
 */
import { memo, type ReactNode } from "react";
import { ChartCard } from "./chart-card";
import type { ChartPoint } from "./history-points";
import type { SeriesKey } from "./series";
import { SeriesLegend } from "./series-legend";
import { TimeSeriesChart, type ReferenceLineSpec } from "./time-series-chart";

export const CHART_HEIGHT = 168;

interface Props {
  id: string;
  title: string;
  unit: string;
  points: ChartPoint[];
  keys: readonly SeriesKey[];
  summary?: ReactNode;
  /** A short text of the latest values, for screen readers. */
  summaryText?: string;
  yTick: (value: number) => string;
  format: (value: number) => string;
  references?: readonly ReferenceLineSpec[];
  windowMs: number;
}

export const LiveLineChart = memo(function LiveLineChart({ id, title, unit, points, keys, summary, summaryText, yTick, format, references, windowMs }: Props) {
  return (
    <ChartCard id={id} title={title} unit={unit} summary={summary}>
      <TimeSeriesChart points={points} keys={keys} windowMs={windowMs} height={CHART_HEIGHT} yTick={yTick} format={format} references={references} label={`${title} (${unit})${summaryText ? `: ${summaryText}` : ""}`} />
      <SeriesLegend keys={keys} />
    </ChartCard>
  );
});
