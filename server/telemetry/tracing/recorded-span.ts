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
import { diag, SpanStatusCode, type Attributes, type AttributeValue, type Exception, type HrTime, type Link, type Span, type SpanContext, type SpanKind, type SpanStatus, type TimeInput, type TraceState } from "@opentelemetry/api";
import type { ReadableSpan, TimedEvent } from "@opentelemetry/sdk-trace-base";
import { validAttributes, validValue } from "./attribute-values";
import type { HotPathTimer } from "../measure/hot-path-timer";
import { explicitTime, isTimeInput, toHrTime } from "./span-clock";
import { spanIdHex } from "./span-ids";
import { appendCapped, exceptionAttributes } from "./span-events";

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
  /** Times end(), whole, one call in N (the live overhead estimate). */
  readonly endTimer: HotPathTimer | undefined;
  onEnd(span: RecordedSpan): void;
}

export class RecordedSpan implements Span, ReadableSpan {
  /**
   * The span context in parts, built into a SpanContext object only when someone asks for it
   * (a child span asks its parent; leaf spans usually never are): one object and one id string
   * fewer per span to allocate, hold while queued, and collect. The encoder reads the parts.
   */
  readonly traceId: string;
  /** The span id's two 32-bit halves (signed, so V8 keeps them inline as small integers). */
  readonly spanIdHigh: number;
  readonly spanIdLow: number;
  readonly traceFlags: number;
  readonly traceState: TraceState | undefined;
  private context: SpanContext | undefined;
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
  /**
   * Times as [seconds, nanos] in small-integer fields: V8 keeps a small integer inline, but a
   * field that ever held a fraction or a large number costs a 16-byte heap box in every span
   * (hence the `| 0` where a value comes out of floating-point arithmetic).
   */
  startSeconds: number;
  startNanos: number;
  /**
   * Two fields with two lives, because the queue holds thousands of spans and every field costs
   * 8 bytes in each: while the span is open, performance.now() at start (whole ms, then nanos;
   * whole ms -1 when the start time was given); once ended, the end time (seconds, nanos).
   */
  private clockA: number;
  private clockB: number;
  /** Attributes held while open (for the 1024 ceiling); -1 once ended. */
  private openAttributes: number;

  constructor(
    private readonly owner: SpanOwner,
    traceId: string,
    spanIdHigh: number,
    spanIdLow: number,
    traceFlags: number,
    traceState: TraceState | undefined,
    name: string,
    kind: SpanKind,
    parent: SpanContext | undefined,
    attributes: Attributes,
    attributeCount: number,
    links: Link[] | undefined,
    startTime: TimeInput | undefined,
  ) {
    this.traceId = traceId;
    this.spanIdHigh = spanIdHigh;
    this.spanIdLow = spanIdLow;
    this.traceFlags = traceFlags;
    this.traceState = traceState;
    this.context = undefined;
    this.name = name;
    this.kind = kind;
    this.parentSpanContext = parent;
    this.attributes = attributes;
    this.openAttributes = attributeCount;
    this.links = NO_LINKS;
    if (links !== undefined && links.length > 0) this.addLinks(links);
    const explicit = startTime === undefined ? undefined : explicitTime(startTime);
    if (explicit === undefined) {
      const ms = Date.now();
      const seconds = Math.floor(ms / 1000);
      this.startSeconds = seconds;
      this.startNanos = ((ms - seconds * 1000) * 1e6) | 0;
      const perf = performance.now();
      const perfMs = Math.floor(perf);
      this.clockA = perfMs;
      this.clockB = Math.round((perf - perfMs) * 1e6) | 0;
    } else {
      const [seconds, nanos] = toHrTime(explicit[0], explicit[1]);
      this.startSeconds = seconds;
      this.startNanos = nanos;
      this.clockA = -1;
      this.clockB = 0;
    }
  }

  get ended(): boolean {
    return this.openAttributes < 0;
  }

  /** The end time's seconds (0 while open); read directly by the OTLP encoder. */
  get endSeconds(): number {
    return this.openAttributes < 0 ? this.clockA : 0;
  }

  get endNanos(): number {
    return this.openAttributes < 0 ? this.clockB : 0;
  }

  // --- the API Span ---

  spanContext(): SpanContext {
    return (this.context ??= { traceId: this.traceId, spanId: spanIdHex(this.spanIdHigh, this.spanIdLow), traceFlags: this.traceFlags, traceState: this.traceState });
  }

  /**
   * Keep `spanId` as given (an IdGenerator's id, used as is even if it is not 16 hex digits, as
   * the SDK would); the halves are then only what the encoder writes.
   */
  adoptSpanIdText(spanId: string): void {
    this.context = { traceId: this.traceId, spanId, traceFlags: this.traceFlags, traceState: this.traceState };
  }

  setAttribute(key: string, value: AttributeValue): this {
    if (value == null || this.isEnded()) return this;
    const valid = validValue(key, value);
    if (valid === undefined) return this;
    const attributes = this.attributes;
    if (!Object.prototype.hasOwnProperty.call(attributes, key)) {
      if (this.openAttributes >= OPEN_SPAN_LIMIT) {
        this.droppedAttributesCount++;
        return this;
      }
      this.openAttributes++;
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
    const event: TimedEvent = { name, attributes: validAttributes(attributes), time: this.timeOf(time), droppedAttributesCount: 0 };
    if (appendCapped(this.events, event, OPEN_SPAN_LIMIT)) this.droppedEventsCount++;
    return this;
  }

  addLink(link: Link): this {
    if (this.isEnded()) return this;
    if (this.links === NO_LINKS) this.links = [];
    const attributes = validAttributes(link.attributes);
    const kept: Link = { context: link.context };
    for (const _ in attributes) {
      kept.attributes = attributes;
      break;
    }
    if (appendCapped(this.links, kept, OPEN_SPAN_LIMIT)) this.droppedLinksCount++;
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
      const { traceId, spanId } = this.spanContext();
      diag.error(`${this.name} ${traceId}-${spanId} - You can only call end() on a span once.`);
      return;
    }
    const timer = this.owner.endTimer;
    const t = timer?.start();
    if (endTime === undefined && this.clockA >= 0) {
      // The usual end: start + the monotonic time since, with no [seconds, nanos] array (this runs
      // for every span). A monotonic clock cannot end before the start.
      const nanos = this.nanosAt(performance.now());
      const carry = Math.floor(nanos / 1e9);
      this.clockA = this.startSeconds + carry;
      this.clockB = (nanos - carry * 1e9) | 0;
    } else {
      const time = this.timeOf(endTime);
      const seconds = time[0];
      const nanos = time[1];
      if (seconds < this.startSeconds || (seconds === this.startSeconds && nanos < this.startNanos)) {
        diag.warn("Inconsistent start and end time, startTime > endTime. Setting span duration to 0ms.");
        this.clockA = this.startSeconds;
        this.clockB = this.startNanos;
      } else {
        this.clockA = seconds;
        this.clockB = nanos;
      }
    }
    this.openAttributes = -1;
    this.owner.onEnd(this);
    if (t !== undefined) timer!.stop(t);
  }

  isRecording(): boolean {
    return !this.ended;
  }

  recordException(exception: Exception, time?: TimeInput): void {
    const attributes = exceptionAttributes(exception);
    if (attributes) this.addEvent("exception", attributes, time);
    else diag.warn(`Failed to record an exception ${String(exception)}`);
  }

  // --- the ReadableSpan (read by exporters after end) ---

  get startTime(): HrTime {
    return [this.startSeconds, this.startNanos];
  }

  get endTime(): HrTime {
    return this.ended ? [this.clockA, this.clockB] : [0, 0];
  }

  get duration(): HrTime {
    if (!this.ended) return [-1, -1];
    let seconds = this.clockA - this.startSeconds;
    let nanos = this.clockB - this.startNanos;
    if (nanos < 0) {
      seconds -= 1;
      nanos += 1e9;
    }
    return [seconds, nanos];
  }

  get resource(): ReadableSpan["resource"] {
    return this.owner.resource;
  }

  get instrumentationScope(): ReadableSpan["instrumentationScope"] {
    return this.owner.instrumentationScope;
  }

  // ---

  /**
   * [seconds, nanos] of an event or the end: the explicit time if one is given; else, like the
   * SDK, start + the monotonic time since start (or the wall clock when the start itself was
   * explicit, as there is then no monotonic start to measure from).
   */
  private timeOf(input: TimeInput | undefined): HrTime {
    if (typeof input === "number" && this.clockA >= 0 && input <= performance.now()) return this.atPerf(input);
    const explicit = input === undefined ? undefined : explicitTime(input);
    if (explicit !== undefined) return toHrTime(explicit[0], explicit[1]);
    return this.clockA >= 0 ? this.atPerf(performance.now()) : toHrTime(Date.now(), 0);
  }

  /** The time of performance timestamp `perf` on this span's clock: its start + the monotonic time since. */
  private atPerf(perf: number): HrTime {
    const nanos = this.nanosAt(perf);
    const carry = Math.floor(nanos / 1e9);
    return [this.startSeconds + carry, (nanos - carry * 1e9) | 0];
  }

  /** Performance timestamp `perf` as nanoseconds past the span's start second (open spans only). */
  private nanosAt(perf: number): number {
    return this.startNanos + Math.round((perf - this.clockA) * 1e6) - this.clockB;
  }

  private isEnded(): boolean {
    if (this.ended) diag.warn(`Cannot execute the operation on ended Span {traceId: ${this.traceId}, spanId: ${this.spanContext().spanId}}`);
    return this.ended;
  }
}
