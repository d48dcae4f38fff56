"use client";
/**
 * Roll back to a history entry, reviewed first: the server compares the running config with the
 * config right after that entry, and the rollback is pinned to the version reviewed, so a change
 * that lands in between makes the dialog show the new comparison instead of rolling back blind.
 */
import { useCallback } from "react";
import type { PushToast } from "../feedback/use-toasts";
import { ConfigDiffTable } from "../presets/config-diff-table";
import { ConfirmDialog } from "../presets/confirm-dialog";
import { ReviewNotices, useReviewedChange } from "../presets/use-reviewed-change";
import { previewRollback, rollbackTo, type HistoryEntry, type RollbackPreview } from "./history-api";
import { formatEntryTime } from "./history-format";

interface Props {
  entry: HistoryEntry;
  onClose: () => void;
  onDone: () => void;
  toast: PushToast;
}

export function RollbackDialog({ entry, onClose, onDone, toast }: Props) {
  const fetchReview = useCallback(() => previewRollback(entry.id), [entry.id]);
  const { review: preview, loadError, notice, error, busy, confirm } = useReviewedChange<RollbackPreview>(
    fetchReview,
    "The running config changed while you were reviewing. This is the new comparison: check it and confirm again.",
  );

  const rollBack = async () => {
    const done = await confirm(async (reviewed) => {
      const result = await rollbackTo(entry.id, reviewed.runningVersion);
      if (result.status === "applied") {
        toast("success", result.changed.length === 0 ? `Nothing to roll back: the config after #${entry.id} is running` : `Rolled back to #${entry.id}: applied v${result.version}`);
        return { kind: "done" };
      }
      return result.code === "stale_base_version" ? { kind: "stale" } : { kind: "error", error: result.error };
    });
    if (done) {
      onDone();
      onClose();
    }
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
      onConfirm={() => void rollBack()}
      onCancel={onClose}
    >
      <p className="mb-2">
        Restores the config as it was right after change #{entry.id} ({formatEntryTime(entry.createdAt)}, {entry.actor}). The rollback is itself recorded, so it can be undone the same way.
      </p>
      <ReviewNotices notice={notice} loadError={loadError} loading={!preview} loadErrorPrefix="Could not compare: " />
      {preview && n === 0 && <p>The running config already equals that one: nothing would change.</p>}
      {preview && n > 0 && <ConfigDiffTable rows={preview.diff} fromLabel="Running now" toLabel="After rollback" caption="What the rollback changes" testId="rollback-diff" />}
    </ConfirmDialog>
  );
}
