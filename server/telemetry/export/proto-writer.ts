/**
 * A minimal protobuf writer for the OTLP encoder: one growable buffer, no intermediate objects.
 *
 * Nested messages use fork/join: `fork()` reserves one byte for the length, the message is
 * written in place, and `join()` writes the real length, moving the body right (one memmove)
 * only when the length needs more than one varint byte. Output is canonical protobuf.
 */
export class ProtoWriter {
  buf: Buffer;
  pos = 0;
  private readonly stack: number[] = [];
  /** repeatedHexBytes' last id per slot, as text and as bytes. */
  private readonly idCacheText: (string | undefined)[] = [undefined, undefined];
  private readonly idCache = [new Uint8Array(16), new Uint8Array(16)];

  constructor(initial = 64 * 1024) {
    this.buf = Buffer.allocUnsafe(initial);
  }

  reset(): void {
    this.pos = 0;
    this.stack.length = 0;
  }

  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /** Unsigned varint of a non-negative safe integer. */
  varint(v: number): void {
    this.ensure(10);
    const b = this.buf;
    while (v > 0x7f) {
      b[this.pos++] = (v & 0x7f) | 0x80;
      v = v > 0xffffffff ? Math.floor(v / 128) : v >>> 7;
    }
    b[this.pos++] = v;
  }

  tag(field: number, wire: number): void {
    this.varint((field << 3) | wire);
  }

  /** int64 as a varint: negative values take ten bytes (two's complement), as protobuf says. */
  int64(v: number): void {
    if (v >= 0) return this.varint(v);
    this.ensure(10);
    // Two's complement of a negative safe integer over 64 bits, 7 bits at a time.
    let lo = v % 4294967296 >>> 0;
    let hi = Math.floor(v / 4294967296) >>> 0;
    for (let i = 0; i < 9; i++) {
      this.buf[this.pos++] = (lo & 0x7f) | 0x80;
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi = hi >>> 7;
    }
    this.buf[this.pos++] = lo & 0x01;
  }

  // Fixed-width writes byte by byte: Buffer#writeUInt32LE and friends check their arguments on
  // every call, which measured as a tenth of all encoding time (four calls per span for times).

  fixed32(v: number): void {
    this.ensure(4);
    put32LE(this.buf, this.pos, v);
    this.pos += 4;
  }

  fixed64(lo: number, hi: number): void {
    this.ensure(8);
    put32LE(this.buf, this.pos, lo);
    put32LE(this.buf, this.pos + 4, hi);
    this.pos += 8;
  }

  /**
   * A bytes field (field < 16) of two 32-bit words, big-endian, high first: a span id kept as
   * two halves, as its 8 bytes.
   */
  int32PairBytes(field: number, high: number, low: number): void {
    this.ensure(10);
    this.buf[this.pos] = (field << 3) | 2;
    this.buf[this.pos + 1] = 8;
    put32BE(this.buf, this.pos + 2, high);
    put32BE(this.buf, this.pos + 6, low);
    this.pos += 10;
  }

  double(v: number): void {
    this.ensure(8);
    this.buf.writeDoubleLE(v, this.pos);
    this.pos += 8;
  }

  string(field: number, s: string): void {
    this.tag(field, 2);
    const n = s.length;
    // ASCII fast path: one byte per char, written without a native call.
    if (n < 128) {
      this.ensure(1 + n * 3);
      const b = this.buf;
      const at = this.pos + 1;
      let i = 0;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c > 0x7f) break;
        b[at + i] = c;
      }
      if (i === n) {
        b[at - 1] = n;
        this.pos = at + n;
        return;
      }
    }
    if (n < 5462) {
      // At most 3n <= 16383 bytes: the length takes exactly two varint bytes when n >= 128, or
      // at most two when some short string was not ASCII. Reserve two, write the UTF-8 in one
      // native call, then fill the length in (moving the bytes left by one in the rare case it
      // needed only one byte).
      this.ensure(2 + 3 * n);
      const at = this.pos;
      const bytes = this.buf.write(s, at + 2, "utf8");
      if (bytes >= 128) {
        this.buf[at] = (bytes & 0x7f) | 0x80;
        this.buf[at + 1] = bytes >>> 7;
        this.pos = at + 2 + bytes;
      } else {
        this.buf.copyWithin(at + 1, at + 2, at + 2 + bytes);
        this.buf[at] = bytes;
        this.pos = at + 1 + bytes;
      }
      return;
    }
    const bytes = Buffer.byteLength(s, "utf8");
    this.varint(bytes);
    this.ensure(bytes);
    this.pos += this.buf.write(s, this.pos, bytes, "utf8");
  }

  /** Bytes field from a lowercase/uppercase hex string (trace and span ids). */
  hexBytes(field: number, hex: string): void {
    const n = hex.length >>> 1;
    this.tag(field, 2);
    this.varint(n);
    this.ensure(n);
    const b = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) b[p++] = hexByte(hex, i);
    this.pos = p;
  }

  /**
   * hexBytes for an id that often repeats in consecutive calls from the same place (`slot`): the
   * spans of one trace sit next to each other in a batch and share its trace id, and siblings
   * share their parent's span id. A repeat costs one identity check and a 16-byte copy instead of
   * decoding 32 hex digits again.
   */
  repeatedHexBytes(field: number, hex: string, slot: 0 | 1): void {
    const n = hex.length >>> 1;
    if (n > 16 || field > 15) return this.hexBytes(field, hex);
    this.ensure(2 + n);
    const b = this.buf;
    const p = this.pos + 2;
    b[p - 2] = (field << 3) | 2;
    b[p - 1] = n;
    const cache = this.idCache[slot];
    if (hex === this.idCacheText[slot]) {
      for (let i = 0; i < n; i++) b[p + i] = cache[i];
    } else {
      for (let i = 0; i < n; i++) b[p + i] = cache[i] = hexByte(hex, i);
      this.idCacheText[slot] = hex;
    }
    this.pos = p + n;
  }

  bytes(field: number, data: Uint8Array): void {
    this.tag(field, 2);
    this.varint(data.length);
    this.ensure(data.length);
    this.buf.set(data, this.pos);
    this.pos += data.length;
  }

  /** Start a length-delimited field. */
  fork(field: number): void {
    this.tag(field, 2);
    this.ensure(1);
    this.stack.push(this.pos);
    this.pos += 1;
  }

  /**
   * fork() for a message that usually takes 128..16383 bytes (a span): two bytes are reserved
   * for the length, so join() moves the body only in the rare other cases.
   */
  fork2(field: number): void {
    this.tag(field, 2);
    this.ensure(2);
    this.stack.push(-1 - this.pos);
    this.pos += 2;
  }

  /** Close the innermost fork: write its length, shifting the body when it needs > 1 byte. */
  join(): void {
    let at = this.stack.pop()!;
    if (at < 0) {
      // A fork2: two bytes reserved.
      at = -1 - at;
      const len = this.pos - at - 2;
      if (len >= 128 && len < 16384) {
        this.buf[at] = (len & 0x7f) | 0x80;
        this.buf[at + 1] = len >>> 7;
        return;
      }
      // Give back the second byte, then finish as a one-byte fork.
      this.buf.copyWithin(at + 1, at + 2, this.pos);
      this.pos -= 1;
    }
    const len = this.pos - at - 1;
    if (len < 128) {
      this.buf[at] = len;
      return;
    }
    const extra = varintSize(len) - 1;
    this.ensure(extra);
    this.buf.copyWithin(at + 1 + extra, at + 1, this.pos);
    this.pos += extra;
    let p = at;
    let v = len;
    while (v > 0x7f) {
      this.buf[p++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[p] = v;
  }

  /** What was written, as a view of the writer's buffer: valid until the writer is reset. */
  view(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }

  /** A copy of what was written (`set`: one memcpy; TypedArray#slice on a Buffer copies per element). */
  finish(): Uint8Array {
    const out = new Uint8Array(this.pos);
    out.set(this.buf.subarray(0, this.pos));
    return out;
  }
}

/** Value of each hex digit by char code ('0'-'9', 'a'-'f', 'A'-'F'): a table, not branches (ids are random). */
const HEX_VALUE = new Uint8Array(128);
for (let c = 0; c < 128; c++) HEX_VALUE[c] = c >= 48 && c <= 57 ? c - 48 : (c | 0x20) >= 97 && (c | 0x20) <= 102 ? (c | 0x20) - 87 : 0;

/** Byte `i` of a hex string (digits 2i and 2i+1). */
function hexByte(hex: string, i: number): number {
  return (HEX_VALUE[hex.charCodeAt(2 * i) & 0x7f] << 4) | HEX_VALUE[hex.charCodeAt(2 * i + 1) & 0x7f];
}

/** A 32-bit word at `p`, little-endian (room ensured). */
function put32LE(b: Buffer, p: number, v: number): void {
  b[p] = v;
  b[p + 1] = v >>> 8;
  b[p + 2] = v >>> 16;
  b[p + 3] = v >>> 24;
}

/** A 32-bit word at `p`, big-endian (room ensured). */
function put32BE(b: Buffer, p: number, v: number): void {
  b[p] = v >>> 24;
  b[p + 1] = v >>> 16;
  b[p + 2] = v >>> 8;
  b[p + 3] = v;
}

/** An unsigned varint (< 2^31) at `p` in `b` (room ensured); returns the position after it. */
export function writeVarintAt(b: Buffer, p: number, v: number): number {
  while (v > 0x7f) {
    b[p++] = (v & 0x7f) | 0x80;
    v >>>= 7;
  }
  b[p++] = v;
  return p;
}

export function varintSize(v: number): number {
  if (v < 128) return 1;
  if (v < 16384) return 2;
  let n = 1;
  while (v > 0x7f) {
    v = Math.floor(v / 128);
    n++;
  }
  return n;
}
