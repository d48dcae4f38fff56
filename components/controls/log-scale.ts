/**
 * The sample-rate slider's logarithmic scale: slider positions 0..SLIDER_STEPS map to rates
 * MIN_RATE..MAX_RATE so that each decade (0.1-1 %, 1-10 %, 10-100 %) gets a third of the track.
 *
 * Invariants: positionToRate(0) === MIN_RATE, positionToRate(SLIDER_STEPS) === MAX_RATE, both
 * functions are monotonic, and rateToPosition(positionToRate(p)) === p for every integer p.
 */
export const MIN_RATE = 0.001;
export const MAX_RATE = 1;
export const SLIDER_STEPS = 1000;

const LOG_MIN = Math.log10(MIN_RATE);
const LOG_SPAN = Math.log10(MAX_RATE) - LOG_MIN;

/**
 * Rounds to 4 significant digits: fine enough that neighbouring slider steps (0.7 % apart) stay
 * distinct, coarse enough that a dragged rate is 0.09977 and not 0.0997723418.
 */
export function roundRate(rate: number): number {
  if (!Number.isFinite(rate) || rate <= 0) return 0;
  return Number(rate.toPrecision(4));
}

export function positionToRate(position: number): number {
  const p = Math.min(SLIDER_STEPS, Math.max(0, position));
  if (p >= SLIDER_STEPS) return MAX_RATE;
  if (p <= 0) return MIN_RATE;
  return roundRate(10 ** (LOG_MIN + (p / SLIDER_STEPS) * LOG_SPAN));
}

/** Rates below the slider's range (including 0) sit at its left end. */
export function rateToPosition(rate: number): number {
  if (!Number.isFinite(rate) || rate <= MIN_RATE) return 0;
  if (rate >= MAX_RATE) return SLIDER_STEPS;
  return Math.round(((Math.log10(rate) - LOG_MIN) / LOG_SPAN) * SLIDER_STEPS);
}

/** "10.0 %", "2.50 %", "0.100 %": three significant digits, as the readout shows a rate. */
export function formatRatePercent(rate: number): string {
  const pct = rate * 100;
  if (!Number.isFinite(pct)) return "–";
  if (pct === 0) return "0 %";
  if (pct >= 10) return `${pct.toFixed(1)} %`;
  if (pct >= 1) return `${pct.toFixed(2)} %`;
  return `${pct.toPrecision(3)} %`;
}
