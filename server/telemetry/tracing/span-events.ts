/**
 * The parts of a span's events and links that follow the SDK's rules but are not on the hot path:
 * the capped FIFO both lists use while the span is open, and the attributes of an exception event
 * (SpanImpl.recordException's semantic conventions).
 */
import type { Attributes, Exception } from "@opentelemetry/api";

/**
 * Append `item` to `list`, keeping at most `limit` entries: when full, the oldest goes first (the
 * SDK keeps the newest). Returns whether an entry was dropped, for the span's dropped counter.
 */
export function appendCapped<T>(list: T[], item: T, limit: number): boolean {
  const full = list.length >= limit;
  if (full) list.shift();
  list.push(item);
  return full;
}

/**
 * exception.type / exception.message / exception.stacktrace of an exception, as the SDK records
 * them; undefined when there is neither a type nor a message (the SDK then records nothing).
 */
export function exceptionAttributes(exception: Exception): Attributes | undefined {
  const attributes: Attributes = {};
  if (typeof exception === "string") {
    attributes["exception.message"] = exception;
  } else if (exception) {
    if (exception.code) attributes["exception.type"] = exception.code.toString();
    else if (exception.name) attributes["exception.type"] = exception.name;
    if (exception.message) attributes["exception.message"] = exception.message;
    if (exception.stack) attributes["exception.stacktrace"] = exception.stack;
  }
  return attributes["exception.type"] || attributes["exception.message"] ? attributes : undefined;
}
