"use client";
/**
 * The draft's footer: what is about to change, why it cannot be sent (invalid fields), that it
 * is pending, or that the running config moved on since the edit began (with the new values and
 * a way to re-apply on top of them).
 */
import { formatValue } from "./config-draft";
import type { ConfigDraftState } from "./use-config-draft";

const BUTTON = "rounded-md px-3 py-1 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-50";

export function ApplyBar({ draft, canOperate }: { draft: ConfigDraftState; canOperate: boolean }) {
  const { changes, valid, issues, pending, stale } = draft;
  if (changes.length === 0 && !pending) return null;
  return (
    <div className="sticky bottom-0 z-10 -mx-4 -mb-4 flex flex-col gap-2 rounded-b-lg border-t border-slate-200 bg-white/95 px-4 py-3 backdrop-blur dark:border-slate-700 dark:bg-slate-900/95" data-testid="apply-bar">
      {stale && (
        <div role="alert" className="rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-100" data-testid="stale-notice">
          <p className="font-semibold">
            The running config changed since you started editing (v{stale.baseVersion} → v{stale.runningVersion}).
          </p>
          {stale.changes.length > 0 && (
            <ul className="mt-1 list-inside list-disc text-xs">
              {stale.changes.slice(0, 6).map((c) => (
                <li key={c.key}>
                  <code className="font-mono">{c.key}</code>: {formatValue(c.from, 40)} → <strong>{formatValue(c.to, 40)}</strong>
                </li>
              ))}
            </ul>
          )}
          <p className="mt-1 text-xs">Your edits were not applied. Review the values above, then apply yours on top of v{stale.runningVersion}, or discard them.</p>
          <div className="mt-2 flex gap-2">
            <button type="button" disabled={pending || !canOperate || !valid} onClick={() => void draft.reapply()} className={`${BUTTON} bg-amber-600 text-white hover:bg-amber-700`}>
              Re-apply on v{stale.runningVersion}
            </button>
            <button type="button" disabled={pending} onClick={draft.discard} className={`${BUTTON} border border-current`}>
              Discard mine
            </button>
          </div>
        </div>
      )}
      {!valid && (
        <div className="text-xs text-red-800 dark:text-red-300" data-testid="draft-issues">
          <p className="font-semibold">Fix before applying:</p>
          <ul className="list-inside list-disc">
            {issues.slice(0, 5).map((i) => (
              <li key={`${i.path}:${i.message}`}>
                <code className="font-mono">{i.path}</code>: {i.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <p className="mr-auto min-w-0 text-sm" aria-live="polite" data-testid="draft-status">
          {pending ? (
            <span className="font-medium text-blue-700 dark:text-blue-300">Pending… waiting for the server</span>
          ) : (
            <>
              <span className="font-medium">{changes.length} unapplied change{changes.length === 1 ? "" : "s"}:</span>{" "}
              <span className="font-mono text-xs text-slate-600 dark:text-slate-400">{changes.join(", ")}</span>
            </>
          )}
        </p>
        <button type="button" disabled={pending} onClick={draft.discard} className={`${BUTTON} border border-slate-300 hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800`}>
          Discard
        </button>
        <button
          type="button"
          disabled={pending || !valid || !canOperate}
          onClick={() => void draft.apply()}
          className={`${BUTTON} bg-blue-700 text-white hover:bg-blue-800 dark:bg-blue-600 dark:hover:bg-blue-500`}
        >
          Apply {changes.length} change{changes.length === 1 ? "" : "s"}
        </button>
      </div>
    </div>
  );
}
