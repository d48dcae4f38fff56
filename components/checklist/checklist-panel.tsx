"use client";
/**
 * The guide's optimization checklists, evaluated live (once a second) against the running config
 * and figures: pass / warn / fail with the reason, and a one-click fix where one exists (applied
 * through the same validated, versioned flow as every other change).
 */
import { memo, useMemo, useRef, useState } from "react";
import type { TelemetryConfig } from "../../server/telemetry/config";
import type { TelemetrySnapshot } from "../../server/telemetry/snapshot";
import type { ConfigDraftState } from "../controls/use-config-draft";
import type { CheckResult, CheckStatus } from "./checklist-types";
import { CHECKLISTS, countByStatus, evaluateChecklists } from "./evaluate";

const STATUS: Record<CheckStatus, { text: string; icon: string; className: string }> = {
  pass: { text: "Pass", icon: "✓", className: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200" },
  warn: { text: "Warn", icon: "▲", className: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200" },
  fail: { text: "Fail", icon: "✕", className: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200" },
};

interface Props {
  config: TelemetryConfig | null;
  snapshot: TelemetrySnapshot | null;
  queuePeak: number | null;
  draft: ConfigDraftState;
  canOperate: boolean;
}

export const ChecklistPanel = memo(function ChecklistPanel({ config, snapshot, queuePeak, draft, canOperate }: Props) {
  const [applying, setApplying] = useState<string | null>(null);
  // Re-evaluate once per second of snapshot time (and on every config change), not at 4 Hz.
  const second = snapshot ? Math.floor(snapshot.ts / 1000) : -1;
  const snapRef = useRef(snapshot);
  snapRef.current = snapshot;
  const results = useMemo(
    () => (config ? evaluateChecklists({ config, snapshot: snapRef.current, queuePeak }) : []),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `second` is the intended trigger
    [config, second],
  );
  if (!config) return <p className="text-sm text-slate-500">Waiting for the running config…</p>;
  const total = countByStatus(results);

  const fix = async (r: CheckResult) => {
    if (!r.fix) return;
    setApplying(r.id);
    await draft.applyNow(r.fix.patch, r.fix.label);
    setApplying(null);
  };

  return (
    <div className="flex flex-col gap-2" data-testid="checklist">
      <p className="text-xs text-slate-600 dark:text-slate-400" aria-live="polite">
        {total.pass} pass · {total.warn} warn · {total.fail} fail, against the running config and live figures
      </p>
      {CHECKLISTS.map((list) => {
        const items = results.filter((r) => r.list === list.id);
        const counts = countByStatus(items);
        return (
          <details key={list.id} open={list.id === "before-production"} className="group rounded-md border border-slate-200 dark:border-slate-700">
            <summary className="flex cursor-pointer items-center gap-2 px-3 py-2 text-sm font-semibold select-none">
              <span aria-hidden className="transition-transform group-open:rotate-90">
                ▸
              </span>
              {list.title}
              <span className="ml-auto text-xs font-normal text-slate-600 dark:text-slate-400">
                {counts.pass}/{items.length} pass{counts.fail ? ` · ${counts.fail} fail` : ""}
              </span>
            </summary>
            <ul className="divide-y divide-slate-100 px-3 pb-2 dark:divide-slate-800">
              {items.map((r) => (
                <li key={r.id} data-testid="check-item" data-check={r.id} data-status={r.status} className="flex items-start gap-2 py-1.5">
                  <span className={`mt-0.5 inline-flex w-14 shrink-0 items-center justify-center gap-1 rounded px-1 text-[11px] font-semibold ${STATUS[r.status].className}`}>
                    <span aria-hidden>{STATUS[r.status].icon}</span>
                    {STATUS[r.status].text}
                  </span>
                  <div className="min-w-0 flex-1">
                    <p className="text-sm font-medium">{r.title}</p>
                    <p className="text-xs text-slate-600 dark:text-slate-400">{r.reason}</p>
                  </div>
                  {r.fix && (
                    <button
                      type="button"
                      disabled={!canOperate || draft.pending || applying !== null}
                      onClick={() => void fix(r)}
                      className="shrink-0 rounded-md border border-blue-600 px-2 py-0.5 text-xs font-medium text-blue-800 hover:bg-blue-50 disabled:cursor-not-allowed disabled:opacity-50 dark:border-blue-400 dark:text-blue-200 dark:hover:bg-blue-950"
                    >
                      {applying === r.id ? "Applying…" : r.fix.label}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </details>
        );
      })}
    </div>
  );
});
