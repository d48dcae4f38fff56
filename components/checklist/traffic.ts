/**
 * The guide's batching for traffic levels ("Optimal Batch Sizes"): low (< 100/s) batch 256 every
 * 10 s, medium (100-1000/s) 1024 every 5 s, high (> 1000/s) 4096 every 2 s with a 16384 queue.
 * Traffic here is sampled spans per second: what the batcher actually handles.
 */
export interface TrafficBatching {
  tier: "low" | "medium" | "high";
  batchSize: number;
  exportIntervalMs: number;
  maxQueueSize?: number;
}

export function batchingForTraffic(spansPerSec: number): TrafficBatching {
  if (spansPerSec < 100) return { tier: "low", batchSize: 256, exportIntervalMs: 10_000 };
  if (spansPerSec <= 1000) return { tier: "medium", batchSize: 1024, exportIntervalMs: 5000 };
  return { tier: "high", batchSize: 4096, exportIntervalMs: 2000, maxQueueSize: 16384 };
}

/** Within a factor of two of the recommendation counts as tuned. */
export function withinFactor(value: number, target: number, factor = 2): boolean {
  return value >= target / factor && value <= target * factor;
}
