/**
 * Live overhead estimate: CPU time the telemetry spends, as a share of the process's CPU time.
 *
 * Telemetry CPU = our sampler (timed 1 call in 64) + our span-end processing (same) + payload
 * preparation (serialization on this thread, timed every batch; gzip on the thread pool, at a
 * per-byte rate calibrated once per level) + the
 * OpenTelemetry SDK's own per-span work inside the application's tracer calls (measured once by
 * calibration, times the span counts). Process CPU = process.cpuUsage() (user + system, every
 * thread). Both are cumulative; the snapshot turns them into a ratio over a 5 s window.
 * The estimate is checked against an A/B measurement in overhead-estimate.test.ts.
 */
import type { ExportStats } from "../pipeline/export-scheduler";
import type { RawCounters } from "../pipeline/span-accounting";
import { HotPathTimer } from "./hot-path-timer";
import { spanCreationCost } from "./span-creation-cost";

export class OverheadEstimator {
  readonly samplerTimer = new HotPathTimer();
  readonly endTimer = new HotPathTimer();

  constructor(
    private readonly counters: RawCounters,
    private readonly exportStats: () => ExportStats,
  ) {}

  /** Cumulative telemetry CPU microseconds (estimate). */
  telemetryUs(): number {
    const sdk = spanCreationCost();
    const c = this.counters;
    return (
      this.samplerTimer.totalUs() +
      this.endTimer.totalUs() +
      this.exportStats().cpuUs +
      c.sampled * sdk.sampledUs +
      c.notSampled * sdk.notSampledUs
    );
  }

  static processCpuUs(): number {
    const u = process.cpuUsage();
    return u.user + u.system;
  }
}
