/**
 * The live measurements the what-if projection starts from, read off a snapshot, the running
 * config and the chart history. Pure; tested in projection.test.ts.
 */
import type { TelemetryConfig } from "../../server/telemetry/config";
import type { TelemetrySnapshot } from "../../server/telemetry/snapshot";
import type { Knobs, Measured } from "./projection";

export function knobsOf(config: TelemetryConfig): Knobs {
  return { sampleRate: config.sampleRate, batchSize: config.batchSize, exportIntervalMs: config.exportIntervalMs, maxQueueSize: config.maxQueueSize };
}

/** How far back "peak queue" looks: one export interval or two, between 3 s and 60 s. */
export function queuePeakWindowMs(config: TelemetryConfig): number {
  return Math.min(60_000, Math.max(3000, 2 * config.exportIntervalMs));
}

export function measure(
  s: TelemetrySnapshot,
  config: TelemetryConfig,
  live: { sentBytesPerSec: number | null; queuePeakPct: number | null },
): Measured {
  const exported = s.spans.exported;
  const rateFactor = s.sampler.configuredRate > 0 ? s.sampler.effectiveRate / s.sampler.configuredRate : 1;
  return {
    enabled: config.enabled,
    startedPerSec: s.rates.startedPerSec,
    sampledPerSec: s.rates.sampledPerSec,
    exportedPerSec: s.rates.exportedPerSec,
    sentBytesPerSec: live.sentBytesPerSec,
    queueUtilization: Math.max(s.queue.utilization, (live.queuePeakPct ?? 0) / 100),
    overheadPercent: s.overhead ? s.overhead.percent : null,
    usPerSpan: s.overhead ? s.overhead.usPerSpan : null,
    latencyMsP50: s.export.latencyMsP50,
    sentBytesPerSpan: exported > 0 ? s.export.bytesSent / exported : null,
    rawBytesPerSpan: exported > 0 ? s.export.bytesRaw / exported : null,
    rateFactor: Number.isFinite(rateFactor) ? rateFactor : 1,
    concurrency: config.otlpConnectionPoolSize,
    asyncExport: config.asyncExport,
  };
}
