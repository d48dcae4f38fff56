/**
 * The form a span takes while it waits in the queue. At span end the SDK's span object (about
 * 25 fields, three [seconds, nanos] arrays, its own empty events/links arrays, references to
 * the processor and limits) is copied into this record and let go: the queue then holds only
 * what an exporter reads. Measured with `npm run bench -- --only memory`; see BENCHMARKS.md.
 *
 * Invariants: a CompactSpan is a complete, read-only ReadableSpan (every exporter, encoder and
 * fallback works on it unchanged); it shares, never copies, the objects the span already had
 * (span context, parent context, attributes, events, links, resource, scope), so the copy costs
 * one small allocation; times keep full nanosecond precision (seconds and nanos kept apart,
 * as HrTime does, because epoch nanoseconds do not fit a double).
 */
import type { Attributes, HrTime, Link, SpanContext, SpanKind, SpanStatus } from "@opentelemetry/api";
import type { ReadableSpan, TimedEvent } from "@opentelemetry/sdk-trace-base";

/** Shared by every span without events or links, so they hold no arrays of their own. */
const NO_EVENTS: TimedEvent[] = Object.freeze([]) as unknown as TimedEvent[];
const NO_LINKS: Link[] = Object.freeze([]) as unknown as Link[];
/** Shared by every span whose status was never set. */
const UNSET_STATUS: SpanStatus = Object.freeze({ code: 0 });

export class CompactSpan implements ReadableSpan {
  readonly name: string;
  readonly kind: SpanKind;
  readonly parentSpanContext: SpanContext | undefined;
  readonly status: SpanStatus;
  readonly attributes: Attributes;
  readonly links: Link[];
  readonly events: TimedEvent[];
  readonly resource: ReadableSpan["resource"];
  readonly instrumentationScope: ReadableSpan["instrumentationScope"];
  readonly droppedAttributesCount: number;
  readonly droppedEventsCount: number;
  readonly droppedLinksCount: number;
  readonly ended = true;
  private readonly context: SpanContext;
  private readonly startSeconds: number;
  private readonly startNanos: number;
  private readonly endSeconds: number;
  private readonly endNanos: number;

  constructor(span: ReadableSpan) {
    this.name = span.name;
    this.kind = span.kind;
    this.context = span.spanContext();
    this.parentSpanContext = span.parentSpanContext;
    const status = span.status;
    this.status = status.code === 0 && status.message === undefined ? UNSET_STATUS : status;
    this.attributes = span.attributes;
    this.links = span.links.length === 0 ? NO_LINKS : span.links;
    this.events = span.events.length === 0 ? NO_EVENTS : span.events;
    this.resource = span.resource;
    this.instrumentationScope = span.instrumentationScope;
    this.droppedAttributesCount = span.droppedAttributesCount;
    this.droppedEventsCount = span.droppedEventsCount;
    this.droppedLinksCount = span.droppedLinksCount;
    const start = span.startTime;
    const end = span.endTime;
    this.startSeconds = start[0];
    this.startNanos = start[1];
    this.endSeconds = end[0];
    this.endNanos = end[1];
  }

  spanContext(): SpanContext {
    return this.context;
  }

  get startTime(): HrTime {
    return [this.startSeconds, this.startNanos];
  }

  get endTime(): HrTime {
    return [this.endSeconds, this.endNanos];
  }

  get duration(): HrTime {
    let seconds = this.endSeconds - this.startSeconds;
    let nanos = this.endNanos - this.startNanos;
    if (nanos < 0) {
      seconds -= 1;
      nanos += 1e9;
    }
    return [seconds, nanos];
  }
}
