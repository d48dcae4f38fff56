"use client";
/**
 * The control room page: one socket connection feeds the header, the KPI tiles, the charts and
 * the events list; the controls send changes back. Layout (lg and up): charts on the left,
 * controls and events on the right; narrower: controls, charts, events stacked.
 */
import { EventsList } from "../events/events-list";
import { MemoryChart } from "../charts/memory-chart";
import { QueueChart } from "../charts/queue-chart";
import { SpanRatesChart } from "../charts/span-rates-chart";
import { useSnapshotHistory } from "../charts/use-snapshot-history";
import { SampleRateSlider } from "../controls/sample-rate-slider";
import { ToastRegion } from "../feedback/toast-region";
import { useToasts } from "../feedback/use-toasts";
import { PresetsPanel } from "../presets/presets-panel";
import { useTelemetrySocket } from "../realtime/use-telemetry-socket";
import { ConnectionBanner } from "../status/connection-banner";
import { DashboardHeader } from "../status/dashboard-header";
import { KpiTiles } from "../status/kpi-tiles";
import { SignInNotice } from "../status/sign-in-notice";
import { Panel } from "./panel";

export function Dashboard() {
  const { connection, role, snapshot, config, events, presetsRevision, applyPatch } = useTelemetrySocket();
  const points = useSnapshotHistory(snapshot);
  const { toasts, push, dismiss } = useToasts();
  const connected = connection === "connected";
  const canOperate = connected && role === "operator";
  const readOnlyReason = !connected
    ? "Offline: changes cannot be sent"
    : role === "viewer"
      ? "Read-only: open the sign-in URL printed when the server started to change settings"
      : "Waiting for the server…";

  return (
    <>
      <DashboardHeader connection={connection} role={role} config={config} snapshot={snapshot} />
      <main className="mx-auto flex max-w-[1600px] flex-col gap-4 px-4 py-4 md:px-6">
        <SignInNotice />
        <ConnectionBanner connection={connection} lastSnapshotTs={snapshot?.ts ?? null} />
        <h2 className="sr-only">Key figures</h2>
        <KpiTiles snapshot={snapshot} config={config?.config ?? null} stale={!connected} />

        <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_24rem] lg:grid-rows-[auto_1fr]">
          <div className="grid gap-4 md:grid-cols-2 lg:col-start-2 lg:row-start-1 lg:grid-cols-1">
            <Panel id="sampling" title="Sampling">
              <SampleRateSlider
                config={config}
                effectiveRate={snapshot?.sampler.effectiveRate ?? null}
                samplerType={snapshot?.sampler.type ?? null}
                canOperate={canOperate}
                readOnlyReason={readOnlyReason}
                applyPatch={applyPatch}
                toast={push}
              />
            </Panel>
            <Panel id="presets" title="Presets">
              <PresetsPanel running={config?.config ?? null} canOperate={canOperate} readOnlyReason={readOnlyReason} revision={presetsRevision} toast={push} />
            </Panel>
          </div>

          <div className="flex min-w-0 flex-col gap-4 lg:col-start-1 lg:row-span-2 lg:row-start-1">
            <h2 className="sr-only">Live charts</h2>
            <SpanRatesChart points={points} />
            <QueueChart points={points} warningThreshold={config?.config.queueWarningThreshold ?? null} />
            <MemoryChart points={points} />
          </div>

          <Panel id="events" title="Events" aside={<span className="text-xs text-slate-500 dark:text-slate-400">newest first · last 50</span>} className="self-start lg:col-start-2 lg:row-start-2">
            <EventsList entries={events} />
          </Panel>
        </div>
      </main>
      <ToastRegion toasts={toasts} onDismiss={dismiss} />
    </>
  );
}
