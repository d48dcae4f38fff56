"use client";
/** Export round-trip latency, p50 and p99 over the recent exports, in milliseconds. */
import { memo } from "react";
import { ReferenceLine } from "recharts";
import type { ChartPoint } from "./history-points";
import { LiveLineChart } from "./live-line-chart";
import { WARNING_COLOR } from "./series";

const KEYS = ["latencyP50", "latencyP99"] as const;

function ms(v: number): string {
  return v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(v < 10 ? 1 : 0)} ms`;
}

export const ExportLatencyChart = memo(function ExportLatencyChart({ points, timeoutMs }: { points: ChartPoint[]; timeoutMs: number | null }) {
  const last = points.length ? points[points.length - 1] : null;
  return (
    <LiveLineChart
      id="export-latency"
      title="Export latency"
      unit="ms"
      points={points}
      keys={KEYS}
      yTick={(v) => (v >= 1000 ? `${(v / 1000).toFixed(1)}s` : `${Math.round(v)}`)}
      format={ms}
      summary={last && last.latencyP50 !== null ? `now p50 ${ms(last.latencyP50)} · p99 ${ms(last.latencyP99 ?? 0)}${timeoutMs ? ` · timeout ${ms(timeoutMs)}` : ""}` : undefined}
    >
      {timeoutMs !== null && last && (last.latencyP99 ?? 0) > timeoutMs / 2 ? (
        <ReferenceLine y={timeoutMs} stroke={WARNING_COLOR} strokeDasharray="6 4" ifOverflow="extendDomain" label={{ value: "timeout", position: "insideTopRight", fill: WARNING_COLOR, fontSize: 11 }} />
      ) : null}
    </LiveLineChart>
  );
});
