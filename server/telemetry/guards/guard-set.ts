/**
 * The runtime's self-protecting guards (memory monitor, resource throttler, performance monitor),
 * each created, retuned or removed live by `configure(config)` and checked on its own interval.
 * Guards act only through the host: a guard factor on the effective sample rate, an emergency
 * flush, and events. Removing a guard removes its factor, so nothing lingers.
 */
import type { TelemetryConfig } from "../config";
import type { GuardsSnapshot, OverheadFigures, RuntimeEventType } from "../snapshot";
import { MemoryMonitor } from "./memory-monitor";
import { PerformanceMonitor } from "./performance-monitor";
import { processResourceReader, type ResourceReader } from "./resource-readings";
import { ResourceThrottler } from "./resource-throttler";

export interface GuardHost {
  telemetryBytes(): number;
  emergencyFlush(): void;
  overhead(): OverheadFigures;
  operatorRate(): number;
  setGuardFactor(guard: string, factor: number): void;
  publish(type: RuntimeEventType, level: "info" | "warn" | "error", message: string, data: Record<string, unknown>): void;
}

interface Running<G> {
  guard: G;
  timer: NodeJS.Timeout;
  intervalMs: number;
}

export class GuardSet {
  private memory: Running<MemoryMonitor> | null = null;
  private throttler: Running<ResourceThrottler> | null = null;
  private performance: Running<PerformanceMonitor> | null = null;

  constructor(
    private readonly host: GuardHost,
    private readonly reader: ResourceReader = processResourceReader(),
  ) {}

  configure(config: TelemetryConfig): void {
    this.memory = this.place(this.memory, config.memoryMonitor, (s) => s.checkIntervalSeconds, (s) => new MemoryMonitor(s, this.host), (g, s) => (g.settings = s));
    this.throttler = this.place(
      this.throttler,
      config.resourceThrottler,
      (s) => s.checkInterval,
      (s) =>
        new ResourceThrottler(s, this.reader, (active, factor, why) => {
          this.host.setGuardFactor("throttler", factor);
          this.host.publish(active ? "throttle_on" : "throttle_off", active ? "warn" : "info", `Resource throttler ${active ? `on (x${factor})` : "off"}: ${why}`, { factor });
        }),
      (g, s) => {
        g.settings = s;
        this.host.setGuardFactor("throttler", g.factor);
      },
      () => this.host.setGuardFactor("throttler", 1),
    );
    this.performance = this.place(
      this.performance,
      config.performanceMonitor,
      (s) => s.checkIntervalSeconds,
      (s) =>
        new PerformanceMonitor(s, this.host, (factor, message, data) => {
          this.host.setGuardFactor("performance", factor);
          this.host.publish("auto_tune", "warn", message, data);
        }),
      (g, s) => (g.settings = s),
      () => this.host.setGuardFactor("performance", 1),
    );
  }

  /** Create, retune or remove one guard; its timer follows its interval. */
  private place<G extends { check(): void }, S>(
    current: Running<G> | null,
    settings: S | null,
    intervalSeconds: (s: S) => number,
    create: (s: S) => G,
    retune: (g: G, s: S) => void,
    onRemove?: () => void,
  ): Running<G> | null {
    if (!settings) {
      if (current) {
        clearInterval(current.timer);
        onRemove?.();
      }
      return null;
    }
    const intervalMs = Math.round(intervalSeconds(settings) * 1000);
    const guard = current?.guard ?? create(settings);
    if (current) retune(guard, settings);
    if (current && current.intervalMs === intervalMs) return current;
    if (current) clearInterval(current.timer);
    const timer = setInterval(() => {
      try {
        guard.check();
      } catch (e) {
        console.error("[tracetune] guard check failed:", e);
      }
    }, intervalMs);
    timer.unref();
    return { guard, timer, intervalMs };
  }

  /** Run every configured guard's check now (tests, and an operator's "check now"). */
  checkAll(): void {
    this.memory?.guard.check();
    this.throttler?.guard.check();
    this.performance?.guard.check();
  }

  snapshot(): GuardsSnapshot | undefined {
    if (!this.memory && !this.throttler && !this.performance) return undefined;
    const out: GuardsSnapshot = {};
    if (this.memory) out.memory = { state: this.memory.guard.state, telemetryMb: this.memory.guard.lastMb };
    if (this.throttler) {
      const t = this.throttler.guard;
      out.throttler = { active: t.active, factor: t.factor, cpuPercent: t.cpu, memoryPercent: t.memory };
    }
    if (this.performance) out.performance = { factor: this.performance.guard.factor, overheadPercent: this.performance.guard.lastOverhead, judged: this.performance.guard.judged };
    return out;
  }

  stop(): void {
    for (const r of [this.memory, this.throttler, this.performance]) if (r) clearInterval(r.timer);
  }
}
