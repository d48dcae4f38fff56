/**
 * The guide's PerformanceMonitor with auto-tune: when the measured telemetry overhead is above
 * `targetOverheadPercent`, the effective sample rate is halved (never below `floorRate`); when it
 * is below half the target, the reduction is undone step by step (x2) back toward the operator's
 * own setting, which it never exceeds and never changes: it only sets a guard factor, so the
 * operator's sampleRate and the effective rate are both visible and never confused.
 *
 * In a lightly loaded process with cheap telemetry (overheadJudgeable in snapshot.ts: see there
 * why) the share is not judged: the rate is never lowered then. A reduction is still undone step
 * by step, but only while doubling the telemetry would keep the process under the judging line,
 * so that raising cannot bring the share back into judgement and make the factor flip-flop
 * between two steps.
 */
import { overheadJudgeable, type OverheadFigures } from "../snapshot";

export interface PerformanceMonitorSettings {
  targetOverheadPercent: number;
  checkIntervalSeconds: number;
  floorRate: number;
}

export class PerformanceMonitor {
  factor = 1;
  lastOverhead = 0;
  /** Whether the last check judged the share; null before the first check. */
  judged: boolean | null = null;

  constructor(
    public settings: PerformanceMonitorSettings,
    private readonly read: { overhead(): Pick<OverheadFigures, "percent" | "cpuMsPerSec" | "processCpuMsPerSec">; operatorRate(): number },
    private readonly onTune: (factor: number, message: string, data: Record<string, unknown>) => void,
  ) {}

  check(): void {
    const figures = this.read.overhead();
    const overhead = figures.percent;
    this.lastOverhead = overhead;
    this.judged = overheadJudgeable(figures);
    const s = this.settings;
    const rate = this.read.operatorRate();
    const minFactor = rate > 0 ? Math.min(1, s.floorRate / rate) : 1;
    const effective = () => (rate * this.factor * 100).toFixed(2);
    if (!this.judged) {
      const doubled = { cpuMsPerSec: 2 * figures.cpuMsPerSec, processCpuMsPerSec: figures.processCpuMsPerSec + figures.cpuMsPerSec };
      if (this.factor < 1 && !overheadJudgeable(doubled)) {
        this.factor = Math.min(1, this.factor * 2);
        this.onTune(this.factor, `Light load (telemetry ${(figures.cpuMsPerSec / 10).toFixed(2)}% of a core): effective sample rate raised to ${effective()}%`, { overhead, factor: this.factor });
      }
      return;
    }
    if (overhead > s.targetOverheadPercent && this.factor > minFactor) {
      this.factor = Math.max(minFactor, this.factor * 0.5);
      this.onTune(this.factor, `Overhead ${overhead.toFixed(2)}% above target ${s.targetOverheadPercent}%: effective sample rate lowered to ${effective()}%`, { overhead, factor: this.factor });
    } else if (overhead < s.targetOverheadPercent / 2 && this.factor < 1) {
      this.factor = Math.min(1, this.factor * 2);
      this.onTune(this.factor, `Overhead ${overhead.toFixed(2)}% well below target: effective sample rate raised to ${effective()}%`, { overhead, factor: this.factor });
    }
  }
}
