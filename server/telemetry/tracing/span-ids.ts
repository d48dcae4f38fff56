/**
 * Trace and span ids: trace ids as the hex strings the OpenTelemetry API carries, span ids as two
 * 32-bit halves (hex on demand: see newSpanIdHigh).
 *
 * Why not the SDK's RandomIdGenerator: it fills a buffer with Math.random and decodes it with a
 * native call per id. Here one native call fills 32 KiB of cryptographic randomness, and an id is
 * built from it with one String.fromCharCode over a byte -> two-hex-digits table: about 30 ns,
 * and a flat string of its own (a substring of one big hex string would be faster still, but
 * V8 keeps such a substring as a slice pointing into its parent, so every queued span would keep
 * a 64 KiB pool alive; measured in the memory benchmark).
 *
 * Invariant: never returns an all-zero id (invalid in W3C trace context and OTLP).
 */
import { randomFillSync } from "node:crypto";

const random = Buffer.allocUnsafe(32 * 1024);
let offset = random.length;

/** Char codes of the two lowercase hex digits of each byte value: HEX[2b], HEX[2b + 1]. */
const HEX = new Uint8Array(512);
for (let b = 0; b < 256; b++) {
  const digits = b.toString(16).padStart(2, "0");
  HEX[2 * b] = digits.charCodeAt(0);
  HEX[2 * b + 1] = digits.charCodeAt(1);
}

/** Offset of 8 fresh random bytes, none of them all zero together (refilling when used up). */
function take8(): number {
  for (;;) {
    if (offset + 8 > random.length) {
      randomFillSync(random);
      offset = 0;
    }
    const at = offset;
    offset += 8;
    if (random.readUInt32LE(at) !== 0 || random.readUInt32LE(at + 4) !== 0) return at;
  }
}

let drawnLow = 0;

/**
 * A fresh span id as two signed 32-bit halves: this returns the high half, and `lastSpanIdLow()`
 * the low half of the same id. Why numbers: most recorded spans never need the id as text (the
 * encoder writes it as bytes), and two small integers live inside the span object, where a hex
 * string is one more heap object per span to allocate, keep while queued, and collect.
 */
export function newSpanIdHigh(): number {
  const at = take8();
  // `| 0`: readInt32BE adds in floating point, and a span field that is ever handed a heap number
  // instead of a small integer becomes a boxed double in every span (16 bytes each, measured).
  drawnLow = random.readInt32BE(at + 4) | 0;
  return random.readInt32BE(at) | 0;
}

export function lastSpanIdLow(): number {
  return drawnLow;
}

/** The 16-digit hex form of a span id given as its two halves. */
export function spanIdHex(high: number, low: number): string {
  const h = HEX;
  const a = ((high >>> 24) & 0xff) * 2, b = ((high >>> 16) & 0xff) * 2, c = ((high >>> 8) & 0xff) * 2, d = (high & 0xff) * 2;
  const e = ((low >>> 24) & 0xff) * 2, f = ((low >>> 16) & 0xff) * 2, g = ((low >>> 8) & 0xff) * 2, k = (low & 0xff) * 2;
  return String.fromCharCode(h[a], h[a + 1], h[b], h[b + 1], h[c], h[c + 1], h[d], h[d + 1], h[e], h[e + 1], h[f], h[f + 1], h[g], h[g + 1], h[k], h[k + 1]);
}

export function newTraceId(): string {
  // Two independent non-zero halves: the whole id is then non-zero too. One fromCharCode call,
  // not a concatenation (which V8 would keep as a two-part rope until someone flattens it).
  const hi = take8();
  const lo = take8();
  const r = random;
  const h = HEX;
  const a0 = r[hi + 0] * 2, a1 = r[hi + 1] * 2, a2 = r[hi + 2] * 2, a3 = r[hi + 3] * 2, a4 = r[hi + 4] * 2, a5 = r[hi + 5] * 2, a6 = r[hi + 6] * 2, a7 = r[hi + 7] * 2;
  const b0 = r[lo + 0] * 2, b1 = r[lo + 1] * 2, b2 = r[lo + 2] * 2, b3 = r[lo + 3] * 2, b4 = r[lo + 4] * 2, b5 = r[lo + 5] * 2, b6 = r[lo + 6] * 2, b7 = r[lo + 7] * 2;
  return String.fromCharCode(
    h[a0], h[a0 + 1],
    h[a1], h[a1 + 1],
    h[a2], h[a2 + 1],
    h[a3], h[a3 + 1],
    h[a4], h[a4 + 1],
    h[a5], h[a5 + 1],
    h[a6], h[a6 + 1],
    h[a7], h[a7 + 1],
    h[b0], h[b0 + 1],
    h[b1], h[b1 + 1],
    h[b2], h[b2 + 1],
    h[b3], h[b3 + 1],
    h[b4], h[b4 + 1],
    h[b5], h[b5 + 1],
    h[b6], h[b6 + 1],
    h[b7], h[b7 + 1],
  );
}
