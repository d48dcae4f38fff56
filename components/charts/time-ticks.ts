/**
 * Tick positions for the live time axis: whole seconds at a "nice" step (1, 2, 5, 10, 15, 30 s,
 * 1, 2, 5 min), at most `target` of them, so labels never repeat the same second. Pure; tested.
 */
const STEPS_MS = [1, 2, 5, 10, 15, 30, 60, 120, 300].map((s) => s * 1000);

export function timeTicks(min: number, max: number, target = 6): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max < min) return [];
  const span = max - min;
  const step = STEPS_MS.find((s) => span / s <= target) ?? STEPS_MS[STEPS_MS.length - 1];
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max; t += step) ticks.push(t);
  return ticks;
}
