"use client";
import { presetHighlights } from "./preset-match";
import type { PresetSummary } from "./presets-api";

interface Props {
  preset: PresetSummary;
  running: boolean;
  applying: boolean;
  disabled: boolean;
  onApply: (preset: PresetSummary) => void;
}

/** One saved preset: its name, the values it sets (an operator compares them at a glance), and Apply. */
export function PresetItem({ preset, running, applying, disabled, onApply }: Props) {
  const highlights = presetHighlights(preset.config);
  return (
    <li data-testid="preset-item" data-preset-name={preset.name} className="flex items-start justify-between gap-3 py-2.5">
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-2">
          <span className="truncate font-medium" title={preset.name}>
            {preset.name}
          </span>
          {preset.builtIn && (
            <span className="rounded bg-slate-200 px-1.5 py-0.5 text-[10px] font-semibold tracking-wide text-slate-700 uppercase dark:bg-slate-700 dark:text-slate-200">
              built-in
            </span>
          )}
          {running && (
            <span className="rounded bg-emerald-100 px-1.5 py-0.5 text-[10px] font-semibold tracking-wide text-emerald-800 uppercase dark:bg-emerald-900 dark:text-emerald-200">
              running
            </span>
          )}
        </div>
        {preset.description && (
          <p className="truncate text-xs text-slate-500 dark:text-slate-400" title={preset.description}>
            {preset.description}
          </p>
        )}
        {highlights.length > 0 && (
          <p className="mt-0.5 font-mono text-xs text-slate-600 tabular-nums dark:text-slate-400">{highlights.join(" · ")}</p>
        )}
      </div>
      <button
        type="button"
        aria-label={`Apply preset ${preset.name}`}
        disabled={disabled || applying}
        onClick={() => onApply(preset)}
        className="shrink-0 rounded-md border border-slate-300 px-3 py-1 text-sm font-medium hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-50 dark:border-slate-600 dark:hover:bg-slate-800"
      >
        {applying ? "Applying…" : "Apply"}
      </button>
    </li>
  );
}
