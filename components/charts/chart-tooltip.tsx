"use client";
/** Tooltip body for the live charts: time, then each series with its value and unit. */
import type { TooltipContentProps } from "recharts";
import { formatClock } from "../status/format";

interface Props extends Partial<Pick<TooltipContentProps, "active" | "payload" | "label">> {
  unit: string;
  digits?: number;
  /** Formats a value with its unit (e.g. bytes as "3.4 KB/s"); default: fixed digits + unit. */
  format?: (value: number) => string;
}

export function ChartTooltip({ active, payload, label, unit, digits = 1, format }: Props) {
  if (!active || !payload || payload.length === 0) return null;
  const show = format ?? ((v: number) => `${v.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${unit}`);
  return (
    <div className="rounded-md border border-slate-200 bg-white/95 px-3 py-2 text-xs text-slate-900 shadow-lg dark:border-slate-700 dark:bg-slate-900/95 dark:text-slate-100">
      <p className="mb-1 font-mono text-slate-500 dark:text-slate-400">{typeof label === "number" ? formatClock(label) : label}</p>
      <ul className="flex flex-col gap-0.5">
        {payload.map((entry) => {
          const value = typeof entry.value === "number" ? entry.value : null;
          return (
            <li key={String(entry.dataKey)} className="flex items-center gap-2">
              <span aria-hidden className="inline-block h-2 w-2 rounded-full" style={{ background: entry.color }} />
              <span className="flex-1">{entry.name}</span>
              <span className="font-mono tabular-nums">{value === null ? "–" : show(value)}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
