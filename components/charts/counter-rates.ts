/**
 * Per-second rates from cumulative counters (drops by reason, bytes sent), which the snapshot
 * carries only as totals. Pure; tested in counter-rates.test.ts.
 *
 * A counter's rate is the difference to the newest earlier sample at least its window old (or
 * the oldest kept, while the history is shorter), divided by the time between them. Counters fed
 * by export batches use a window of twice the export interval, as the server does for
 * exported/s: a 1 s window would show every batch as a spike between zeros.
 *
 * Invariants: samples older than MAX_WINDOW_MS (plus one) are dropped; a counter that went down
 * (a server restart) or a time going backwards starts afresh (rates are 0 until there is a window).
 */
export type Counters = Record<string, number>;

export const MAX_WINDOW_MS = 10_000;

export class CounterRates {
  private samples: { ts: number; counters: Counters }[] = [];

  constructor(private readonly defaultWindowMs = 1000) {}

  /** Adds a sample and returns the rate of every counter in it (0 where unknown). */
  update(ts: number, counters: Counters, windowFor: (key: string) => number = () => this.defaultWindowMs): Counters {
    const last = this.samples[this.samples.length - 1];
    if (last && ts === last.ts) return this.ratesAt(ts, counters, windowFor);
    if (last && (ts < last.ts || decreased(last.counters, counters))) this.samples = [];
    this.samples.push({ ts, counters: { ...counters } });
    // Keep one sample at or beyond the longest window, plus everything after it.
    while (this.samples.length > 2 && ts - this.samples[1].ts >= MAX_WINDOW_MS) this.samples.shift();
    return this.ratesAt(ts, counters, windowFor);
  }

  private ratesAt(ts: number, counters: Counters, windowFor: (key: string) => number): Counters {
    const out: Counters = {};
    for (const key of Object.keys(counters)) {
      const window = Math.min(MAX_WINDOW_MS, windowFor(key));
      // Newest sample at least `window` old, else the oldest one.
      let base = this.samples[0];
      for (let i = this.samples.length - 1; i >= 0; i--) {
        if (ts - this.samples[i].ts >= window) {
          base = this.samples[i];
          break;
        }
      }
      const dt = base ? (ts - base.ts) / 1000 : 0;
      out[key] = dt > 0 ? Math.max(0, (counters[key] - (base.counters[key] ?? 0)) / dt) : 0;
    }
    return out;
  }
}

function decreased(before: Counters, after: Counters): boolean {
  for (const key of Object.keys(after)) if (after[key] < (before[key] ?? 0)) return true;
  return false;
}
