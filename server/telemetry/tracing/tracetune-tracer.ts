/**
 * The runtime's tracer provider and tracer: OpenTelemetry API Tracer/TracerProvider that record
 * RecordedSpans (see recorded-span.ts for why not the SDK's SpanImpl) and hand each finished span
 * to one end hook, the runtime's span processor.
 *
 * startSpan follows the SDK's Tracer.startSpan step for step: `root` drops the parent; a
 * suppressed context (suppressTracing) gets a non-recording invalid span; a child keeps its
 * parent's trace id and trace state; the sampler sees the validated attributes and links and may
 * add attributes and a trace state; NOT_RECORD returns a non-recording span that still carries
 * the new span context, so the decision propagates downstream.
 */
import { context as api, diag, INVALID_SPAN_CONTEXT, SpanKind, TraceFlags, trace, type Context, type Link, type Span, type SpanContext, type SpanOptions, type Tracer, type TracerOptions, type TracerProvider } from "@opentelemetry/api";
import { isTracingSuppressed } from "@opentelemetry/core";
import { SamplingDecision, type IdGenerator, type ReadableSpan, type Sampler } from "@opentelemetry/sdk-trace-base";
import { keepFirstAttributes, lastValidCount, validAttributes } from "./attribute-values";
import { OPEN_SPAN_LIMIT, RecordedSpan, type SpanOwner } from "./recorded-span";
import { lastSpanIdLow, newSpanIdHigh, newTraceId, spanIdHex } from "./span-ids";
import type { HotPathTimer } from "../measure/hot-path-timer";

/** What a read-only sampler sees for a span started without links (shared; see samplerIsReadOnly). */
const NO_LINKS: Link[] = Object.freeze([]) as unknown as Link[];

/** Receives every recorded span once, when it ends (synchronously, inside `span.end()`). */
export interface SpanEndHook {
  onEnd(span: RecordedSpan): void;
}

export interface TracerSettings {
  sampler: Sampler;
  onEnd: SpanEndHook;
  resource: ReadableSpan["resource"];
  /** Time startSpan and span.end, whole, one call in N (the live overhead estimate). */
  timers?: { start: HotPathTimer; end: HotPathTimer };
  /**
   * The sampler never modifies the attributes and links it is shown (true of the runtime's own
   * LiveSampler). Otherwise, as in the SDK, it gets a links array of its own and the attributes
   * are validated again after it ran.
   */
  samplerIsReadOnly?: boolean;
}

export class TracetuneTracer implements Tracer, SpanOwner {
  readonly instrumentationScope: ReadableSpan["instrumentationScope"];
  readonly resource: ReadableSpan["resource"];
  readonly endTimer: HotPathTimer | undefined;
  private readonly startTimer: HotPathTimer | undefined;
  /** Replaces the random id pool (tests that need reproducible trace ids). */
  idGenerator: IdGenerator | undefined;

  constructor(
    private readonly settings: TracerSettings,
    scope: ReadableSpan["instrumentationScope"],
  ) {
    this.instrumentationScope = scope;
    this.resource = settings.resource;
    this.startTimer = settings.timers?.start;
    this.endTimer = settings.timers?.end;
  }

  onEnd(span: RecordedSpan): void {
    this.settings.onEnd.onEnd(span);
  }

  startSpan(name: string, options: SpanOptions = {}, context: Context = api.active()): Span {
    const timer = this.startTimer;
    const t = timer?.start();
    const span = this.create(name, options, context);
    if (t !== undefined) timer!.stop(t);
    return span;
  }

  private create(name: string, options: SpanOptions, context: Context): Span {
    if (options.root) context = trace.deleteSpan(context);
    if (isTracingSuppressed(context)) {
      diag.debug("Instrumentation suppressed, returning Noop Span");
      return trace.wrapSpanContext(INVALID_SPAN_CONTEXT);
    }
    const parentSpan = trace.getSpan(context);
    // A RecordedSpan's context is valid by construction: skip the API's regex checks for it.
    const parent = parentSpan?.spanContext();
    let traceId: string;
    let traceState: SpanContext["traceState"];
    let validParent: SpanContext | undefined;
    if (parent !== undefined && (parentSpan instanceof RecordedSpan || trace.isSpanContextValid(parent))) {
      traceId = parent.traceId;
      traceState = parent.traceState;
      validParent = parent;
    } else {
      traceId = this.idGenerator === undefined ? newTraceId() : this.idGenerator.generateTraceId();
    }
    // The span id as two 32-bit halves (see RecordedSpan); as text only if the span is not recorded.
    let spanIdText: string | undefined;
    let spanIdHigh: number;
    let spanIdLow: number;
    if (this.idGenerator === undefined) {
      spanIdHigh = newSpanIdHigh();
      spanIdLow = lastSpanIdLow();
    } else {
      spanIdText = this.idGenerator.generateSpanId();
      spanIdHigh = parseInt(spanIdText.slice(0, 8), 16) | 0;
      spanIdLow = parseInt(spanIdText.slice(8, 16), 16) | 0;
    }
    const kind = options.kind ?? SpanKind.INTERNAL;
    const readOnly = this.settings.samplerIsReadOnly === true;
    const links: Link[] = options.links === undefined ? (readOnly ? NO_LINKS : []) : options.links.map((l) => ({ context: l.context, attributes: validAttributes(l.attributes) }));
    const attributes = validAttributes(options.attributes);
    let count = lastValidCount;
    const result = this.settings.sampler.shouldSample(context, traceId, name, kind, attributes, links);
    if (result.traceState !== undefined) traceState = result.traceState;
    const traceFlags = result.decision === SamplingDecision.RECORD_AND_SAMPLED ? TraceFlags.SAMPLED : TraceFlags.NONE;
    if (result.decision === SamplingDecision.NOT_RECORD) {
      return trace.wrapSpanContext({ traceId, spanId: spanIdText ?? spanIdHex(spanIdHigh, spanIdLow), traceFlags, traceState });
    }
    let kept = attributes;
    if (!readOnly || result.attributes !== undefined) {
      kept = validAttributes(result.attributes === undefined ? attributes : Object.assign(attributes, result.attributes));
      count = lastValidCount;
    }
    // The open-span ceiling holds for the attributes a span starts with, as for those set later.
    const over = count > OPEN_SPAN_LIMIT ? keepFirstAttributes(kept, OPEN_SPAN_LIMIT) : 0;
    const span = new RecordedSpan(this, traceId, spanIdHigh, spanIdLow, traceFlags, traceState, name, kind, validParent, kept, count - over, links, options.startTime);
    if (over > 0) span.droppedAttributesCount = over;
    if (spanIdText !== undefined) span.adoptSpanIdText(spanIdText);
    return span;
  }

  startActiveSpan<F extends (span: Span) => unknown>(name: string, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(name: string, options: SpanOptions, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(name: string, options: SpanOptions, context: Context, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(name: string, a?: F | SpanOptions, b?: F | Context, c?: F): ReturnType<F> | undefined {
    let options: SpanOptions | undefined;
    let ctx: Context | undefined;
    let fn: F;
    if (typeof a === "function") fn = a;
    else if (typeof b === "function") {
      options = a;
      fn = b;
    } else if (typeof c === "function") {
      options = a;
      ctx = b;
      fn = c;
    } else return undefined;
    const parentContext = ctx ?? api.active();
    const span = this.startSpan(name, options, parentContext);
    return api.with(trace.setSpan(parentContext, span), fn as (span: Span) => ReturnType<F>, undefined, span);
  }
}

/** One tracer per instrumentation scope (name, version, schema URL), as the SDK caches them. */
export class TracetuneTracerProvider implements TracerProvider {
  private readonly tracers = new Map<string, TracetuneTracer>();

  constructor(private readonly settings: TracerSettings) {}

  getTracer(name: string, version?: string, options?: TracerOptions): TracetuneTracer {
    const key = `${name}@${version ?? ""}:${options?.schemaUrl ?? ""}`;
    let tracer = this.tracers.get(key);
    if (!tracer) {
      tracer = new TracetuneTracer(this.settings, { name, version, schemaUrl: options?.schemaUrl });
      this.tracers.set(key, tracer);
    }
    return tracer;
  }
}
