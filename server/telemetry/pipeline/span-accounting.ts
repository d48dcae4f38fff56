/**
 * Exact span accounting: the product's promise.
 *
 * Every span the tracer starts is counted once in `started` (by the live sampler) and is, at any
 * instant, in exactly one of these fates:
 *   notSampled | active (sampled, not ended) | queued | inFlight | exported | exportFailed
 *   | fallback | dropped[reason]
 * so that, at every snapshot,
 *   started = notSampled + active + queued + inFlight + exported + exportFailed + fallback + sum(dropped)
 * Moves between fates happen in single synchronous steps on the one JS thread, so a snapshot taken
 * between two steps always balances. `active` is derived (sampled - ended), `queued` and `inFlight`
 * are read from the queue and the export scheduler; the rest are monotonic counters here.
 */
import type { DropReason, SpanCounters } from "../snapshot";

export interface RawCounters {
  started: number;
  /** Spans started without a valid parent (one per trace per service): the "operations". */
  roots: number;
  notSampled: number;
  sampled: number;
  ended: number;
  exported: number;
  exportFailed: number;
  fallback: number;
  dropped: Record<DropReason, number>;
}

export class SpanAccounting {
  readonly counters: RawCounters = {
    started: 0,
    roots: 0,
    notSampled: 0,
    sampled: 0,
    ended: 0,
    exported: 0,
    exportFailed: 0,
    fallback: 0,
    dropped: { queue_full: 0, evicted_oldest: 0, breaker_open: 0, shutdown: 0, no_exporter: 0, memory_critical: 0 },
  };

  drop(reason: DropReason, n = 1): void {
    this.counters.dropped[reason] += n;
  }

  totalDropped(): number {
    let sum = 0;
    for (const v of Object.values(this.counters.dropped)) sum += v;
    return sum;
  }

  view(queued: number, inFlight: number): SpanCounters {
    const c = this.counters;
    const dropped: SpanCounters["dropped"] = {};
    for (const [reason, n] of Object.entries(c.dropped) as [DropReason, number][]) if (n > 0) dropped[reason] = n;
    return {
      started: c.started,
      notSampled: c.notSampled,
      active: c.sampled - c.ended,
      queued,
      inFlight,
      exported: c.exported,
      exportFailed: c.exportFailed,
      fallback: c.fallback,
      dropped,
    };
  }
}
