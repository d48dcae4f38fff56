/** The guide's "Before Production" checklist, as live checks. Pure; tested in evaluate.test.ts. */
import { NO_FIGURES, type ChecklistDefinition } from "./checklist-types";
import { batchingForTraffic, withinFactor } from "./traffic";
import { adaptiveCompressionApplies, FAST_COMPRESSION_LEVEL } from "../../server/telemetry/config";

const pct = (r: number) => `${Number((r * 100).toPrecision(3))} %`;

export const GUIDE_SPAN_LIMITS = { maxSpanAttributes: 64, maxSpanEvents: 128, maxSpanLinks: 32, maxAttributeLength: 2048 } as const;

export const beforeProduction: ChecklistDefinition = {
  id: "before-production",
  title: "Before Production",
  rules: [
    {
      id: "sampling-rate",
      title: "Set appropriate sampling rate (usually 0.01-0.1)",
      evaluate: ({ config, snapshot }) => {
        if (!config.enabled) return { status: "fail", reason: "Telemetry is disabled: nothing is sampled.", fix: { label: "Enable at 10 %", patch: { enabled: true, sampleRate: 0.1 } } };
        const rate = config.sampleRate;
        const effective = snapshot ? ` (effective ${pct(snapshot.sampler.effectiveRate)}, ${snapshot.sampler.type} sampler)` : "";
        if (rate >= 0.01 && rate <= 0.1) return { status: "pass", reason: `Sample rate ${pct(rate)}${effective} is in the guide's 1-10 % range.` };
        const fix = { label: "Set 10 %", patch: { sampleRate: 0.1 } };
        if (rate < 0.01) return { status: "warn", reason: `Sample rate ${pct(rate)}${effective} is below 1 %: rare errors may never be traced.`, fix: { label: "Set 1 %", patch: { sampleRate: 0.01 } } };
        if (rate > 0.5) return { status: "fail", reason: `Sample rate ${pct(rate)}${effective} is a development setting (1-2 % overhead); production usually samples 1-10 %.`, fix };
        return { status: "warn", reason: `Sample rate ${pct(rate)}${effective} is above the usual 1-10 %.`, fix };
      },
    },
    {
      id: "batch-size",
      title: "Configure batch size based on traffic",
      evaluate: ({ config, snapshot }) => {
        if (config.dynamicBatching) {
          const d = config.dynamicBatching;
          return { status: "pass", reason: `Dynamic batching adjusts the batch between ${d.minBatchSize} and ${d.maxBatchSize} spans.` };
        }
        if (!snapshot) return { status: "warn", reason: NO_FIGURES };
        const traffic = snapshot.rates.sampledPerSec;
        const rec = batchingForTraffic(traffic);
        const reasonHead = `${Math.round(traffic)} sampled spans/s is ${rec.tier} traffic; the guide batches ${rec.batchSize}`;
        if (withinFactor(config.batchSize, rec.batchSize)) return { status: "pass", reason: `${reasonHead}; batch size ${config.batchSize} fits.` };
        return {
          status: "warn",
          reason: `${reasonHead}, the running batch size is ${config.batchSize}.`,
          fix: { label: `Set batch size ${rec.batchSize}`, patch: { batchSize: rec.batchSize, maxQueueSize: Math.max(config.maxQueueSize, rec.maxQueueSize ?? 0, rec.batchSize) } },
        };
      },
    },
    {
      id: "compression",
      title: "Enable compression for network exporters",
      evaluate: ({ config, snapshot }) => {
        if (config.exporterType !== "otlp") return { status: "pass", reason: `The ${config.exporterType} exporter does not send over the network.` };
        if (config.otlpCompression === "gzip") {
          const e = snapshot?.export;
          const saved = e && e.bytesRaw > 0 ? ` (${Math.round((1 - e.bytesSent / e.bytesRaw) * 100)} % smaller on the wire so far)` : "";
          const fast = adaptiveCompressionApplies(config) ? `, level ${FAST_COMPRESSION_LEVEL} while export is behind` : "";
          return { status: "pass", reason: `OTLP payloads are gzipped at level ${config.compressionLevel}${fast}${saved}.` };
        }
        return { status: "fail", reason: "OTLP export is uncompressed: gzip cuts payloads by about 70 %.", fix: { label: "Enable gzip", patch: { otlpCompression: "gzip" } } };
      },
    },
    {
      id: "memory-limits",
      title: "Set memory limits to prevent bloat",
      evaluate: ({ config }) => {
        const over = (Object.keys(GUIDE_SPAN_LIMITS) as (keyof typeof GUIDE_SPAN_LIMITS)[]).filter((k) => config[k] > GUIDE_SPAN_LIMITS[k] * 2);
        if (over.length === 0) return { status: "pass", reason: `Span limits: ${config.maxSpanAttributes} attributes, ${config.maxSpanEvents} events, ${config.maxSpanLinks} links, ${config.maxAttributeLength} characters per value.` };
        return {
          status: "warn",
          reason: `${over.map((k) => `${k} ${config[k]}`).join(", ")}: more than twice the guide's limits.`,
          fix: { label: "Use the guide's span limits", patch: { ...GUIDE_SPAN_LIMITS } },
        };
      },
    },
    {
      id: "debug-attributes",
      title: "Remove debug attributes",
      evaluate: ({ config }) => {
        const debug = (["includeInternalSpans", "includeSystemMetrics", "consolePrettyPrint"] as const).filter((k) => config[k]);
        const consoleExport = config.exporterType === "console";
        if (debug.length === 0 && !consoleExport) return { status: "pass", reason: "No debug instrumentation is on." };
        const what = [...debug, ...(consoleExport ? ["console exporter"] : [])].join(", ");
        return {
          status: "warn",
          reason: `Debug settings are on: ${what}.`,
          fix: { label: "Turn debug settings off", patch: { includeInternalSpans: false, includeSystemMetrics: false, consolePrettyPrint: false, ...(consoleExport ? { exporterType: "otlp" as const } : {}) } },
        };
      },
    },
    {
      id: "overhead-tested",
      title: "Test overhead with production workload",
      evaluate: ({ snapshot }) => {
        if (!snapshot) return { status: "warn", reason: NO_FIGURES };
        const o = snapshot.overhead;
        if (!o || snapshot.rates.startedPerSec <= 0) return { status: "warn", reason: "No traffic right now: overhead cannot be measured on the live workload." };
        return { status: "pass", reason: `Measured on live traffic: ${o.percent.toFixed(2)} % of process CPU, ${o.usPerSpan.toFixed(1)} µs per span, ${o.usPerOp.toFixed(0)} µs per operation.` };
      },
    },
    {
      id: "overflow-strategy",
      title: "Configure queue overflow strategy",
      evaluate: ({ config }) => {
        if (config.queueOverflowStrategy === "block")
          return { status: "warn", reason: "block makes the application wait when the queue is full: telemetry can slow requests down.", fix: { label: "Use drop_oldest", patch: { queueOverflowStrategy: "drop_oldest" } } };
        return { status: "pass", reason: `${config.queueOverflowStrategy}: a full queue drops spans (counted), never the application.` };
      },
    },
    {
      id: "health-monitoring",
      title: "Set up monitoring for telemetry health",
      evaluate: ({ config }) => {
        const guards = [config.memoryMonitor && "memory monitor", config.performanceMonitor && "performance monitor", config.resourceThrottler && "resource throttler"].filter(Boolean);
        if (guards.length > 0) return { status: "pass", reason: `Watching: ${guards.join(", ")}, plus the queue warning at ${Math.round(config.queueWarningThreshold * 100)} %.` };
        return {
          status: "warn",
          reason: "No guard watches the telemetry itself (memory, overhead, resources).",
          fix: { label: "Enable the memory monitor", patch: { memoryMonitor: { warningThresholdMb: 100, criticalThresholdMb: 500, checkIntervalSeconds: 10 } } },
        };
      },
    },
  ],
};
