import { describe, expect, it } from "vitest";
import { ProtoWriter, varintSize } from "./proto-writer";
import { WriterPool } from "./writer-pool";

/** The bytes a length-delimited string field must have: tag, varint length, UTF-8. */
function expected(field: number, s: string): Buffer {
  const utf8 = Buffer.from(s, "utf8");
  const head: number[] = [(field << 3) | 2];
  let n = utf8.length;
  while (n > 0x7f) {
    head.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  head.push(n);
  return Buffer.concat([Buffer.from(head), utf8]);
}

describe("ProtoWriter.string", () => {
  // Every branch: short ASCII, short non-ASCII (falls through), the reserved-two-bytes path
  // (both when the length needs two bytes and when it needs one), and the long path.
  const samples = [
    "",
    "a",
    "x".repeat(127),
    "x".repeat(128),
    "é".repeat(50), // 50 chars, 100 bytes: reserved two, used one
    "é".repeat(70), // 140 bytes
    "😀".repeat(40), // surrogate pairs: 80 UTF-16 units, 160 bytes
    "prompt ".repeat(43), // 301 chars, like the benchmark's prompt
    "y".repeat(5461),
    "é".repeat(5461), // 10922 bytes: still two length bytes
    "z".repeat(5462),
    "ü".repeat(20_000), // 40000 bytes: three length bytes
  ];
  for (const s of samples) {
    it(`encodes a ${s.length}-unit string exactly (${Buffer.byteLength(s)} bytes)`, () => {
      const w = new ProtoWriter(8); // tiny: every write has to grow the buffer
      w.string(1, "before");
      w.string(3, s);
      w.string(1, "after");
      expect(Buffer.from(w.finish())).toEqual(Buffer.concat([expected(1, "before"), expected(3, s), expected(1, "after")]));
    });
  }
});

describe("ProtoWriter ids, views and pool", () => {
  it("hex ids of either case become the same bytes", () => {
    const w = new ProtoWriter();
    w.hexBytes(1, "0123456789abcdefABCDEF0123456789");
    expect(Buffer.from(w.view()).subarray(2).toString("hex")).toBe("0123456789abcdefabcdef0123456789");
  });

  it("a repeated id writes the same bytes as decoding it, per slot, across resets and buffer growth", () => {
    const ids = ["0af7651916cd43dd8448eb211c80319c", "0AF7651916CD43DD8448EB211C80319C", "b7ad6b7169203331", "ffffffffffffffff0000000000000001"];
    const sequence = [0, 0, 1, 1, 2, 0, 2, 2, 3, 0, 3];
    const cached = new ProtoWriter(16);
    const plain = new ProtoWriter(16);
    for (let round = 0; round < 2; round++) {
      for (const [k, i] of sequence.entries()) {
        cached.repeatedHexBytes(1 + (k % 2), ids[i], (k % 2) as 0 | 1);
        plain.hexBytes(1 + (k % 2), ids[i]);
      }
      expect(Buffer.from(cached.view())).toEqual(Buffer.from(plain.view()));
      cached.reset();
      plain.reset();
    }
  });

  it("a view is the written bytes; finish is a copy that outlives a reset", () => {
    const w = new ProtoWriter();
    w.string(1, "hello");
    const copy = w.finish();
    expect(Buffer.from(w.view())).toEqual(Buffer.from(copy));
    w.reset();
    w.string(1, "HELLO");
    expect(Buffer.from(copy).toString("latin1")).toContain("hello");
  });

  it("the pool hands out reset writers and keeps at most `keep` idle ones", () => {
    const pool = new WriterPool(1);
    const a = pool.acquire();
    const b = pool.acquire();
    a.string(1, "x");
    pool.release(a);
    pool.release(b);
    const again = pool.acquire();
    expect(again).toBe(a);
    expect(again.pos).toBe(0);
    expect(pool.acquire()).not.toBe(b);
  });

  it("varintSize matches the bytes varint writes", () => {
    for (const v of [0, 127, 128, 16383, 16384, 2 ** 28, 2 ** 35]) {
      const w = new ProtoWriter(1);
      w.varint(v);
      expect(w.pos).toBe(varintSize(v));
    }
  });
});

describe("ProtoWriter.fork2", () => {
  // fork2 reserves two length bytes: a body of 128..16383 bytes fills them; a shorter or longer
  // one must still come out canonical (the same bytes as fork), also inside another fork.
  for (const size of [0, 5, 127, 128, 129, 300, 16383, 16384, 16385, 70_000]) {
    it(`a ${size}-byte body gives the same bytes as fork`, () => {
      const a = new ProtoWriter(4);
      const b = new ProtoWriter(4);
      for (const [w, open] of [[a, () => a.fork(2)], [b, () => b.fork2(2)]] as const) {
        w.string(1, "head");
        w.fork(4);
        open();
        w.ensure(size);
        for (let i = 0; i < size; i++) w.buf[w.pos++] = i & 0xff; // exactly `size` body bytes
        w.join();
        w.join();
        w.string(1, "tail");
      }
      expect(Buffer.from(b.finish())).toEqual(Buffer.from(a.finish()));
    });
  }
});
