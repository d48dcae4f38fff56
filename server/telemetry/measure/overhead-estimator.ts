/**
 * Live overhead estimate: CPU time the telemetry spends, as a share of the process's CPU time.
 *
 * Telemetry CPU = the tracer's startSpan, whole (ids, sampler, attribute validation, the span
 * object; timed about 1 call in 64, at random gaps) + span.end, whole (clock, shaping,
 * queueing; same) + payload preparation (serialization on this thread, timed every batch; gzip
 * on the thread pool, at a per-byte rate calibrated once per level). Not timed: setAttribute /
 * addEvent / setStatus on an open span (tens of nanoseconds each, a few percent of a span's
 * cost). Process CPU = process.cpuUsage() (user + system, every thread). Both are cumulative;
 * the snapshot turns them into a ratio over a 5 s window. The estimate is checked against an A/B
 * measurement in overhead-estimate.test.ts.
 */
import type { ExportStats } from "../pipeline/export-scheduler";
import { HotPathTimer } from "./hot-path-timer";

export class OverheadEstimator {
  readonly startTimer = new HotPathTimer();
  readonly endTimer = new HotPathTimer();

  constructor(private readonly exportStats: () => ExportStats) {}

  /** Cumulative telemetry CPU microseconds (estimate). */
  telemetryUs(): number {
    return this.startTimer.totalUs() + this.endTimer.totalUs() + this.exportStats().cpuUs;
  }

  static processCpuUs(): number {
    const u = process.cpuUsage();
    return u.user + u.system;
  }
}
