import { describe, expect, it } from "vitest";
import { RingBuffer } from "./ring-buffer";

describe("RingBuffer", () => {
  it("keeps items oldest first until full", () => {
    const rb = new RingBuffer<number>(3);
    expect(rb.toArray()).toEqual([]);
    expect(rb.last()).toBeUndefined();
    rb.push(1);
    rb.push(2);
    expect(rb.toArray()).toEqual([1, 2]);
    expect(rb.size).toBe(2);
    expect(rb.last()).toBe(2);
  });

  it("overwrites the oldest item once full and never grows past capacity", () => {
    const rb = new RingBuffer<number>(600);
    for (let i = 0; i < 1500; i++) rb.push(i);
    const items = rb.toArray();
    expect(items).toHaveLength(600);
    expect(items[0]).toBe(900);
    expect(items[599]).toBe(1499);
    expect(rb.last()).toBe(1499);
    // Strictly increasing: order survives wrap-around.
    expect(items.every((v, i) => i === 0 || v === items[i - 1] + 1)).toBe(true);
  });

  it("wraps correctly at every offset", () => {
    const rb = new RingBuffer<number>(4);
    for (let n = 1; n <= 11; n++) {
      rb.push(n);
      const expected = Array.from({ length: Math.min(n, 4) }, (_, i) => n - Math.min(n, 4) + 1 + i);
      expect(rb.toArray()).toEqual(expected);
    }
  });

  it("bumps its revision on push and clear, and clear empties it", () => {
    const rb = new RingBuffer<string>(2);
    const r0 = rb.revision;
    rb.push("a");
    expect(rb.revision).toBe(r0 + 1);
    rb.clear();
    expect(rb.revision).toBe(r0 + 2);
    expect(rb.size).toBe(0);
    expect(rb.toArray()).toEqual([]);
    rb.push("b");
    expect(rb.toArray()).toEqual(["b"]);
  });

  it("returns a copy: mutating the array leaves the buffer alone", () => {
    const rb = new RingBuffer<number>(2);
    rb.push(1);
    const arr = rb.toArray();
    arr.push(99);
    expect(rb.toArray()).toEqual([1]);
  });

  it("refuses a capacity that is not a positive integer", () => {
    expect(() => new RingBuffer(0)).toThrow(RangeError);
    expect(() => new RingBuffer(2.5)).toThrow(RangeError);
    expect(() => new RingBuffer(-1)).toThrow(RangeError);
  });
});
