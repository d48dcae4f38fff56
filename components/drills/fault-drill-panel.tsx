"use client";
/**
 * Fault drills on the built-in receiver: error rate, added latency, full outage, hang, reset.
 * The operator watches the breaker open, the fallback take over, and the breaker recover when
 * the faults are lifted. A drill needs a short breaker timeout (the guide's is 60 s): the panel
 * offers one click to shorten it, and one to put the operator's values back afterwards.
 */
import { memo, useEffect, useState } from "react";
import { faultModes, faultPatchSchema, type FaultMode, type FaultSettings } from "../../server/receiver/fault-injection";
import type { TelemetryConfig } from "../../server/telemetry/config";
import type { TelemetrySnapshot } from "../../server/telemetry/snapshot";
import type { LogEntry } from "../events/event-log";
import type { PushToast } from "../feedback/use-toasts";
import { formatClock } from "../status/format";
import { breakerHealth } from "../status/health";
import { HealthBadge } from "../status/health-badge";
import type { ConfigDraftState } from "../controls/use-config-draft";
import { drillPatch, drillReady, restorePatch, saveForDrill, type DrillSaved } from "./drill-plan";
import { setReceiverFaults, type ReceiverState } from "./drills-api";

const MODE_TEXT: Record<FaultMode, string> = {
  normal: "Normal (plus the error rate below)",
  outage: "Outage: every export answered 503",
  hang: "Hang: requests never answered",
  reset: "Reset: connections dropped",
};

const INPUT = "w-full rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-sm aria-invalid:border-red-500 dark:border-slate-600 dark:bg-slate-950 disabled:opacity-60";
const BUTTON = "rounded-md px-3 py-1 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-50";

interface Props {
  config: TelemetryConfig | null;
  snapshot: TelemetrySnapshot | null;
  receiver: ReceiverState | null;
  receiverError: string | null;
  refreshReceiver: () => void;
  draft: ConfigDraftState;
  events: LogEntry[];
  canOperate: boolean;
  toast: PushToast;
}

type FaultForm = Record<"errorRate" | "errorStatus" | "latencyMs" | "retryAfterSec", string>;

function formOf(f: FaultSettings): FaultForm {
  return { errorRate: String(f.errorRate), errorStatus: String(f.errorStatus), latencyMs: String(f.latencyMs), retryAfterSec: f.retryAfterSec === null ? "" : String(f.retryAfterSec) };
}

export const FaultDrillPanel = memo(function FaultDrillPanel({ config, snapshot, receiver, receiverError, refreshReceiver, draft, events, canOperate, toast }: Props) {
  const [edit, setEdit] = useState<FaultForm | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<DrillSaved | null>(null);
  /** The mode just chosen, shown until the receiver reports it (the radio answers at once). */
  const [chosenMode, setChosenMode] = useState<FaultMode | null>(null);
  const disabled = !canOperate || busy || !receiver;
  const values = edit ?? (receiver ? formOf(receiver.faults) : null);

  const send = async (patch: Record<string, unknown>, what: string) => {
    const parsed = faultPatchSchema.safeParse(patch);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? "(root)"), i.message])));
      return;
    }
    setErrors({});
    setBusy(true);
    if (parsed.data.mode) setChosenMode(parsed.data.mode);
    const r = await setReceiverFaults(parsed.data);
    setBusy(false);
    refreshReceiver();
    if (r.ok) {
      setEdit(null);
      toast("success", `Receiver: ${what}`);
    } else {
      setChosenMode(null);
      toast("error", `Failed: ${r.error}`);
    }
  };

  const applyNumbers = () => {
    if (!values) return;
    const num = (s: string) => (s.trim() === "" ? Number.NaN : Number(s));
    void send(
      { errorRate: num(values.errorRate), errorStatus: num(values.errorStatus), latencyMs: num(values.latencyMs), retryAfterSec: values.retryAfterSec.trim() === "" ? null : num(values.retryAfterSec) },
      "fault settings applied",
    );
  };

  const br = snapshot?.breaker;
  const ready = config ? drillReady(config) : false;
  const plan = config && !ready ? drillPatch(config) : null;
  const back = saved && config ? restorePatch(saved, config) : null;
  const transitions = events.filter((e) => e.kind.startsWith("breaker_")).slice(0, 4);
  const reported = receiver?.faults.mode ?? "normal";
  const mode = chosenMode ?? reported;
  useEffect(() => {
    if (chosenMode !== null && reported === chosenMode) setChosenMode(null);
  }, [chosenMode, reported]);

  return (
    <div className="flex flex-col gap-3" data-testid="fault-drill">
      <div className="flex flex-wrap items-center gap-3 rounded-md bg-slate-100 px-3 py-2 dark:bg-slate-800/60">
        <span className="text-sm font-medium">Breaker</span>
        <span data-testid="drill-breaker-state" data-state={br?.enabled ? br.state : "off"}>
          <HealthBadge health={br ? { ...breakerHealth(br.state, br.enabled), label: br.enabled ? br.state.replace("_", "-") : "off" } : { level: "unknown", label: "–" }} />
        </span>
        <span className="text-xs text-slate-600 dark:text-slate-400">
          {br ? `${Math.round(br.failureRatio * 100)} % of recent exports failing` : ""}
          {snapshot ? ` · fallback ${config?.fallbackAction ?? ""}: ${snapshot.spans.fallback.toLocaleString("en-US")} written, ${(snapshot.spans.dropped.breaker_open ?? 0).toLocaleString("en-US")} dropped` : ""}
        </span>
        <span className="ml-auto text-xs text-slate-600 dark:text-slate-400" data-testid="receiver-mode">
          Receiver: <strong>{reported}</strong>
          {receiver ? ` · ${receiver.accepted.toLocaleString("en-US")} accepted / ${receiver.faulted.toLocaleString("en-US")} faulted` : ""}
        </span>
      </div>
      {receiverError && <p className="text-sm text-red-700 dark:text-red-300">Receiver unavailable: {receiverError}</p>}

      {plan && (
        <div className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950/60 dark:text-amber-100" data-testid="drill-suggestion">
          <p>
            With the running breaker a drill takes minutes to recover. For the drill: {plan.changes.join("; ")}.
          </p>
          <button
            type="button"
            disabled={!canOperate || draft.pending}
            className={`${BUTTON} mt-2 bg-amber-600 text-white hover:bg-amber-700`}
            onClick={async () => {
              const before = saveForDrill(config!);
              const r = await draft.applyNow(plan.patch, "drill settings");
              if (r?.status === "applied") setSaved(before);
            }}
          >
            Use drill settings
          </button>
        </div>
      )}
      {ready && back && (
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span className="text-slate-600 dark:text-slate-400">Drill settings are running.</span>
          <button type="button" disabled={!canOperate || draft.pending} className={`${BUTTON} border border-slate-300 hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800`} onClick={() => void draft.applyNow(back, "settings from before the drill").then((r) => r?.status === "applied" && setSaved(null))}>
            Restore my breaker and interval
          </button>
        </div>
      )}

      <fieldset className="flex flex-col gap-2" disabled={disabled}>
        <legend className="text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">Receiver faults</legend>
        <div role="radiogroup" aria-label="Fault mode" className="grid grid-cols-1 gap-1 sm:grid-cols-2">
          {faultModes.map((m) => (
            <label key={m} className="flex items-center gap-2 rounded-md px-2 py-1 text-sm has-checked:bg-blue-50 has-checked:font-medium dark:has-checked:bg-blue-950/50">
              <input type="radio" name="fault-mode" value={m} checked={mode === m} onChange={() => void send({ mode: m }, `mode ${m}`)} className="accent-blue-700 dark:accent-blue-400" />
              {MODE_TEXT[m]}
            </label>
          ))}
        </div>
        {values && (
          <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
            {(
              [
                ["errorRate", "Error rate (0-1)"],
                ["errorStatus", "Error status"],
                ["latencyMs", "Added latency (ms)"],
                ["retryAfterSec", "Retry-After (s)"],
              ] as const
            ).map(([key, label]) => (
              <label key={key} className="flex flex-col gap-1 text-xs font-medium text-slate-700 dark:text-slate-300">
                {label}
                <input
                  type="text"
                  inputMode="decimal"
                  className={INPUT}
                  value={values[key]}
                  placeholder={key === "retryAfterSec" ? "none" : undefined}
                  aria-invalid={errors[key] ? true : undefined}
                  onChange={(e) => setEdit({ ...values, [key]: e.currentTarget.value })}
                  onKeyDown={(e) => e.key === "Enter" && applyNumbers()}
                />
                {errors[key] && <span className="text-red-700 dark:text-red-300">{errors[key]}</span>}
              </label>
            ))}
          </div>
        )}
        <div className="flex flex-wrap gap-2">
          <button type="button" className={`${BUTTON} bg-blue-700 text-white hover:bg-blue-800 dark:bg-blue-600`} disabled={edit === null} onClick={applyNumbers}>
            Apply faults
          </button>
          <button
            type="button"
            className={`${BUTTON} border border-slate-300 hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800`}
            onClick={() => void send({ mode: "normal", errorRate: 0, latencyMs: 0, retryAfterSec: null }, "back to normal")}
          >
            Restore normal
          </button>
        </div>
      </fieldset>

      {transitions.length > 0 && (
        <ol aria-label="Recent breaker transitions" className="text-xs text-slate-600 dark:text-slate-400">
          {transitions.map((t) => (
            <li key={t.key}>
              <span className="font-mono">{formatClock(t.ts)}</span> {t.message}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
});
