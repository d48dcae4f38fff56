import type { ReactNode } from "react";
import type { Health } from "./health";
import { HealthBadge } from "./health-badge";

const EDGE: Record<Health["level"], string> = {
  ok: "border-l-emerald-500 dark:border-l-emerald-500",
  warn: "border-l-amber-500 dark:border-l-amber-400",
  critical: "border-l-red-600 dark:border-l-red-500",
  unknown: "border-l-slate-400 dark:border-l-slate-500",
};

interface Props {
  id: string;
  title: string;
  value: string;
  unit?: string;
  /** The raw number, for tests and tooling (data-value). */
  raw?: number;
  health: Health;
  detail?: ReactNode;
  stale?: boolean;
}

/** One headline figure with its health; the coloured left edge repeats the badge's verdict. */
const STALE: Health = { level: "unknown", label: "Stale" };

export function KpiTile({ id, title, value, unit, raw, health: live, detail, stale }: Props) {
  // Frozen figures get no green/amber/red verdict: nobody should trust a health from the past.
  const health = stale ? STALE : live;
  return (
    <section
      aria-labelledby={`${id}-title`}
      data-testid={`kpi-${id}`}
      className={`flex min-w-0 flex-col gap-1 rounded-lg border border-l-4 border-slate-200 bg-white px-3 py-2.5 shadow-sm dark:border-slate-700/80 dark:bg-slate-900 ${EDGE[health.level]} ${stale ? "opacity-60" : ""}`}
    >
      <h3 id={`${id}-title`} className="truncate text-xs font-medium tracking-wide text-slate-600 uppercase dark:text-slate-400" title={title}>
        {title}
      </h3>
      <p className="flex items-baseline gap-1">
        <span data-testid={`kpi-${id}-value`} data-value={raw} className="font-mono text-2xl font-semibold tabular-nums">
          {value}
        </span>
        {unit && <span className="text-sm text-slate-500 dark:text-slate-400">{unit}</span>}
      </p>
      <div>
        <HealthBadge health={health} />
      </div>
      {detail && <div className="text-xs text-slate-600 tabular-nums dark:text-slate-400">{detail}</div>}
    </section>
  );
}
