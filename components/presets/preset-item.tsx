"use client";
import { presetHighlights } from "./preset-match";
import type { PresetSummary } from "./presets-api";

export type PresetAction = "apply" | "overwrite" | "delete";

interface Props {
  preset: PresetSummary;
  /** Applying it would change nothing. */
  running: boolean;
  /** False for viewers and while offline: the buttons are disabled (the panel says why). */
  canOperate: boolean;
  onAction: (action: PresetAction, preset: PresetSummary) => void;
}

const buttonClass =
  "rounded-md border px-2.5 py-0.5 text-xs font-medium focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 disabled:cursor-not-allowed disabled:opacity-50";

/**
 * One preset: its name, the values it sets (an operator compares them at a glance), and what can
 * be done with it. Each action opens a confirmation that shows what will change first.
 * Built-ins can be applied, never overwritten or deleted.
 */
export function PresetItem({ preset, running, canOperate, onAction }: Props) {
  const highlights = presetHighlights(preset.config);
  return (
    <li data-testid="preset-item" data-preset-name={preset.name} className="flex flex-col gap-1.5 py-2.5 @lg:flex-row @lg:items-start @lg:justify-between @lg:gap-4">
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <span className="min-w-0 truncate font-medium" title={preset.name} dir="auto">
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
          <p className="truncate text-xs text-slate-500 dark:text-slate-400" title={preset.description} dir="auto">
            {preset.description}
          </p>
        )}
        {highlights.length > 0 && <p className="mt-0.5 font-mono text-xs text-slate-600 tabular-nums dark:text-slate-400">{highlights.join(" · ")}</p>}
      </div>
      <div className="flex shrink-0 flex-wrap gap-1.5">
        <button
          type="button"
          aria-label={`Apply preset ${preset.name}`}
          disabled={!canOperate}
          onClick={() => onAction("apply", preset)}
          className={`${buttonClass} border-blue-700 text-blue-800 hover:bg-blue-50 dark:border-blue-400 dark:text-blue-200 dark:hover:bg-blue-950`}
        >
          Apply
        </button>
        {!preset.builtIn && (
          <>
            <button
              type="button"
              aria-label={`Overwrite preset ${preset.name} with the running config`}
              disabled={!canOperate}
              onClick={() => onAction("overwrite", preset)}
              className={`${buttonClass} border-slate-300 hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800`}
            >
              Overwrite
            </button>
            <button
              type="button"
              aria-label={`Delete preset ${preset.name}`}
              disabled={!canOperate}
              onClick={() => onAction("delete", preset)}
              className={`${buttonClass} border-slate-300 text-red-700 hover:bg-red-50 dark:border-slate-600 dark:text-red-300 dark:hover:bg-red-950`}
            >
              Delete
            </button>
          </>
        )}
      </div>
    </li>
  );
}
