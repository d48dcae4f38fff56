/**
 * Geometry for the live time-series charts: nice y ticks, scales, line and stacked-area paths
 * with gaps, and the nearest point to a pointer. Pure; tested in chart-geometry.test.ts.
 *
 * Why not a chart library: recharts re-derives its whole state on every update and cost the page
 * 130-270 ms of main-thread time per second for six charts (measured with Chrome's Performance
 * metrics); drawing one SVG path per series from these functions costs a few milliseconds.
 *
 * Invariants: a null value breaks a line or an area (no bridge across an outage); paths are built
 * from points in their given (increasing t) order; stacked bands are cumulative in key order, a
 * missing (null) value in one series counts as 0 for the bands above it unless every series is
 * null at that point (a gap).
 */
import type { ChartPoint } from "./history-points";
import type { SeriesKey } from "./series";

const NICE_STEPS = [1, 2, 2.5, 5, 10];

/** Ticks from 0 to a nice maximum at or above `max`, about `count` of them. */
export function niceTicks(max: number, count = 4): number[] {
  if (!Number.isFinite(max) || max <= 0) return [0, 1];
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = (NICE_STEPS.find((s) => s * magnitude >= raw) ?? 10) * magnitude;
  const top = Math.ceil(max / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = 0; v <= top + step / 2; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

export interface Frame {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  t0: number;
  t1: number;
  vMax: number;
}

export function sx(f: Frame, t: number): number {
  return f.t1 === f.t0 ? f.x1 : f.x0 + ((t - f.t0) / (f.t1 - f.t0)) * (f.x1 - f.x0);
}

export function sy(f: Frame, v: number): number {
  return f.y1 - (Math.min(v, f.vMax) / (f.vMax || 1)) * (f.y1 - f.y0);
}

const fmt = (n: number) => (Math.round(n * 10) / 10).toString();

/** An SVG path through one series; a null value ends the current segment. */
export function linePath(points: readonly ChartPoint[], key: SeriesKey, f: Frame): string {
  let d = "";
  let pen = false;
  for (const p of points) {
    const v = p[key];
    if (v === null || !Number.isFinite(v)) {
      pen = false;
      continue;
    }
    d += `${pen ? "L" : "M"}${fmt(sx(f, p.t))} ${fmt(sy(f, v))}`;
    pen = true;
  }
  return d;
}

/** Cumulative bands: for each key, [bottom, top] per point (null at a gap). */
export function stackBands(points: readonly ChartPoint[], keys: readonly SeriesKey[]): ([number, number] | null)[][] {
  const bands: ([number, number] | null)[][] = keys.map(() => []);
  for (const p of points) {
    const gap = keys.every((k) => p[k] === null);
    let base = 0;
    keys.forEach((k, i) => {
      if (gap) {
        bands[i].push(null);
        return;
      }
      const top = base + Math.max(0, p[k] ?? 0);
      bands[i].push([base, top]);
      base = top;
    });
  }
  return bands;
}

/** Closed area paths for one band, one sub-path per run of non-gap points. */
export function bandPath(points: readonly ChartPoint[], band: readonly ([number, number] | null)[], f: Frame): string {
  let d = "";
  let run: { x: number; lo: number; hi: number }[] = [];
  const close = () => {
    if (run.length > 0) {
      d += `M${run.map((r) => `${fmt(r.x)} ${fmt(r.hi)}`).join("L")}`;
      d += `L${[...run].reverse().map((r) => `${fmt(r.x)} ${fmt(r.lo)}`).join("L")}Z`;
    }
    run = [];
  };
  points.forEach((p, i) => {
    const b = band[i];
    if (!b) return close();
    run.push({ x: sx(f, p.t), lo: sy(f, b[0]), hi: sy(f, b[1]) });
  });
  close();
  return d;
}

/** The largest value to show: the stack's height, or the largest single value. */
export function maxValue(points: readonly ChartPoint[], keys: readonly SeriesKey[], stacked: boolean): number {
  let max = 0;
  for (const p of points) {
    if (stacked) {
      let sum = 0;
      for (const k of keys) sum += Math.max(0, p[k] ?? 0);
      if (sum > max) max = sum;
    } else {
      for (const k of keys) {
        const v = p[k];
        if (v !== null && v > max) max = v;
      }
    }
  }
  return max;
}

/** Index of the point nearest to time `t` (points in increasing t), or -1 when empty. */
export function nearestIndex(points: readonly ChartPoint[], t: number): number {
  if (points.length === 0) return -1;
  let lo = 0;
  let hi = points.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid].t < t) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && Math.abs(points[lo - 1].t - t) <= Math.abs(points[lo].t - t)) return lo - 1;
  return lo;
}
