/** The guide's "Performance Tuning" checklist, as live checks. Pure; tested in evaluate.test.ts. */
import { DEFAULT_CONFIG } from "../../server/telemetry/config";
import { overheadJudgeable } from "../../server/telemetry/snapshot";
import { formatCoreShare } from "../status/format";
import { NO_FIGURES, type ChecklistDefinition } from "./checklist-types";
import { batchingForTraffic, withinFactor } from "./traffic";

/** Overhead target when no performance monitor sets one: the guide's Balanced "~1 %". */
export const DEFAULT_OVERHEAD_TARGET = 1;

export const performanceTuning: ChecklistDefinition = {
  id: "performance-tuning",
  title: "Performance Tuning",
  rules: [
    {
      id: "overhead",
      title: "Monitor actual overhead percentage",
      evaluate: ({ config, snapshot }) => {
        const target = config.performanceMonitor?.targetOverheadPercent ?? DEFAULT_OVERHEAD_TARGET;
        const autoTune = config.performanceMonitor
          ? undefined
          : { label: "Enable auto-tune at 1 %", patch: { performanceMonitor: { targetOverheadPercent: 1, checkIntervalSeconds: 30, floorRate: 0.01 } } };
        if (!snapshot?.overhead) return { status: "warn", reason: NO_FIGURES, fix: autoTune };
        const now = snapshot.overhead.percent;
        const head = `Overhead ${now.toFixed(2)} % against a ${target} % target${config.performanceMonitor ? " (auto-tune on)" : ""}`;
        if (now <= target) return { status: "pass", reason: `${head}.` };
        if (!overheadJudgeable(snapshot.overhead)) {
          const { cpuMsPerSec, processCpuMsPerSec } = snapshot.overhead;
          return {
            status: "warn",
            reason: `${head}, but of a lightly loaded process (${formatCoreShare(processCpuMsPerSec)} of a core; telemetry ${formatCoreShare(cpuMsPerSec)}): the share means little until it carries real load. Check again under production traffic.`,
            fix: autoTune,
          };
        }
        if (now <= target * 2) return { status: "warn", reason: `${head}.`, fix: autoTune };
        return { status: "fail", reason: `${head}: lower the sample rate or let auto-tune do it.`, fix: autoTune };
      },
    },
    {
      id: "queue-utilization",
      title: "Check queue utilization",
      evaluate: ({ config, snapshot, queuePeak }) => {
        if (!snapshot) return { status: "warn", reason: NO_FIGURES };
        const peak = Math.max(snapshot.queue.utilization, queuePeak ?? 0);
        const head = `Queue peaked at ${(peak * 100).toFixed(0)} % of ${config.maxQueueSize} (warning at ${Math.round(config.queueWarningThreshold * 100)} %)`;
        const bigger = Math.min(1_048_576, config.maxQueueSize * 2);
        const fix = bigger > config.maxQueueSize ? { label: `Double the queue to ${bigger}`, patch: { maxQueueSize: bigger } } : undefined;
        if (peak >= 0.95) return { status: "fail", reason: `${head}: spans are being dropped or are about to be.`, fix };
        if (peak >= config.queueWarningThreshold) return { status: "warn", reason: `${head}.`, fix };
        return { status: "pass", reason: `${head}.` };
      },
    },
    {
      id: "attribute-cardinality",
      title: "Review attribute cardinality",
      evaluate: ({ config, snapshot }) => {
        const dropped = snapshot?.attributes.attributesDropped ?? 0;
        const shaped = config.attributeFilters.length > 0 || config.attributeProcessors.length > 0;
        if (dropped > 0) return { status: "warn", reason: `${dropped.toLocaleString("en-US")} attributes dropped at the ${config.maxSpanAttributes}-per-span limit: some spans carry too many.` };
        if (shaped) return { status: "pass", reason: `${config.attributeFilters.length} attribute filter(s) and ${config.attributeProcessors.length} limiter(s) shape what is exported.` };
        return {
          status: "warn",
          reason: "Every attribute is exported as recorded: no filter or limiter.",
          fix: { label: "Add the guide's attribute limiter", patch: { attributeProcessors: [{ type: "limiter", maxLength: 1024, maxArrayItems: 100, truncateMarker: "..." }] } },
        };
      },
    },
    {
      id: "export-interval",
      title: "Optimize export intervals",
      evaluate: ({ config, snapshot }) => {
        if (config.dynamicBatching) {
          const d = config.dynamicBatching;
          return { status: "pass", reason: `Dynamic batching moves the interval between ${d.minIntervalMs} and ${d.maxIntervalMs} ms.` };
        }
        if (!snapshot) return { status: "warn", reason: NO_FIGURES };
        const rec = batchingForTraffic(snapshot.rates.sampledPerSec);
        const head = `${rec.tier} traffic: the guide exports every ${rec.exportIntervalMs / 1000} s`;
        if (withinFactor(config.exportIntervalMs, rec.exportIntervalMs)) return { status: "pass", reason: `${head}; the running ${config.exportIntervalMs} ms fits.` };
        return { status: "warn", reason: `${head}, the running interval is ${config.exportIntervalMs} ms.`, fix: { label: `Export every ${rec.exportIntervalMs / 1000} s`, patch: { exportIntervalMs: rec.exportIntervalMs } } };
      },
    },
    {
      id: "connection-pooling",
      title: "Enable connection pooling",
      evaluate: ({ config }) => {
        if (config.exporterType !== "otlp") return { status: "pass", reason: `The ${config.exporterType} exporter opens no connections.` };
        if (config.otlpKeepalive && config.otlpConnectionPoolSize >= 2)
          return { status: "pass", reason: `Keep-alive pool of ${config.otlpConnectionPoolSize} connections (idle ${config.otlpKeepaliveTimeMs} ms).` };
        return {
          status: "warn",
          reason: `${config.otlpKeepalive ? "" : "Keep-alive is off (a new connection per export); "}pool of ${config.otlpConnectionPoolSize}.`,
          fix: { label: "Pool of 10 with keep-alive", patch: { otlpKeepalive: true, otlpConnectionPoolSize: 10 } },
        };
      },
    },
    {
      id: "timeouts",
      title: "Configure timeouts appropriately",
      evaluate: ({ config, snapshot }) => {
        const t = config.exportTimeoutMs;
        const p99 = snapshot?.export.latencyMsP99 ?? 0;
        const fix = { label: "Use 30 s", patch: { exportTimeoutMs: DEFAULT_CONFIG.exportTimeoutMs } };
        if (p99 > 0 && p99 >= t * 0.5) return { status: "fail", reason: `Export p99 ${Math.round(p99)} ms is at least half the ${t} ms timeout: exports are about to time out.`, fix: t < 30_000 ? fix : undefined };
        if (t < 1000) return { status: "warn", reason: `A ${t} ms timeout fails exports on any collector hiccup.`, fix };
        if (t > 120_000) return { status: "warn", reason: `A ${Math.round(t / 1000)} s timeout holds spans in flight for minutes when the collector hangs.`, fix };
        return { status: "pass", reason: `Timeout ${t} ms${p99 > 0 ? `, p99 latency ${Math.round(p99)} ms` : ""}, ${config.maxExportAttempts} attempt(s).` };
      },
    },
    {
      id: "async-operations",
      title: "Use async operations where possible",
      evaluate: ({ config }) =>
        config.asyncExport
          ? { status: "pass", reason: "Exports run in the background, batched." }
          : { status: "fail", reason: "Synchronous export sends every span alone as it ends, on the application's time.", fix: { label: "Enable async export", patch: { asyncExport: true } } },
    },
    {
      id: "circuit-breaker",
      title: "Implement circuit breakers",
      evaluate: ({ config, snapshot }) => {
        if (!config.circuitBreaker)
          return {
            status: "fail",
            reason: "No circuit breaker: a failing collector gets every export, retried.",
            fix: { label: "Enable the guide's breaker", patch: { circuitBreaker: { failureThreshold: 0.5, timeoutDuration: 60, halfOpenRequests: 10, windowSize: 20, minimumRequests: 5 } } },
          };
        const state = snapshot ? `; now ${snapshot.breaker.state.replace("_", "-")}` : "";
        return { status: "pass", reason: `Opens at ${Math.round(config.circuitBreaker.failureThreshold * 100)} % failures, retries after ${config.circuitBreaker.timeoutDuration} s, fallback ${config.fallbackAction}${state}.` };
      },
    },
  ],
};
