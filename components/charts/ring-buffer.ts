/**
 * A fixed-capacity FIFO: pushing into a full buffer overwrites the oldest item. Used for the
 * charts' history so memory stays bounded however long the dashboard stays open.
 *
 * Invariants: 0 <= size <= capacity; toArray() is oldest-first and has exactly `size` items;
 * `revision` increases by one on every push or clear (a cheap memo key for React).
 */
export class RingBuffer<T> {
  readonly capacity: number;
  private readonly items: (T | undefined)[];
  /** Index the next push writes to. */
  private head = 0;
  private count = 0;
  private rev = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    this.capacity = capacity;
    this.items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  get revision(): number {
    return this.rev;
  }

  push(item: T): void {
    this.items[this.head] = item;
    this.head = (this.head + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
    this.rev++;
  }

  /** The newest item, if any. */
  last(): T | undefined {
    if (this.count === 0) return undefined;
    return this.items[(this.head - 1 + this.capacity) % this.capacity];
  }

  /** A new array, oldest first. */
  toArray(): T[] {
    const out = new Array<T>(this.count);
    const start = (this.head - this.count + this.capacity) % this.capacity;
    for (let i = 0; i < this.count; i++) out[i] = this.items[(start + i) % this.capacity] as T;
    return out;
  }

  clear(): void {
    this.items.fill(undefined);
    this.head = 0;
    this.count = 0;
    this.rev++;
  }
}
