/**
 * Times one call in N of a hot path and scales up: the estimate of total time spent costs one
 * counter increment per call plus two performance.now() reads every N calls. Unbiased as long
 * as the timed calls are a fair sample, which a fixed stride over span order is.
 */
export const TIMING_STRIDE = 64;

export class HotPathTimer {
  private calls = 0;
  private timed = 0;
  private timedUs = 0;

  /** Call at entry; when it returns a number, pass it to `stop` at exit. */
  start(): number | undefined {
    return (this.calls++ & (TIMING_STRIDE - 1)) === 0 ? performance.now() : undefined;
  }

  stop(startedAt: number): void {
    let us = (performance.now() - startedAt) * 1000;
    // A timed call that the OS preempted (or that met a GC pause) reads as milliseconds; scaled
    // by the stride, one such reading would dominate. Past a few samples, clip at 10x the mean.
    if (this.timed >= 16) us = Math.min(us, 10 * (this.timedUs / this.timed));
    this.timed++;
    this.timedUs += us;
  }

  /** Estimated total microseconds over all calls so far. */
  totalUs(): number {
    return this.timed === 0 ? 0 : (this.timedUs / this.timed) * this.calls;
  }

  meanUs(): number {
    return this.timed === 0 ? 0 : this.timedUs / this.timed;
  }
}
