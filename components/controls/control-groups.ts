/**
 * The controls' tabs, grouped as the guide groups its settings, and which config keys each tab
 * edits (for the "has changes / has errors" markers). Pure; control-groups.test.ts checks that
 * every config key has exactly one home, so no knob is missing from the page.
 */
import type { ConfigKey } from "../../server/telemetry/config";

export const CONTROL_GROUPS = [
  { id: "sampling", label: "Sampling", keys: ["enabled", "sampleRate", "sampler"] },
  { id: "batching", label: "Batching", keys: ["batchSize", "exportIntervalMs", "maxQueueSize", "queueOverflowStrategy", "queueWarningThreshold", "dynamicBatching"] },
  {
    id: "export",
    label: "Export",
    keys: [
      "exporterType",
      "otlpEndpoint",
      "otlpProtocol",
      "otlpCompression",
      "compressionLevel",
      "adaptiveCompression",
      "asyncExport",
      "exportTimeoutMs",
      "maxExportAttempts",
      "otlpConnectionPoolSize",
      "otlpKeepalive",
      "otlpKeepaliveTimeMs",
      "filePath",
      "fileMaxBytes",
      "consolePrettyPrint",
    ],
  },
  {
    id: "limits",
    label: "Limits",
    keys: [
      "maxSpanAttributes",
      "maxSpanEvents",
      "maxSpanLinks",
      "maxAttributeLength",
      "attributeProcessors",
      "attributeFilters",
      "autoInstrument",
      "autoInstrumentTools",
      "autoInstrumentMemory",
      "includeSystemMetrics",
      "includeInternalSpans",
    ],
  },
  { id: "breaker", label: "Breaker", keys: ["circuitBreaker", "fallbackAction"] },
  { id: "guards", label: "Guards", keys: ["memoryMonitor", "resourceThrottler", "performanceMonitor"] },
] as const satisfies readonly { id: string; label: string; keys: readonly ConfigKey[] }[];

export type ControlGroupId = (typeof CONTROL_GROUPS)[number]["id"];

export function groupOfKey(key: string): ControlGroupId | null {
  for (const g of CONTROL_GROUPS) if ((g.keys as readonly string[]).includes(key)) return g.id;
  return null;
}

/** The tab a validation issue path ("circuitBreaker.timeoutDuration") belongs to. */
export function groupOfPath(path: string): ControlGroupId | null {
  return groupOfKey(path.split(".")[0]);
}
