/**
 * The queue warning threshold: one `queue_warning` event when utilization reaches the threshold,
 * one `queue_recovered` when it falls back below 90% of it (hysteresis, so a queue hovering at
 * the line does not flood the log: one pair of events per episode, as the OpenTelemetry spec asks
 * of a full queue's warning).
 */
import type { EventBus } from "../event-bus";
import type { BoundedQueue } from "./bounded-queue";

const RECOVER_AT = 0.9;

export class QueueWatch {
  warning = false;

  constructor(
    private readonly queue: BoundedQueue<unknown>,
    public threshold: number,
    private readonly events: EventBus,
  ) {}

  check(): void {
    const u = this.queue.utilization;
    if (!this.warning) {
      if (u < this.threshold) return;
      this.warning = true;
      this.events.publish("queue_warning", "warn", `Span queue at ${(u * 100).toFixed(0)}% (warning threshold ${(this.threshold * 100).toFixed(0)}%)`, {
        length: this.queue.length,
        capacity: this.queue.capacity,
      });
    } else if (u < this.threshold * RECOVER_AT) {
      this.warning = false;
      this.events.publish("queue_recovered", "info", `Span queue back to ${(u * 100).toFixed(0)}%`, { length: this.queue.length, capacity: this.queue.capacity });
    }
  }
}
