"use client";
/** The charts' time window: native radio buttons (arrow keys move between them) styled as a segmented control. */
import { TIME_WINDOWS, type TimeWindowId } from "./chart-history";

export function WindowPicker({ value, onChange }: { value: TimeWindowId; onChange: (id: TimeWindowId) => void }) {
  return (
    <fieldset className="flex items-center gap-2">
      <legend className="sr-only">Time window</legend>
      <span aria-hidden className="text-xs text-slate-500 dark:text-slate-400">
        Window
      </span>
      <div className="inline-flex overflow-hidden rounded-md border border-slate-300 dark:border-slate-600">
        {TIME_WINDOWS.map((w) => (
          <label
            key={w.id}
            className="cursor-pointer border-l border-slate-300 px-2.5 py-1 text-xs font-medium first:border-l-0 has-checked:bg-blue-700 has-checked:text-white has-focus-visible:outline-2 has-focus-visible:outline-offset-[-2px] has-focus-visible:outline-blue-500 dark:border-slate-600 dark:has-checked:bg-blue-600"
          >
            <input type="radio" name="chart-window" value={w.id} checked={value === w.id} onChange={() => onChange(w.id)} className="sr-only" />
            {w.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
