/**
 * A protobuf wire-format reader over one Buffer: tags, varints, fixed-width values, strings and
 * length-delimited ranges, for decoders that walk a message straight into the records they need
 * (otlp-proto-decode.ts) instead of building a message object tree first.
 *
 * Invariant: a read never goes past `limit`, the end of the message being read. A nested message
 * narrows the limit to its own end (`enter`) and restores the parent's (`leave`); a length or a
 * value that would cross the limit throws ProtoWireError, so a truncated or hostile body fails
 * cleanly (the receiver answers 400) instead of reading a neighbouring message's bytes.
 */

export class ProtoWireError extends Error {}

export const WireType = { varint: 0, fixed64: 1, len: 2, fixed32: 5 } as const;

const TWO_32 = 4294967296;

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

  constructor(readonly buf: Buffer) {
    this.limit = buf.length;
  }

  more(): boolean {
    return this.pos < this.limit;
  }

  /**
   * A varint's low 32 bits as an unsigned number (tags, lengths, enums, bools), as protobuf
   * readers do for 32-bit fields: a 64-bit encoding (up to 10 bytes) is accepted and its high
   * bits dropped.
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
  /** The high half of the last fixed64Low() read. */
  high = 0;

  double(): number {
    this.need(8);
    const value = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return value;
  }

  /** A length prefix, checked against the current limit; returns the end of the delimited bytes. */
  lengthEnd(): number {
    const length = this.uint32();
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

  string(): string {
    const end = this.lengthEnd();
    const value = (this.buf as NodeBuffer).utf8Slice(this.pos, end);
    this.pos = end;
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

  /** Skip one field's value of the given wire type. Groups (3, 4) and wire types 6-7 are refused. */
  skip(wireType: number): void {
    if (wireType === WireType.varint) this.uint32();
    else if (wireType === WireType.fixed64) this.advance(8);
    else if (wireType === WireType.len) this.pos = this.lengthEnd();
    else if (wireType === WireType.fixed32) this.advance(4);
    else throw new ProtoWireError(`unsupported wire type ${wireType}`);
  }

  /** Refuse a known field sent with another wire type (as the Collector's decoder does). */
  expect(wireType: number, expected: number, where: string): void {
    if (wireType !== expected) throw new ProtoWireError(`${where}: wire type ${wireType}, expected ${expected}`);
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
