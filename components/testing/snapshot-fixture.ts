/** A complete TelemetrySnapshot for unit tests; one place to update when the type grows. */
import type { TelemetrySnapshot } from "../../server/telemetry/snapshot";

export function makeSnapshot(overrides: Partial<TelemetrySnapshot> = {}): TelemetrySnapshot {
  return {
    ts: 0,
    configVersion: 1,
    configHash: "0123456789abcdef",
    uptimeSec: 10,
    spans: { started: 0, notSampled: 0, active: 0, queued: 0, inFlight: 0, exported: 0, exportFailed: 0, fallback: 0, dropped: {} },
    rates: { startedPerSec: 100, sampledPerSec: 100, exportedPerSec: 100, droppedPerSec: 0, notSampledPerSec: 0, exportFailedPerSec: 0 },
    queue: { length: 0, capacity: 100, utilization: 0, strategy: "drop_oldest", warning: false },
    memory: { rssBytes: 0, heapUsedBytes: 0, telemetryBytes: 0 },
    sampler: { type: "ratio", configuredRate: 1, effectiveRate: 1 },
    batching: { batchSize: 512, intervalMs: 1000, dynamic: false },
    export: { exporter: "otlp", inFlight: 0, latencyMsP50: 0, latencyMsP99: 0, bytesRaw: 0, bytesSent: 0, batches: 0, retries: 0, fastCompressedBatches: 0 },
    breaker: { state: "closed", failureRatio: 0, enabled: true },
    attributes: { attributesRemoved: 0, valuesTruncated: 0, arraysTruncated: 0, attributesDropped: 0, eventsDropped: 0, linksDropped: 0 },
    ...overrides,
  };
}
