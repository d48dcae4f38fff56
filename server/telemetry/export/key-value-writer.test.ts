import { describe, expect, it } from "vitest";
import { ProtoWriter } from "./proto-writer";
import { isInt64, writeBooleanKeyValue, writeNumberKeyValue, writeStringKeyValue } from "./key-value-writer";

/**
 * The one-pass KeyValue writers against the general fork/join path, byte for byte: the fast
 * paths compute both lengths up front and must give up (writing nothing) where the general
 * path is needed, whatever was in the buffer around them.
 */
describe("one-pass KeyValue writers", () => {
  function general(field: number, key: string, value: string | number | boolean): Buffer {
    const w = new ProtoWriter(8);
    w.fork(field);
    w.string(1, key);
    w.fork(2);
    if (typeof value === "string") w.string(1, value);
    else if (typeof value === "boolean") {
      w.tag(2, 0);
      w.varint(value ? 1 : 0);
    } else if (isInt64(value)) {
      w.tag(3, 0);
      w.int64(value);
    } else {
      w.tag(4, 1);
      w.double(value);
    }
    w.join();
    w.join();
    return Buffer.from(w.finish());
  }
  /**
   * The fast path's bytes, written after `before` bytes into a writer of `capacity` bytes: every
   * capacity around the result's size is tried, so a bounds check (ensure) even one byte short
   * shows up as bytes silently lost past the end of a buffer that did not grow.
   */
  function fast(field: number, key: string, value: string | number | boolean, capacity = 8, before = 8): { wrote: boolean; bytes: Buffer } {
    const w = new ProtoWriter(capacity);
    for (let i = 0; i < before; i++) w.varint(0x55);
    const wrote = typeof value === "string" ? writeStringKeyValue(w, field, key, value) : typeof value === "number" ? writeNumberKeyValue(w, field, key, value) : writeBooleanKeyValue(w, field, key, value);
    if (!wrote) expect(w.pos).toBe(before); // nothing committed
    return { wrote, bytes: Buffer.from(w.finish()).subarray(before) };
  }
  function capacities(size: number): number[] {
    const around = Array.from({ length: 24 }, (_, i) => size - 12 + i);
    return [...new Set([1, 2, 3, 5, 8, 13, 21, ...around])].filter((c) => c >= 1);
  }
  const longKey = "k".repeat(124); // the KeyValue's own length then needs two bytes
  const cases: [string, string | number | boolean, boolean][] = [
    ["a", "", true],
    ["agent.name", "support-agent", true],
    ["llm.prompt", "prompt ".repeat(43), true],
    ["x", "v".repeat(127), true],
    ["x", "v".repeat(128), true],
    ["x", "v".repeat(5461), true],
    [longKey, "v".repeat(200), true],
    ["k".repeat(127), "v", true],
    ["k".repeat(128), "v", false],
    ["x", "v".repeat(5462), false],
    ["x", "héllo", false],
    ["x", "p".repeat(200) + "✓", false],
    ["clé", "v", false],
    ["n", 0, true],
    ["n", -0, true],
    ["n", 127, true],
    ["n", 128, true],
    ["n", 2 ** 31 - 1, true],
    ["n", 2 ** 31, true],
    ["n", 2 ** 53 - 1, true],
    ["n", -1, true],
    ["n", -(2 ** 53 - 1), true],
    ["n", 0.2, true],
    ["n", 2 ** 60, true],
    ["n", Number.NaN, true],
    ["n", -Infinity, true],
    [longKey, 2 ** 40, true],
    ["ñ", 1, false],
    ["b", true, true],
    ["b", false, true],
    [longKey, true, true],
  ];
  it("leaves field numbers of 16 and more (two-byte tags) to the general path", () => {
    expect(fast(16, "k", "v").wrote).toBe(false);
    expect(fast(16, "k", 1).wrote).toBe(false);
    expect(fast(16, "k", true).wrote).toBe(false);
    expect(fast(15, "k", "v").bytes).toEqual(general(15, "k", "v"));
  });

  for (const [key, value, wrote] of cases) {
    it(`${typeof value} ${JSON.stringify(String(value)).slice(0, 24)} under a ${key.length}-char key: ${wrote ? "same bytes as the general path" : "left to the general path"}`, () => {
      const r = fast(9, key, value);
      expect(r.wrote).toBe(wrote);
      if (!wrote) return;
      const want = general(9, key, value);
      expect(r.bytes).toEqual(want);
      for (const capacity of capacities(want.length)) {
        for (const before of [0, 1, 3]) expect(fast(9, key, value, capacity, before).bytes).toEqual(want);
      }
    });
  }
});
