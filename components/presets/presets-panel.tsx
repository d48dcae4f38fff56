"use client";
/**
 * Presets: save the running config under a name, list saved presets, apply one. The list is
 * refetched after a save and whenever the server announces `presets:changed`.
 */
import { useCallback, useEffect, useId, useMemo, useState, type FormEvent } from "react";
import type { TelemetryConfig } from "../../server/telemetry/config";
import type { PushToast } from "../feedback/use-toasts";
import { PresetItem } from "./preset-item";
import { presetMatchesRunning } from "./preset-match";
import { applyPreset, listPresets, savePreset, type PresetSummary } from "./presets-api";

interface Props {
  /** The running config, to mark the presets applying would not change. */
  running: TelemetryConfig | null;
  /** False for read-only viewers and while offline: Save and Apply are disabled. */
  canOperate: boolean;
  /** Why changes are not possible right now, shown when canOperate is false. */
  readOnlyReason?: string;
  /** Bumped when the server says presets changed. */
  revision: number;
  toast: PushToast;
}

export function PresetsPanel({ running, canOperate, readOnlyReason, revision, toast }: Props) {
  const [presets, setPresets] = useState<PresetSummary[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [applyingId, setApplyingId] = useState<string | null>(null);
  const [reloadTick, setReloadTick] = useState(0);
  const errorId = useId();

  const reload = useCallback(() => setReloadTick((n) => n + 1), []);

  useEffect(() => {
    let cancelled = false;
    void listPresets().then((result) => {
      if (cancelled) return;
      if (result.ok) {
        setPresets(result.value);
        setLoadError(null);
      } else setLoadError(result.error);
    });
    return () => {
      cancelled = true;
    };
  }, [revision, reloadTick]);

  const runningIds = useMemo(
    () => new Set((presets ?? []).filter((p) => running !== null && presetMatchesRunning(p.config, running)).map((p) => p.id)),
    [presets, running],
  );

  const onSave = async (e: FormEvent) => {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setSaveError("Enter a name for the preset");
      return;
    }
    setSaving(true);
    setSaveError(null);
    const result = await savePreset(trimmed);
    setSaving(false);
    if (!result.ok) {
      setSaveError(result.error);
      return;
    }
    setName("");
    toast("success", `Saved preset "${result.value.name}"`);
    reload();
  };

  const onApply = async (preset: PresetSummary) => {
    setApplyingId(preset.id);
    const result = await applyPreset(preset.id);
    setApplyingId(null);
    if (result.status === "applied") {
      toast("success", result.changed.length === 0 ? `Preset "${preset.name}" is already running (v${result.version})` : `Applied v${result.version}: preset "${preset.name}"`);
    } else toast("error", `Failed: ${result.error}`);
  };

  return (
    <div className="flex flex-col gap-3">
      <form onSubmit={onSave} className="flex flex-col gap-1" noValidate>
        <label htmlFor="preset-name" className="text-xs font-medium text-slate-600 dark:text-slate-400">
          Preset name
        </label>
        <div className="flex gap-2">
          <input
            id="preset-name"
            type="text"
            value={name}
            maxLength={80}
            autoComplete="off"
            placeholder="e.g. night shift, 5 %"
            aria-invalid={saveError ? true : undefined}
            aria-describedby={saveError ? errorId : undefined}
            onChange={(e) => {
              setName(e.currentTarget.value);
              setSaveError(null);
            }}
            className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900"
          />
          <button
            type="submit"
            disabled={saving || !canOperate}
            className="shrink-0 rounded-md bg-blue-700 px-3 py-1 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60 dark:bg-blue-600 dark:hover:bg-blue-500"
          >
            {saving ? "Saving…" : "Save preset"}
          </button>
        </div>
        <p className="text-xs text-slate-500 dark:text-slate-400">{canOperate ? "Saves the running config." : (readOnlyReason ?? "Read-only.")}</p>
        {saveError && (
          <p id={errorId} role="alert" className="text-sm text-red-700 dark:text-red-300">
            {saveError}
          </p>
        )}
      </form>

      {loadError && (
        <div role="alert" className="flex items-center justify-between gap-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          <span>Could not load presets: {loadError}</span>
          <button type="button" onClick={reload} className="rounded border border-current px-2 py-0.5 text-xs">
            Retry
          </button>
        </div>
      )}
      {presets === null && !loadError && <p className="text-sm text-slate-500">Loading presets…</p>}
      {presets !== null && presets.length === 0 && <p className="text-sm text-slate-500 dark:text-slate-400">No presets saved yet.</p>}
      {presets !== null && presets.length > 0 && (
        <ul aria-label="Saved presets" className="max-h-80 divide-y divide-slate-200 overflow-y-auto dark:divide-slate-700/70">
          {presets.map((p) => (
            <PresetItem
              key={p.id}
              preset={p}
              running={runningIds.has(p.id)}
              applying={applyingId === p.id}
              disabled={applyingId !== null || !canOperate}
              onApply={onApply}
            />
          ))}
        </ul>
      )}
    </div>
  );
}
