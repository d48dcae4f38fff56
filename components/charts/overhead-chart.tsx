"use client";
/** Telemetry CPU as a share of the process's CPU, with the performance target when one is set. */
import { memo } from "react";
import { ReferenceLine } from "recharts";
import type { ChartPoint } from "./history-points";
import { LiveLineChart } from "./live-line-chart";
import { WARNING_COLOR } from "./series";

const KEYS = ["overheadPct"] as const;
const pct = (v: number) => `${v.toFixed(2)} %`;

export const OverheadChart = memo(function OverheadChart({ points, targetPercent }: { points: ChartPoint[]; targetPercent: number | null }) {
  const last = points.length ? points[points.length - 1] : null;
  return (
    <LiveLineChart
      id="overhead"
      title="Telemetry overhead"
      unit="% of process CPU"
      points={points}
      keys={KEYS}
      yTick={(v) => `${v.toFixed(v < 10 ? 1 : 0)} %`}
      format={pct}
      summary={last && last.overheadPct !== null ? `now ${pct(last.overheadPct)}${targetPercent !== null ? ` · target ${targetPercent} %` : ""}` : undefined}
    >
      {targetPercent !== null ? (
        <ReferenceLine y={targetPercent} stroke={WARNING_COLOR} strokeDasharray="6 4" ifOverflow="extendDomain" label={{ value: `target ${targetPercent} %`, position: "insideTopRight", fill: WARNING_COLOR, fontSize: 11 }} />
      ) : null}
    </LiveLineChart>
  );
});
