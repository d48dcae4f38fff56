/**
 * Times about one call in N of a hot path and scales up: the estimate of total time spent costs
 * a counter check per call plus two performance.now() reads every N calls or so.
 *
 * The gap between timed calls is random (1..2N-1, mean N), not a fixed stride. Why: services
 * repeat the same shape of work, e.g. an agent operation of one root and three children, four
 * startSpan calls in a fixed order. A stride of 64 then timed the same position every time (call
 * 0, 64, 128... was always the root's start, the dearest one); on a workload whose every fourth
 * call is the expensive one it estimated 3.5x the truth (hot-path-timer.test.ts). A random gap
 * samples every position alike.
 */
export const TIMING_STRIDE = 64;

/** xorshift32: a few integer operations per draw, no allocation; quality is not a concern here. */
let seed = 0x9e3779b9 | 0;
function randomGap(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return 1 + ((seed >>> 0) % (2 * TIMING_STRIDE - 1));
}

export class HotPathTimer {
  private calls = 0;
  /** The call count at which the next call is timed. */
  private nextTimed = 0;
  private timed = 0;
  private timedUs = 0;

  /** Call at entry; when it returns a number, pass it to `stop` at exit. */
  start(): number | undefined {
    if (this.calls++ !== this.nextTimed) return undefined;
    this.nextTimed = this.calls + randomGap() - 1;
    return performance.now();
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
