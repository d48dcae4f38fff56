/**
 * A recording span: the OpenTelemetry API's Span while it is open, and the SDK's ReadableSpan
 * (what every exporter, encoder and the span shaper read) once it has ended.
 *
 * Why not the SDK's SpanImpl: measured on the benchmark's workload, SpanImpl spent most of a
 * span's telemetry cost before the pipeline even saw it (two [seconds, nanos] arrays per span,
 * per-attribute limit bookkeeping against limits this runtime applies live at span end anyway,
 * attribute sanitizing twice, tracer metrics), and at end the pipeline had to copy it into a
 * compact form to queue it. This span is that compact form from the start: the queue holds the
 * span itself.
 *
 * Behaviour follows SpanImpl (checked side by side in tracetune-tracer.test.ts): the same
 * validation, status rules (OK is final, a message only with ERROR), event and link handling,
 * exception events, wall-clock start + monotonic end, a negative duration clamped to zero, and
 * no change at all after end (with a diag warning). Limits: the SDK's ceilings (1024 attributes,
 * events, links) hold while the span is open; the live limits are applied at end by SpanShaper.
 *
 * Invariant: after `end()` the span is never written again except by the span shaper, which runs
 * once, synchronously, inside `end()`, before the span is queued.
 */
import { diag, SpanStatusCode, type Attributes, type AttributeValue, type Exception, type HrTime, type Link, type Span, type SpanContext, type SpanKind, type SpanStatus, type TimeInput } from "@opentelemetry/api";
import type { ReadableSpan, TimedEvent } from "@opentelemetry/sdk-trace-base";
import { validAttributes, validValue } from "./attribute-values";
import { explicitTime, isTimeInput, toHrTime } from "./span-clock";

/** The SDK's ceilings while a span is open (SDK_SPAN_LIMIT_CEILINGS); live limits apply at end. */
export const OPEN_SPAN_LIMIT = 1024;

/** Shared by every span without events or links, so they hold no arrays of their own. */
const NO_EVENTS: TimedEvent[] = Object.freeze([]) as unknown as TimedEvent[];
const NO_LINKS: Link[] = Object.freeze([]) as unknown as Link[];
/** Shared by every span whose status was never set. */
const UNSET_STATUS: SpanStatus = Object.freeze({ code: SpanStatusCode.UNSET });

/** What a span needs from its tracer: where it goes at end, and who it belongs to. */
export interface SpanOwner {
  readonly resource: ReadableSpan["resource"];
  readonly instrumentationScope: ReadableSpan["instrumentationScope"];
  onEnd(span: RecordedSpan): void;
}

export class RecordedSpan implements Span, ReadableSpan {
  name: string;
  readonly kind: SpanKind;
  readonly parentSpanContext: SpanContext | undefined;
  attributes: Attributes;
  links: Link[];
  events: TimedEvent[] = NO_EVENTS;
  status: SpanStatus = UNSET_STATUS;
  droppedAttributesCount = 0;
  droppedEventsCount = 0;
  droppedLinksCount = 0;
  ended = false;
  /** Start: epoch milliseconds + nanoseconds on top (see span-clock.ts). */
  startMs: number;
  startNs: number;
  endMs = 0;
  endNs = 0;
  private attributeCount: number;
  /** performance.now() at start, or -1 when the start time was given explicitly. */
  private readonly startPerf: number;

  constructor(
    private readonly owner: SpanOwner,
    private readonly context: SpanContext,
    name: string,
    kind: SpanKind,
    parent: SpanContext | undefined,
    attributes: Attributes,
    attributeCount: number,
    links: Link[] | undefined,
    startTime: TimeInput | undefined,
  ) {
    this.name = name;
    this.kind = kind;
    this.parentSpanContext = parent;
    this.attributes = attributes;
    this.attributeCount = attributeCount;
    this.links = NO_LINKS;
    if (links !== undefined && links.length > 0) this.addLinks(links);
    const explicit = startTime === undefined ? undefined : explicitTime(startTime);
    if (explicit === undefined) {
      this.startMs = Date.now();
      this.startNs = 0;
      this.startPerf = performance.now();
    } else {
      this.startMs = explicit[0];
      this.startNs = explicit[1];
      this.startPerf = -1;
    }
  }

  // --- the API Span ---

  spanContext(): SpanContext {
    return this.context;
  }

  setAttribute(key: string, value: AttributeValue): this {
    if (value == null || this.isEnded()) return this;
    const valid = validValue(key, value);
    if (valid === undefined) return this;
    const attributes = this.attributes;
    if (!Object.prototype.hasOwnProperty.call(attributes, key)) {
      if (this.attributeCount >= OPEN_SPAN_LIMIT) {
        this.droppedAttributesCount++;
        return this;
      }
      this.attributeCount++;
    }
    attributes[key] = valid;
    return this;
  }

  setAttributes(attributes: Attributes): this {
    for (const key in attributes) {
      if (Object.prototype.hasOwnProperty.call(attributes, key)) this.setAttribute(key, attributes[key] as AttributeValue);
    }
    return this;
  }

  addEvent(name: string, attributesOrTime?: Attributes | TimeInput, time?: TimeInput): this {
    if (this.isEnded()) return this;
    let attributes: Attributes | undefined;
    if (isTimeInput(attributesOrTime)) {
      if (!isTimeInput(time)) time = attributesOrTime;
    } else {
      attributes = attributesOrTime;
    }
    if (this.events === NO_EVENTS) this.events = [];
    if (this.events.length >= OPEN_SPAN_LIMIT) {
      this.events.shift(); // the SDK keeps the newest
      this.droppedEventsCount++;
    }
    const [ms, ns] = this.timeOf(time);
    this.events.push({ name, attributes: validAttributes(attributes), time: toHrTime(ms, ns), droppedAttributesCount: 0 });
    return this;
  }

  addLink(link: Link): this {
    if (this.isEnded()) return this;
    if (this.links === NO_LINKS) this.links = [];
    if (this.links.length >= OPEN_SPAN_LIMIT) {
      this.links.shift();
      this.droppedLinksCount++;
    }
    const attributes = validAttributes(link.attributes);
    const kept: Link = { context: link.context };
    for (const _ in attributes) {
      kept.attributes = attributes;
      break;
    }
    this.links.push(kept);
    return this;
  }

  addLinks(links: Link[]): this {
    for (const link of links) this.addLink(link);
    return this;
  }

  setStatus(status: SpanStatus): this {
    if (this.isEnded() || status.code === SpanStatusCode.UNSET || this.status.code === SpanStatusCode.OK) return this;
    const next: SpanStatus = { code: status.code };
    if (status.code === SpanStatusCode.ERROR) {
      if (typeof status.message === "string") next.message = status.message;
      else if (status.message != null) diag.warn(`Dropping invalid status.message of type '${typeof status.message}', expected 'string'`);
    }
    this.status = next;
    return this;
  }

  updateName(name: string): this {
    if (!this.isEnded()) this.name = name;
    return this;
  }

  end(endTime?: TimeInput): void {
    if (this.ended) {
      diag.error(`${this.name} ${this.context.traceId}-${this.context.spanId} - You can only call end() on a span once.`);
      return;
    }
    if (endTime === undefined && this.startPerf >= 0) {
      // The common case, without the tuple: a monotonic difference is never negative.
      this.endMs = this.startMs;
      this.endNs = this.startNs + Math.round((performance.now() - this.startPerf) * 1e6);
    } else {
      const [ms, ns] = this.timeOf(endTime);
      this.endMs = ms;
      this.endNs = ns;
      if ((ms - this.startMs) * 1e6 + (ns - this.startNs) < 0) {
        diag.warn("Inconsistent start and end time, startTime > endTime. Setting span duration to 0ms.");
        this.endMs = this.startMs;
        this.endNs = this.startNs;
      }
    }
    this.ended = true;
    this.owner.onEnd(this);
  }

  isRecording(): boolean {
    return !this.ended;
  }

  recordException(exception: Exception, time?: TimeInput): void {
    const attributes: Attributes = {};
    if (typeof exception === "string") {
      attributes["exception.message"] = exception;
    } else if (exception) {
      if (exception.code) attributes["exception.type"] = exception.code.toString();
      else if (exception.name) attributes["exception.type"] = exception.name;
      if (exception.message) attributes["exception.message"] = exception.message;
      if (exception.stack) attributes["exception.stacktrace"] = exception.stack;
    }
    if (attributes["exception.type"] || attributes["exception.message"]) this.addEvent("exception", attributes, time);
    else diag.warn(`Failed to record an exception ${String(exception)}`);
  }

  // --- the ReadableSpan (read by exporters after end) ---

  get startTime(): HrTime {
    return toHrTime(this.startMs, this.startNs);
  }

  get endTime(): HrTime {
    return this.ended ? toHrTime(this.endMs, this.endNs) : [0, 0];
  }

  get duration(): HrTime {
    if (!this.ended) return [-1, -1];
    const ns = Math.round((this.endMs - this.startMs) * 1e6 + (this.endNs - this.startNs));
    const seconds = Math.floor(ns / 1e9);
    return [seconds, ns - seconds * 1e9];
  }

  get resource(): ReadableSpan["resource"] {
    return this.owner.resource;
  }

  get instrumentationScope(): ReadableSpan["instrumentationScope"] {
    return this.owner.instrumentationScope;
  }

  // ---

  /**
   * [epochMs, offsetNs] of an event or the end: the explicit time if one is given; else, like
   * the SDK, start + the monotonic time since start (or the wall clock when the start itself
   * was explicit, as there is then no monotonic start to measure from).
   */
  private timeOf(input: TimeInput | undefined): [number, number] {
    const explicit = input === undefined ? undefined : explicitTime(input);
    if (explicit !== undefined) return explicit;
    if (this.startPerf < 0) return [Date.now(), 0];
    return [this.startMs, this.startNs + Math.round((performance.now() - this.startPerf) * 1e6)];
  }

  private isEnded(): boolean {
    if (this.ended) diag.warn(`Cannot execute the operation on ended Span {traceId: ${this.context.traceId}, spanId: ${this.context.spanId}}`);
    return this.ended;
  }
}
