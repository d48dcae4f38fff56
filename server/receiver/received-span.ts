/**
 * What the receiver makes of an OTLP export request, whichever encoding it came in: one flat
 * record per span, and the shared rules both decoders apply (value depth, unknown service,
 * the partial-success message).
 */

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
export const MAX_VALUE_DEPTH = 32;
/** What a value nested deeper than MAX_VALUE_DEPTH reads as. */
export const NESTED_TOO_DEEP = "[nested too deep]";
export const UNKNOWN_SERVICE = "unknown_service";

/** The partial-success message for `rejected` spans with invalid ids ("" when none). */
export function rejectReasonFor(rejected: number): string {
  return rejected > 0 ? `${rejected} span(s) rejected: trace id must be 16 bytes and span id 8 bytes, not all zero` : "";
}

