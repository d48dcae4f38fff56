"use client";
/**
 * Roll back to a history entry, reviewed first: the server compares the running config with the
 * config right after that entry, and the rollback is pinned to the version reviewed, so a change
 * that lands in between makes the dialog show the new comparison instead of rolling back blind.
 */
import { useCallback, useEffect, useState } from "react";
import type { PushToast } from "../feedback/use-toasts";
import { ConfigDiffTable } from "../presets/config-diff-table";
import { ConfirmDialog } from "../presets/confirm-dialog";
import { previewRollback, rollbackTo, type HistoryEntry, type RollbackPreview } from "./history-api";
import { formatEntryTime } from "./history-format";

interface Props {
  entry: HistoryEntry;
  onClose: () => void;
  onDone: () => void;
  toast: PushToast;
}

export function RollbackDialog({ entry, onClose, onDone, toast }: Props) {
  const [preview, setPreview] = useState<RollbackPreview | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const result = await previewRollback(entry.id);
    if (result.ok) {
      setPreview(result.value);
      setLoadError(null);
    } else setLoadError(result.error);
  }, [entry.id]);

  useEffect(() => {
    void load();
  }, [load]);

  const confirm = async () => {
    if (!preview) return;
    setBusy(true);
    setError(null);
    const result = await rollbackTo(entry.id, preview.runningVersion);
    setBusy(false);
    if (result.status === "applied") {
      toast("success", result.changed.length === 0 ? `Nothing to roll back: the config after #${entry.id} is running` : `Rolled back to #${entry.id}: applied v${result.version}`);
      onDone();
      onClose();
      return;
    }
    if (result.code === "stale_base_version") {
      setNotice("The running config changed while you were reviewing. This is the new comparison: check it and confirm again.");
      await load();
      return;
    }
    setError(result.error);
  };

  const n = preview?.diff.length ?? 0;
  return (
    <ConfirmDialog
      open
      testId="rollback-dialog"
      title={`Roll back to change #${entry.id}?`}
      confirmLabel={n > 0 ? `Roll back ${n} ${n === 1 ? "setting" : "settings"}` : "Roll back"}
      busy={busy}
      busyLabel="Rolling back…"
      confirmDisabledReason={loadError ? "The comparison could not be loaded" : !preview ? "Comparing…" : n === 0 ? "Nothing would change" : null}
      error={error}
      onConfirm={() => void confirm()}
      onCancel={onClose}
    >
      <p className="mb-2">
        Restores the config as it was right after change #{entry.id} ({formatEntryTime(entry.createdAt)}, {entry.actor}). The rollback is itself recorded, so it can be undone the same way.
      </p>
      {notice && (
        <p role="status" className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-amber-900 dark:bg-amber-950 dark:text-amber-100">
          {notice}
        </p>
      )}
      {loadError && (
        <p role="alert" className="text-red-700 dark:text-red-300">
          Could not compare: {loadError}
        </p>
      )}
      {!preview && !loadError && <p className="text-slate-500 dark:text-slate-400">Comparing with the running config…</p>}
      {preview && n === 0 && <p>The running config already equals that one: nothing would change.</p>}
      {preview && n > 0 && <ConfigDiffTable rows={preview.diff} fromLabel="Running now" toLabel="After rollback" caption="What the rollback changes" testId="rollback-diff" />}
    </ConfirmDialog>
  );
}
