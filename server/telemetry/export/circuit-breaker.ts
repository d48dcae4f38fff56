/**
 * Circuit breaker over export outcomes (the guide's failureThreshold, timeoutDuration,
 * halfOpenRequests).
 *
 * closed: exports flow; the last `windowSize` outcomes are kept, and once at least
 *   `minimumRequests` are in the window and the failure ratio reaches `failureThreshold`, it opens.
 * open: no export is attempted (the scheduler sends batches to the fallback) until
 *   `timeoutDuration` seconds have passed; then half_open.
 * half_open: up to `halfOpenRequests` probe exports are let through, one outcome each. Any
 *   failure re-opens (and restarts the timeout); only when every probe succeeded does it close,
 *   with an empty window. Hysteresis: it opens on a ratio but closes only on a run of successes,
 *   so a collector at the threshold does not flap.
 * Every transition is reported to `onTransition`.
 */
import type { BreakerState } from "../snapshot";

export interface BreakerSettings {
  failureThreshold: number;
  timeoutDuration: number;
  halfOpenRequests: number;
  windowSize: number;
  minimumRequests: number;
}

export type TransitionListener = (from: BreakerState, to: BreakerState, why: string) => void;

export class CircuitBreaker {
  private _state: BreakerState = "closed";
  private window: boolean[] = [];
  private failures = 0;
  private openedAt = 0;
  private probesIssued = 0;
  private probesSucceeded = 0;

  constructor(
    private settings: BreakerSettings,
    private readonly onTransition: TransitionListener,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): BreakerState {
    this.maybeHalfOpen();
    return this._state;
  }

  get failureRatio(): number {
    return this.window.length === 0 ? 0 : this.failures / this.window.length;
  }

  /** New settings keep the current state and window (trimmed to the new size). */
  reconfigure(settings: BreakerSettings): void {
    this.settings = settings;
    while (this.window.length > settings.windowSize) this.forgetOldest();
  }

  /**
   * May an export be attempted now? "probe" in half_open (one of the halfOpenRequests), "pass"
   * when closed, false when not. Pass the answer back to `record` with the outcome.
   */
  allowRequest(): "pass" | "probe" | false {
    this.maybeHalfOpen();
    if (this._state === "closed") return "pass";
    if (this._state === "open") return false;
    if (this.probesIssued >= this.settings.halfOpenRequests) return false;
    this.probesIssued++;
    return "probe";
  }

  /**
   * Record an attempted export's outcome. In half_open only the probes' outcomes count: a slow
   * export that started before the breaker opened says nothing about the collector now.
   */
  record(success: boolean, ticket: "pass" | "probe" = "pass"): void {
    if (this._state === "half_open") {
      if (ticket !== "probe") return;
      if (!success) return this.open("a half-open probe failed");
      this.probesSucceeded++;
      if (this.probesSucceeded >= this.settings.halfOpenRequests) this.close();
      return;
    }
    if (this._state === "open") return; // late outcome of an export started before opening
    this.window.push(success);
    if (!success) this.failures++;
    if (this.window.length > this.settings.windowSize) this.forgetOldest();
    if (this.window.length >= this.settings.minimumRequests && this.failureRatio >= this.settings.failureThreshold) {
      this.open(`failure ratio ${(this.failureRatio * 100).toFixed(0)}% over the last ${this.window.length} exports`);
    }
  }

  /** Milliseconds until an open breaker goes half-open (0 when not open). */
  msUntilHalfOpen(): number {
    if (this._state !== "open") return 0;
    return Math.max(0, this.openedAt + this.settings.timeoutDuration * 1000 - this.now());
  }

  private forgetOldest(): void {
    if (this.window.shift() === false) this.failures--;
  }

  private maybeHalfOpen(): void {
    if (this._state === "open" && this.now() - this.openedAt >= this.settings.timeoutDuration * 1000) {
      this._state = "half_open";
      this.probesIssued = 0;
      this.probesSucceeded = 0;
      this.onTransition("open", "half_open", `${this.settings.timeoutDuration} s timeout elapsed; probing with ${this.settings.halfOpenRequests} exports`);
    }
  }

  private open(why: string): void {
    const from = this._state;
    this._state = "open";
    this.openedAt = this.now();
    this.onTransition(from, "open", why);
  }

  private close(): void {
    this._state = "closed";
    this.window = [];
    this.failures = 0;
    this.onTransition("half_open", "closed", `${this.settings.halfOpenRequests} probe exports succeeded`);
  }
}
