"use client";
/**
 * A live time-series chart drawn as plain SVG: one path per series (lines, or stacked areas),
 * y grid with unit-formatted ticks, time ticks, dashed reference lines, and a tooltip that follows
 * the pointer, or the arrow keys when the chart has focus. No animation; paths are recomputed
 * only when the points or the size change (see chart-geometry.ts for why this is not recharts).
 */
import { memo, useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import { formatClock } from "../status/format";
import { bandPath, linePath, maxValue, nearestIndex, niceTicks, stackBands, sx, sy, type Frame } from "./chart-geometry";
import type { ChartPoint } from "./history-points";
import { SERIES, type SeriesKey } from "./series";
import { timeTicks } from "./time-ticks";

export interface ReferenceLineSpec {
  y: number;
  label: string;
  color: string;
}

interface Props {
  points: ChartPoint[];
  keys: readonly SeriesKey[];
  stacked?: boolean;
  height: number;
  /** Fixed top of the y axis (queue: 100 %); otherwise a nice value above the data. */
  yMax?: number;
  yTick: (v: number) => string;
  /** A value with its unit, for the tooltip. */
  format: (v: number) => string;
  references?: readonly ReferenceLineSpec[];
  /** Accessible description of the chart (its title and latest values). */
  label: string;
  /** The time axis spans this window, ending at the newest point (data fills in from the right). */
  windowMs: number;
}

const M = { top: 8, right: 10, bottom: 20, left: 46 };
const NO_REFERENCES: readonly ReferenceLineSpec[] = [];

function useWidth(): [React.RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(480);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth || 480);
    const ro = new ResizeObserver((entries) => {
      const w = Math.round(entries[0].contentRect.width);
      if (w > 0) setWidth((prev) => (prev === w ? prev : w));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}

export const TimeSeriesChart = memo(function TimeSeriesChart({ points, keys, stacked = false, height, yMax, yTick, format, references = NO_REFERENCES, label, windowMs }: Props) {
  const [ref, width] = useWidth();
  const [hover, setHover] = useState<number | null>(null);

  const geometry = useMemo(() => {
    const top = yMax ?? Math.max(maxValue(points, keys, stacked), ...references.map((r) => r.y * 1.05));
    const ticks = yMax !== undefined ? niceTicks(yMax) : niceTicks(top);
    const f: Frame = {
      x0: M.left,
      x1: Math.max(M.left + 10, width - M.right),
      y0: M.top,
      y1: height - M.bottom,
      t0: (points.length ? points[points.length - 1].t : windowMs) - windowMs,
      t1: points.length ? points[points.length - 1].t : windowMs,
      vMax: ticks[ticks.length - 1],
    };
    const paths = stacked
      ? stackBands(points, keys).map((band) => bandPath(points, band, f))
      : keys.map((k) => linePath(points, k, f));
    return { f, ticks, paths, times: points.length ? timeTicks(f.t0, f.t1, Math.max(2, Math.floor(width / 90))) : [] };
  }, [points, keys, stacked, width, height, yMax, references, windowMs]);

  const { f, ticks, paths, times } = geometry;
  const index = hover !== null && hover < points.length ? hover : null;
  const hovered = index !== null ? points[index] : null;

  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    if (points.length === 0) return;
    const x = e.clientX - e.currentTarget.getBoundingClientRect().left;
    const t = f.t0 + ((x - f.x0) / (f.x1 - f.x0)) * (f.t1 - f.t0);
    setHover(nearestIndex(points, t));
  };
  const onKeyDown = (e: KeyboardEvent<SVGSVGElement>) => {
    if (points.length === 0) return;
    const last = points.length - 1;
    const at = index ?? last;
    const to = e.key === "ArrowLeft" ? Math.max(0, at - 1) : e.key === "ArrowRight" ? Math.min(last, at + 1) : e.key === "Home" ? 0 : e.key === "End" ? last : e.key === "Escape" ? null : undefined;
    if (to === undefined) return;
    e.preventDefault();
    setHover(to);
  };

  const tipLeft = hovered ? sx(f, hovered.t) : 0;
  return (
    <div ref={ref} className="relative" style={{ height }}>
      <svg
        width={width}
        height={height}
        role="img"
        aria-label={label}
        tabIndex={0}
        onPointerMove={onPointerMove}
        onPointerLeave={() => setHover(null)}
        onKeyDown={onKeyDown}
        onBlur={() => setHover(null)}
        className="block overflow-visible rounded-sm focus-visible:outline-2 focus-visible:outline-blue-500"
      >
        <g fontSize={11} fill="currentColor">
          {ticks.map((v) => (
            <g key={v}>
              <line x1={f.x0} x2={f.x1} y1={sy(f, v)} y2={sy(f, v)} stroke="currentColor" strokeOpacity={0.12} />
              <text x={f.x0 - 6} y={sy(f, v)} textAnchor="end" dominantBaseline="middle">
                {yTick(v)}
              </text>
            </g>
          ))}
          {times.map((t) => (
            <text key={t} x={sx(f, t)} y={height - 4} textAnchor="middle">
              {formatClock(t)}
            </text>
          ))}
        </g>
        <line x1={f.x0} x2={f.x1} y1={f.y1} y2={f.y1} stroke="currentColor" strokeOpacity={0.4} />
        {keys.map((k, i) =>
          stacked ? (
            <path key={k} d={paths[i]} fill={SERIES[k].color} fillOpacity={k === "notSampled" ? 0.3 : 0.6} stroke={SERIES[k].color} strokeWidth={1} />
          ) : (
            <path key={k} d={paths[i]} fill="none" stroke={SERIES[k].color} strokeWidth={2} strokeDasharray={SERIES[k].dash} strokeLinejoin="round" />
          ),
        )}
        {references.map((r) => (
          <g key={r.label}>
            <line x1={f.x0} x2={f.x1} y1={sy(f, r.y)} y2={sy(f, r.y)} stroke={r.color} strokeDasharray="6 4" strokeWidth={1.5} />
            <text x={f.x1 - 4} y={sy(f, r.y) - 4} textAnchor="end" fontSize={11} fill={r.color}>
              {r.label}
            </text>
          </g>
        ))}
        {hovered && <line x1={tipLeft} x2={tipLeft} y1={f.y0} y2={f.y1} stroke="currentColor" strokeOpacity={0.5} />}
      </svg>
      {hovered && (
        <div
          role="status"
          className="pointer-events-none absolute top-1 z-10 min-w-36 rounded-md border border-slate-200 bg-white/95 px-2.5 py-1.5 text-xs text-slate-900 shadow-lg dark:border-slate-700 dark:bg-slate-900/95 dark:text-slate-100"
          style={tipLeft > width / 2 ? { right: width - tipLeft + 8 } : { left: tipLeft + 8 }}
        >
          <p className="mb-0.5 font-mono text-slate-500 dark:text-slate-400">{formatClock(hovered.t)}</p>
          <ul>
            {keys.map((k) => (
              <li key={k} className="flex items-center gap-2">
                <span aria-hidden className="inline-block h-2 w-2 rounded-full" style={{ background: SERIES[k].color }} />
                <span className="flex-1">{SERIES[k].name}</span>
                <span className="font-mono tabular-nums">{hovered[k] === null ? "–" : format(hovered[k] as number)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
});
