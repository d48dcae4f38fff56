/**
 * Attribute validation at the API boundary, as the SDK's sanitizeAttributes and
 * SpanImpl.setAttribute do it: keys are non-empty strings; values are a string, number or
 * boolean, or a homogeneous array of one of those (nulls allowed); anything else is dropped with
 * a diag warning; null and undefined are ignored. Arrays are copied so that a caller mutating its
 * array later cannot change a recorded span.
 *
 * The common case (a primitive value) costs one typeof; only arrays take the full check.
 */
import { diag, type Attributes, type AttributeValue } from "@opentelemetry/api";
import { isAttributeValue } from "@opentelemetry/core";

/** `value` as it should be stored, or undefined when it must be dropped. */
export function validValue(key: string, value: unknown): AttributeValue | undefined {
  switch (typeof value) {
    case "string":
    case "number":
    case "boolean":
      if (key.length === 0) break;
      return value;
    case "undefined":
      return undefined;
    case "object":
      if (value === null) return undefined;
      if (key.length > 0 && Array.isArray(value) && isAttributeValue(value)) return value.slice() as AttributeValue;
      break;
  }
  diag.warn(key.length === 0 ? "Invalid attribute key: empty" : `Invalid attribute value set for key: ${key}`);
  return undefined;
}

/** How many keys the last validAttributes call kept (saves the tracer a second pass to count them). */
export let lastValidCount = 0;

/** A fresh object with the valid attributes of `input` (own enumerable keys, in order). */
export function validAttributes(input: Attributes | undefined): Attributes {
  const out: Attributes = {};
  let count = 0;
  if (input !== undefined && input !== null) {
    for (const key in input) {
      if (!Object.prototype.hasOwnProperty.call(input, key)) continue;
      const value = validValue(key, input[key]);
      if (value !== undefined) {
        out[key] = value;
        count++;
      }
    }
  }
  lastValidCount = count;
  return out;
}

/**
 * Keeps the first `limit` keys of `attributes` (insertion order) and deletes the rest, as the
 * SDK's span refuses new keys past its count limit; returns how many were deleted.
 */
export function keepFirstAttributes(attributes: Attributes, limit: number): number {
  let seen = 0;
  let deleted = 0;
  for (const key in attributes) {
    if (++seen <= limit) continue;
    delete attributes[key];
    deleted++;
  }
  return deleted;
}
