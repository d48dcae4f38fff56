/**
 * Per-second rates from cumulative counters: samples taken on a fixed cadence are kept for a
 * few seconds and a rate is (newest - oldest inside the window) / elapsed. Cumulative counters
 * make this exact over the window, whatever the sampling jitter.
 */
export type CounterSample = { t: number; values: Record<string, number> };

export class RateTracker {
  private readonly samples: CounterSample[] = [];

  constructor(private readonly keepMs = 30_000) {}

  add(t: number, values: Record<string, number>): void {
    this.samples.push({ t, values });
    while (this.samples.length > 2 && t - this.samples[0].t > this.keepMs) this.samples.shift();
  }

  /** Rate of `key` over the last `windowMs` (0 until two samples exist). */
  rate(key: string, windowMs: number): number {
    const n = this.samples.length;
    if (n < 2) return 0;
    const newest = this.samples[n - 1];
    let oldest = this.samples[0];
    for (let i = n - 2; i >= 0; i--) {
      oldest = this.samples[i];
      if (newest.t - oldest.t >= windowMs) break;
    }
    const dt = (newest.t - oldest.t) / 1000;
    if (dt <= 0) return 0;
    return Math.max(0, ((newest.values[key] ?? 0) - (oldest.values[key] ?? 0)) / dt);
  }
}
