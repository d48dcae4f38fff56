/**
 * Steady pacing: launches runs at `rate()` per second from a timer, by credit.
 *
 * Each tick adds elapsed * rate of credit and launches one run per whole unit, so the rate holds
 * at any value (0.5/s or 5000/s) with a tick of 5-50 ms. Credit is capped at a quarter second's
 * worth: after the event loop was blocked the pacer does not fire a catch-up burst; the runs it
 * could not start on time are counted as `lagged` instead. A rate change applies at the next tick.
 */
export class RunPacer {
  private timer: NodeJS.Timeout | null = null;
  private credit = 0;
  private last = 0;
  lagged = 0;

  constructor(
    private readonly rate: () => number,
    private readonly launch: () => void,
  ) {}

  get running(): boolean {
    return this.timer !== null;
  }

  start(): void {
    if (this.timer) return;
    this.last = performance.now();
    // Start with one run due, so a started workload shows life at once.
    this.credit = this.rate() > 0 ? 1 : 0;
    this.schedule(0);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.credit = 0;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => this.tick(), delayMs);
    // The pacer alone must not keep a process alive (tests, scripts); the app's server does.
    this.timer.unref();
  }

  private tick(): void {
    const now = performance.now();
    const rate = Math.max(0, this.rate());
    this.credit += ((now - this.last) / 1000) * rate;
    this.last = now;
    const maxCredit = Math.max(1, rate * 0.25);
    if (this.credit > maxCredit) {
      this.lagged += Math.floor(this.credit - maxCredit);
      this.credit = maxCredit;
    }
    while (this.credit >= 1) {
      this.credit -= 1;
      this.launch();
    }
    if (rate === 0) this.credit = 0;
    // Once stopped (possibly from inside launch), no further tick is scheduled.
    if (this.timer) this.schedule(rate > 0 ? Math.min(50, Math.max(5, 1000 / rate)) : 50);
  }
}
