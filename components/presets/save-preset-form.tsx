"use client";
/**
 * "Save as": stores the running config under a new name. A taken name is not an error to
 * retype around: the form says which preset holds it and offers to overwrite that one (never a
 * built-in), through the same reviewed overwrite as the list's Overwrite button.
 */
import { useId, useState, type FormEvent } from "react";
import type { PushToast } from "../feedback/use-toasts";
import { savePreset } from "./presets-api";

export interface TakenName {
  id: string;
  name: string;
  builtIn: boolean;
}

interface Props {
  canOperate: boolean;
  onSaved: () => void;
  onOverwrite: (taken: TakenName) => void;
  toast: PushToast;
}

export function SavePresetForm({ canOperate, onSaved, onOverwrite, toast }: Props) {
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [taken, setTaken] = useState<TakenName | null>(null);
  const [saving, setSaving] = useState(false);
  const errorId = useId();

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError("Enter a name for the preset");
      return;
    }
    setSaving(true);
    setError(null);
    setTaken(null);
    const result = await savePreset(trimmed);
    setSaving(false);
    if (result.ok) {
      setName("");
      toast("success", `Saved preset "${result.value.name}"`);
      onSaved();
      return;
    }
    const existing = result.details?.existing as TakenName | null | undefined;
    if (result.code === "duplicate_name" && existing) setTaken(existing);
    setError(result.error);
  };

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-1" noValidate>
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
          dir="auto"
          placeholder="e.g. night shift, 5 %"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(e) => {
            setName(e.currentTarget.value);
            setError(null);
            setTaken(null);
          }}
          className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900"
        />
        <button
          type="submit"
          disabled={saving || !canOperate}
          className="shrink-0 rounded-md bg-blue-700 px-3 py-1 text-sm font-medium text-white hover:bg-blue-800 disabled:cursor-not-allowed disabled:opacity-60 dark:bg-blue-600 dark:hover:bg-blue-500"
        >
          {saving ? "Saving…" : "Save preset"}
        </button>
      </div>
      <p className="text-xs text-slate-500 dark:text-slate-400">Saves the running config under a new name.</p>
      {error && (
        <div id={errorId} role="alert" className="flex flex-wrap items-center gap-2 text-sm text-red-700 dark:text-red-300">
          <span>{taken?.builtIn ? `${error}: "${taken.name}" is built-in, so choose another name.` : error}</span>
          {taken && !taken.builtIn && (
            <button
              type="button"
              disabled={!canOperate}
              onClick={() => onOverwrite(taken)}
              className="rounded-md border border-current px-2 py-0.5 text-xs font-medium disabled:opacity-50"
            >
              Overwrite “{taken.name}”…
            </button>
          )}
        </div>
      )}
    </form>
  );
}
