/** Prometheus metrics for the telemetry runtime (mounted at GET /metrics by server/main.ts). */
export { createMetricsRegistry, METRIC_SPECS, type MetricsRegistryOptions, type SnapshotSource } from "./prometheus";
export { handleMetricsRequest, METRICS_PATH } from "./metrics-endpoint";
