"use client";
/** Top bar: what this is, whether the figures are live, and the running config at a glance. */
import { memo } from "react";
import type { TelemetrySnapshot } from "../../server/telemetry/snapshot";
import type { ConfigMessage } from "../../server/telemetry/types";
import { formatRatePercent } from "../controls/log-scale";
import type { WorkloadState } from "../drills/drills-api";
import { BrandTitle, HeaderItem as Item } from "../nav/page-header";
import { ThemeToggle } from "../theme/theme-toggle";
import type { ConnectionState, SessionRole } from "../realtime/use-telemetry-socket";
import { formatDuration, shortHash } from "./format";
import { breakerHealth, type Health } from "./health";
import { HealthBadge } from "./health-badge";

const CONNECTION: Record<ConnectionState, Health> = {
  connected: { level: "ok", label: "Connected" },
  connecting: { level: "unknown", label: "Connecting…" },
  reconnecting: { level: "warn", label: "Reconnecting…" },
  offline: { level: "critical", label: "Offline" },
};

interface Props {
  connection: ConnectionState;
  role: SessionRole;
  config: ConfigMessage | null;
  snapshot: TelemetrySnapshot | null;
  workload: WorkloadState | null;
}

export const DashboardHeader = memo(function DashboardHeader({ connection, role, config, snapshot, workload }: Props) {
  const breaker = snapshot?.breaker;
  const breakerVerdict: Health = breaker
    ? { ...breakerHealth(breaker.state, breaker.enabled), label: breaker.enabled ? breaker.state.replace("_", "-") : "disabled" }
    : { level: "unknown", label: "–" };
  return (
    <header className="sticky top-0 z-40 border-b border-slate-200 bg-white/95 backdrop-blur dark:border-slate-800 dark:bg-slate-950/95">
      <div className="mx-auto flex max-w-[1600px] flex-wrap items-center gap-x-8 gap-y-3 px-4 py-3 md:px-6">
        <BrandTitle title="Tracetune" subtitle="telemetry control room" />
        <dl className="flex w-full flex-wrap items-center gap-x-6 gap-y-2 lg:w-auto lg:flex-1 lg:justify-end">
          <Item label="Connection" testId="connection-state">
            <HealthBadge health={CONNECTION[connection]} />
          </Item>
          <Item label="Access" testId="session-role">
            {role === "operator" ? (
              <span className="rounded bg-blue-100 px-1.5 py-0.5 text-xs font-semibold text-blue-900 dark:bg-blue-950 dark:text-blue-200">Operator</span>
            ) : role === "viewer" ? (
              <span
                className="rounded bg-slate-200 px-1.5 py-0.5 text-xs font-semibold text-slate-800 dark:bg-slate-700 dark:text-slate-100"
                title="Sign in with the URL printed when the server started to change settings"
              >
                Read-only
              </span>
            ) : (
              "–"
            )}
          </Item>
          <Item label="Config" testId="config-version">
            {config ? (
              <>
                <span className="font-mono" data-testid="config-version-number">
                  v{config.version}
                </span>
                <span className="font-mono text-xs text-slate-500 dark:text-slate-400" title={`config hash ${config.hash}`}>
                  {shortHash(config.hash)}
                </span>
              </>
            ) : (
              "–"
            )}
          </Item>
          <Item label="Breaker" testId="breaker-state">
            <HealthBadge health={breakerVerdict} />
          </Item>
          <Item label="Sampler" testId="sampler-state">
            {snapshot ? (
              <>
                <span>{snapshot.sampler.type}</span>
                <span className="font-mono text-slate-600 dark:text-slate-300">{formatRatePercent(snapshot.sampler.effectiveRate)}</span>
                <span className="text-xs text-slate-500 dark:text-slate-400">effective</span>
              </>
            ) : (
              "–"
            )}
          </Item>
          <Item label="Workload" testId="workload-state">
            {workload ? (
              <HealthBadge
                health={
                  workload.running
                    ? { level: "ok", label: `Running · ${workload.settings.runsPerSecond} runs/s` }
                    : { level: "unknown", label: "Paused" }
                }
              />
            ) : (
              "–"
            )}
          </Item>
          <Item label="Uptime">{snapshot ? formatDuration(snapshot.uptimeSec) : "–"}</Item>
          <Item label="Theme">
            <ThemeToggle />
          </Item>
        </dl>
      </div>
    </header>
  );
});
