"use client";
/**
 * /history: the config timeline, newest first. It refreshes by itself when the config changes or
 * a change is refused (announced over socket.io), pages back with "Load older", expands an entry
 * to its before/after, and rolls back to an applied entry after showing what would change.
 * Viewers see all of it; the rollback buttons are disabled for them.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ToastRegion } from "../feedback/toast-region";
import { useToasts } from "../feedback/use-toasts";
import { loadHistory, type HistoryEntry } from "./history-api";
import { HistoryEntryItem } from "./history-entry";
import { HistoryHeader } from "./history-header";
import { RollbackDialog } from "./rollback-dialog";
import { useControlSession } from "./use-control-session";

/** New first page on top of the older pages already loaded, without duplicates. */
function mergeNewest(fresh: HistoryEntry[], loaded: HistoryEntry[]): HistoryEntry[] {
  if (fresh.length === 0) return loaded;
  const oldestFresh = fresh[fresh.length - 1]!.id;
  return [...fresh, ...loaded.filter((e) => e.id < oldestFresh)];
}

export function HistoryPage() {
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [older, setOlder] = useState<{ hasMore: boolean; nextBefore: number | null }>({ hasMore: false, nextBefore: null });
  const [error, setError] = useState<string | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [expanded, setExpanded] = useState<Set<number>>(() => new Set());
  const [rollback, setRollback] = useState<HistoryEntry | null>(null);
  const [now, setNow] = useState(() => new Date());
  const { toasts, push, dismiss } = useToasts();
  const pagedBack = useRef(false);

  const refresh = useCallback(async () => {
    const result = await loadHistory();
    setNow(new Date());
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    setEntries((prev) => (prev && pagedBack.current ? mergeNewest(result.value.entries, prev) : result.value.entries));
    if (!pagedBack.current) setOlder({ hasMore: result.value.hasMore, nextBefore: result.value.nextBefore });
  }, []);

  const session = useControlSession(() => void refresh());
  const canOperate = session.connection === "connected" && session.role === "operator";

  useEffect(() => {
    void refresh();
    // "5 min ago" must not freeze.
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, [refresh]);

  const loadOlder = async () => {
    if (!older.nextBefore) return;
    setLoadingOlder(true);
    const result = await loadHistory(older.nextBefore);
    setLoadingOlder(false);
    if (!result.ok) {
      push("error", `Could not load older changes: ${result.error}`);
      return;
    }
    pagedBack.current = true;
    setEntries((prev) => {
      const known = new Set((prev ?? []).map((e) => e.id));
      return [...(prev ?? []), ...result.value.entries.filter((e) => !known.has(e.id))];
    });
    setOlder({ hasMore: result.value.hasMore, nextBefore: result.value.nextBefore });
  };

  const toggle = useCallback((id: number) => {
    setExpanded((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);
  const openRollback = useCallback((entry: HistoryEntry) => setRollback(entry), []);
  // Fleet rows changed other runtimes: the running config here is the newest applied non-fleet row.
  const currentId = useMemo(() => entries?.find((e) => e.result === "applied" && e.source !== "fleet")?.id ?? null, [entries]);

  const readOnlyReason =
    session.connection !== "connected"
      ? "Offline: rollbacks cannot be sent right now."
      : session.role === "viewer"
        ? "Read-only: open the sign-in URL printed when the server started to roll back changes."
        : null;

  return (
    <>
      <HistoryHeader session={session} />
      <main className="mx-auto flex max-w-[1600px] flex-col gap-4 px-4 py-4 md:px-6">
        {readOnlyReason && session.role !== null && (
          <p data-testid="history-read-only" className="rounded-lg border border-slate-200 bg-white px-4 py-2 text-sm text-slate-700 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-300">
            {readOnlyReason}
          </p>
        )}
        <section aria-labelledby="timeline-heading" className="rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-700/80 dark:bg-slate-900">
          <div className="flex items-center justify-between gap-2 border-b border-slate-200 px-4 py-3 dark:border-slate-700/80">
            <h2 id="timeline-heading" className="text-base font-semibold">
              Timeline
            </h2>
            <button
              type="button"
              onClick={() => void refresh()}
              className="rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
            >
              Refresh
            </button>
          </div>
          {error && (
            <div role="alert" className="m-4 flex items-center justify-between gap-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
              <span>Could not load the history: {error}</span>
              <button type="button" onClick={() => void refresh()} className="rounded border border-current px-2 py-0.5 text-xs">
                Retry
              </button>
            </div>
          )}
          {entries === null && !error && <p className="px-4 py-6 text-sm text-slate-500">Loading the history…</p>}
          {entries !== null && entries.length === 0 && <p className="px-4 py-6 text-sm text-slate-500 dark:text-slate-400">No changes recorded yet.</p>}
          {entries !== null && entries.length > 0 && (
            <ol aria-label="Config changes, newest first" className="divide-y divide-slate-200 dark:divide-slate-700/70">
              {entries.map((entry) => (
                <HistoryEntryItem
                  key={entry.id}
                  entry={entry}
                  current={entry.id === currentId}
                  expanded={expanded.has(entry.id)}
                  canOperate={canOperate}
                  now={now}
                  onToggle={toggle}
                  onRollback={openRollback}
                />
              ))}
            </ol>
          )}
          {older.hasMore && (
            <div className="border-t border-slate-200 px-4 py-3 text-center dark:border-slate-700/80">
              <button
                type="button"
                onClick={() => void loadOlder()}
                disabled={loadingOlder}
                className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-60 dark:border-slate-600 dark:hover:bg-slate-800"
              >
                {loadingOlder ? "Loading…" : "Load older changes"}
              </button>
            </div>
          )}
        </section>
      </main>
      {rollback && <RollbackDialog key={rollback.id} entry={rollback} onClose={() => setRollback(null)} onDone={() => void refresh()} toast={push} />}
      <ToastRegion toasts={toasts} onDismiss={dismiss} />
    </>
  );
}
