"use client";
/**
 * The review-then-confirm flow shared by every dialog that changes something after showing what
 * will change (apply a preset, overwrite one, roll back): load the comparison when the dialog
 * opens, confirm pinned to what was reviewed, and when the server answers "stale" (someone
 * changed it in between) show the fresh comparison with a notice instead of acting blind.
 */
import { useCallback, useEffect, useState } from "react";

export type Loaded<T> = { ok: true; value: T } | { ok: false; error: string };

/** What a confirm came to: done (the dialog closes), stale (reload and review again), or refused. */
export type CommitOutcome = { kind: "done" } | { kind: "stale" } | { kind: "error"; error: string };

export interface ReviewedChange<T> {
  review: T | null;
  loadError: string | null;
  notice: string | null;
  error: string | null;
  busy: boolean;
  /** Runs `commit` against the reviewed value; on "stale" shows `staleNotice` and reloads. */
  confirm: (commit: (review: T) => Promise<CommitOutcome>) => Promise<boolean>;
}

export function useReviewedChange<T>(fetchReview: () => Promise<Loaded<T>>, staleNotice: string): ReviewedChange<T> {
  const [review, setReview] = useState<T | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const result = await fetchReview();
    if (result.ok) {
      setReview(result.value);
      setLoadError(null);
    } else setLoadError(result.error);
  }, [fetchReview]);

  useEffect(() => {
    void load();
  }, [load]);

  const confirm = useCallback(
    async (commit: (review: T) => Promise<CommitOutcome>) => {
      if (!review) return false;
      setBusy(true);
      setError(null);
      const outcome = await commit(review);
      setBusy(false);
      if (outcome.kind === "done") return true;
      if (outcome.kind === "stale") {
        setNotice(staleNotice);
        await load();
      } else setError(outcome.error);
      return false;
    },
    [review, staleNotice, load],
  );

  return { review, loadError, notice, error, busy, confirm };
}

/** The stale notice, the load error and the "comparing…" line, in the order a reader needs them. */
export function ReviewNotices({ notice, loadError, loading, loadErrorPrefix = "" }: { notice: string | null; loadError: string | null; loading: boolean; loadErrorPrefix?: string }) {
  return (
    <>
      {notice && (
        <p role="status" className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-amber-900 dark:bg-amber-950 dark:text-amber-100">
          {notice}
        </p>
      )}
      {loadError && (
        <p role="alert" className="text-red-700 dark:text-red-300">
          {loadErrorPrefix}
          {loadError}
        </p>
      )}
      {loading && !loadError && <p className="text-slate-500 dark:text-slate-400">Comparing with the running config…</p>}
    </>
  );
}
