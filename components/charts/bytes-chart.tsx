"use client";
/** Export volume per second: serialized (raw) next to what went on the wire after compression. */
import { memo } from "react";
import { formatBytes } from "../status/format";
import type { ChartPoint } from "./history-points";
import { LiveLineChart } from "./live-line-chart";

const KEYS = ["rawBps", "sentBps"] as const;
const perSec = (v: number) => `${formatBytes(v)}/s`;

export const BytesChart = memo(function BytesChart({ points }: { points: ChartPoint[] }) {
  const last = points.length ? points[points.length - 1] : null;
  const saved = last && last.rawBps && last.sentBps !== null && last.rawBps > 0 ? 1 - last.sentBps / last.rawBps : null;
  return (
    <LiveLineChart
      id="bytes"
      title="Export bytes"
      unit="bytes/s"
      points={points}
      keys={KEYS}
      yTick={(v) => formatBytes(v).replace(" ", "")}
      format={perSec}
      summary={last && last.sentBps !== null ? `now ${perSec(last.sentBps)} sent${saved !== null ? ` · ${(saved * 100).toFixed(0)} % saved` : ""}` : undefined}
    />
  );
});
