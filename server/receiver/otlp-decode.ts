/**
 * Decoded OTLP export requests, flattened into one record per span.
 *
 * OTLP/JSON ends in protobufjs's message model, flattened here; protobuf is decoded in one pass
 * by otlp-proto-decode.ts into the same records (a test holds the two paths equal). Spans
 * whose ids are invalid (trace id not 16 bytes, span id not 8 bytes, or all zero, per the OTLP
 * spec) are rejected and reported back as a partial success, never counted as received.
 */
import type { Int64Like, PbAnyValue, PbExportTraceServiceRequest, PbKeyValue, PbSpan } from "./otlp-proto";
import { decodeOtlpJson } from "./otlp-json";
import { decodeOtlpProtobuf } from "./otlp-proto-decode";
import { MAX_VALUE_DEPTH, NESTED_TOO_DEEP, UNKNOWN_SERVICE, rejectReasonFor } from "./received-span";
import type { AttributeValue, DecodedExport, DecodeOptions, OtlpEncoding, ReceivedSpan } from "./received-span";

export type { AttributeValue, DecodedExport, DecodeOptions, OtlpEncoding, ReceivedSpan } from "./received-span";

function toBigInt(value: Int64Like): bigint {
  if (value === null || value === undefined) return 0n;
  if (typeof value === "number") return Number.isFinite(value) ? BigInt(Math.trunc(value)) : 0n;
  try {
    return BigInt(value.toString());
  } catch {
    return 0n;
  }
}

interface LongParts {
  low: number;
  high: number;
}

function isLong(value: Int64Like): value is Int64Like & LongParts {
  return typeof value === "object" && value !== null && typeof (value as Partial<LongParts>).low === "number";
}

/** Nanosecond timestamp as a double (exact to ~256 ns today; fine for display). */
function nanosToMs(value: Int64Like): number {
  if (isLong(value)) return ((value.high >>> 0) * 4294967296 + (value.low >>> 0)) / 1e6;
  return Number(toBigInt(value)) / 1e6;
}

/** end - start in ms, exact for any realistic duration; 0 if end precedes start. */
function durationMs(start: Int64Like, end: Int64Like): number {
  // Fast path: subtract the 32-bit halves (no BigInt), exact while the difference is below 2^53 ns.
  const ns =
    isLong(start) && isLong(end)
      ? ((end.high >>> 0) - (start.high >>> 0)) * 4294967296 + ((end.low >>> 0) - (start.low >>> 0))
      : Number(toBigInt(end) - toBigInt(start));
  return ns > 0 ? ns / 1e6 : 0;
}

function int64ToJs(value: Int64Like): number | string {
  const big = toBigInt(value);
  const n = Number(big);
  return Number.isSafeInteger(n) ? n : big.toString();
}

function has(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

export function anyValueToJs(value: PbAnyValue | null | undefined, depth = 0): AttributeValue {
  if (!value) return null;
  if (depth > MAX_VALUE_DEPTH) return NESTED_TOO_DEEP;
  if (has(value, "stringValue")) return value.stringValue ?? "";
  if (has(value, "boolValue")) return value.boolValue ?? false;
  if (has(value, "intValue")) return int64ToJs(value.intValue);
  if (has(value, "doubleValue")) return value.doubleValue ?? 0;
  if (has(value, "arrayValue")) return (value.arrayValue?.values ?? []).map((v) => anyValueToJs(v, depth + 1));
  if (has(value, "kvlistValue")) return keyValuesToJs(value.kvlistValue?.values ?? [], depth + 1);
  if (has(value, "bytesValue")) return value.bytesValue ?? new Uint8Array(0);
  return null;
}

export function keyValuesToJs(list: PbKeyValue[] | undefined, depth = 0): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const kv of list ?? []) out[kv.key ?? ""] = anyValueToJs(kv.value, depth);
  return out;
}

function findString(list: PbKeyValue[] | undefined, key: string): string | undefined {
  for (const kv of list ?? []) {
    if (kv.key === key && kv.value && has(kv.value, "stringValue")) return kv.value.stringValue;
  }
  return undefined;
}

function toHex(bytes: Uint8Array | undefined): string {
  return bytes && bytes.length > 0 ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex") : "";
}

function isValidId(bytes: Uint8Array | undefined, length: number): boolean {
  if (!bytes || bytes.length !== length) return false;
  for (const b of bytes) if (b !== 0) return true;
  return false;
}

function toReceivedSpan(span: PbSpan, service: string, scope: string, options: DecodeOptions): ReceivedSpan {
  return {
    traceId: toHex(span.traceId),
    spanId: toHex(span.spanId),
    parentSpanId: toHex(span.parentSpanId),
    name: span.name ?? "",
    kind: span.kind ?? 0,
    service,
    scope,
    startTimeMs: nanosToMs(span.startTimeUnixNano),
    durationMs: durationMs(span.startTimeUnixNano, span.endTimeUnixNano),
    attributes: options.withAttributes ? keyValuesToJs(span.attributes) : {},
    attributeCount: span.attributes?.length ?? 0,
    eventNames: (span.events ?? []).map((e) => e.name ?? ""),
    linkCount: span.links?.length ?? 0,
    statusCode: span.status?.code ?? 0,
    statusMessage: span.status?.message ?? "",
  };
}

/** Flatten a decoded request into span records, rejecting spans with invalid ids. */
export function flattenExportRequest(request: PbExportTraceServiceRequest, options: DecodeOptions): DecodedExport {
  const spans: ReceivedSpan[] = [];
  let rejected = 0;
  for (const rs of request.resourceSpans ?? []) {
    const service = findString(rs.resource?.attributes, "service.name") || UNKNOWN_SERVICE;
    for (const ss of rs.scopeSpans ?? []) {
      const scope = ss.scope?.name ?? "";
      for (const span of ss.spans ?? []) {
        if (!isValidId(span.traceId, 16) || !isValidId(span.spanId, 8)) {
          rejected++;
          continue;
        }
        spans.push(toReceivedSpan(span, service, scope, options));
      }
    }
  }
  return { spans, rejected, rejectReason: rejectReasonFor(rejected) };
}

/**
 * Decode an export request body (already decompressed). Throws on undecodable input.
 * Protobuf goes through the one-pass wire decoder; OTLP/JSON through protobufjs's message model.
 */
export function decodeExportRequest(body: Buffer, encoding: OtlpEncoding, options: DecodeOptions): DecodedExport {
  return encoding === "json" ? flattenExportRequest(decodeOtlpJson(body), options) : decodeOtlpProtobuf(body, options);
}
