import { describe, expect, it } from "vitest";
import { BoundedQueue } from "./bounded-queue";
import { block, dropNewest, dropOldest, overflowPolicy } from "./overflow-policies";
import { SpanAccounting } from "./span-accounting";

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe("BoundedQueue", () => {
  it("is FIFO across wrap-around and storage growth", () => {
    const q = new BoundedQueue<number>(10_000);
    for (const i of range(0, 50)) q.push(i);
    expect(q.take(30)).toEqual(range(0, 30)); // head moves forward
    for (const i of range(50, 3000)) q.push(i); // wraps, then grows several times
    expect(q.length).toBe(2970);
    expect(q.shift()).toBe(30);
    expect(q.take(5000)).toEqual(range(31, 3000));
    expect(q.length).toBe(0);
    expect(q.shift()).toBeUndefined();
    expect(q.take(3)).toEqual([]);
    for (const i of range(0, 5)) q.push(i); // usable again after a full drain
    expect(q.take(10)).toEqual(range(0, 5));
  });

  it("reports full and utilization against its capacity", () => {
    const q = new BoundedQueue<string>(4);
    expect(q.full).toBe(false);
    expect(q.utilization).toBe(0);
    q.push("a");
    q.push("b");
    q.push("c");
    expect(q.utilization).toBe(0.75);
    q.push("d");
    expect(q.full).toBe(true);
    q.push("e"); // push ignores capacity: policies decide before calling it
    expect(q.length).toBe(5);
    expect(q.utilization).toBe(1.25);
  });

  it("shrinking the capacity keeps every queued item; it counts as full until drained below", () => {
    const q = new BoundedQueue<number>(100);
    for (const i of range(0, 80)) q.push(i);
    q.capacity = 10;
    expect(q.length).toBe(80);
    expect(q.full).toBe(true);
    expect(q.utilization).toBe(8);
    expect(q.take(71)).toEqual(range(0, 71));
    expect(q.full).toBe(false);
    q.capacity = 1000; // growing is just as safe
    expect(q.take(100)).toEqual(range(71, 80));
  });
});

describe("overflow policies under a burst", () => {
  function burst(policy: ReturnType<typeof overflowPolicy<number>>, capacity: number, n: number) {
    const q = new BoundedQueue<number>(capacity);
    const acc = new SpanAccounting();
    for (const i of range(0, n)) policy.offer(q, i, acc);
    return { queue: q, dropped: acc.counters.dropped, total: acc.totalDropped() };
  }

  it("drop_newest refuses arrivals when full (queue_full) and keeps the oldest", () => {
    const { queue, dropped, total } = burst(dropNewest<number>(), 10, 25);
    expect(dropped.queue_full).toBe(15);
    expect(total).toBe(15);
    expect(queue.take(100)).toEqual(range(0, 10));
  });

  it("drop_oldest evicts the oldest (evicted_oldest) and keeps the newest", () => {
    const { queue, dropped, total } = burst(dropOldest<number>(), 10, 25);
    expect(dropped.evicted_oldest).toBe(15);
    expect(total).toBe(15);
    expect(queue.take(100)).toEqual(range(15, 25));
  });

  it("drop_oldest after a shrink evicts down below the new capacity, counting each", () => {
    const q = new BoundedQueue<number>(10);
    const acc = new SpanAccounting();
    const policy = dropOldest<number>();
    for (const i of range(0, 10)) policy.offer(q, i, acc);
    q.capacity = 4;
    policy.offer(q, 99, acc);
    expect(acc.counters.dropped.evicted_oldest).toBe(7);
    expect(q.take(100)).toEqual([7, 8, 9, 99]);
  });

  it("block loses nothing below twice the capacity, then counts queue_full", () => {
    const under = burst(block<number>(), 10, 19);
    expect(under.total).toBe(0);
    expect(under.queue.length).toBe(19);
    const over = burst(block<number>(), 10, 27);
    expect(over.dropped.queue_full).toBe(7);
    expect(over.total).toBe(7);
    expect(over.queue.take(100)).toEqual(range(0, 20));
  });

  it("overflowPolicy builds each named policy", () => {
    expect(["drop_newest", "drop_oldest", "block"].map((n) => overflowPolicy(n as "block").name)).toEqual(["drop_newest", "drop_oldest", "block"]);
  });
});
