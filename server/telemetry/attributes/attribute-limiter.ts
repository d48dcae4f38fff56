/**
 * The guide's AttributeLimiter: strings longer than `maxLength` are cut and end with
 * `truncateMarker` (the result, marker included, is at most `maxLength` characters, and a
 * surrogate pair is never split), arrays longer than `maxArrayItems` keep their first items
 * (OTLP arrays are homogeneous, so no marker element is added), and string elements of arrays
 * are cut like strings. Returns the new value, or the same reference when nothing changed.
 */
import type { AttributeValue } from "@opentelemetry/api";

export interface LimiterSettings {
  maxLength: number;
  maxArrayItems: number;
  truncateMarker: string;
}

export interface LimiterCounters {
  valuesTruncated: number;
  arraysTruncated: number;
}

export function truncateString(value: string, maxLength: number, marker: string): string {
  if (value.length <= maxLength) return value;
  const keepMarker = marker.length < maxLength;
  let cut = keepMarker ? maxLength - marker.length : maxLength;
  const code = value.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--; // do not split a surrogate pair
  return value.slice(0, cut) + (keepMarker ? marker : "");
}

export function limitValue(value: AttributeValue, s: LimiterSettings, counters: LimiterCounters): AttributeValue {
  if (typeof value === "string") {
    if (value.length <= s.maxLength) return value;
    counters.valuesTruncated++;
    return truncateString(value, s.maxLength, s.truncateMarker);
  }
  if (!Array.isArray(value)) return value;
  let out: unknown[] = value;
  if (value.length > s.maxArrayItems) {
    out = value.slice(0, s.maxArrayItems);
    counters.arraysTruncated++;
  }
  for (let i = 0; i < out.length; i++) {
    const item = out[i];
    if (typeof item === "string" && item.length > s.maxLength) {
      if (out === value) out = value.slice();
      out[i] = truncateString(item, s.maxLength, s.truncateMarker);
      counters.valuesTruncated++;
    }
  }
  return out as AttributeValue;
}
