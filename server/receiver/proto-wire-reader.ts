/**
 * A protobuf wire-format reader over one Buffer: tags, varints, fixed-width values, strings and
 * length-delimited ranges, for decoders that walk a message straight into the records they need
 * (otlp-proto-decode.ts) instead of building a message object tree first.
 *
 * It refuses what protobufjs (which decoded these bodies before) refuses, so a body is accepted or
 * refused alike: a tag longer than 5 bytes or with field number 0, a length above 2^31-1, wire
 * types 6-7 or a stray group end, a string that is not valid UTF-8. Groups (wire type 3) are
 * skipped, as protobufjs skips them.
 *
 * Invariant: a read never goes past `limit`, the end of the message being read. A nested message
 * narrows the limit to its own end (`enter`) and restores the parent's (`leave`); a length or a
 * value that would cross the limit throws ProtoWireError, so a truncated or hostile body fails
 * cleanly (the receiver answers 400) instead of reading a neighbouring message's bytes.
 */
import { isUtf8 } from "node:buffer";

export class ProtoWireError extends Error {}

export const WireType = { varint: 0, fixed64: 1, len: 2, startGroup: 3, endGroup: 4, fixed32: 5 } as const;

const TWO_32 = 4294967296;
/** Groups inside groups deeper than this are refused (protobufjs stops at 100 levels too). */
const MAX_GROUP_DEPTH = 100;

/**
 * Node's Buffer decoders without toString's argument handling (the bounds are already checked
 * here). Not in @types/node, but present in every Node release; protobufjs reads strings the same
 * way.
 */
interface NodeBuffer extends Buffer {
  utf8Slice(start: number, end: number): string;
  hexSlice(start: number, end: number): string;
}

export class ProtoWireReader {
  pos = 0;
  limit: number;
  /** The high half of the last fixed64Low() read. */
  high = 0;

  constructor(readonly buf: Buffer) {
    this.limit = buf.length;
  }

  more(): boolean {
    return this.pos < this.limit;
  }

  /** A field tag: at most 5 bytes, a field number above 0. */
  tag(): number {
    const start = this.pos;
    const tag = this.uint32();
    if (this.pos - start > 5) throw new ProtoWireError("invalid tag encoding");
    if (tag >>> 3 === 0) throw new ProtoWireError("illegal tag: field number 0");
    return tag;
  }

  /**
   * A varint's low 32 bits as an unsigned number (enums), as protobuf readers do for 32-bit
   * fields: a 64-bit encoding (up to 10 bytes) is accepted and its high bits dropped.
   */
  uint32(): number {
    const buf = this.buf;
    let value = 0;
    for (let shift = 0, i = 0; i < 10; i++, shift += 7) {
      if (this.pos >= this.limit) throw new ProtoWireError("truncated varint");
      const b = buf[this.pos++];
      if (shift < 32) value = (value | ((b & 0x7f) << shift)) >>> 0;
      if (b < 0x80) return value;
    }
    throw new ProtoWireError("varint longer than 10 bytes");
  }

  /** A bool: true when any bit of the (up to 64-bit) varint is set. */
  bool(): boolean {
    let any = 0;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.limit) throw new ProtoWireError("truncated varint");
      const b = this.buf[this.pos++];
      any |= b & 0x7f;
      if (b < 0x80) return any !== 0;
    }
    throw new ProtoWireError("varint longer than 10 bytes");
  }

  /**
   * A varint as a signed 64-bit integer: a number when it is a safe integer, else its decimal
   * string (how the receiver shows OTLP int64 attribute values).
   */
  int64(): number | string {
    const start = this.pos;
    let value = 0;
    // Up to 7 bytes (49 bits) the sum is exact in a double and the value is non-negative.
    for (let i = 0; i < 7; i++) {
      if (this.pos >= this.limit) throw new ProtoWireError("truncated varint");
      const b = this.buf[this.pos++];
      value += (b & 0x7f) * 2 ** (7 * i);
      if (b < 0x80) return value;
    }
    this.pos = start;
    let big = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.limit) throw new ProtoWireError("truncated varint");
      const b = this.buf[this.pos++];
      big |= BigInt(b & 0x7f) << BigInt(7 * i);
      if (b < 0x80) {
        const signed = BigInt.asIntN(64, big);
        const n = Number(signed);
        return Number.isSafeInteger(n) ? n : signed.toString();
      }
    }
    throw new ProtoWireError("varint longer than 10 bytes");
  }

  /** A fixed64 as its two unsigned 32-bit halves, low first; returns the low half, high in `high`. */
  fixed64Low(): number {
    this.need(8);
    const low = this.buf.readUInt32LE(this.pos);
    this.high = this.buf.readUInt32LE(this.pos + 4);
    this.pos += 8;
    return low;
  }

  double(): number {
    this.need(8);
    const value = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return value;
  }

  /** A length prefix (at most 5 bytes, at most 2^31-1), checked against the current limit; returns the end of the delimited bytes. */
  lengthEnd(): number {
    const start = this.pos;
    const length = this.uint32();
    if (this.pos - start > 5 || length > 0x7fffffff) throw new ProtoWireError("invalid length encoding");
    if (length > this.limit - this.pos) throw new ProtoWireError(`length ${length} runs past the end of its message`);
    return this.pos + length;
  }

  /** Read into a nested message: returns the parent's limit, to be handed back to `leave`. */
  enter(): number {
    const end = this.lengthEnd();
    const parentLimit = this.limit;
    this.limit = end;
    return parentLimit;
  }

  leave(parentLimit: number): void {
    this.pos = this.limit;
    this.limit = parentLimit;
  }

  /**
   * A string; invalid UTF-8 is refused (as protobufjs refuses it), not patched with U+FFFD. The
   * decoder puts U+FFFD where the bytes are invalid, so only a string holding one needs the full
   * check (an ASCII string decodes to a one-byte string, where the search costs nothing).
   */
  string(): string {
    const end = this.lengthEnd();
    const start = this.pos;
    this.pos = end;
    const value = (this.buf as NodeBuffer).utf8Slice(start, end);
    if (value.indexOf("\uFFFD") !== -1 && !isUtf8(this.buf.subarray(start, end))) throw new ProtoWireError("string is not valid UTF-8");
    return value;
  }

  /** Bytes as lowercase hex ("" when empty). */
  hex(): string {
    const end = this.lengthEnd();
    const value = end > this.pos ? (this.buf as NodeBuffer).hexSlice(this.pos, end) : "";
    this.pos = end;
    return value;
  }

  /** A copy of the bytes: a view would keep the whole request body alive as long as the value. */
  bytes(): Uint8Array {
    const end = this.lengthEnd();
    const value = new Uint8Array(this.buf.subarray(this.pos, end));
    this.pos = end;
    return value;
  }

  /** Skip one field's value of the given wire type (a group up to its end). */
  skip(wireType: number, depth = 0): void {
    if (wireType === WireType.varint) this.uint32();
    else if (wireType === WireType.fixed64) this.advance(8);
    else if (wireType === WireType.len) this.pos = this.lengthEnd();
    else if (wireType === WireType.fixed32) this.advance(4);
    else if (wireType === WireType.startGroup) this.skipGroup(depth);
    else throw new ProtoWireError(`invalid wire type ${wireType}`);
  }

  private skipGroup(depth: number): void {
    if (depth >= MAX_GROUP_DEPTH) throw new ProtoWireError("groups nested too deep");
    for (;;) {
      if (!this.more()) throw new ProtoWireError("unterminated group");
      const wireType = this.tag() & 7;
      if (wireType === WireType.endGroup) return;
      this.skip(wireType, depth + 1);
    }
  }

  private advance(bytes: number): void {
    this.need(bytes);
    this.pos += bytes;
  }

  private need(bytes: number): void {
    if (this.limit - this.pos < bytes) throw new ProtoWireError("truncated fixed-width value");
  }
}

/** Nanoseconds from a fixed64's halves, as milliseconds in a double. */
export function nanosPartsToMs(low: number, high: number): number {
  return (high * TWO_32 + low) / 1e6;
}
