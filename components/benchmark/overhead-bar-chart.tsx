"use client";
/**
 * Overhead % per configuration as horizontal bars: plain SVG, no animation. Bars start at 0 %; a
 * negative overhead (noise: the configuration ran faster than the baseline) extends left of the
 * zero line in a muted colour, so it is not mistaken for a cost.
 */
import type { BenchmarkResultRow } from "../../server/benchmark/benchmark-contract";
import { formatPercent } from "./benchmark-format";

const ROW = 30;
const LABEL_W = 130;
const VALUE_W = 70;
const WIDTH = 640;
const PAD_TOP = 8;
const AXIS_H = 22;

/** A round axis end at or above `v` (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 x 10^n): bars use most of the width. */
function niceCeil(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= v - 1e-9) return m * p;
  return 10 * p;
}

export function OverheadBarChart({ rows }: { rows: BenchmarkResultRow[] }) {
  const max = niceCeil(Math.max(1, ...rows.map((r) => r.overheadPercent)));
  const min = Math.min(0, ...rows.map((r) => r.overheadPercent));
  // A negative side at least a quarter of the positive one, so its tick label never sits on 0 %.
  const lo = min < 0 ? -niceCeil(Math.max(-min, max / 4)) : 0;
  const plotW = WIDTH - LABEL_W - VALUE_W;
  const x = (v: number) => LABEL_W + ((v - lo) / (max - lo)) * plotW;
  const height = PAD_TOP + rows.length * ROW + AXIS_H;
  const ticks = [lo, ...(lo < 0 ? [0] : []), max / 2, max].filter((t, i, a) => a.indexOf(t) === i);
  return (
    <figure data-testid="benchmark-chart" className="max-w-3xl">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-label={`Overhead per configuration: ${rows.map((r) => `${r.name} ${formatPercent(r.overheadPercent)}`).join(", ")}`}>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={PAD_TOP - 4} y2={PAD_TOP + rows.length * ROW} className={t === 0 ? "stroke-slate-500" : "stroke-slate-200 dark:stroke-slate-700"} strokeWidth={1} />
            <text x={x(t)} y={height - 6} textAnchor="middle" className="fill-slate-500 text-[11px] dark:fill-slate-400">
              {formatPercent(t)}
            </text>
          </g>
        ))}
        {rows.map((r, i) => {
          const y = PAD_TOP + i * ROW;
          const x0 = x(0);
          const x1 = x(r.overheadPercent);
          const negative = r.overheadPercent < 0;
          return (
            <g key={r.name} data-testid="benchmark-bar" data-configuration={r.name} data-value={r.overheadPercent}>
              <text x={LABEL_W - 8} y={y + ROW / 2 + 4} textAnchor="end" className="fill-slate-700 text-[12px] font-medium dark:fill-slate-200">
                {r.name}
              </text>
              <rect
                x={Math.min(x0, x1)}
                y={y + 5}
                width={Math.max(1, Math.abs(x1 - x0))}
                height={ROW - 10}
                rx={2}
                className={negative ? "fill-slate-300 dark:fill-slate-600" : "fill-blue-600 dark:fill-blue-500"}
              />
              <text x={Math.max(x0, x1) + 6} y={y + ROW / 2 + 4} className="fill-slate-800 text-[12px] tabular-nums dark:fill-slate-100">
                {formatPercent(r.overheadPercent)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="mt-1 text-xs text-slate-500 dark:text-slate-400">
        Cost per iteration compared with the same workload on a runtime with telemetry disabled (median over interleaved rounds). The “disabled” bar shows the measurement noise.
      </figcaption>
    </figure>
  );
}
