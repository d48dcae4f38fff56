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
  ) {}

  take(client: string): boolean {
    const t = this.now();
    const b = this.buckets.get(client) ?? { tokens: this.burst, at: t };
    b.tokens = Math.min(this.burst, b.tokens + ((t - b.at) / 1000) * this.perSecond);
    b.at = t;
    if (this.buckets.size > 10_000) this.buckets.clear();
    this.buckets.set(client, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  forget(client: string): void {
    this.buckets.delete(client);
  }
}
