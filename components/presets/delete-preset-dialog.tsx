"use client";
/**
 * Delete a preset, confirmed. The delete names the version the operator saw: if the preset was
 * changed meanwhile, the server refuses, and the dialog says so and shows the newer version
 * before a second confirmation.
 */
import { useState } from "react";
import type { PushToast } from "../feedback/use-toasts";
import { ConfirmDialog } from "./confirm-dialog";
import { presetHighlights } from "./preset-match";
import { deletePreset, type PresetSummary } from "./presets-api";

interface Props {
  preset: PresetSummary;
  onClose: () => void;
  onDone: () => void;
  toast: PushToast;
}

export function DeletePresetDialog({ preset, onClose, onDone, toast }: Props) {
  const [version, setVersion] = useState(preset.version);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    const result = await deletePreset(preset.id, version);
    setBusy(false);
    if (result.ok) {
      toast("success", `Deleted preset "${preset.name}"`);
      onDone();
      onClose();
      return;
    }
    const current = result.details?.currentVersion;
    if (result.code === "conflict" && typeof current === "number") {
      setVersion(current);
      setError(`Someone changed "${preset.name}" meanwhile (now version ${current}). Delete it anyway?`);
      onDone();
      return;
    }
    setError(result.error);
  };

  const highlights = presetHighlights(preset.config);
  return (
    <ConfirmDialog
      open
      testId="delete-preset-dialog"
      tone="danger"
      title={`Delete preset "${preset.name}"?`}
      confirmLabel="Delete"
      busy={busy}
      busyLabel="Deleting…"
      error={error}
      onConfirm={() => void confirm()}
      onCancel={onClose}
    >
      <p>It disappears from every dashboard. The running config is not affected, and this cannot be undone.</p>
      {highlights.length > 0 && <p className="mt-2 font-mono text-xs text-slate-600 dark:text-slate-400">{highlights.join(" · ")}</p>}
    </ConfirmDialog>
  );
}
