"use client";
/**
 * The synthetic workload: pacing on/off, runs per second, and bursts, with its counters. Changes
 * go through PUT /api/workload and POST /api/workload/burst (operator only).
 */
import { memo, useState } from "react";
import { formatCount } from "../status/format";
import type { PushToast } from "../feedback/use-toasts";
import { burstWorkload, configureWorkload, type WorkloadState } from "./drills-api";

const INPUT = "w-24 rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-sm dark:border-slate-600 dark:bg-slate-950 disabled:opacity-60";
const BUTTON = "rounded-md border border-slate-300 px-3 py-1 text-sm font-medium hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-50 dark:border-slate-600 dark:hover:bg-slate-800";

interface Props {
  state: WorkloadState | null;
  error: string | null;
  refresh: () => void;
  canOperate: boolean;
  toast: PushToast;
}

export const WorkloadPanel = memo(function WorkloadPanel({ state, error, refresh, canOperate, toast }: Props) {
  const [rps, setRps] = useState<string | null>(null);
  const [burst, setBurst] = useState("500");
  const [busy, setBusy] = useState(false);
  const disabled = !canOperate || busy || !state;

  const run = async (what: () => Promise<{ ok: boolean; error?: string }>, success: string) => {
    setBusy(true);
    const r = await what();
    setBusy(false);
    refresh();
    if (r.ok) toast("success", success);
    else toast("error", `Failed: ${r.error}`);
  };

  const submitRps = () => {
    if (rps === null) return;
    const n = Number(rps);
    setRps(null);
    if (!Number.isFinite(n) || rps.trim() === "") return toast("error", "Runs per second must be a number");
    void run(() => configureWorkload({ runsPerSecond: n }), `Workload paced at ${n} runs/s`);
  };

  const s = state?.stats;
  return (
    <div className="flex flex-col gap-3" data-testid="workload-panel">
      {error && <p className="text-sm text-red-700 dark:text-red-300">Workload unavailable: {error}</p>}
      <div className="flex flex-wrap items-end gap-3">
        <button
          type="button"
          className={BUTTON}
          disabled={disabled}
          onClick={() => {
            const on = !state?.running;
            void run(() => configureWorkload({ enabled: on }), on ? "Workload resumed" : "Workload paused");
          }}
        >
          {state?.running === false ? "Resume paced runs" : "Pause paced runs"}
        </button>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-700 dark:text-slate-300">
          Runs per second
          <input
            type="text"
            inputMode="decimal"
            className={INPUT}
            disabled={disabled}
            value={rps ?? String(state?.settings.runsPerSecond ?? "")}
            onChange={(e) => setRps(e.currentTarget.value)}
            onKeyDown={(e) => e.key === "Enter" && submitRps()}
            onBlur={submitRps}
          />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-700 dark:text-slate-300">
          Burst size (runs)
          <input type="text" inputMode="numeric" className={INPUT} disabled={disabled} value={burst} onChange={(e) => setBurst(e.currentTarget.value)} />
        </label>
        <button type="button" className={BUTTON} disabled={disabled} onClick={() => void run(() => burstWorkload(Number(burst)), `Burst of ${burst} runs launched`)}>
          Launch burst
        </button>
      </div>
      <dl className="grid grid-cols-3 gap-2 text-xs sm:grid-cols-6">
        {(
          [
            ["Started", s?.started],
            ["Completed", s?.completed],
            ["Errored", s?.errored],
            ["In flight", s?.inFlight],
            ["Skipped", s?.skipped],
            ["Avg run", s ? `${formatCount(s.avgRunMs)} ms` : undefined],
          ] as const
        ).map(([k, v]) => (
          <div key={k} className="rounded-md bg-slate-100 px-2 py-1 dark:bg-slate-800/60">
            <dt className="text-slate-500 dark:text-slate-400">{k}</dt>
            <dd className="font-mono text-sm tabular-nums" data-testid={`workload-${k.toLowerCase().replace(" ", "-")}`}>
              {v === undefined ? "–" : typeof v === "number" ? v.toLocaleString("en-US") : v}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
});
