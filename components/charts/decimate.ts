/**
 * Decimation for the longer chart windows: points are grouped into buckets of `bucketMs` (by
 * floor(t / bucketMs)) and each full bucket becomes one point. Pure; tested in decimate.test.ts.
 *
 * 600 points over 15 minutes is one point per 1.5 s: six snapshots per bucket.
 *
 * Invariants:
 * - A bucket is emitted once, when a point of a later bucket arrives (or on flush), so emitted
 *   points are in increasing `t` and each carries the time of its bucket's last input.
 * - Values are the mean of the bucket's non-null inputs, except MAX_KEYS (queue, p99 latency),
 *   which keep the maximum: a spike to 100 % must not be averaged away in the long view.
 * - A gap point (every series null) is passed through as it is, after flushing the open bucket.
 */
import type { ChartPoint } from "./history-points";
import { SERIES_KEYS, type SeriesKey } from "./series";

export const MAX_KEYS: ReadonlySet<SeriesKey> = new Set<SeriesKey>(["queuePct", "latencyP99"]);

function isGap(p: ChartPoint): boolean {
  return SERIES_KEYS.every((k) => p[k] === null);
}

export class Decimator {
  private bucket: number | null = null;
  private lastT = 0;
  private sums = new Map<SeriesKey, number>();
  private counts = new Map<SeriesKey, number>();

  constructor(readonly bucketMs: number) {
    if (!(bucketMs > 0)) throw new RangeError(`bucketMs must be positive, got ${bucketMs}`);
  }

  /** Feeds a point; returns the points completed by it (zero, one, or two with a gap). */
  add(p: ChartPoint): ChartPoint[] {
    if (isGap(p)) {
      const out = this.flush();
      out.push(p);
      return out;
    }
    const b = Math.floor(p.t / this.bucketMs);
    const out = this.bucket !== null && b !== this.bucket ? this.flush() : [];
    this.bucket = b;
    this.lastT = p.t;
    for (const key of SERIES_KEYS) {
      const v = p[key];
      if (v === null || !Number.isFinite(v)) continue;
      if (MAX_KEYS.has(key)) this.sums.set(key, Math.max(this.sums.get(key) ?? -Infinity, v));
      else this.sums.set(key, (this.sums.get(key) ?? 0) + v);
      this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    }
    return out;
  }

  /** Emits the open bucket, if any. */
  flush(): ChartPoint[] {
    if (this.bucket === null) return [];
    const point = { t: this.lastT } as ChartPoint;
    for (const key of SERIES_KEYS) {
      const n = this.counts.get(key) ?? 0;
      const sum = this.sums.get(key);
      point[key] = n === 0 || sum === undefined ? null : MAX_KEYS.has(key) ? sum : sum / n;
    }
    this.bucket = null;
    this.sums = new Map();
    this.counts = new Map();
    return [point];
  }

  reset(): void {
    this.bucket = null;
    this.sums = new Map();
    this.counts = new Map();
  }
}
