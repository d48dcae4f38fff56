/**
 * The SpanProcessor the tracer provider holds for its whole life: at span end it shapes the span
 * (live limits and attribute processing), offers it to the bounded queue under the current
 * overflow policy in compact form, and nudges the export scheduler. All three are read through
 * `state`, which `runtime.apply` replaces field by field in one synchronous step.
 *
 * Hot path: one allocation (the compact copy) beyond what shaping needs, no I/O, no timers.
 */
import type { Context } from "@opentelemetry/api";
import type { ReadableSpan, Span, SpanProcessor } from "@opentelemetry/sdk-trace-base";
import type { BoundedQueue } from "./bounded-queue";
import type { OverflowPolicy } from "./overflow-policies";
import type { SpanAccounting } from "./span-accounting";
import type { SpanShaper } from "./span-shaper";
import type { HotPathTimer } from "../measure/hot-path-timer";
import { CompactSpan } from "./compact-span";

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

export class TracetuneSpanProcessor implements SpanProcessor {
  constructor(
    private readonly state: ProcessorState,
    private readonly sinks: ProcessorSinks,
    private readonly timer: HotPathTimer,
  ) {}

  onStart(_span: Span, _parentContext: Context): void {}

  onEnd(span: ReadableSpan): void {
    const t = this.timer.start();
    const { queue, accounting } = this.sinks;
    accounting.counters.ended++;
    if (!this.state.accepting) {
      accounting.drop("shutdown");
      if (t !== undefined) this.timer.stop(t);
      return;
    }
    this.state.shaper.shape(span);
    // Shaped in place on the SDK's span, then queued in compact form (see compact-span.ts).
    this.state.policy.offer(queue, new CompactSpan(span), accounting);
    this.sinks.checkQueue();
    this.sinks.notifyQueued();
    if (t !== undefined) this.timer.stop(t);
  }

  async forceFlush(): Promise<void> {}

  async shutdown(): Promise<void> {}
}
