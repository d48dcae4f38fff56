/**
 * What happens to a finished span when the queue is full: one small interface, three named
 * strategies (the guide's `queueOverflowStrategy`). Every refusal is counted with its reason.
 *
 * `block` on a single-threaded runtime: a span that has already ended cannot be un-ended, and
 * busy-waiting on the event loop would stall the very export that makes room. So `block` never
 * drops at the soft bound: the queue accepts the span over `capacity` (up to a hard ceiling of
 * twice the capacity, a memory bound), and the producer pays instead: `runtime.whenWritable()`
 * stays pending until the queue is below capacity again, and the runtime exports eagerly (no
 * interval wait) while over capacity. Producers that await `whenWritable()` before new work (the
 * synthetic workload does) therefore lose nothing; only a producer that ignores back-pressure
 * past the hard ceiling sees `queue_full` drops, still counted.
 */
import type { SpanAccounting } from "./span-accounting";
import type { BoundedQueue } from "./bounded-queue";

export interface OverflowPolicy<T> {
  readonly name: "drop_newest" | "drop_oldest" | "block";
  /** Queue `item` or account for its loss. */
  offer(queue: BoundedQueue<T>, item: T, accounting: SpanAccounting): void;
}

export function dropNewest<T>(): OverflowPolicy<T> {
  return {
    name: "drop_newest",
    offer(queue, item, accounting) {
      if (queue.full) accounting.drop("queue_full");
      else queue.push(item);
    },
  };
}

export function dropOldest<T>(): OverflowPolicy<T> {
  return {
    name: "drop_oldest",
    offer(queue, item, accounting) {
      // Evict until below capacity (after a shrink there may be more than one to evict).
      while (queue.full && queue.length > 0) {
        queue.shift();
        accounting.drop("evicted_oldest");
      }
      if (queue.capacity > 0) queue.push(item);
      else accounting.drop("queue_full");
    },
  };
}

export const BLOCK_HARD_LIMIT_FACTOR = 2;

export function block<T>(): OverflowPolicy<T> {
  return {
    name: "block",
    offer(queue, item, accounting) {
      if (queue.length >= queue.capacity * BLOCK_HARD_LIMIT_FACTOR) accounting.drop("queue_full");
      else queue.push(item);
    },
  };
}

export function overflowPolicy<T>(name: OverflowPolicy<T>["name"]): OverflowPolicy<T> {
  switch (name) {
    case "drop_newest":
      return dropNewest<T>();
    case "drop_oldest":
      return dropOldest<T>();
    case "block":
      return block<T>();
  }
}
