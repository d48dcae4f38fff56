"use client";
/** Export round-trip latency, p50 and p99 over the recent exports, in milliseconds. */
import { memo, useMemo } from "react";
import type { ChartPoint } from "./history-points";
import { LiveLineChart } from "./live-line-chart";
import { WARNING_COLOR } from "./series";

const KEYS = ["latencyP50", "latencyP99"] as const;

function ms(v: number): string {
  return v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(v < 10 ? 1 : 0)} ms`;
}
const tick = (v: number) => (v >= 1000 ? `${Number((v / 1000).toFixed(1))}s` : `${Math.round(v)}`);

export const ExportLatencyChart = memo(function ExportLatencyChart({ points, timeoutMs, windowMs }: { points: ChartPoint[]; timeoutMs: number | null; windowMs: number }) {
  const last = points.length ? points[points.length - 1] : null;
  // The timeout is drawn only when p99 gets within half of it: otherwise it would flatten the lines.
  const near = timeoutMs !== null && last !== null && (last.latencyP99 ?? 0) > timeoutMs / 2;
  const references = useMemo(() => (near && timeoutMs !== null ? [{ y: timeoutMs, label: "timeout", color: WARNING_COLOR }] : []), [near, timeoutMs]);
  const summary = last && last.latencyP50 !== null ? `now p50 ${ms(last.latencyP50)} · p99 ${ms(last.latencyP99 ?? 0)}${timeoutMs ? ` · timeout ${ms(timeoutMs)}` : ""}` : undefined;
  return <LiveLineChart windowMs={windowMs} id="export-latency" title="Export latency" unit="ms" points={points} keys={KEYS} yTick={tick} format={ms} summary={summary} summaryText={summary} references={references} />;
});
