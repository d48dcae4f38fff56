/**
 * The guide's ResourceThrottler: when CPU or memory pressure crosses its threshold, the effective
 * sample rate is multiplied by `reductionFactor`; it is restored only after pressure has stayed
 * clearly below (CPU 10 points, memory 5 points under the thresholds) for two checks in a row.
 * The margins and the two-check rule are the hysteresis that stops it flapping at the line.
 */
import type { ResourceReader } from "./resource-readings";

export interface ThrottlerSettings {
  cpuThreshold: number;
  memoryThreshold: number;
  reductionFactor: number;
  checkInterval: number;
}

const CPU_MARGIN = 10;
const MEMORY_MARGIN = 5;
const CALM_CHECKS_TO_RESTORE = 2;

export class ResourceThrottler {
  active = false;
  cpu = 0;
  memory = 0;
  private calmChecks = 0;

  constructor(
    public settings: ThrottlerSettings,
    private readonly reader: ResourceReader,
    private readonly onChange: (active: boolean, factor: number, why: string) => void,
  ) {}

  get factor(): number {
    return this.active ? this.settings.reductionFactor : 1;
  }

  check(): void {
    const s = this.settings;
    this.cpu = this.reader.cpuPercent();
    this.memory = this.reader.memoryPercent();
    const pressure = this.cpu >= s.cpuThreshold || this.memory >= s.memoryThreshold;
    if (pressure) {
      this.calmChecks = 0;
      if (!this.active) {
        this.active = true;
        this.onChange(true, this.factor, `CPU ${this.cpu.toFixed(0)}% (limit ${s.cpuThreshold}%), memory ${this.memory.toFixed(0)}% (limit ${s.memoryThreshold}%)`);
      }
      return;
    }
    if (!this.active) return;
    const calm = this.cpu < s.cpuThreshold - CPU_MARGIN && this.memory < s.memoryThreshold - MEMORY_MARGIN;
    this.calmChecks = calm ? this.calmChecks + 1 : 0;
    if (this.calmChecks >= CALM_CHECKS_TO_RESTORE) {
      this.active = false;
      this.calmChecks = 0;
      this.onChange(false, 1, `pressure fell: CPU ${this.cpu.toFixed(0)}%, memory ${this.memory.toFixed(0)}%`);
    }
  }
}
