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

  fixed32(v: number): void {
    this.ensure(4);
    this.buf.writeUInt32LE(v >>> 0, this.pos);
    this.pos += 4;
  }

  fixed64(lo: number, hi: number): void {
    this.ensure(8);
    this.buf.writeUInt32LE(lo >>> 0, this.pos);
    this.buf.writeUInt32LE(hi >>> 0, this.pos + 4);
    this.pos += 8;
  }

  /** Two 32-bit words, big-endian, high first: a span id kept as two halves, as its 8 bytes. */
  int32Pair(high: number, low: number): void {
    this.ensure(8);
    this.buf.writeInt32BE(high | 0, this.pos);
    this.buf.writeInt32BE(low | 0, this.pos + 4);
    this.pos += 8;
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
    for (let i = 0; i < 2 * n; i += 2) b[p++] = (HEX_VALUE[hex.charCodeAt(i) & 0x7f] << 4) | HEX_VALUE[hex.charCodeAt(i + 1) & 0x7f];
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
    const cache = this.idCache[slot];
    if (hex !== this.idCacheText[slot]) {
      this.hexBytes(field, hex);
      if (n <= 16) {
        for (let i = 0; i < n; i++) cache[i] = this.buf[this.pos - n + i];
        this.idCacheText[slot] = hex;
      }
      return;
    }
    this.tag(field, 2);
    this.varint(n);
    this.ensure(n);
    const b = this.buf;
    const p = this.pos;
    for (let i = 0; i < n; i++) b[p + i] = cache[i];
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

  /** Close the innermost fork: write its length, shifting the body when it needs > 1 byte. */
  join(): void {
    const at = this.stack.pop()!;
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

export function varintSize(v: number): number {
  let n = 1;
  while (v > 0x7f) {
    v = Math.floor(v / 128);
    n++;
  }
  return n;
}

/**
 * Writers kept warm between exports. Why: a fresh output buffer per batch (hundreds of KB) is
 * memory the kernel has to map page by page on first touch, and measured as a third of all
 * encoding time; a reused buffer is already mapped. Several exports can be in flight at once
 * (the connection pool), each holding its writer until its payload is no longer read; at most
 * `keep` idle writers are retained, so the memory held is bounded by keep x the largest batch.
 */
export class WriterPool {
  private readonly idle: ProtoWriter[] = [];

  constructor(private readonly keep = 4) {}

  acquire(): ProtoWriter {
    const w = this.idle.pop() ?? new ProtoWriter(256 * 1024);
    w.reset();
    return w;
  }

  release(w: ProtoWriter): void {
    if (this.idle.length < this.keep) this.idle.push(w);
  }
}
