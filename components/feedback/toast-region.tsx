"use client";
import type { Toast } from "./use-toasts";

const TONE_CLASS: Record<Toast["tone"], string> = {
  success: "border-emerald-600/40 bg-emerald-50 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-100",
  error: "border-red-600/50 bg-red-50 text-red-950 dark:bg-red-950 dark:text-red-100",
  info: "border-slate-400/50 bg-white text-slate-900 dark:bg-slate-800 dark:text-slate-100",
};

const TONE_ICON: Record<Toast["tone"], string> = { success: "✓", error: "✕", info: "i" };

/** Bottom-right stack of toasts; announced politely to screen readers. */
export function ToastRegion({ toasts, onDismiss }: { toasts: Toast[]; onDismiss: (id: number) => void }) {
  return (
    <div role="status" aria-live="polite" className="pointer-events-none fixed right-4 bottom-4 z-50 flex w-[min(26rem,calc(100vw-2rem))] flex-col gap-2">
      {toasts.map((t) => (
        <div
          key={t.id}
          data-testid="toast"
          data-tone={t.tone}
          className={`pointer-events-auto flex items-start gap-3 rounded-lg border px-3 py-2 text-sm shadow-lg ${TONE_CLASS[t.tone]}`}
        >
          <span aria-hidden className="mt-0.5 font-bold">
            {TONE_ICON[t.tone]}
          </span>
          <p className="flex-1 break-words">{t.text}</p>
          <button
            type="button"
            onClick={() => onDismiss(t.id)}
            className="rounded px-1 text-current opacity-60 hover:opacity-100 focus-visible:outline-2"
            aria-label="Dismiss notification"
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
