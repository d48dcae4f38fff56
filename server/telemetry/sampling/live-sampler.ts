/**
 * The OpenTelemetry Sampler the tracer provider holds for its whole life. It delegates to the
 * current strategy, which `runtime.apply` swaps in one assignment, so a new sampler or rate takes
 * effect on the very next span with no restart. It is also where span accounting starts: every
 * span the tracer starts passes here exactly once (started, then sampled or notSampled).
 */
import { trace, TraceFlags, isSpanContextValid, type Attributes, type Context, type Link, type SpanKind } from "@opentelemetry/api";
import type { Sampler, SamplingResult } from "@opentelemetry/sdk-trace-base";
import type { SpanAccounting } from "../pipeline/span-accounting";
import { NOT_SAMPLED, SAMPLED } from "./ratio-sampler";
import type { SamplingStrategy } from "./sampling-strategy";

export interface LiveSamplerState {
  enabled: boolean;
  strategy: SamplingStrategy;
  /** operator sampleRate x guard factors */
  scale: number;
}

export class LiveSampler implements Sampler {
  constructor(
    private readonly state: LiveSamplerState,
    private readonly accounting: SpanAccounting,
    private readonly now: () => number = Date.now,
  ) {}

  shouldSample(context: Context, traceId: string, spanName: string, _kind: SpanKind, attributes: Attributes, _links: Link[]): SamplingResult {
    const counters = this.accounting.counters;
    counters.started++;
    const state = this.state;
    if (!state.enabled) {
      counters.notSampled++;
      return NOT_SAMPLED;
    }
    const parent = trace.getSpanContext(context);
    // The tracer passes the parent's trace id for a valid parent and a fresh one otherwise, so a
    // matching trace id spares the API's regex validation on every child span.
    const validParent = parent !== undefined && (parent.traceId === traceId || isSpanContextValid(parent));
    if (!validParent) counters.roots++;
    const strategy = state.strategy;
    let result: SamplingResult;
    if (!strategy.decidesChildren && validParent) {
      // Parent-based: a child keeps its parent's decision, so traces stay whole.
      result = (parent.traceFlags & TraceFlags.SAMPLED) !== 0 ? SAMPLED : NOT_SAMPLED;
    } else {
      result = strategy.shouldSample({ context, parent, traceId, spanName, attributes, scale: state.scale, now: this.now() });
    }
    if (result.decision === NOT_SAMPLED.decision) counters.notSampled++;
    else counters.sampled++;
    return result;
  }

  toString(): string {
    return `TracetuneLiveSampler{${this.state.strategy.type}}`;
  }
}
