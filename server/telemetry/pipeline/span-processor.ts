/**
 * The span-end hook the tracer provider holds for its whole life: at span end it shapes the span
 * (live limits and attribute processing), offers it to the bounded queue under the current
 * overflow policy, and nudges the export scheduler. All three are read through `state`, which
 * `runtime.apply` replaces field by field in one synchronous step.
 *
 * Hot path: no allocation beyond what shaping needs (the RecordedSpan is queued as it is: it is
 * already compact, see tracing/recorded-span.ts), no I/O, no timers.
 */
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import type { SpanEndHook } from "../tracing/tracetune-tracer";
import type { BoundedQueue } from "./bounded-queue";
import type { OverflowPolicy } from "./overflow-policies";
import type { SpanAccounting } from "./span-accounting";
import type { SpanShaper } from "./span-shaper";

export interface ProcessorState {
  shaper: SpanShaper;
  policy: OverflowPolicy<ReadableSpan>;
  /** False after shutdown: a span that was open then and ends later is counted, not queued. */
  accepting: boolean;
}

export interface ProcessorSinks {
  queue: BoundedQueue<ReadableSpan>;
  accounting: SpanAccounting;
  notifyQueued(): void;
  /** Called after every offer, for the queue warning threshold. */
  checkQueue(): void;
}

export class TracetuneSpanProcessor implements SpanEndHook {
  constructor(
    private readonly state: ProcessorState,
    private readonly sinks: ProcessorSinks,
  ) {}

  onEnd(span: ReadableSpan): void {
    const { queue, accounting } = this.sinks;
    accounting.counters.ended++;
    if (!this.state.accepting) {
      accounting.drop("shutdown");
      return;
    }
    this.state.shaper.shape(span);
    this.state.policy.offer(queue, span, accounting);
    this.sinks.checkQueue();
    this.sinks.notifyQueued();
  }
}
