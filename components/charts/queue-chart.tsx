"use client";
/** Queue utilization in percent, with the configured warning threshold drawn as a line. */
import { memo, useMemo } from "react";
import { ChartCard } from "./chart-card";
import type { ChartPoint } from "./history-points";
import { CHART_HEIGHT } from "./live-line-chart";
import { WARNING_COLOR } from "./series";
import { SeriesLegend } from "./series-legend";
import { TimeSeriesChart } from "./time-series-chart";

interface Props {
  points: ChartPoint[];
  /** 0..1 from config.queueWarningThreshold; null until the config is known. */
  warningThreshold: number | null;
  windowMs: number;
}

const KEYS = ["queuePct"] as const;
const tick = (v: number) => `${v} %`;
const pct = (v: number) => `${v.toFixed(1)} %`;

export const QueueChart = memo(function QueueChart({ points, warningThreshold, windowMs }: Props) {
  const last = points.length ? points[points.length - 1] : null;
  const warnPct = warningThreshold === null ? null : warningThreshold * 100;
  const references = useMemo(() => (warnPct === null ? [] : [{ y: warnPct, label: `warning ${warnPct.toFixed(0)} %`, color: WARNING_COLOR }]), [warnPct]);
  const now = last && last.queuePct !== null ? `now ${last.queuePct.toFixed(1)} %` : null;
  return (
    <ChartCard
      id="queue"
      title="Queue utilization"
      unit="% of capacity"
      summary={
        <>
          {now}
          {warnPct !== null ? (
            <span className="ml-2 text-amber-700 dark:text-amber-400" data-testid="queue-warning-threshold">
              warning at {warnPct.toFixed(0)} %
            </span>
          ) : null}
        </>
      }
    >
      <TimeSeriesChart
        points={points}
        keys={KEYS}
        windowMs={windowMs}
        height={CHART_HEIGHT}
        yMax={100}
        yTick={tick}
        format={pct}
        references={references}
        label={`Queue utilization (% of capacity)${now ? `: ${now}` : ""}${warnPct !== null ? `, warning at ${warnPct.toFixed(0)} %` : ""}`}
      />
      <SeriesLegend keys={KEYS} />
    </ChartCard>
  );
});
