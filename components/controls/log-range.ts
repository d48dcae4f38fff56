/**
 * Logarithmic slider scales for integer settings spanning decades (batch size 1-65536, export
 * interval 100 ms-60 s, queue 64-1M): positions 0..steps map to min..max so each decade gets an
 * equal share of the track, and dragged values are rounded to two significant digits (1024 ->
 * 1000, 16384 -> 16000), so a drag lands on readable numbers. Typing gives exact values.
 * Pure; tested in log-range.test.ts.
 *
 * Invariants: toValue(0) === min, toValue(steps) === max, toValue is monotonic non-decreasing,
 * results are integers within [min, max]; toPosition clamps out-of-range values to the ends.
 */
export interface LogScale {
  min: number;
  max: number;
  steps: number;
  toValue(position: number): number;
  toPosition(value: number): number;
}

export function niceRound(v: number): number {
  if (v < 100) return Math.round(v);
  const magnitude = 10 ** (Math.floor(Math.log10(v)) - 1);
  return Math.round(v / magnitude) * magnitude;
}

export function logScale(min: number, max: number, steps = 1000): LogScale {
  if (!(min >= 1) || !(max > min)) throw new RangeError(`need 1 <= min < max, got ${min}..${max}`);
  const lo = Math.log10(min);
  const span = Math.log10(max) - lo;
  return {
    min,
    max,
    steps,
    toValue(position) {
      const p = Math.min(steps, Math.max(0, position));
      if (p <= 0) return min;
      if (p >= steps) return max;
      return Math.min(max, Math.max(min, niceRound(10 ** (lo + (p / steps) * span))));
    },
    toPosition(value) {
      if (!Number.isFinite(value) || value <= min) return 0;
      if (value >= max) return steps;
      return Math.round(((Math.log10(value) - lo) / span) * steps);
    },
  };
}

export const BATCH_SCALE = logScale(1, 65_536);
export const INTERVAL_SCALE = logScale(100, 60_000);
export const QUEUE_SCALE = logScale(64, 1_048_576);
