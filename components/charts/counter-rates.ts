/**
 * Per-second rates from cumulative counters (drops by reason, bytes sent), which the snapshot
 * carries only as totals. Pure; tested in counter-rates.test.ts.
 *
 * A rate is the difference to the newest earlier sample at least `windowMs` old (or the oldest
 * kept, while the history is shorter), divided by the time between them: differences between
 * consecutive 250 ms snapshots would turn every batch into a spike.
 *
 * Invariants: at most MAX_SAMPLES samples are kept; a counter that went down (a server restart)
 * or a sample older than the previous one starts afresh (rates are 0 until there is a window).
 */
export type Counters = Record<string, number>;

const MAX_SAMPLES = 16;

export class CounterRates {
  private samples: { ts: number; counters: Counters }[] = [];

  constructor(private readonly windowMs = 1000) {}

  /** Adds a sample and returns the rate of every counter in it (0 where unknown). */
  update(ts: number, counters: Counters): Counters {
    const last = this.samples[this.samples.length - 1];
    if (last && (ts <= last.ts || decreased(last.counters, counters))) {
      if (ts === last.ts) return this.ratesAgainst(ts, counters);
      this.samples = [];
    }
    this.samples.push({ ts, counters: { ...counters } });
    // Keep just enough history: one sample at or beyond the window, plus the ones after it.
    while (this.samples.length > 2 && ts - this.samples[1].ts >= this.windowMs) this.samples.shift();
    if (this.samples.length > MAX_SAMPLES) this.samples.shift();
    return this.ratesAgainst(ts, counters);
  }

  private ratesAgainst(ts: number, counters: Counters): Counters {
    const out: Counters = {};
    const base = this.samples[0];
    const dt = base ? (ts - base.ts) / 1000 : 0;
    for (const key of Object.keys(counters)) {
      out[key] = dt > 0 ? Math.max(0, (counters[key] - (base.counters[key] ?? 0)) / dt) : 0;
    }
    return out;
  }
}

function decreased(before: Counters, after: Counters): boolean {
  for (const key of Object.keys(after)) if (after[key] < (before[key] ?? 0)) return true;
  return false;
}
