/**
 * OTLP/JSON to the protobuf message model.
 *
 * OTLP/JSON is proto3 JSON with two deviations (OTLP spec, "JSON Protobuf Encoding"):
 * trace and span ids are hex strings, not base64; enums are integers. Field names are
 * lowerCamelCase, which is what protobufjs uses, so once the ids are bytes `fromObject` does
 * the rest, including type checks (a string where an array belongs throws, and we answer 400).
 * Unknown fields are ignored, as the spec requires of receivers.
 */
import { ExportTraceServiceRequest } from "./otlp-proto";
import type { PbExportTraceServiceRequest } from "./otlp-proto";

export class OtlpJsonError extends Error {}

const HEX = /^[0-9a-fA-F]*$/;

/** Hex string to bytes; "" is the empty id (a root span's parent). Throws on non-hex input. */
export function hexToBytes(hex: string, field: string): Uint8Array {
  if (hex.length % 2 !== 0 || !HEX.test(hex)) throw new OtlpJsonError(`${field}: invalid hex id "${hex.slice(0, 40)}"`);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

type JsonObject = Record<string, unknown>;

function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Replace hex id strings in place with bytes; anything of the wrong shape is left for fromObject to refuse. */
function convertIds(target: JsonObject, fields: readonly string[], where: string): void {
  for (const field of fields) {
    const value = target[field];
    if (typeof value === "string") target[field] = hexToBytes(value, `${where}.${field}`);
  }
}

function eachObject(list: unknown, fn: (item: JsonObject, index: number) => void): void {
  if (!Array.isArray(list)) return;
  list.forEach((item, i) => {
    if (isObject(item)) fn(item, i);
  });
}

/** Parse an OTLP/JSON ExportTraceServiceRequest body. Throws (OtlpJsonError, SyntaxError, TypeError) on bad input. */
export function decodeOtlpJson(body: Buffer): PbExportTraceServiceRequest {
  const parsed: unknown = JSON.parse(body.toString("utf8"));
  if (!isObject(parsed)) throw new OtlpJsonError("request body must be a JSON object");
  eachObject(parsed.resourceSpans, (rs, r) => {
    eachObject(rs.scopeSpans, (ss, s) => {
      eachObject(ss.spans, (span, i) => {
        const where = `resourceSpans[${r}].scopeSpans[${s}].spans[${i}]`;
        convertIds(span, ["traceId", "spanId", "parentSpanId"], where);
        eachObject(span.links, (link, l) => convertIds(link, ["traceId", "spanId"], `${where}.links[${l}]`));
      });
    });
  });
  return ExportTraceServiceRequest.fromObject(parsed) as unknown as PbExportTraceServiceRequest;
}
