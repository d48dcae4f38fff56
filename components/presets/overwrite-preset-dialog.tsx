"use client";
/**
 * Overwrite a saved preset with the running config, after showing which of its values change.
 * The preset is read fresh when the dialog opens, and the overwrite names that version: if
 * someone saved the preset meanwhile, the server refuses and the dialog shows the newer preset.
 */
import { useCallback, useEffect, useMemo, useState } from "react";
import { z } from "zod";
import { configPatchSchema, type TelemetryConfig } from "../../server/telemetry/config";
import type { PushToast } from "../feedback/use-toasts";
import { ConfigDiffTable } from "./config-diff-table";
import { ConfirmDialog } from "./confirm-dialog";
import { overwriteChanges } from "./config-value";
import { requestJson } from "./http-client";
import { overwritePreset, type PresetSummary } from "./presets-api";

interface Props {
  presetId: string;
  presetName: string;
  running: TelemetryConfig | null;
  onClose: () => void;
  onDone: () => void;
  toast: PushToast;
}

const oneSchema = z.object({ preset: z.looseObject({ id: z.string(), name: z.string(), version: z.number(), builtIn: z.boolean(), config: configPatchSchema }) });

export function OverwritePresetDialog({ presetId, presetName, running, onClose, onDone, toast }: Props) {
  const [preset, setPreset] = useState<Pick<PresetSummary, "id" | "name" | "version" | "builtIn" | "config"> | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const res = await requestJson(`/api/presets/${encodeURIComponent(presetId)}`);
    const parsed = res.ok ? oneSchema.safeParse(res.body) : null;
    if (parsed?.success) {
      setPreset(parsed.data.preset);
      setLoadError(null);
    } else setLoadError(res.ok ? "The preset could not be read" : res.error);
  }, [presetId]);

  useEffect(() => {
    void load();
  }, [load]);

  const changes = useMemo(() => (preset && running ? overwriteChanges(preset.config, running) : []), [preset, running]);

  const confirm = async () => {
    if (!preset) return;
    setBusy(true);
    setError(null);
    const result = await overwritePreset(preset.id, preset.version);
    setBusy(false);
    if (result.ok) {
      toast("success", `Overwrote preset "${result.value.name}" with the running config (v${result.value.version})`);
      onDone();
      onClose();
      return;
    }
    if (result.code === "conflict") {
      setNotice("Someone saved this preset while you were reviewing. This is its newer version: check the changes and confirm again.");
      await load();
      return;
    }
    setError(result.error);
  };

  const n = changes.length;
  const disabledReason = loadError
    ? "The preset could not be loaded"
    : !preset || !running
      ? "Loading…"
      : preset.builtIn
        ? "Built-in presets cannot be overwritten"
        : n === 0
          ? "It already holds the running config"
          : null;

  return (
    <ConfirmDialog
      open
      testId="overwrite-preset-dialog"
      title={`Overwrite preset "${preset?.name ?? presetName}"?`}
      confirmLabel="Overwrite"
      busy={busy}
      busyLabel="Saving…"
      confirmDisabledReason={disabledReason}
      error={error}
      onConfirm={() => void confirm()}
      onCancel={onClose}
    >
      {notice && (
        <p role="status" className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-amber-900 dark:bg-amber-950 dark:text-amber-100">
          {notice}
        </p>
      )}
      {loadError && (
        <p role="alert" className="text-red-700 dark:text-red-300">
          {loadError}
        </p>
      )}
      {preset && running && n > 0 && (
        <>
          <p className="mb-2">
            The preset will hold the whole running config. {n} {n === 1 ? "value changes" : "values change"} (version {preset.version} → {preset.version + 1}):
          </p>
          <ConfigDiffTable rows={changes} fromLabel="In the preset now" toLabel="After overwriting" caption={`What overwriting ${preset.name} changes`} testId="overwrite-diff" />
        </>
      )}
      {preset && running && n === 0 && <p>The preset already holds exactly the running config.</p>}
    </ConfirmDialog>
  );
}
