"use client";
/** Process memory (RSS, heap used) and the telemetry pipeline's own estimate, in MB. */
import { memo } from "react";
import type { ChartPoint } from "./history-points";
import { LiveLineChart } from "./live-line-chart";

const KEYS = ["rssMb", "heapMb", "telemetryMb"] as const;
const mb = (v: number) => `${v.toFixed(1)} MB`;
const tick = (v: number) => `${Number(v.toFixed(v < 10 ? 1 : 0))}`;

export const MemoryChart = memo(function MemoryChart({ points, windowMs }: { points: ChartPoint[]; windowMs: number }) {
  const last = points.length ? points[points.length - 1] : null;
  const summary = last && last.rssMb !== null ? `now RSS ${last.rssMb.toFixed(0)} MB · telemetry ${(last.telemetryMb ?? 0).toFixed(1)} MB` : undefined;
  return <LiveLineChart windowMs={windowMs} id="memory" title="Memory" unit="MB" points={points} keys={KEYS} yTick={tick} format={mb} summary={summary} summaryText={summary} />;
});
