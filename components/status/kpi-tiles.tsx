"use client";
/**
 * The headline row: the figures an operator checks first, each with a health verdict (colour AND
 * a text label). Updated with every snapshot (4 Hz).
 */
import { memo } from "react";
import type { TelemetryConfig } from "../../server/telemetry/config";
import { totalDropped, type TelemetrySnapshot } from "../../server/telemetry/snapshot";
import { formatBytes, formatCoreShare, formatCount, formatPercent } from "./format";
import { dropHealth, exportHealth, memoryHealth, overheadHealth, queueHealth, samplingHealth, type Health } from "./health";
import { KpiTile } from "./kpi-tile";

interface Props {
  snapshot: TelemetrySnapshot | null;
  config: TelemetryConfig | null;
  stale: boolean;
}

const NO_DATA: Health = { level: "unknown", label: "No data" };
const GRID = "grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-6";
const TITLES: [string, string][] = [
  ["sampled", "Sampled"],
  ["exported", "Exported"],
  ["dropped", "Drop rate"],
  ["queue", "Queue"],
  ["memory", "Telemetry memory"],
  ["overhead", "Overhead"],
];

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
  if (!s) {
    return (
      <div className={GRID}>
        {TITLES.map(([id, t]) => (
          <KpiTile key={id} id={id} title={t} value="–" health={NO_DATA} detail="waiting for the first snapshot" />
        ))}
      </div>
    );
  }
  const r = s.rates;
  const dropped = totalDropped(s.spans);
  const reason = topDropReason(s);
  const [memValue, memUnit] = splitBytes(s.memory.telemetryBytes);
  const sampledShare = r.startedPerSec > 0 ? r.sampledPerSec / r.startedPerSec : null;
  const dropShare = r.startedPerSec > 0 ? r.droppedPerSec / r.startedPerSec : 0;
  const target = config?.performanceMonitor?.targetOverheadPercent ?? 1;
  const o = s.overhead;
  return (
    <div className={GRID}>
      <KpiTile
        id="sampled"
        title="Sampled"
        value={formatCount(r.sampledPerSec)}
        raw={r.sampledPerSec}
        unit="spans/s"
        health={samplingHealth(s, config)}
        detail={
          <>
            of{" "}
            <span data-testid="kpi-started-value" data-value={r.startedPerSec} className="font-mono">
              {formatCount(r.startedPerSec)}
            </span>{" "}
            started/s{sampledShare === null ? "" : ` (${formatPercent(sampledShare)})`}
          </>
        }
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
        title="Drop rate"
        value={formatCount(r.droppedPerSec)}
        raw={r.droppedPerSec}
        unit="spans/s"
        health={dropHealth(r.droppedPerSec, r.startedPerSec)}
        detail={`${formatPercent(dropShare)} of started · ${dropped.toLocaleString("en-US")} total${reason ? ` · mostly ${reason}` : ""}`}
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
        title="Telemetry memory"
        value={memValue}
        raw={s.memory.telemetryBytes}
        unit={memUnit}
        health={memoryHealth(s, config)}
        detail={`RSS ${formatBytes(s.memory.rssBytes)} · heap ${formatBytes(s.memory.heapUsedBytes)}`}
        stale={stale}
      />
      <KpiTile
        id="overhead"
        title="Overhead"
        value={o ? o.percent.toFixed(2) : "–"}
        raw={o?.percent}
        unit="% CPU"
        health={overheadHealth(o, target)}
        detail={o ? `${o.usPerSpan.toFixed(1)} µs/span · ${formatCoreShare(o.cpuMsPerSec)} of a core (process ${formatCoreShare(o.processCpuMsPerSec)}) · target ${target} %` : "not measured yet"}
        stale={stale}
      />
    </div>
  );
});
