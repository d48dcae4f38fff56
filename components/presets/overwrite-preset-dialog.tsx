"use client";
/**
 * Overwrite a saved preset with the running config, after showing which of its values change.
 * The preset is read fresh when the dialog opens, and the overwrite names that version: if
 * someone saved the preset meanwhile, the server refuses and the dialog shows the newer preset.
 */
import { useCallback, useMemo } from "react";
import { z } from "zod";
import { configPatchSchema, type TelemetryConfig } from "../../server/telemetry/config";
import type { PushToast } from "../feedback/use-toasts";
import { ConfigDiffTable } from "./config-diff-table";
import { ConfirmDialog } from "./confirm-dialog";
import { overwriteChanges } from "./config-value";
import { requestJson } from "./http-client";
import { overwritePreset, type PresetSummary } from "./presets-api";
import { ReviewNotices, useReviewedChange, type Loaded } from "./use-reviewed-change";

interface Props {
  presetId: string;
  presetName: string;
  running: TelemetryConfig | null;
  onClose: () => void;
  onDone: () => void;
  toast: PushToast;
}

const oneSchema = z.object({ preset: z.looseObject({ id: z.string(), name: z.string(), version: z.number(), builtIn: z.boolean(), config: configPatchSchema }) });

type ReviewedPreset = Pick<PresetSummary, "id" | "name" | "version" | "builtIn" | "config">;

export function OverwritePresetDialog({ presetId, presetName, running, onClose, onDone, toast }: Props) {
  const fetchReview = useCallback(async (): Promise<Loaded<ReviewedPreset>> => {
    const res = await requestJson(`/api/presets/${encodeURIComponent(presetId)}`);
    const parsed = res.ok ? oneSchema.safeParse(res.body) : null;
    if (parsed?.success) return { ok: true, value: parsed.data.preset };
    return { ok: false, error: res.ok ? "The preset could not be read" : res.error };
  }, [presetId]);
  const { review: preset, loadError, notice, error, busy, confirm } = useReviewedChange<ReviewedPreset>(
    fetchReview,
    "Someone saved this preset while you were reviewing. This is its newer version: check the changes and confirm again.",
  );

  const changes = useMemo(() => (preset && running ? overwriteChanges(preset.config, running) : []), [preset, running]);

  const overwrite = async () => {
    const done = await confirm(async (reviewed) => {
      const result = await overwritePreset(reviewed.id, reviewed.version);
      if (result.ok) {
        toast("success", `Overwrote preset "${result.value.name}" with the running config (v${result.value.version})`);
        return { kind: "done" };
      }
      return result.code === "conflict" ? { kind: "stale" } : { kind: "error", error: result.error };
    });
    if (done) {
      onDone();
      onClose();
    }
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
      onConfirm={() => void overwrite()}
      onCancel={onClose}
    >
      <ReviewNotices notice={notice} loadError={loadError} loading={false} />
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
