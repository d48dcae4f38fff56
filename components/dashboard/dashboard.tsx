"use client";
/**
 * The control room. One socket connection feeds the header, the KPI tiles (4 Hz), the charts
 * (1 Hz), the controls and the events; the workload and the receiver's faults are polled.
 *
 * Layout, wide (lg): tiles; charts on the left, controls (what-if on top) and presets on the
 * right; drills, checklist and events below. Narrow: everything stacked, controls first.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { TimeWindowId } from "../charts/chart-history";
import { ChartsSection } from "../charts/charts-section";
import { useChartHistory } from "../charts/use-chart-history";
import { ChecklistPanel } from "../checklist/checklist-panel";
import { ControlsPanel } from "../controls/controls-panel";
import { SampleRateSlider } from "../controls/sample-rate-slider";
import { useConfigDraft } from "../controls/use-config-draft";
import { fetchReceiver, fetchWorkload } from "../drills/drills-api";
import { FaultDrillPanel } from "../drills/fault-drill-panel";
import { usePolled } from "../drills/use-polled";
import { WorkloadPanel } from "../drills/workload-panel";
import { EventsPanel } from "../events/events-panel";
import { ToastRegion } from "../feedback/toast-region";
import { useToasts } from "../feedback/use-toasts";
import { PresetsPanel } from "../presets/presets-panel";
import { useTelemetrySocket } from "../realtime/use-telemetry-socket";
import { ConnectionBanner } from "../status/connection-banner";
import { DashboardHeader } from "../status/dashboard-header";
import { KpiTiles } from "../status/kpi-tiles";
import { SignInNotice } from "../status/sign-in-notice";
import { queuePeakWindowMs } from "../what-if/measured";
import type { Knobs } from "../what-if/projection";
import { useWhatIf } from "../what-if/use-what-if";
import { WhatIfPanel } from "../what-if/what-if-panel";
import { Panel } from "./panel";
import { useSlowSnapshot } from "./use-slow-snapshot";

const POLL_MS = 2000;

export function Dashboard() {
  const { connection, role, snapshot, config, events, presetsRevision, applyPatch } = useTelemetrySocket();
  const [chartWindow, setChartWindow] = useState<TimeWindowId>("1m");
  const { points, history } = useChartHistory(snapshot, chartWindow);
  // Tiles move at 4 Hz; everything else reads figures once a second.
  const slow = useSlowSnapshot(snapshot);
  const { toasts, push, dismiss } = useToasts();
  const workload = usePolled(fetchWorkload, POLL_MS);
  const receiver = usePolled(fetchReceiver, POLL_MS);
  const connected = connection === "connected";
  const canOperate = connected && role === "operator";
  const readOnlyReason = !connected
    ? "Offline: changes cannot be sent until the connection is back."
    : role === "viewer"
      ? "Read-only: open the sign-in URL printed when the server started to change settings."
      : "Waiting for the server…";

  const [sliderRate, setSliderRate] = useState<number | null>(null);
  // Both apply flows report to the what-if readout, which is created after them.
  const recordRef = useRef<(version: number, applied: Partial<Knobs>) => void>(() => undefined);
  const onFormApplied = useCallback((patch: Record<string, unknown>, version: number) => recordRef.current(version, patch as Partial<Knobs>), [recordRef]);
  const onSliderApplied = useCallback((rate: number, version: number) => recordRef.current(version, { sampleRate: rate }), [recordRef]);
  const draft = useConfigDraft(config, applyPatch, push, canOperate, onFormApplied);

  const formDraft = draft.form?.draft;
  const whatIfDraft = useMemo(() => ({ sampleRate: sliderRate, form: formDraft ?? {} }), [sliderRate, formDraft]);
  const whatIf = useWhatIf(slow, config?.config ?? null, history, whatIfDraft);
  useEffect(() => {
    recordRef.current = whatIf.recordApplied;
  }, [whatIf.recordApplied]);
  const queuePeakPct = useMemo(() => (config && slow ? history.maxOver("queuePct", queuePeakWindowMs(config.config)) : null), [config, slow, history]);
  const effectiveRate = snapshot?.sampler.effectiveRate ?? null;
  const samplerType = snapshot?.sampler.type ?? null;

  const slider = useMemo(
    () => (
    <SampleRateSlider
      config={config}
      effectiveRate={effectiveRate}
      samplerType={samplerType}
      canOperate={canOperate}
      readOnlyReason={readOnlyReason}
      applyPatch={applyPatch}
      toast={push}
      onDraftRate={setSliderRate}
      onApplied={onSliderApplied}
    />
    ),
    [config, effectiveRate, samplerType, canOperate, readOnlyReason, applyPatch, push, onSliderApplied],
  );
  const whatIfPanel = useMemo(
    () => (
      <WhatIfPanel
        now={whatIf.now}
        projected={whatIf.projected}
        proposedLabel={whatIf.proposedLabel}
        lastApplied={whatIf.lastApplied}
        settleSec={whatIf.settleSec}
        clock={whatIf.clock}
      />
    ),
    [whatIf.now, whatIf.projected, whatIf.proposedLabel, whatIf.lastApplied, whatIf.settleSec, whatIf.clock],
  );

  return (
    <>
      <DashboardHeader connection={connection} role={role} config={config} snapshot={slow} workload={workload.value} />
      <main className="mx-auto flex max-w-[1600px] flex-col gap-4 px-3 py-4 md:px-6">
        <SignInNotice />
        <ConnectionBanner connection={connection} lastSnapshotTs={snapshot?.ts ?? null} />
        <h2 className="sr-only">Key figures</h2>
        <KpiTiles snapshot={snapshot} config={config?.config ?? null} stale={!connected} />

        {/* Narrow: controls, charts, drills, presets. Wide: charts and drills left, controls and presets right. */}
        <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_28rem] lg:grid-rows-[auto_1fr]">
          <Panel id="controls" title="Controls" aside={<span className="text-xs text-slate-500 dark:text-slate-400">config v{config?.version ?? "–"}</span>} className="min-w-0 lg:col-start-2 lg:row-start-1">
            <ControlsPanel
              draft={draft}
              snapshot={slow}
              canOperate={canOperate}
              readOnlyReason={readOnlyReason}
              slider={slider}
              whatIf={whatIfPanel}
            />
          </Panel>
          <div className="flex min-w-0 flex-col gap-4 lg:col-start-1 lg:row-span-2 lg:row-start-1">
            <ChartsSection points={points} window={chartWindow} onWindowChange={setChartWindow} config={config?.config ?? null} />
            <Panel id="drills" title="Workload and fault drills">
              <div className="flex flex-col gap-4">
                <WorkloadPanel state={workload.value} error={workload.error} refresh={workload.refresh} canOperate={canOperate} toast={push} />
                <FaultDrillPanel
                  config={config?.config ?? null}
                  snapshot={slow}
                  receiver={receiver.value}
                  receiverError={receiver.error}
                  refreshReceiver={receiver.refresh}
                  draft={draft}
                  events={events}
                  canOperate={canOperate}
                  toast={push}
                />
              </div>
            </Panel>
          </div>
          <Panel id="presets" title="Presets" className="min-w-0 self-start lg:col-start-2 lg:row-start-2">
            <PresetsPanel running={config?.config ?? null} canOperate={canOperate} readOnlyReason={readOnlyReason} revision={presetsRevision} toast={push} />
          </Panel>
        </div>

        <div className="grid gap-4 lg:grid-cols-2">
          <Panel id="checklist" title="Optimization checklist">
            <ChecklistPanel config={config?.config ?? null} snapshot={slow} queuePeak={queuePeakPct === null ? null : queuePeakPct / 100} draft={draft} canOperate={canOperate} />
          </Panel>
          <Panel id="events" title="Events">
            <EventsPanel entries={events} />
          </Panel>
        </div>
      </main>
      <ToastRegion toasts={toasts} onDismiss={dismiss} />
    </>
  );
}
