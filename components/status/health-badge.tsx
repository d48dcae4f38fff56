import type { Health, HealthLevel } from "./health";

export const HEALTH_TEXT: Record<HealthLevel, string> = {
  ok: "text-emerald-800 dark:text-emerald-300",
  warn: "text-amber-800 dark:text-amber-300",
  critical: "text-red-800 dark:text-red-300",
  unknown: "text-slate-600 dark:text-slate-400",
};

export const HEALTH_PILL: Record<HealthLevel, string> = {
  ok: "bg-emerald-100 text-emerald-900 ring-emerald-600/30 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-400/30",
  warn: "bg-amber-100 text-amber-900 ring-amber-600/40 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-400/40",
  critical: "bg-red-100 text-red-900 ring-red-600/40 dark:bg-red-950 dark:text-red-200 dark:ring-red-400/40",
  unknown: "bg-slate-100 text-slate-700 ring-slate-400/40 dark:bg-slate-800 dark:text-slate-300 dark:ring-slate-500/40",
};

/** Shape as well as colour, so the level reads without colour vision. */
const ICON: Record<HealthLevel, string> = { ok: "●", warn: "▲", critical: "■", unknown: "○" };

/** A pill: icon + label, coloured by level. */
export function HealthBadge({ health, className = "" }: { health: Health; className?: string }) {
  return (
    <span
      data-health={health.level}
      className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-semibold whitespace-nowrap ring-1 ring-inset ${HEALTH_PILL[health.level]} ${className}`}
    >
      <span aria-hidden className="text-[9px]">
        {ICON[health.level]}
      </span>
      {health.label}
    </span>
  );
}
