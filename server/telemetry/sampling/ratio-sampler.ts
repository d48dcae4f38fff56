/** Trace-id ratio sampling at the operator's `sampleRate` (children follow their parent). */
import { SamplingDecision, type SamplingResult } from "@opentelemetry/sdk-trace-base";
import { keepByTraceId } from "./trace-id-ratio";
import type { SampleInput, SamplingStrategy } from "./sampling-strategy";

export const SAMPLED: SamplingResult = Object.freeze({ decision: SamplingDecision.RECORD_AND_SAMPLED });
export const NOT_SAMPLED: SamplingResult = Object.freeze({ decision: SamplingDecision.NOT_RECORD });

export class RatioSampler implements SamplingStrategy {
  readonly type = "ratio";
  readonly decidesChildren = false;

  shouldSample(input: SampleInput): SamplingResult {
    return keepByTraceId(input.traceId, input.scale) ? SAMPLED : NOT_SAMPLED;
  }

  baseRate(): number {
    return 1;
  }

  detail(): undefined {
    return undefined;
  }
}
