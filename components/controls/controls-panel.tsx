"use client";
/**
 * Every knob of the running config, in the guide's groups (tabs), with the what-if readout above
 * them and the apply bar below. Viewers see everything disabled, with the sign-in hint.
 */
import { memo, useMemo, useState, type ReactNode } from "react";
import type { TelemetrySnapshot } from "../../server/telemetry/snapshot";
import { BatchingControls } from "./batching-controls";
import { BreakerControls } from "./breaker-controls";
import { ApplyBar } from "./apply-bar";
import { CONTROL_GROUPS, groupOfKey, groupOfPath, type ControlGroupId } from "./control-groups";
import { ControlTabs, panelId, tabId } from "./control-tabs";
import { ExportControls } from "./export-controls";
import { GuardsControls } from "./guards-controls";
import { LimitsControls } from "./limits-controls";
import { SamplingControls } from "./sampling-controls";
import type { ConfigDraftState } from "./use-config-draft";

interface Props {
  draft: ConfigDraftState;
  snapshot: TelemetrySnapshot | null;
  canOperate: boolean;
  readOnlyReason: string;
  /** The sample-rate slider, placed in the Sampling tab. */
  slider: ReactNode;
  /** The what-if readout, shown above the tabs so it stays in view while a slider moves. */
  whatIf: ReactNode;
}

export const ControlsPanel = memo(function ControlsPanel({ draft, snapshot, canOperate, readOnlyReason, slider, whatIf }: Props) {
  const [active, setActive] = useState<ControlGroupId>("sampling");
  const edited = useMemo(() => new Set(draft.changes.map(groupOfKey).filter((g): g is ControlGroupId => g !== null)), [draft.changes]);
  const invalid = useMemo(() => new Set(draft.issues.map((i) => groupOfPath(i.path)).filter((g): g is ControlGroupId => g !== null)), [draft.issues]);
  const form = draft.form;

  return (
    <div className="flex flex-col gap-3" data-testid="controls">
      {!canOperate && (
        <p className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700 dark:bg-slate-800 dark:text-slate-300" data-testid="read-only-hint">
          {readOnlyReason}
        </p>
      )}
      {whatIf}
      <ControlTabs active={active} onSelect={setActive} edited={edited} invalid={invalid} />
      {CONTROL_GROUPS.map((g) => (
        <div key={g.id} role="tabpanel" id={panelId(g.id)} aria-labelledby={tabId(g.id)} hidden={g.id !== active} tabIndex={0} className="focus-visible:outline-none">
          {g.id === active &&
            (g.id === "sampling" ? (
              form ? (
                <SamplingControls form={form} snapshot={snapshot} slider={slider} />
              ) : (
                slider
              )
            ) : !form ? (
              <p className="text-sm text-slate-500">Waiting for the running config…</p>
            ) : g.id === "batching" ? (
              <BatchingControls form={form} snapshot={snapshot} />
            ) : g.id === "export" ? (
              <ExportControls form={form} snapshot={snapshot} />
            ) : g.id === "limits" ? (
              <LimitsControls form={form} snapshot={snapshot} />
            ) : g.id === "breaker" ? (
              <BreakerControls form={form} snapshot={snapshot} />
            ) : (
              <GuardsControls form={form} snapshot={snapshot} />
            ))}
        </div>
      ))}
      <ApplyBar draft={draft} canOperate={canOperate} />
    </div>
  );
});
