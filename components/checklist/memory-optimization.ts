/** The guide's "Memory Optimization" checklist, as live checks. Pure; tested in evaluate.test.ts. */
import { NO_FIGURES, type ChecklistDefinition } from "./checklist-types";

const MB = 1024 * 1024;
/** Bytes a queued span holds when nothing was measured yet (STACK.md: about 0.95 MB per 1000). */
const DEFAULT_BYTES_PER_SPAN = 1000;

export const memoryOptimization: ChecklistDefinition = {
  id: "memory-optimization",
  title: "Memory Optimization",
  rules: [
    {
      id: "span-attributes",
      title: "Limit span attributes",
      evaluate: ({ config }) => {
        const n = config.maxSpanAttributes;
        const fix = { label: "Limit to 64", patch: { maxSpanAttributes: 64 } };
        if (n <= 64) return { status: "pass", reason: `At most ${n} attributes per span.` };
        if (n <= 128) return { status: "warn", reason: `${n} attributes per span: the guide keeps 64.`, fix };
        return { status: "fail", reason: `${n} attributes per span: every span can grow large.`, fix };
      },
    },
    {
      id: "queue-size",
      title: "Set maximum queue size",
      evaluate: ({ config, snapshot }) => {
        const q = config.maxQueueSize;
        const held = snapshot ? snapshot.queue.length + snapshot.spans.inFlight : 0;
        const perSpan = snapshot && held > 0 && snapshot.memory.telemetryBytes > 0 ? snapshot.memory.telemetryBytes / held : DEFAULT_BYTES_PER_SPAN;
        const fullMb = (q * perSpan) / MB;
        const head = `Queue of ${q.toLocaleString("en-US")} spans: about ${fullMb.toFixed(0)} MB when full`;
        const fix = { label: "Cap at 16384", patch: { maxQueueSize: 16384, batchSize: Math.min(config.batchSize, 16384) } };
        if (q <= 16384) return { status: "pass", reason: `${head}.` };
        if (q <= 65536) return { status: "warn", reason: `${head}; the guide stops at 16384.`, fix };
        return { status: "fail", reason: `${head}.`, fix };
      },
    },
    {
      id: "attribute-length",
      title: "Configure attribute length limits",
      evaluate: ({ config }) => {
        const limiter = config.attributeProcessors.reduce((min, p) => Math.min(min, p.maxLength), Infinity);
        const effective = Math.min(config.maxAttributeLength, limiter);
        const fix = { label: "Limit to 2048", patch: { maxAttributeLength: 2048 } };
        if (effective <= 2048) return { status: "pass", reason: `Values are cut at ${effective} characters.` };
        if (effective <= 8192) return { status: "warn", reason: `Values may reach ${effective} characters; the guide cuts at 2048.`, fix };
        return { status: "fail", reason: `Values may reach ${effective.toLocaleString("en-US")} characters (prompts, tool output).`, fix };
      },
    },
    {
      id: "queue-monitoring",
      title: "Enable queue monitoring",
      evaluate: ({ config }) => {
        const w = config.queueWarningThreshold;
        if (w <= 0.9) return { status: "pass", reason: `A queue_warning event fires at ${Math.round(w * 100)} % full.` };
        return { status: "warn", reason: `The warning fires only at ${Math.round(w * 100)} %: too late to act before drops.`, fix: { label: "Warn at 80 %", patch: { queueWarningThreshold: 0.8 } } };
      },
    },
    {
      id: "memory-alerts",
      title: "Implement memory alerts",
      evaluate: ({ config, snapshot }) => {
        const m = config.memoryMonitor;
        if (!m)
          return {
            status: "warn",
            reason: "No memory monitor: nothing warns or flushes when telemetry memory grows.",
            fix: { label: "Alert at 100 / 500 MB", patch: { memoryMonitor: { warningThresholdMb: 100, criticalThresholdMb: 500, checkIntervalSeconds: 10 } } },
          };
        const state = snapshot?.guards?.memory?.state;
        const head = `Warns at ${m.warningThresholdMb} MB, flushes at ${m.criticalThresholdMb} MB`;
        if (state === "critical") return { status: "fail", reason: `${head}: critical now (${snapshot?.guards?.memory?.telemetryMb} MB).` };
        if (state === "warning") return { status: "warn", reason: `${head}: above the warning now (${snapshot?.guards?.memory?.telemetryMb} MB).` };
        return { status: "pass", reason: `${head}${state ? "; normal now" : ""}.` };
      },
    },
    {
      id: "serialization",
      title: "Use efficient serialization",
      evaluate: ({ config }) => {
        if (config.exporterType === "console") return { status: "warn", reason: "The console exporter prints text: the slowest serialization.", fix: { label: "Export OTLP/protobuf", patch: { exporterType: "otlp", otlpProtocol: "http/protobuf" } } };
        if (config.exporterType === "otlp" && config.otlpProtocol === "http/json")
          return { status: "warn", reason: "OTLP/JSON is larger and slower to encode than protobuf.", fix: { label: "Use protobuf", patch: { otlpProtocol: "http/protobuf" } } };
        return { status: "pass", reason: config.exporterType === "otlp" ? "OTLP protobuf." : `The ${config.exporterType} exporter.` };
      },
    },
    {
      id: "span-cleanup",
      title: "Clean up completed spans",
      evaluate: ({ snapshot }) => {
        if (!snapshot) return { status: "warn", reason: NO_FIGURES };
        const open = snapshot.spans.active;
        // Open spans beyond 30 s of sampled traffic (and a floor) are ones nobody ended: a leak.
        const expected = Math.max(1000, snapshot.rates.sampledPerSec * 30);
        if (open > expected) return { status: "warn", reason: `${open.toLocaleString("en-US")} sampled spans are open (never ended?): check for span leaks.` };
        return { status: "pass", reason: `${open.toLocaleString("en-US")} spans open; ended spans leave the queue as they export.` };
      },
    },
    {
      id: "garbage-collection",
      title: "Monitor garbage collection",
      evaluate: ({ snapshot }) => {
        if (!snapshot) return { status: "warn", reason: NO_FIGURES };
        const { heapUsedBytes, rssBytes, telemetryBytes } = snapshot.memory;
        const share = heapUsedBytes > 0 ? telemetryBytes / heapUsedBytes : 0;
        const head = `Heap ${(heapUsedBytes / MB).toFixed(0)} MB of ${(rssBytes / MB).toFixed(0)} MB RSS; telemetry holds about ${(telemetryBytes / MB).toFixed(1)} MB`;
        if (share > 0.5) return { status: "warn", reason: `${head}: over half the heap, so collections will be slow.` };
        return { status: "pass", reason: `${head} (${(share * 100).toFixed(0)} % of the heap).` };
      },
    },
  ],
};
