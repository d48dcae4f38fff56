/**
 * The charts' memory: one ring buffer of at most HISTORY_CAPACITY points per time window, each
 * fed at its own resolution (1 min: every snapshot; 5 min: one point per 0.5 s; 15 min: one
 * point per 1.5 s), so switching windows is instant and memory stays bounded however long the
 * page stays open. Pure; tested in chart-history.test.ts.
 *
 * Invariants: points are in increasing `t` in every buffer; appending the same snapshot twice
 * adds nothing (a React double render cannot duplicate data); a silence longer than GAP_MS
 * inserts a gap point so lines break instead of bridging an outage; a clock going backwards (the
 * server restarted) starts every window afresh.
 */
import type { TelemetrySnapshot } from "../../server/telemetry/snapshot";
import { CounterRates } from "./counter-rates";
import { Decimator } from "./decimate";
import { gapPoint, toChartPoint, type ChartPoint } from "./history-points";
import { RingBuffer } from "./ring-buffer";

export const HISTORY_CAPACITY = 600;
export const GAP_MS = 2000;

export const TIME_WINDOWS = [
  { id: "1m", label: "1 min", ms: 60_000, bucketMs: 0 },
  { id: "5m", label: "5 min", ms: 5 * 60_000, bucketMs: 500 },
  { id: "15m", label: "15 min", ms: 15 * 60_000, bucketMs: 1500 },
] as const;

export type TimeWindowId = (typeof TIME_WINDOWS)[number]["id"];

interface Tier {
  id: TimeWindowId;
  ms: number;
  buffer: RingBuffer<ChartPoint>;
  decimator: Decimator | null;
}

export class ChartHistory {
  private readonly tiers: Tier[];
  private rates = new CounterRates(1000);
  private lastTs: number | null = null;
  private latest: ChartPoint | null = null;

  constructor(capacity = HISTORY_CAPACITY) {
    this.tiers = TIME_WINDOWS.map((w) => ({
      id: w.id,
      ms: w.ms,
      buffer: new RingBuffer<ChartPoint>(capacity),
      decimator: w.bucketMs > 0 ? new Decimator(w.bucketMs) : null,
    }));
  }

  /** The newest point (every snapshot, not decimated), for readouts. */
  get last(): ChartPoint | null {
    return this.latest;
  }

  /** Appends a snapshot; returns whether anything changed. */
  append(s: TelemetrySnapshot): boolean {
    if (this.lastTs !== null) {
      if (s.ts === this.lastTs) return false;
      if (s.ts < this.lastTs) this.clear();
      else if (s.ts - this.lastTs > GAP_MS) this.push(gapPoint(this.lastTs + 1));
    }
    this.lastTs = s.ts;
    const point = toChartPoint(s, this.rates);
    this.latest = point;
    this.push(point);
    return true;
  }

  private push(point: ChartPoint): void {
    for (const tier of this.tiers) {
      const out = tier.decimator ? tier.decimator.add(point) : [point];
      for (const p of out) tier.buffer.push(p);
    }
  }

  /** Points of one window, oldest first, covering at most the window's length. */
  points(id: TimeWindowId): ChartPoint[] {
    const tier = this.tiers.find((t) => t.id === id) ?? this.tiers[0];
    const all = tier.buffer.toArray();
    if (all.length === 0) return all;
    const cutoff = all[all.length - 1].t - tier.ms;
    let lo = 0;
    let hi = all.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (all[mid].t < cutoff) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? all : all.slice(lo);
  }

  /** The largest value of `key` over the last `ms` (full-resolution window), or null. */
  maxOver(key: keyof Omit<ChartPoint, "t">, ms: number): number | null {
    const points = this.points("1m");
    if (points.length === 0) return null;
    const cutoff = points[points.length - 1].t - ms;
    let max: number | null = null;
    for (let i = points.length - 1; i >= 0 && points[i].t >= cutoff; i--) {
      const v = points[i][key];
      if (v !== null && (max === null || v > max)) max = v;
    }
    return max;
  }

  clear(): void {
    for (const tier of this.tiers) {
      tier.buffer.clear();
      tier.decimator?.reset();
    }
    this.rates = new CounterRates(1000);
    this.lastTs = null;
    this.latest = null;
  }
}
