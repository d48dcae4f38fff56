/**
 * Dynamic batching: a small controller that keeps the queue near a target utilization.
 *
 * - Interval: above the target the queue fills faster than it drains, so the interval shrinks;
 *   below it there is slack, so the interval grows (fewer, fuller exports: less work per span).
 *   Each step scales by at most x2 toward the target, so one noisy reading cannot swing it far.
 * - Batch size: sized to what arrives in one interval (so a timer export carries everything that
 *   accumulated, in one request), never below what is needed to drain the backlog above target.
 * Both are clamped to their [min, max].
 */
import type { BoundedQueue } from "./bounded-queue";
import type { ExportScheduler } from "./export-scheduler";

export interface DynamicBatchingSettings {
  minBatchSize: number;
  maxBatchSize: number;
  minIntervalMs: number;
  maxIntervalMs: number;
  targetQueueUtilization: number;
}

export interface BatchingPoint {
  batchSize: number;
  intervalMs: number;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

export function nextBatching(
  current: BatchingPoint,
  observed: { utilization: number; arrivalsPerSec: number; queueCapacity: number },
  s: DynamicBatchingSettings,
): BatchingPoint {
  const error = (observed.utilization - s.targetQueueUtilization) / s.targetQueueUtilization; // > 0: too full
  const factor = clamp(1 + error, 0.5, 2);
  const intervalMs = Math.round(clamp(current.intervalMs / factor, s.minIntervalMs, s.maxIntervalMs));
  const perInterval = (observed.arrivalsPerSec * intervalMs) / 1000;
  const backlog = Math.max(0, (observed.utilization - s.targetQueueUtilization) * observed.queueCapacity);
  const batchSize = Math.round(clamp(Math.max(perInterval, backlog), s.minBatchSize, s.maxBatchSize));
  return { batchSize, intervalMs };
}

/** Runs `nextBatching` on every scheduler tick and pushes the result into the scheduler. */
export class DynamicBatcher {
  private lastEnded: number | undefined;
  private lastAt = 0;

  constructor(public settings: DynamicBatchingSettings) {}

  tick(scheduler: ExportScheduler, queue: BoundedQueue<unknown>, ended: number, now: number): void {
    const arrivals = this.lastEnded === undefined || now <= this.lastAt ? 0 : ((ended - this.lastEnded) * 1000) / (now - this.lastAt);
    this.lastEnded = ended;
    this.lastAt = now;
    const current = { batchSize: scheduler.settings.batchSize, intervalMs: scheduler.settings.intervalMs };
    const next = nextBatching(current, { utilization: queue.utilization, arrivalsPerSec: arrivals, queueCapacity: queue.capacity }, this.settings);
    if (next.batchSize !== current.batchSize || next.intervalMs !== current.intervalMs) scheduler.update({ ...scheduler.settings, ...next });
  }
}
