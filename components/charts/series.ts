/**
 * Every chart series: its display name, colour and dash. Colours are mid-tones readable on both
 * the light and the dark background; lines that could be confused also differ by dash pattern,
 * so colour is never the only cue. The keys are the fields of a ChartPoint (history-points.ts).
 */
export const SERIES = {
  // Span fates (spans/s), stacked: what happened to every started span.
  exported: { name: "Exported", color: "#10b981", dash: undefined },
  fallback: { name: "Fallback", color: "#06b6d4", dash: undefined },
  exportFailed: { name: "Export failed", color: "#f97316", dash: undefined },
  queueFull: { name: "Dropped: queue full", color: "#ef4444", dash: undefined },
  evictedOldest: { name: "Dropped: evicted oldest", color: "#f43f5e", dash: undefined },
  breakerOpen: { name: "Dropped: breaker open", color: "#a855f7", dash: undefined },
  memoryCritical: { name: "Dropped: memory critical", color: "#d946ef", dash: undefined },
  noExporter: { name: "Dropped: no exporter", color: "#b45309", dash: undefined },
  shutdown: { name: "Dropped: shutdown", color: "#78716c", dash: undefined },
  notSampled: { name: "Not sampled", color: "#94a3b8", dash: undefined },
  // Throughput lines kept for tooltips and the what-if comparison.
  started: { name: "Started", color: "#64748b", dash: "5 3" },
  sampled: { name: "Sampled", color: "#3b82f6", dash: undefined },
  // Queue.
  queuePct: { name: "Queue used", color: "#8b5cf6", dash: undefined },
  // Export latency (ms).
  latencyP50: { name: "p50", color: "#0ea5e9", dash: undefined },
  latencyP99: { name: "p99", color: "#f59e0b", dash: "5 3" },
  // Bytes per second.
  rawBps: { name: "Raw (before compression)", color: "#64748b", dash: "5 3" },
  sentBps: { name: "Sent on the wire", color: "#14b8a6", dash: undefined },
  // Memory (MB).
  rssMb: { name: "RSS", color: "#0ea5e9", dash: undefined },
  heapMb: { name: "Heap used", color: "#f59e0b", dash: "5 3" },
  telemetryMb: { name: "Telemetry", color: "#d946ef", dash: undefined },
  // Overhead (%).
  overheadPct: { name: "Overhead", color: "#e11d48", dash: undefined },
} as const;

export type SeriesKey = keyof typeof SERIES;
export const SERIES_KEYS = Object.keys(SERIES) as SeriesKey[];

/** The span-fate stack, bottom to top: delivered first, then losses, then not sampled. */
export const FATE_KEYS = [
  "exported",
  "fallback",
  "exportFailed",
  "queueFull",
  "evictedOldest",
  "breakerOpen",
  "memoryCritical",
  "noExporter",
  "shutdown",
  "notSampled",
] as const satisfies readonly SeriesKey[];

/** Snapshot drop reasons (snake_case) to their series key. */
export const DROP_REASON_SERIES = {
  queue_full: "queueFull",
  evicted_oldest: "evictedOldest",
  breaker_open: "breakerOpen",
  memory_critical: "memoryCritical",
  no_exporter: "noExporter",
  shutdown: "shutdown",
} as const satisfies Record<string, SeriesKey>;

export const WARNING_COLOR = "#d97706";
