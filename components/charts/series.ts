/**
 * Series colours: mid-tones readable on both the light and the dark background. Lines also
 * differ by dash pattern where two could be confused, so colour is never the only cue.
 */
export const SERIES = {
  started: { name: "Started", color: "#64748b", dash: "5 3" },
  sampled: { name: "Sampled", color: "#3b82f6", dash: undefined },
  exported: { name: "Exported", color: "#10b981", dash: undefined },
  dropped: { name: "Dropped", color: "#ef4444", dash: "2 2" },
  queuePct: { name: "Queue used", color: "#8b5cf6", dash: undefined },
  rssMb: { name: "RSS", color: "#0ea5e9", dash: undefined },
  heapMb: { name: "Heap used", color: "#f59e0b", dash: "5 3" },
  telemetryMb: { name: "Telemetry", color: "#d946ef", dash: undefined },
} as const;

export const WARNING_COLOR = "#d97706";

/** Props shared by every axis: small ticks in the surrounding text colour. */
export const AXIS_TICK = { fontSize: 11, fill: "currentColor" } as const;

const SERIES_ORDER: string[] = Object.keys(SERIES);

/** Tooltip rows in the order the series are declared above (recharts sorts by name otherwise). */
export const bySeriesOrder = (item: { dataKey?: unknown }): number => SERIES_ORDER.indexOf(String(item.dataKey));
