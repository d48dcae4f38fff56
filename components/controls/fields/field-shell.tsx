"use client";
/**
 * One labelled control with what an operator needs around it: the effective value the runtime
 * reports, the running value while an edit is pending, and the validation message. The label is
 * the control's accessible name; the notes are linked with aria-describedby.
 */
import type { ReactNode } from "react";

export const INPUT_CLASS =
  "w-full min-w-0 rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-sm tabular-nums aria-invalid:border-red-500 aria-invalid:ring-1 aria-invalid:ring-red-500 disabled:cursor-not-allowed disabled:opacity-60 dark:border-slate-600 dark:bg-slate-950";

interface Props {
  id: string;
  label: string;
  error?: string;
  changed?: boolean;
  pending?: boolean;
  /** The running value, shown while the field holds an unapplied edit. */
  running?: string;
  /** What the runtime reports right now (may differ from the setting: guards, dynamic batching). */
  effective?: ReactNode;
  hint?: ReactNode;
  /** Toggles put the label after the control on one line. */
  inline?: boolean;
  children: ReactNode;
}

export function describedBy(id: string, p: { error?: string; changed?: boolean; effective?: ReactNode; hint?: ReactNode }): string | undefined {
  const ids = [p.error && `${id}-error`, p.changed && `${id}-running`, p.effective !== undefined && p.effective !== null && `${id}-effective`, p.hint && `${id}-hint`].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

export function FieldShell({ id, label, error, changed, pending, running, effective, hint, inline, children }: Props) {
  const notes = (
    <>
      {changed && (
        <p id={`${id}-running`} className="text-[11px] text-blue-800 dark:text-blue-300">
          <span className="font-semibold">{pending ? "pending" : "edited"}</span> · running {running ?? "–"}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-xs font-medium text-red-700 dark:text-red-300" data-testid="field-error">
          {error}
        </p>
      )}
      {hint && (
        <p id={`${id}-hint`} className="text-[11px] text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      )}
    </>
  );
  const effectiveNote =
    effective !== undefined && effective !== null ? (
      <span id={`${id}-effective`} className="text-[11px] whitespace-nowrap text-slate-500 dark:text-slate-400" data-testid={`${id}-effective`}>
        effective <span className="font-mono text-slate-700 dark:text-slate-200">{effective}</span>
      </span>
    ) : null;
  if (inline) {
    return (
      <div className={`flex flex-col gap-0.5 rounded-md ${changed ? "bg-blue-50/70 px-1 dark:bg-blue-950/40" : ""}`}>
        <div className="flex items-center justify-between gap-2">
          <label htmlFor={id} className="flex cursor-pointer items-center gap-2 text-sm font-medium text-slate-700 dark:text-slate-300">
            {children}
            {label}
          </label>
          {effectiveNote}
        </div>
        {notes}
      </div>
    );
  }
  return (
    <div className={`flex min-w-0 flex-col gap-1 rounded-md ${changed ? "bg-blue-50/70 px-1 pb-1 dark:bg-blue-950/40" : ""}`}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-2">
        <label htmlFor={id} className="text-xs font-medium text-slate-700 dark:text-slate-300">
          {label}
        </label>
        {effectiveNote}
      </div>
      {children}
      {notes}
    </div>
  );
}
