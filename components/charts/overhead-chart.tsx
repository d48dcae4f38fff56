"use client";
/** Telemetry CPU as a share of the process's CPU, with the performance target when one is set. */
import { memo, useMemo } from "react";
import type { ChartPoint } from "./history-points";
import { LiveLineChart } from "./live-line-chart";
import { WARNING_COLOR } from "./series";

const KEYS = ["overheadPct"] as const;
const pct = (v: number) => `${v.toFixed(2)} %`;
const tick = (v: number) => `${Number(v.toFixed(v < 10 ? 1 : 0))} %`;

export const OverheadChart = memo(function OverheadChart({ points, targetPercent, windowMs }: { points: ChartPoint[]; targetPercent: number | null; windowMs: number }) {
  const last = points.length ? points[points.length - 1] : null;
  const references = useMemo(() => (targetPercent === null ? [] : [{ y: targetPercent, label: `target ${targetPercent} %`, color: WARNING_COLOR }]), [targetPercent]);
  const summary = last && last.overheadPct !== null ? `now ${pct(last.overheadPct)}${targetPercent !== null ? ` · target ${targetPercent} %` : ""}` : undefined;
  return <LiveLineChart windowMs={windowMs} id="overhead" title="Telemetry overhead" unit="% of process CPU" points={points} keys={KEYS} yTick={tick} format={pct} summary={summary} summaryText={summary} references={references} />;
});
