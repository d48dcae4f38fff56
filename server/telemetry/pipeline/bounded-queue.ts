/**
 * A FIFO ring buffer with a soft capacity that can change while spans are in it.
 *
 * Storage grows by doubling up to what is needed, so an idle queue of capacity 16384 costs a few
 * slots, not 16384. `capacity` is the policy's bound, not the storage size: shrinking it below
 * the current length keeps every queued span (nothing is lost by a resize); the queue then counts
 * as full until it drains below the new capacity.
 */
export class BoundedQueue<T> {
  private items: (T | undefined)[];
  private head = 0;
  private size = 0;

  constructor(public capacity: number) {
    this.items = new Array(Math.min(capacity, 64));
  }

  get length(): number {
    return this.size;
  }

  get full(): boolean {
    return this.size >= this.capacity;
  }

  get utilization(): number {
    return this.capacity > 0 ? this.size / this.capacity : 1;
  }

  /** Append regardless of capacity (policies decide before calling this). */
  push(item: T): void {
    if (this.size === this.items.length) this.grow();
    this.items[(this.head + this.size) % this.items.length] = item;
    this.size++;
  }

  shift(): T | undefined {
    if (this.size === 0) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined;
    this.head = (this.head + 1) % this.items.length;
    this.size--;
    return item;
  }

  /** Remove up to `n` items from the front, oldest first. */
  take(n: number): T[] {
    const count = Math.min(n, this.size);
    const out = new Array<T>(count);
    for (let i = 0; i < count; i++) out[i] = this.shift() as T;
    if (this.size === 0 && this.items.length > 1024) this.items = new Array(64);
    this.head = this.size === 0 ? 0 : this.head;
    return out;
  }

  private grow(): void {
    const next = new Array<T | undefined>(Math.max(64, this.items.length * 2));
    for (let i = 0; i < this.size; i++) next[i] = this.items[(this.head + i) % this.items.length];
    this.items = next;
    this.head = 0;
  }
}
