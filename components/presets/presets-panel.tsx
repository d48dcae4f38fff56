"use client";
/**
 * Presets: search the saved presets, save the running config as a new one, and apply, overwrite
 * or delete one, each after a confirmation that shows what will change. The list is refetched
 * after every change made here and whenever the server announces `presets:changed` (someone
 * else changed them). Viewers see everything; every button that changes something is disabled.
 */
import { useCallback, useEffect, useMemo, useState } from "react";
import type { TelemetryConfig } from "../../server/telemetry/config";
import type { PushToast } from "../feedback/use-toasts";
import { ApplyPresetDialog } from "./apply-preset-dialog";
import { DeletePresetDialog } from "./delete-preset-dialog";
import { OverwritePresetDialog } from "./overwrite-preset-dialog";
import { PresetItem, type PresetAction } from "./preset-item";
import { presetMatchesRunning } from "./preset-match";
import { matchesSearch } from "./preset-search";
import { listPresets, type PresetSummary } from "./presets-api";
import { PresetsTransfer } from "./presets-transfer";
import { SavePresetForm } from "./save-preset-form";

interface Props {
  /** The running config, to mark the presets applying would not change. */
  running: TelemetryConfig | null;
  /** False for read-only viewers and while offline: every change is disabled. */
  canOperate: boolean;
  /** Why changes are not possible right now, shown when canOperate is false. */
  readOnlyReason?: string;
  /** Bumped when the server says presets changed. */
  revision: number;
  toast: PushToast;
}

type OpenAction = { kind: "apply" | "delete"; preset: PresetSummary } | { kind: "overwrite"; id: string; name: string } | null;

export function PresetsPanel({ running, canOperate, readOnlyReason, revision, toast }: Props) {
  const [presets, setPresets] = useState<PresetSummary[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [query, setQuery] = useState("");
  const [action, setAction] = useState<OpenAction>(null);
  const [reloadTick, setReloadTick] = useState(0);

  const reload = useCallback(() => setReloadTick((n) => n + 1), []);
  const close = useCallback(() => setAction(null), []);

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
  // The operator's own presets first (they are what they come back for), then the built-ins.
  const shown = useMemo(
    () => (presets ?? []).filter((p) => matchesSearch(p, query)).sort((a, b) => Number(a.builtIn) - Number(b.builtIn)),
    [presets, query],
  );

  const onAction = useCallback((kind: PresetAction, preset: PresetSummary) => {
    setAction(kind === "overwrite" ? { kind, id: preset.id, name: preset.name } : { kind, preset });
  }, []);

  return (
    <div className="flex flex-col gap-3">
      {!canOperate && (
        <p data-testid="presets-read-only" className="rounded-md bg-slate-100 px-3 py-2 text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-300">
          {readOnlyReason ?? "Read-only."} Presets can be browsed and compared, not changed.
        </p>
      )}
      <SavePresetForm canOperate={canOperate} onSaved={reload} onOverwrite={(t) => setAction({ kind: "overwrite", id: t.id, name: t.name })} toast={toast} />

      <div className="flex flex-col gap-1">
        <label htmlFor="preset-search" className="sr-only">
          Search presets
        </label>
        <input
          id="preset-search"
          type="search"
          value={query}
          autoComplete="off"
          placeholder="Search presets"
          onChange={(e) => setQuery(e.currentTarget.value)}
          className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900"
        />
      </div>

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
      {presets !== null && presets.length > 0 && shown.length === 0 && (
        <p className="text-sm text-slate-500 dark:text-slate-400">No preset matches “{query.trim()}”.</p>
      )}
      {shown.length > 0 && (
        <ul aria-label="Saved presets" className="@container max-h-96 divide-y divide-slate-200 overflow-y-auto pr-1 dark:divide-slate-700/70">
          {shown.map((p) => (
            <PresetItem key={p.id} preset={p} running={runningIds.has(p.id)} canOperate={canOperate} onAction={onAction} />
          ))}
        </ul>
      )}

      <PresetsTransfer canOperate={canOperate} onImported={reload} toast={toast} />

      {action?.kind === "apply" && <ApplyPresetDialog key={action.preset.id} preset={action.preset} onClose={close} toast={toast} />}
      {action?.kind === "delete" && <DeletePresetDialog key={action.preset.id} preset={action.preset} onClose={close} onDone={reload} toast={toast} />}
      {action?.kind === "overwrite" && (
        <OverwritePresetDialog key={action.id} presetId={action.id} presetName={action.name} running={running} onClose={close} onDone={reload} toast={toast} />
      )}
    </div>
  );
}
