"use client";
/** Export volume per second: serialized (raw) next to what went on the wire after compression. */
import { memo } from "react";
import { formatBytes } from "../status/format";
import type { ChartPoint } from "./history-points";
import { LiveLineChart } from "./live-line-chart";

const KEYS = ["rawBps", "sentBps"] as const;
const perSec = (v: number) => `${formatBytes(v)}/s`;

/** Axis ticks short enough for the axis width: "512", "137K", "1.2M". */
export function compactBytes(v: number): string {
  if (v < 1024) return `${Math.round(v)}`;
  if (v < 1024 * 1024) return `${Math.round(v / 1024)}K`;
  return `${(v / (1024 * 1024)).toFixed(1)}M`;
}

export const BytesChart = memo(function BytesChart({ points, windowMs }: { points: ChartPoint[]; windowMs: number }) {
  const last = points.length ? points[points.length - 1] : null;
  const saved = last && last.rawBps && last.sentBps !== null && last.rawBps > 0 ? 1 - last.sentBps / last.rawBps : null;
  const summary = last && last.sentBps !== null ? `now ${perSec(last.sentBps)} sent${saved !== null ? ` · ${(saved * 100).toFixed(0)} % saved` : ""}` : undefined;
  return <LiveLineChart windowMs={windowMs} id="bytes" title="Export bytes" unit="bytes/s" points={points} keys={KEYS} yTick={compactBytes} format={perSec} summary={summary} summaryText={summary} />;
});
