/**
 * The guide's production configurations and traffic tiers, with its exact values, seeded at
 * start-up as built-in presets (not deletable, not editable). Each is a patch: applying a traffic
 * tier changes batching only, and leaves the sample rate and everything else as it is.
 */
import type { PresetConfig } from "../telemetry/config";

export interface BuiltInPreset {
  name: string;
  description: string;
  config: PresetConfig;
}

export const BUILT_IN_PRESETS: readonly BuiltInPreset[] = [
  {
    name: "Minimal Overhead",
    description: "<0.5% overhead for high-performance systems: 1% sampling, large batches every 30 s, minimal instrumentation.",
    config: {
      enabled: true,
      exporterType: "otlp",
      sampleRate: 0.01,
      batchSize: 8192,
      exportIntervalMs: 30000,
      autoInstrumentTools: false,
      autoInstrumentMemory: false,
      includeSystemMetrics: false,
      otlpCompression: "gzip",
      asyncExport: true,
      maxQueueSize: 8192,
      maxSpanAttributes: 32,
    },
  },
  {
    name: "Balanced",
    description: "~1% overhead with good observability: 10% sampling, 2048-span batches every 5 s, gzip.",
    config: {
      enabled: true,
      exporterType: "otlp",
      sampleRate: 0.1,
      batchSize: 2048,
      exportIntervalMs: 5000,
      autoInstrument: true,
      otlpCompression: "gzip",
      maxSpanAttributes: 64,
      maxQueueSize: 16384,
    },
  },
  {
    name: "Debug",
    description: "2-5% overhead, maximum visibility: every span, small frequent batches, pretty-printed to the console.",
    config: {
      enabled: true,
      exporterType: "console",
      sampleRate: 1.0,
      batchSize: 128,
      exportIntervalMs: 1000,
      autoInstrument: true,
      includeInternalSpans: true,
      includeSystemMetrics: true,
      maxSpanAttributes: 256,
      consolePrettyPrint: true,
    },
  },
  {
    name: "Low traffic (<100 RPS)",
    description: "Batching for low traffic: 256-span batches every 10 s.",
    config: { batchSize: 256, exportIntervalMs: 10000 },
  },
  {
    name: "Medium traffic (100-1000 RPS)",
    description: "Batching for medium traffic: 1024-span batches every 5 s.",
    config: { batchSize: 1024, exportIntervalMs: 5000 },
  },
  {
    name: "High traffic (>1000 RPS)",
    description: "Batching for high traffic: 4096-span batches every 2 s, a 16384-span queue.",
    config: { batchSize: 4096, exportIntervalMs: 2000, maxQueueSize: 16384 },
  },
];
