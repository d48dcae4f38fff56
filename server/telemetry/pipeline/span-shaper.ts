/**
 * Shapes a finished span before it is queued: attribute filters, then the attribute limiters,
 * then the span limits (maxSpanAttributes, maxSpanEvents, maxSpanLinks, maxAttributeLength).
 *
 * Why at span end and not in the SDK: the SDK reads its span limits once per tracer; shaping
 * here makes every limit live, applying to spans that end after the change. The span has ended,
 * so the SDK never writes to it again and mutating its attributes, events and links is safe.
 * A shaper is built per config (compiled once, then only read) and swapped in one assignment.
 */
import type { Attributes } from "@opentelemetry/api";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import type { TelemetryConfig } from "../config";
import type { ShapingCounters } from "../snapshot";
import { AttributeFilterSet } from "../attributes/attribute-filters";
import { limitValue, truncateString, type LimiterSettings } from "../attributes/attribute-limiter";

export type { ShapingCounters };

export function newShapingCounters(): ShapingCounters {
  return { attributesRemoved: 0, valuesTruncated: 0, arraysTruncated: 0, attributesDropped: 0, eventsDropped: 0, linksDropped: 0 };
}

type Mutable = { -readonly [K in keyof ReadableSpan]: ReadableSpan[K] } & {
  _droppedAttributesCount?: number;
  _droppedEventsCount?: number;
  _droppedLinksCount?: number;
};

type DroppedField = "droppedAttributesCount" | "droppedEventsCount" | "droppedLinksCount";

/**
 * Adds to a span's dropped count: a RecordedSpan has writable fields; the SDK's SpanImpl (still
 * accepted, e.g. in tests) keeps them in `_`-prefixed fields behind read-only getters.
 */
function addDropped(s: Mutable, field: DroppedField, n: number): void {
  const internal = `_${field}` as const;
  if (typeof s[internal] === "number") s[internal] += n;
  else if (Object.getOwnPropertyDescriptor(s, field)?.writable) s[field] += n;
}

export class SpanShaper {
  private readonly filters: AttributeFilterSet;
  private readonly limiters: LimiterSettings[];
  private readonly lengthLimit: LimiterSettings;

  constructor(
    private readonly config: Pick<
      TelemetryConfig,
      "attributeFilters" | "attributeProcessors" | "maxSpanAttributes" | "maxSpanEvents" | "maxSpanLinks" | "maxAttributeLength"
    >,
    private readonly counters: ShapingCounters,
  ) {
    this.filters = new AttributeFilterSet(config.attributeFilters);
    this.limiters = config.attributeProcessors.map((p) => ({ maxLength: p.maxLength, maxArrayItems: p.maxArrayItems, truncateMarker: p.truncateMarker }));
    this.lengthLimit = { maxLength: config.maxAttributeLength, maxArrayItems: Number.MAX_SAFE_INTEGER, truncateMarker: "" };
  }

  shape(span: ReadableSpan): void {
    const s = span as Mutable;
    this.shapeAttributes(s.attributes, s);
    const events = s.events;
    if (events.length > this.config.maxSpanEvents) {
      const extra = events.length - this.config.maxSpanEvents;
      events.splice(0, extra); // keep the newest, as the SDK does when its event limit is hit
      this.counters.eventsDropped += extra;
      addDropped(s, "droppedEventsCount", extra);
    }
    const links = s.links;
    if (links.length > this.config.maxSpanLinks) {
      const extra = links.length - this.config.maxSpanLinks;
      links.length = this.config.maxSpanLinks;
      this.counters.linksDropped += extra;
      addDropped(s, "droppedLinksCount", extra);
    }
  }

  private shapeAttributes(attributes: Attributes, s: Mutable): void {
    const c = this.counters;
    let count = 0;
    let dropped = 0;
    const max = this.config.maxSpanAttributes;
    for (const key in attributes) {
      if (!this.filters.empty && this.filters.removes(key)) {
        delete attributes[key];
        c.attributesRemoved++;
        continue;
      }
      if (count >= max) {
        delete attributes[key];
        dropped++;
        continue;
      }
      count++;
      const original = attributes[key];
      if (original === undefined) continue;
      let value = original;
      for (const limiter of this.limiters) value = limitValue(value, limiter, c);
      if (typeof value === "string") {
        if (value.length > this.lengthLimit.maxLength) {
          value = truncateString(value, this.lengthLimit.maxLength, "");
          c.valuesTruncated++;
        }
      } else if (Array.isArray(value)) {
        value = limitValue(value, this.lengthLimit, c);
      }
      // Stored back only when a limit changed it: a keyed store per attribute costs more than
      // the check, and almost every value passes unchanged.
      if (value !== original) attributes[key] = value;
    }
    if (dropped > 0) {
      c.attributesDropped += dropped;
      addDropped(s, "droppedAttributesCount", dropped);
    }
  }
}
