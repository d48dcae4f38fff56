import type { ReactNode } from "react";

interface Props {
  id: string;
  title: string;
  unit: string;
  /** A short reading of the latest values, shown beside the title. */
  summary?: ReactNode;
  children: ReactNode;
}

/** A titled panel around one chart; the unit is always printed, not only in tooltips. */
export function ChartCard({ id, title, unit, summary, children }: Props) {
  return (
    <section aria-labelledby={`${id}-title`} data-testid={`chart-${id}`} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm dark:border-slate-700/80 dark:bg-slate-900">
      <div className="mb-1 flex flex-wrap items-baseline justify-between gap-x-3">
        <h3 id={`${id}-title`} className="text-sm font-semibold">
          {title} <span className="font-normal text-slate-500 dark:text-slate-400">({unit})</span>
        </h3>
        {summary && <div className="text-xs text-slate-600 tabular-nums dark:text-slate-400">{summary}</div>}
      </div>
      <div className="text-slate-500 dark:text-slate-400">{children}</div>
    </section>
  );
}
