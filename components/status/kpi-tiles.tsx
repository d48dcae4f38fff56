"use client";
/** The headline row: the six figures an operator checks first, each with a health verdict. */
import { memo } from "react";
import type { TelemetryConfig } from "../../server/telemetry/config";
import { totalDropped, type TelemetrySnapshot } from "../../server/telemetry/snapshot";
import { formatBytes, formatCount, formatPercent } from "./format";
import { dropHealth, exportHealth, memoryHealth, queueHealth, samplingHealth, type Health } from "./health";
import { KpiTile } from "./kpi-tile";

interface Props {
  snapshot: TelemetrySnapshot | null;
  config: TelemetryConfig | null;
  stale: boolean;
}

const NO_DATA: Health = { level: "unknown", label: "No data" };

function splitBytes(bytes: number): [string, string] {
  const [value, unit] = formatBytes(bytes).split(" ");
  return [value, unit ?? ""];
}

function topDropReason(s: TelemetrySnapshot): string | null {
  let best: [string, number] | null = null;
  for (const [reason, n] of Object.entries(s.spans.dropped)) if (n && (!best || n > best[1])) best = [reason, n];
  return best ? best[0].replace(/_/g, " ") : null;
}

export const KpiTiles = memo(function KpiTiles({ snapshot: s, config, stale }: Props) {
  const grid = "grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6";
  if (!s) {
    const titles = ["Started", "Sampled", "Exported", "Dropped", "Queue", "Memory"];
    return (
      <div className={grid}>
        {titles.map((t) => (
          <KpiTile key={t} id={t.toLowerCase()} title={t} value="–" health={NO_DATA} detail="waiting for the first snapshot" />
        ))}
      </div>
    );
  }
  const r = s.rates;
  const dropped = totalDropped(s.spans);
  const reason = topDropReason(s);
  const [rssValue, rssUnit] = splitBytes(s.memory.rssBytes);
  const sampledShare = r.startedPerSec > 0 ? r.sampledPerSec / r.startedPerSec : null;
  return (
    <div className={grid}>
      <KpiTile
        id="started"
        title="Started"
        value={formatCount(r.startedPerSec)}
        raw={r.startedPerSec}
        unit="spans/s"
        health={r.startedPerSec > 0 ? { level: "ok", label: "Receiving" } : { level: "unknown", label: "Idle" }}
        detail={`${s.spans.started.toLocaleString("en-US")} since start`}
        stale={stale}
      />
      <KpiTile
        id="sampled"
        title="Sampled"
        value={formatCount(r.sampledPerSec)}
        raw={r.sampledPerSec}
        unit="spans/s"
        health={samplingHealth(s, config)}
        detail={sampledShare === null ? "nothing started" : `${formatPercent(sampledShare)} of started`}
        stale={stale}
      />
      <KpiTile
        id="exported"
        title="Exported"
        value={formatCount(r.exportedPerSec)}
        raw={r.exportedPerSec}
        unit="spans/s"
        health={exportHealth(s)}
        detail={`${s.export.exporter} · p99 ${Math.round(s.export.latencyMsP99)} ms${r.exportFailedPerSec > 0 ? ` · ${formatCount(r.exportFailedPerSec)}/s failed` : ""}`}
        stale={stale}
      />
      <KpiTile
        id="dropped"
        title="Dropped"
        value={formatCount(r.droppedPerSec)}
        raw={r.droppedPerSec}
        unit="spans/s"
        health={dropHealth(r.droppedPerSec, r.startedPerSec)}
        detail={`${dropped.toLocaleString("en-US")} total${reason ? ` · mostly ${reason}` : ""}`}
        stale={stale}
      />
      <KpiTile
        id="queue"
        title="Queue"
        value={(s.queue.utilization * 100).toFixed(1)}
        raw={s.queue.utilization}
        unit="% full"
        health={queueHealth(s.queue.utilization, config?.queueWarningThreshold ?? 0.8)}
        detail={`${s.queue.length.toLocaleString("en-US")} / ${s.queue.capacity.toLocaleString("en-US")} spans`}
        stale={stale}
      />
      <KpiTile
        id="memory"
        title="Memory"
        value={rssValue}
        raw={s.memory.rssBytes}
        unit={`${rssUnit} RSS`}
        health={memoryHealth(s, config)}
        detail={`telemetry ${formatBytes(s.memory.telemetryBytes)} · heap ${formatBytes(s.memory.heapUsedBytes)}`}
        stale={stale}
      />
    </div>
  );
});
