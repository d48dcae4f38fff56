/**
 * Token bucket per client: `perSecond` sustained, `burst` at once. Control messages beyond it are
 * refused with a clear error instead of reaching the runtime (a stuck slider or a script loop
 * must not turn into a config change storm).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
    /** Clients remembered; past it the one seen longest ago is forgotten (its bucket was most likely full again). */
    private readonly maxClients = 10_000,
  ) {}

  take(client: string): boolean {
    const t = this.now();
    let b = this.buckets.get(client);
    // Deleted and set again below, so the map stays in order of last use and the first key is
    // the one to forget. (Clearing the whole map, as this did before, refilled every client's
    // budget whenever many new clients came at once.)
    if (b) this.buckets.delete(client);
    else b = { tokens: this.burst, at: t };
    b.tokens = Math.min(this.burst, b.tokens + ((t - b.at) / 1000) * this.perSecond);
    b.at = t;
    this.buckets.set(client, b);
    if (this.buckets.size > this.maxClients) this.buckets.delete(this.buckets.keys().next().value as string);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  forget(client: string): void {
    this.buckets.delete(client);
  }
}
