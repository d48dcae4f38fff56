"use client";
/**
 * The live charts: span fates, queue, export latency, bytes, memory and overhead, over a chosen
 * window. Data comes from useChartHistory (600 points at most per window, redrawn at 1 Hz).
 */
import { memo } from "react";
import type { TelemetryConfig } from "../../server/telemetry/config";
import { BytesChart } from "./bytes-chart";
import { TIME_WINDOWS, type TimeWindowId } from "./chart-history";
import { ExportLatencyChart } from "./export-latency-chart";
import type { ChartPoint } from "./history-points";
import { MemoryChart } from "./memory-chart";
import { OverheadChart } from "./overhead-chart";
import { QueueChart } from "./queue-chart";
import { SpanFatesChart } from "./span-fates-chart";
import { WindowPicker } from "./window-picker";

interface Props {
  points: ChartPoint[];
  window: TimeWindowId;
  onWindowChange: (id: TimeWindowId) => void;
  config: TelemetryConfig | null;
}

export const ChartsSection = memo(function ChartsSection({ points, window, onWindowChange, config }: Props) {
  const ms = (TIME_WINDOWS.find((w) => w.id === window) ?? TIME_WINDOWS[0]).ms;
  return (
    <section aria-labelledby="charts-heading" className="flex min-w-0 flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="charts-heading" className="text-base font-semibold">
          Live charts
        </h2>
        <WindowPicker value={window} onChange={onWindowChange} />
      </div>
      <div className="grid gap-3 md:grid-cols-2">
        <SpanFatesChart points={points} windowMs={ms} />
        <QueueChart points={points} warningThreshold={config?.queueWarningThreshold ?? null} windowMs={ms} />
        <ExportLatencyChart points={points} timeoutMs={config?.exportTimeoutMs ?? null} windowMs={ms} />
        <BytesChart points={points} windowMs={ms} />
        <MemoryChart points={points} windowMs={ms} />
        <OverheadChart points={points} targetPercent={config?.performanceMonitor?.targetOverheadPercent ?? null} windowMs={ms} />
      </div>
    </section>
  );
});
