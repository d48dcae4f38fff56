"use client";
/**
 * Apply a preset, reviewed first: the dialog shows what would change against the running config
 * (from the server, which knows the exact running values), and the apply is pinned to the version
 * that was reviewed. If someone changed the config in between, the server refuses and the dialog
 * shows the new comparison instead of applying something the operator did not see.
 */
import { useCallback } from "react";
import type { PushToast } from "../feedback/use-toasts";
import { ConfigDiffTable } from "./config-diff-table";
import { ConfirmDialog } from "./confirm-dialog";
import { ReviewNotices, useReviewedChange } from "./use-reviewed-change";
import { applyPreset, presetDiff, type PresetDiff, type PresetSummary } from "./presets-api";

interface Props {
  preset: PresetSummary;
  onClose: () => void;
  toast: PushToast;
}

export function ApplyPresetDialog({ preset, onClose, toast }: Props) {
  const fetchReview = useCallback(() => presetDiff(preset.id), [preset.id]);
  const { review, loadError, notice, error, busy, confirm } = useReviewedChange<PresetDiff>(
    fetchReview,
    "The running config changed while you were reviewing. This is the new comparison: check it and apply again.",
  );

  const apply = async () => {
    const done = await confirm(async (reviewed) => {
      const result = await applyPreset(preset.id, reviewed.runningVersion);
      if (result.status === "applied") {
        toast("success", result.changed.length === 0 ? `Preset "${preset.name}" is already running (v${result.version})` : `Applied v${result.version}: preset "${preset.name}"`);
        return { kind: "done" };
      }
      return result.code === "stale_base_version" ? { kind: "stale" } : { kind: "error", error: result.error };
    });
    if (done) onClose();
  };

  const n = review?.diff.length ?? 0;
  const disabledReason = loadError
    ? "The comparison could not be loaded"
    : !review
      ? "Comparing…"
      : !review.applicable.ok
        ? "The running config does not allow this preset"
        : n === 0
          ? "Nothing would change"
          : null;

  return (
    <ConfirmDialog
      open
      testId="apply-preset-dialog"
      title={`Apply preset "${preset.name}"?`}
      confirmLabel={n > 0 ? `Apply ${n} ${n === 1 ? "change" : "changes"}` : "Apply"}
      busy={busy}
      busyLabel="Applying…"
      confirmDisabledReason={disabledReason}
      error={error}
      onConfirm={() => void apply()}
      onCancel={onClose}
    >
      <ReviewNotices notice={notice} loadError={loadError} loading={!review} loadErrorPrefix="Could not compare the preset with the running config: " />
      {review && !review.applicable.ok && (
        <p role="alert" className="mb-3 text-red-700 dark:text-red-300">
          It would be refused on top of the running config: {review.applicable.error}
        </p>
      )}
      {review && n === 0 && <p data-testid="apply-nothing-changes">This preset is already running: applying it would change nothing.</p>}
      {review && n > 0 && (
        <>
          <p className="mb-2">
            Applying it changes {n} {n === 1 ? "setting" : "settings"} of the running config (v{review.runningVersion}); everything else stays as it is.
          </p>
          <ConfigDiffTable rows={review.diff} fromLabel="Running now" toLabel="After applying" caption={`What applying ${preset.name} changes`} testId="apply-diff" />
        </>
      )}
    </ConfirmDialog>
  );
}
