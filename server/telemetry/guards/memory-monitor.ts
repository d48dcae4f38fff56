/**
 * The guide's MemoryMonitor over the memory the telemetry itself holds (the snapshot's
 * `memory.telemetryBytes`: spans queued and in flight x their estimated size; see
 * snapshot-builder.ts). Warning: one `memory_warning` event per episode. Critical: an emergency
 * flush (everything queued is sent now, as fast as the pool allows) and a `memory_critical`
 * event. Back below the warning threshold: `memory_recovered`.
 */
export interface MemoryMonitorSettings {
  warningThresholdMb: number;
  criticalThresholdMb: number;
  checkIntervalSeconds: number;
}

export type MemoryState = "ok" | "warning" | "critical";

export interface MemoryMonitorActions {
  telemetryBytes(): number;
  emergencyFlush(): void;
  publish(type: "memory_warning" | "memory_critical" | "memory_recovered" | "emergency_flush", level: "info" | "warn" | "error", message: string, data: Record<string, unknown>): void;
}

export class MemoryMonitor {
  state: MemoryState = "ok";
  lastMb = 0;

  constructor(
    public settings: MemoryMonitorSettings,
    private readonly actions: MemoryMonitorActions,
  ) {}

  check(): void {
    const mb = this.actions.telemetryBytes() / (1024 * 1024);
    this.lastMb = mb;
    const s = this.settings;
    const data = { telemetryMb: Math.round(mb * 10) / 10, warningThresholdMb: s.warningThresholdMb, criticalThresholdMb: s.criticalThresholdMb };
    if (mb >= s.criticalThresholdMb) {
      // Critical acts on every check while it lasts; the event is once per episode.
      if (this.state !== "critical") this.actions.publish("memory_critical", "error", `Telemetry memory ${data.telemetryMb} MB is above the critical ${s.criticalThresholdMb} MB: emergency flush`, data);
      this.state = "critical";
      this.actions.emergencyFlush();
      return;
    }
    if (mb >= s.warningThresholdMb) {
      if (this.state === "ok") this.actions.publish("memory_warning", "warn", `High telemetry memory: ${data.telemetryMb} MB (warning at ${s.warningThresholdMb} MB)`, data);
      this.state = "warning";
      return;
    }
    if (this.state !== "ok") this.actions.publish("memory_recovered", "info", `Telemetry memory back to ${data.telemetryMb} MB`, data);
    this.state = "ok";
  }
}
