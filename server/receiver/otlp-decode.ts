/**
 * Decoded OTLP export requests, flattened into one record per span.
 *
 * Both encodings end in the same protobufjs message model, so one walker serves both. Spans
 * whose ids are invalid (trace id not 16 bytes, span id not 8 bytes, or all zero, per the OTLP
 * spec) are rejected and reported back as a partial success, never counted as received.
 */
import { ExportTraceServiceRequest } from "./otlp-proto";
import type { Int64Like, PbAnyValue, PbExportTraceServiceRequest, PbKeyValue, PbSpan } from "./otlp-proto";
import { decodeOtlpJson } from "./otlp-json";

export type OtlpEncoding = "protobuf" | "json";

/** An OTLP AnyValue as JS: int64 becomes a number when safe, else its decimal string. */
export type AttributeValue = string | number | boolean | null | Uint8Array | AttributeValue[] | { [key: string]: AttributeValue };

export interface ReceivedSpan {
  /** Lowercase hex; parentSpanId is "" for a root span. */
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  /** OTLP SpanKind number (1 internal, 2 server, 3 client, 4 producer, 5 consumer). */
  kind: number;
  /** The resource's service.name, or "unknown_service" when absent. */
  service: string;
  scope: string;
  startTimeMs: number;
  durationMs: number;
  /** Decoded only when asked for (a listener wants them); otherwise {} while attributeCount stays exact. */
  attributes: Record<string, AttributeValue>;
  attributeCount: number;
  eventNames: string[];
  linkCount: number;
  /** 0 unset, 1 ok, 2 error. */
  statusCode: number;
  statusMessage: string;
}

export interface DecodedExport {
  spans: ReceivedSpan[];
  /** Spans refused for invalid ids; reported as partial success. */
  rejected: number;
  rejectReason: string;
}

export interface DecodeOptions {
  withAttributes: boolean;
}

/** Deeper nesting than this in an AnyValue is cut off: hostile payloads must not exhaust the stack. */
const MAX_VALUE_DEPTH = 32;
const UNKNOWN_SERVICE = "unknown_service";

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
  if (depth > MAX_VALUE_DEPTH) return "[nested too deep]";
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
  const rejectReason = rejected > 0 ? `${rejected} span(s) rejected: trace id must be 16 bytes and span id 8 bytes, not all zero` : "";
  return { spans, rejected, rejectReason };
}

/** Decode an export request body (already decompressed). Throws on undecodable input. */
export function decodeExportRequest(body: Buffer, encoding: OtlpEncoding, options: DecodeOptions): DecodedExport {
  const request =
    encoding === "json"
      ? decodeOtlpJson(body)
      : (ExportTraceServiceRequest.decode(body) as unknown as PbExportTraceServiceRequest);
  return flattenExportRequest(request, options);
}
