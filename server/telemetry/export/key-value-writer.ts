/**
 * One-pass KeyValue writers for scalar attributes (the encoder's hot path): the KeyValue and
 * AnyValue lengths are computed up front instead of two fork/join pairs per attribute. Most
 * attributes are short ASCII strings and numbers, and a long value (a 300-character prompt)
 * would otherwise be moved twice by the joins. Each writer returns false, having written
 * nothing (bytes past the writer's position may be scribbled on; its position has not moved),
 * when its input needs the general path (a non-ASCII key or value, a key of 128 characters or
 * more, a very long value, a field number of 16 or more); the output is byte for byte the
 * general path's (key-value-writer.test.ts).
 */
import { varintSize, writeVarintAt, type ProtoWriter } from "./proto-writer";

/** A KeyValue (field < 16) whose value is a string of at most 5461 characters, all ASCII. */
export function writeStringKeyValue(w: ProtoWriter, field: number, key: string, value: string): boolean {
  const k = key.length;
  const v = value.length;
  if (field > 15 || k > 127 || v > 5461) return false;
  const any = 1 + varintSize(v) + v;
  const kv = 3 + k + varintSize(any) + any;
  const start = w.pos;
  // 3v in all: room for the UTF-8 of a non-ASCII value, written before the check below gives up.
  w.ensure(1 + varintSize(kv) + kv + 2 * v);
  const b = w.buf;
  let p = keyPrefix(w, field, kv, key);
  if (p < 0) return false;
  b[p++] = 0x12;
  p = writeVarintAt(b, p, any);
  b[p++] = 0x0a;
  p = writeVarintAt(b, p, v);
  if (v < 128) {
    for (let i = 0; i < v; i++) {
      const c = value.charCodeAt(i);
      if (c > 0x7f) return rewind(w, start);
      b[p + i] = c;
    }
  } else if (b.write(value, p, "utf8") !== v) {
    return rewind(w, start);
  }
  w.pos = p + v;
  return true;
}

/** A KeyValue (field < 16) whose value is a number: int64 when a safe integer, else double. */
export function writeNumberKeyValue(w: ProtoWriter, field: number, key: string, value: number): boolean {
  const k = key.length;
  if (field > 15 || k > 127) return false;
  const int = isInt64(value);
  const any = int ? 1 + (value >= 0 ? varintSize(value) : 10) : 9;
  const kv = 3 + k + 1 + any;
  w.ensure(3 + kv);
  let p = keyPrefix(w, field, kv, key);
  if (p < 0) return false;
  w.buf[p++] = 0x12;
  w.buf[p++] = any;
  if (int && value >= 0 && value <= 0x7fffffff) {
    w.buf[p++] = 0x18;
    w.pos = writeVarintAt(w.buf, p, value);
    return true;
  }
  w.pos = p;
  if (int) {
    w.tag(3, 0);
    w.int64(value);
  } else {
    w.tag(4, 1);
    w.double(value);
  }
  return true;
}

/** A KeyValue (field < 16) whose value is a boolean. */
export function writeBooleanKeyValue(w: ProtoWriter, field: number, key: string, value: boolean): boolean {
  const k = key.length;
  if (field > 15 || k > 127) return false;
  const kv = 3 + k + 3;
  w.ensure(3 + kv);
  let p = keyPrefix(w, field, kv, key);
  if (p < 0) return false;
  const b = w.buf;
  b[p++] = 0x12;
  b[p++] = 2;
  b[p++] = 0x10;
  b[p++] = value ? 1 : 0;
  w.pos = p;
  return true;
}

/**
 * The tag and length of a KeyValue (field < 16, room ensured) and its ASCII key: the position
 * after the key, or -1 (and nothing written) when the key is not ASCII.
 */
function keyPrefix(w: ProtoWriter, field: number, kv: number, key: string): number {
  const b = w.buf;
  let p = w.pos;
  b[p++] = (field << 3) | 2;
  p = writeVarintAt(b, p, kv);
  b[p++] = 0x0a;
  const k = key.length;
  b[p++] = k;
  for (let i = 0; i < k; i++) {
    const c = key.charCodeAt(i);
    if (c > 0x7f) return -1;
    b[p + i] = c;
  }
  return p + k;
}

function rewind(w: ProtoWriter, to: number): false {
  w.pos = to;
  return false;
}

/**
 * A number OTLP carries as an int: any integer an int64 holds, so 2^60 is an int, not a double,
 * as in OpenTelemetry's serializer; from 2^63 on it is a double there too (encoder tests).
 */
export function isInt64(v: number): boolean {
  return Number.isInteger(v) && v < 9223372036854775808 && v >= -9223372036854775808;
}
