/**
 * OTLP/protobuf encoding of finished spans straight into one buffer (ExportTraceServiceRequest),
 * without the intermediate message objects a generic serializer builds: the dominant cost of
 * exporting on the application thread. Field numbers are those of opentelemetry-proto
 * (collector/trace/v1, trace/v1, common/v1, resource/v1); the output decodes to the same
 * message as @opentelemetry/otlp-transformer's (checked in otlp-proto-encoder.test.ts).
 *
 * Spans are grouped by resource (identity) and then by instrumentation scope (name, version,
 * schema URL), as the OTLP data model asks.
 */
import type { Attributes, AttributeValue, HrTime, Link, SpanContext } from "@opentelemetry/api";
import type { ReadableSpan, TimedEvent } from "@opentelemetry/sdk-trace-base";
import type { Resource } from "@opentelemetry/resources";
import { ProtoWriter } from "./proto-writer";
import { isInt64, writeBooleanKeyValue, writeNumberKeyValue, writeStringKeyValue } from "./key-value-writer";
import { RecordedSpan } from "../tracing/recorded-span";

const TWO_32 = 4294967296;

/** HrTime [seconds, nanos] as the two 32-bit halves of unix nanoseconds, exactly. */
function writeTime(w: ProtoWriter, field: number, t: HrTime): void {
  writeTimeParts(w, field, t[0], t[1]);
}

function writeTimeParts(w: ProtoWriter, field: number, sec: number, nanos: number): void {
  w.tag(field, 1);
  const a = Math.floor(sec / 65536);
  const b = sec - a * 65536;
  const x = b * 1e9 + nanos; // < 2^47: exact
  const xHi = Math.floor(x / TWO_32);
  let lo: number;
  let hi: number;
  if (a >= 0 && a < 65536) {
    // The time is a * 1e9 * 2^16 + x. With 1e9 = 15258 * 2^16 + 51712, a * 1e9's low 16 bits and
    // the rest come from 32-bit integer arithmetic (a float % is a call to fmod: this runs twice per span).
    lo = x - xHi * TWO_32 + (Math.imul(a, 51712) & 0xffff) * 65536;
    hi = xHi + a * 15258 + ((a * 51712) >>> 16);
  } else {
    // Before 1970 or after 2106: the same split in floating point, both halves rounded down (a
    // float % keeps the sign, which is off by one against the floor for a negative time). The
    // result is the time's two's complement over 64 bits, as OpenTelemetry's BigInt path gives.
    const y = a * 1e9; // exact below 2^53
    const yHi = Math.floor(y / 65536);
    lo = x - xHi * TWO_32 + (y - yHi * 65536) * 65536;
    hi = xHi + yHi;
  }
  if (lo >= TWO_32) {
    lo -= TWO_32;
    hi += 1;
  }
  w.fixed64(lo, hi);
}

function writeAnyValue(w: ProtoWriter, field: number, v: unknown): void {
  w.fork(field);
  switch (typeof v) {
    case "string":
      w.string(1, v);
      break;
    case "boolean":
      w.tag(2, 0);
      w.varint(v ? 1 : 0);
      break;
    case "number":
      if (isInt64(v)) {
        w.tag(3, 0);
        w.int64(v);
      } else {
        w.tag(4, 1);
        w.double(v);
      }
      break;
    case "object":
      if (Array.isArray(v)) {
        w.fork(5);
        for (const item of v) writeAnyValue(w, 1, item);
        w.join();
      } else if (v instanceof Uint8Array) {
        w.bytes(7, v);
      }
      // null/undefined: an empty AnyValue, as OTLP represents a missing array element.
      break;
  }
  w.join();
}

function writeAttributes(w: ProtoWriter, field: number, attributes: Attributes | undefined): void {
  if (!attributes) return;
  for (const key in attributes) {
    const value = attributes[key];
    if (value === undefined) continue;
    // Scalars take the one-pass KeyValue writers; anything else (or what they give back) the general path.
    switch (typeof value) {
      case "string":
        if (writeStringKeyValue(w, field, key, value)) continue;
        break;
      case "number":
        if (writeNumberKeyValue(w, field, key, value)) continue;
        break;
      case "boolean":
        if (writeBooleanKeyValue(w, field, key, value)) continue;
        break;
    }
    w.fork(field);
    w.string(1, key);
    writeAnyValue(w, 2, value as AttributeValue);
    w.join();
  }
}

function writeEvent(w: ProtoWriter, e: TimedEvent): void {
  w.fork(11);
  writeTime(w, 1, e.time);
  w.string(2, e.name);
  writeAttributes(w, 3, e.attributes);
  if (e.droppedAttributesCount) {
    w.tag(4, 0);
    w.varint(e.droppedAttributesCount);
  }
  w.join();
}

function writeLink(w: ProtoWriter, l: Link): void {
  w.fork(13);
  w.hexBytes(1, l.context.traceId);
  w.hexBytes(2, l.context.spanId);
  const ts = l.context.traceState?.serialize();
  if (ts) w.string(3, ts);
  writeAttributes(w, 4, l.attributes);
  if (l.droppedAttributesCount) {
    w.tag(5, 0);
    w.varint(l.droppedAttributesCount);
  }
  w.tag(6, 5);
  w.fixed32(0x100 | (l.context.traceFlags & 0xff) | (l.context.isRemote ? 0x200 : 0));
  w.join();
}

function writeSpan(w: ProtoWriter, s: ReadableSpan): void {
  w.fork2(2);
  let flags: number;
  let traceState: SpanContext["traceState"];
  const own = s instanceof RecordedSpan;
  if (own) {
    // The runtime's own spans keep their context in parts: no SpanContext or id string to read.
    w.repeatedHexBytes(1, s.traceId, 0);
    w.int32PairBytes(2, s.spanIdHigh, s.spanIdLow);
    flags = s.traceFlags;
    traceState = s.traceState;
  } else {
    const ctx = s.spanContext();
    w.repeatedHexBytes(1, ctx.traceId, 0);
    w.hexBytes(2, ctx.spanId);
    flags = ctx.traceFlags;
    traceState = ctx.traceState;
  }
  const ts = traceState?.serialize();
  if (ts) w.string(3, ts);
  const parent = s.parentSpanContext;
  if (parent?.spanId) w.repeatedHexBytes(4, parent.spanId, 1);
  w.string(5, s.name);
  w.tag(6, 0);
  w.varint(s.kind + 1); // api SpanKind (INTERNAL = 0) -> OTLP (SPAN_KIND_INTERNAL = 1)
  if (own) {
    // The runtime's own spans keep times as numbers: no [seconds, nanos] arrays per span.
    writeTimeParts(w, 7, s.startSeconds, s.startNanos);
    writeTimeParts(w, 8, s.endSeconds, s.endNanos);
  } else {
    writeTime(w, 7, s.startTime);
    writeTime(w, 8, s.endTime);
  }
  writeAttributes(w, 9, s.attributes);
  if (s.droppedAttributesCount) {
    w.tag(10, 0);
    w.varint(s.droppedAttributesCount);
  }
  for (const e of s.events) writeEvent(w, e);
  if (s.droppedEventsCount) {
    w.tag(12, 0);
    w.varint(s.droppedEventsCount);
  }
  for (const l of s.links) writeLink(w, l);
  if (s.droppedLinksCount) {
    w.tag(14, 0);
    w.varint(s.droppedLinksCount);
  }
  // Status: always present, as OpenTelemetry's serializer writes it; the usual one (unset, no
  // message) is an empty message, written without a fork.
  const status = s.status;
  if (!status.message && status.code === 0) {
    w.tag(15, 2);
    w.varint(0);
  } else {
    w.fork(15);
    if (status.message) w.string(2, status.message);
    if (status.code !== 0) {
      w.tag(3, 0);
      w.varint(status.code);
    }
    w.join();
  }
  w.tag(16, 5);
  w.fixed32(0x100 | (flags & 0xff) | (parent?.isRemote ? 0x200 : 0));
  w.join();
}

/** Resource attributes may still be settling (async detectors): encode what is there. */
function resourceAttributes(r: Resource): Attributes {
  return r.attributes;
}

/** The request as a fresh byte array (exporters use encodeTraceExportRequestInto with a pooled writer). */
export function encodeTraceExportRequest(spans: readonly ReadableSpan[]): Uint8Array {
  const w = new ProtoWriter();
  encodeTraceExportRequestInto(w, spans);
  return w.finish();
}

function scopeKey(sc: ReadableSpan["instrumentationScope"]): string {
  return `${sc.name}\u0000${sc.version ?? ""}\u0000${sc.schemaUrl ?? ""}`;
}

/**
 * Spans grouped by resource, then by instrumentation scope. Tracers share one scope object among
 * their spans, so spans are grouped by that object first (no string key per span), and scope
 * objects that are equal by value (two tracers of the same name and version) are merged after.
 */
function group(spans: readonly ReadableSpan[]): Map<Resource, ReadableSpan[][]> {
  const byResource = new Map<Resource, Map<object, ReadableSpan[]>>();
  // Consecutive spans usually share their tracer: two identity checks instead of two map lookups.
  let lastResource: Resource | undefined;
  let lastScope: object | undefined;
  let lastList: ReadableSpan[] = [];
  for (const s of spans) {
    const resource = s.resource;
    const scope = s.instrumentationScope;
    if (resource === lastResource && scope === lastScope) {
      lastList.push(s);
      continue;
    }
    let scopes = byResource.get(resource);
    if (!scopes) byResource.set(resource, (scopes = new Map()));
    let list = scopes.get(scope);
    if (list) list.push(s);
    else scopes.set(scope, (list = [s]));
    lastResource = resource;
    lastScope = scope;
    lastList = list;
  }
  const out = new Map<Resource, ReadableSpan[][]>();
  for (const [resource, scopes] of byResource) {
    const byKey = new Map<string, ReadableSpan[]>();
    for (const list of scopes.values()) {
      const key = scopeKey(list[0].instrumentationScope);
      const same = byKey.get(key);
      if (same) for (const s of list) same.push(s);
      else byKey.set(key, list);
    }
    out.set(resource, [...byKey.values()]);
  }
  return out;
}

/** The request written into `w` (reset it first); returns a view of `w`'s bytes, valid until its next reset. */
export function encodeTraceExportRequestInto(w: ProtoWriter, spans: readonly ReadableSpan[]): Uint8Array {
  const byResource = group(spans);
  for (const [resource, scopes] of byResource) {
    w.fork(1); // ResourceSpans
    w.fork(1); // Resource
    writeAttributes(w, 1, resourceAttributes(resource));
    w.join();
    for (const list of scopes) {
      const scope = list[0].instrumentationScope;
      w.fork(2); // ScopeSpans
      w.fork(1); // InstrumentationScope
      w.string(1, scope.name);
      if (scope.version) w.string(2, scope.version);
      w.join();
      for (const s of list) writeSpan(w, s);
      if (scope.schemaUrl) w.string(3, scope.schemaUrl);
      w.join();
    }
    if (resource.schemaUrl) w.string(3, resource.schemaUrl);
    w.join();
  }
  return w.view();
}
