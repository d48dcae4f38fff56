"use client";
/**
 * A modal confirmation on the native <dialog>: the browser traps focus inside it, Escape
 * cancels, and focus returns to the button that opened it. Used before every change that is not
 * obvious to undo (apply, overwrite, delete, rollback) so the operator sees what will happen first.
 */
import { useEffect, useId, useLayoutEffect, useRef, type ReactNode } from "react";

interface Props {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** "danger" for deletes: red confirm button, and focus starts on Cancel. */
  tone?: "primary" | "danger";
  busy?: boolean;
  busyLabel?: string;
  /** Disables the confirm button (nothing to do, or not allowed), with the reason shown. */
  confirmDisabledReason?: string | null;
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
  testId?: string;
}

export function ConfirmDialog({ open, title, children, confirmLabel, tone = "primary", busy = false, busyLabel, confirmDisabledReason, error, onConfirm, onCancel, testId }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const errorId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  // Callers often unmount the dialog instead of closing it; focus must still go back to the
  // button that opened it (a removed <dialog> would leave focus on <body>).
  useLayoutEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const dialog = ref.current;
    return () => {
      if (dialog?.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const disabled = busy || Boolean(confirmDisabledReason);
  const confirmClass =
    tone === "danger"
      ? "bg-red-700 text-white hover:bg-red-800 dark:bg-red-600 dark:hover:bg-red-500"
      : "bg-blue-700 text-white hover:bg-blue-800 dark:bg-blue-600 dark:hover:bg-blue-500";

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={error ? errorId : undefined}
      data-testid={testId}
      onCancel={(e) => {
        // Escape: let React state decide, so the dialog and its `open` prop never disagree.
        e.preventDefault();
        if (!busy) onCancel();
      }}
      className="m-auto w-[min(40rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      {open && (
        <form
          method="dialog"
          className="flex max-h-[min(80vh,44rem)] flex-col"
          onSubmit={(e) => {
            e.preventDefault();
            if (!disabled) onConfirm();
          }}
        >
          <h2 id={titleId} className="border-b border-slate-200 px-5 py-3 text-base font-semibold dark:border-slate-700">
            {title}
          </h2>
          <div className="min-h-0 flex-1 overflow-y-auto px-5 py-4 text-sm">{children}</div>
          {error && (
            <p id={errorId} role="alert" className="mx-5 mb-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
              {error}
            </p>
          )}
          <div className="flex flex-wrap items-center justify-end gap-2 border-t border-slate-200 px-5 py-3 dark:border-slate-700">
            {confirmDisabledReason && <p className="mr-auto text-xs text-slate-600 dark:text-slate-400">{confirmDisabledReason}</p>}
            <button
              type="button"
              onClick={onCancel}
              disabled={busy}
              autoFocus={tone === "danger" || disabled}
              className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-50 dark:border-slate-600 dark:hover:bg-slate-800"
            >
              Cancel
            </button>
            <button
              type="submit"
              disabled={disabled}
              autoFocus={tone !== "danger" && !disabled}
              className={`rounded-md px-3 py-1.5 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-50 ${confirmClass}`}
            >
              {busy ? (busyLabel ?? "Working…") : confirmLabel}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
