/**
 * Adaptive sampling toward a target throughput of sampled traces, after Jaeger's adaptive
 * sampler and Refinery's EMA samplers: every `adjustmentPeriod` seconds the root-span arrival
 * rate of that period is folded into an exponential moving average, and the rate becomes
 * targetRps / ema, clamped to [minRate, maxRate]. The EMA (weight 0.5) smooths bursts; the clamp
 * bounds the damage of a misjudged period. Children follow their parent.
 */
import type { SamplingResult } from "@opentelemetry/sdk-trace-base";
import type { SamplerDetail } from "../snapshot";
import { keepByTraceId } from "./trace-id-ratio";
import { NOT_SAMPLED, SAMPLED } from "./ratio-sampler";
import type { SampleInput, SamplingStrategy } from "./sampling-strategy";

export interface AdaptiveSettings {
  minRate: number;
  maxRate: number;
  targetRps: number;
  adjustmentPeriod: number;
}

const EMA_WEIGHT = 0.5;

export class AdaptiveSampler implements SamplingStrategy {
  readonly type = "adaptive";
  readonly decidesChildren = false;
  private rate: number;
  private emaRps: number | undefined;
  private periodStart: number;
  private seenInPeriod = 0;
  private seen = 0;
  private kept = 0;

  constructor(
    private readonly settings: AdaptiveSettings,
    now: number,
  ) {
    this.rate = settings.maxRate;
    this.periodStart = now;
  }

  inherit(previous: SamplingStrategy): void {
    if (!(previous instanceof AdaptiveSampler)) return;
    // Keep what was learned about the load; re-clamp to the new bounds.
    this.emaRps = previous.emaRps;
    this.seen = previous.seen;
    this.kept = previous.kept;
    this.periodStart = previous.periodStart;
    this.seenInPeriod = previous.seenInPeriod;
    this.rate = this.clamp(this.emaRps ? this.settings.targetRps / this.emaRps : previous.rate);
  }

  shouldSample(input: SampleInput): SamplingResult {
    this.tick(input.now);
    this.seenInPeriod++;
    this.seen++;
    if (keepByTraceId(input.traceId, this.rate * input.scale)) {
      this.kept++;
      return SAMPLED;
    }
    return NOT_SAMPLED;
  }

  /** Close every adjustment period that has fully elapsed by `now`. */
  tick(now: number): void {
    const periodMs = this.settings.adjustmentPeriod * 1000;
    if (now - this.periodStart < periodMs) return;
    const elapsedPeriods = Math.floor((now - this.periodStart) / periodMs);
    const observed = this.seenInPeriod / this.settings.adjustmentPeriod;
    this.emaRps = this.emaRps === undefined ? observed : EMA_WEIGHT * observed + (1 - EMA_WEIGHT) * this.emaRps;
    // Periods with no traffic at all decay the average toward zero.
    for (let i = 1; i < elapsedPeriods; i++) this.emaRps *= 1 - EMA_WEIGHT;
    this.rate = this.clamp(this.emaRps > 0 ? this.settings.targetRps / this.emaRps : this.settings.maxRate);
    this.periodStart += elapsedPeriods * periodMs;
    this.seenInPeriod = 0;
  }

  private clamp(r: number): number {
    return Math.min(this.settings.maxRate, Math.max(this.settings.minRate, r));
  }

  baseRate(): number {
    return this.rate;
  }

  detail(): SamplerDetail {
    return {
      observedRps: this.emaRps ?? 0,
      buckets: [{ name: "roots", seen: this.seen, kept: this.kept, rate: this.rate }],
    };
  }
}
