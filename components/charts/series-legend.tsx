/**
 * A static HTML legend under each chart: it shows each line's dash pattern (or an area swatch)
 * so colour is not the only cue.
 */
import { SERIES, type SeriesKey } from "./series";

export function SeriesLegend({ keys, swatch = "line" }: { keys: readonly SeriesKey[]; swatch?: "line" | "area" }) {
  return (
    <ul className="mt-1 flex flex-wrap justify-center gap-x-4 gap-y-1 text-xs text-slate-600 dark:text-slate-300">
      {keys.map((key) => {
        const s = SERIES[key];
        return (
          <li key={key} className="flex items-center gap-1.5">
            {swatch === "area" ? (
              <span aria-hidden className="inline-block h-2.5 w-3.5 rounded-sm" style={{ background: s.color, opacity: 0.85 }} />
            ) : (
              <svg aria-hidden width="18" height="6" viewBox="0 0 18 6">
                <line x1="0" y1="3" x2="18" y2="3" stroke={s.color} strokeWidth="2.5" strokeDasharray={s.dash} />
              </svg>
            )}
            {s.name}
          </li>
        );
      })}
    </ul>
  );
}
