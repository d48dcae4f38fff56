/**
 * Time conversions for RecordedSpan, which takes times as the SDK's SpanImpl does: the start from
 * Date.now() (wall clock, so spans line up with other processes' clocks), the end as start + a
 * performance.now() difference (monotonic, so a duration never goes negative or jumps with NTP).
 * Explicit TimeInputs (epoch ms, a performance.now() reading, a Date, HrTime) are converted
 * exactly, as (epochMs, offsetNs): epoch nanoseconds do not fit a double.
 */
import type { HrTime, TimeInput } from "@opentelemetry/api";

const NS_PER_MS = 1e6;

/** [seconds, nanos] for epochMs + offsetNs, nanos normalized into [0, 1e9). */
export function toHrTime(epochMs: number, offsetNs: number): HrTime {
  const wholeMs = Math.floor(epochMs);
  let seconds = Math.floor(wholeMs / 1000);
  let nanos = (wholeMs - seconds * 1000) * NS_PER_MS + Math.round((epochMs - wholeMs) * NS_PER_MS + offsetNs);
  if (nanos >= 1e9 || nanos < 0) {
    const carry = Math.floor(nanos / 1e9);
    seconds += carry;
    nanos -= carry * 1e9;
  }
  return [seconds, nanos | 0];
}

function isHrTime(t: unknown): t is HrTime {
  return Array.isArray(t) && t.length === 2 && typeof t[0] === "number" && typeof t[1] === "number";
}

/**
 * An explicit TimeInput as [epochMs, offsetNs] (what the SDK accepts: epoch ms, a
 * performance.now() reading, a Date, or HrTime, kept exact). Undefined for anything else.
 */
export function explicitTime(input: TimeInput | undefined): [number, number] | undefined {
  if (typeof input === "number") {
    // Like the SDK: a number not above performance.now() is a performance timestamp. It is put on
    // the wall clock by its distance from now, not by adding performance.timeOrigin: the two
    // clocks drift apart in a long-running process (and jump apart with NTP or a suspend).
    const perfNow = performance.now();
    return input <= perfNow ? [Date.now(), Math.round((input - perfNow) * NS_PER_MS)] : [input, 0];
  }
  if (input instanceof Date) return [input.getTime(), 0];
  if (isHrTime(input)) return [input[0] * 1000, input[1]];
  return undefined;
}

/** Whether `x` is a TimeInput (for addEvent's second argument). */
export function isTimeInput(x: unknown): x is TimeInput {
  return typeof x === "number" || x instanceof Date || isHrTime(x);
}
