/**
 * Health verdicts for the KPI tiles and header: every verdict has a level (drives the colour)
 * AND a short label (so colour is never the only signal). Pure; tested in health.test.ts.
 */
import type { TelemetryConfig } from "../../server/telemetry/config";
import { overheadJudgeable, type BreakerState, type OverheadFigures, type TelemetrySnapshot } from "../../server/telemetry/snapshot";

export type HealthLevel = "ok" | "warn" | "critical" | "unknown";

export interface Health {
  level: HealthLevel;
  label: string;
}

/** Queue at or above this utilization is effectively full (drops or blocking are imminent). */
export const QUEUE_CRITICAL = 0.95;
/** Dropping more than this share of started spans is a data-loss incident, not a blip. */
export const DROP_CRITICAL_RATIO = 0.01;

export function queueHealth(utilization: number, warningThreshold: number): Health {
  if (!Number.isFinite(utilization)) return { level: "unknown", label: "No data" };
  if (utilization >= QUEUE_CRITICAL) return { level: "critical", label: "Full" };
  if (utilization >= warningThreshold) return { level: "warn", label: "Above warning" };
  return { level: "ok", label: "Normal" };
}

export function dropHealth(droppedPerSec: number, startedPerSec: number): Health {
  if (!Number.isFinite(droppedPerSec)) return { level: "unknown", label: "No data" };
  if (droppedPerSec <= 0) return { level: "ok", label: "No drops" };
  const ratio = startedPerSec > 0 ? droppedPerSec / startedPerSec : 1;
  if (ratio < DROP_CRITICAL_RATIO) return { level: "warn", label: "Dropping" };
  return { level: "critical", label: "Losing spans" };
}

export function breakerHealth(state: BreakerState, enabled = true): Health {
  if (!enabled) return { level: "ok", label: "Breaker off" };
  if (state === "open") return { level: "critical", label: "Breaker open" };
  if (state === "half_open") return { level: "warn", label: "Breaker probing" };
  return { level: "ok", label: "Breaker closed" };
}

export function exportHealth(s: TelemetrySnapshot): Health {
  if (s.breaker.enabled && s.breaker.state !== "closed") return breakerHealth(s.breaker.state);
  if (s.export.exporter === "none") return { level: "warn", label: "No exporter" };
  if (s.rates.exportFailedPerSec > 0) return { level: "warn", label: "Export failures" };
  return { level: "ok", label: "Healthy" };
}

export function samplingHealth(s: TelemetrySnapshot, config: TelemetryConfig | null): Health {
  if (config && !config.enabled) return { level: "warn", label: "Telemetry off" };
  if (s.guards?.throttler?.active) return { level: "warn", label: "Throttled" };
  // Only the ratio sampler promises effective == configured; the others steer by design.
  if (s.sampler.type === "ratio" && s.sampler.effectiveRate < s.sampler.configuredRate * 0.98) {
    return { level: "warn", label: "Reduced by guards" };
  }
  return { level: "ok", label: "On target" };
}

export function memoryHealth(s: TelemetrySnapshot, config: TelemetryConfig | null): Health {
  const guard = s.guards?.memory?.state;
  if (guard === "critical") return { level: "critical", label: "Critical" };
  if (guard === "warning") return { level: "warn", label: "High" };
  if (guard === "ok") return { level: "ok", label: "Normal" };
  const monitor = config?.memoryMonitor;
  if (monitor) {
    const mb = s.memory.telemetryBytes / (1024 * 1024);
    if (mb >= monitor.criticalThresholdMb) return { level: "critical", label: "Critical" };
    if (mb >= monitor.warningThresholdMb) return { level: "warn", label: "High" };
  }
  return { level: "ok", label: "Normal" };
}

/**
 * Telemetry CPU share against the performance target (or the guide's ~1 % for Balanced). In a
 * lightly loaded process with cheap telemetry the share is not judged (overheadJudgeable): the
 * verdict says so rather than painting a meaningless ratio red.
 */
export function overheadHealth(o: Pick<OverheadFigures, "percent" | "cpuMsPerSec" | "processCpuMsPerSec"> | undefined, targetPercent: number): Health {
  if (o === undefined || !Number.isFinite(o.percent)) return { level: "unknown", label: "No data" };
  const percent = o.percent;
  if (percent <= targetPercent) return { level: "ok", label: "On target" };
  if (!overheadJudgeable(o)) return { level: "ok", label: "Light load" };
  if (percent <= targetPercent * 2) return { level: "warn", label: "Above target" };
  return { level: "critical", label: "High" };
}

/** The worst of several verdicts (for a one-word summary). */
export function worst(...items: Health[]): Health {
  const rank: Record<HealthLevel, number> = { unknown: 0, ok: 1, warn: 2, critical: 3 };
  return items.reduce((a, b) => (rank[b.level] > rank[a.level] ? b : a), { level: "unknown", label: "No data" });
}
