/**
 * The one small interface every sampler strategy implements (ratio, adaptive, priority, tiered).
 *
 * `scale` is the product of the operator's `sampleRate` and the guards' factors (throttler,
 * performance monitor): every strategy multiplies its own probability by it, so the "Sample rate"
 * slider and the guards act on whichever sampler is chosen. Strategies decide root spans; the
 * live sampler handles parent-based inheritance unless a strategy opts out (tiered).
 */
import type { Attributes, Context, SpanContext } from "@opentelemetry/api";
import type { SamplingResult } from "@opentelemetry/sdk-trace-base";
import type { SamplerDetail } from "../snapshot";

export interface SampleInput {
  context: Context;
  parent: SpanContext | undefined;
  traceId: string;
  spanName: string;
  attributes: Attributes;
  scale: number;
  now: number;
}

export interface SamplingStrategy {
  readonly type: string;
  /** When false, the live sampler applies parent-based inheritance before calling this. */
  readonly decidesChildren: boolean;
  shouldSample(input: SampleInput): SamplingResult;
  /** The probability a new root span is kept right now, before `scale`. */
  baseRate(): number;
  detail(): SamplerDetail | undefined;
  /** Carry learned state (adaptive rate, counters) over from the strategy being replaced. */
  inherit?(previous: SamplingStrategy): void;
}

export interface SamplerClock {
  now(): number;
}
