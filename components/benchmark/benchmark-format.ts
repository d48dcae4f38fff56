/** Number formats of the benchmark page: fixed decimals, so columns line up and nothing jumps. */

export const formatPercent = (v: number) => `${v >= 0 ? "" : "−"}${Math.abs(v).toFixed(1)} %`;
export const formatMs = (v: number) => (v < 1 ? v.toFixed(3) : v < 100 ? v.toFixed(2) : v.toFixed(0));
export const formatMb = (v: number) => v.toFixed(2);
export const formatCount = (v: number) => Math.round(v).toLocaleString("en-US");

/** "10 %" for a sample rate, "off" when telemetry is disabled. */
export function describeSampling(enabled: boolean, sampleRate: number): string {
  if (!enabled) return "telemetry off";
  return `${Number((sampleRate * 100).toPrecision(3))} % sampled`;
}
