import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG, mergeAndValidate, type TelemetryConfig } from "../../server/telemetry/config";
import type { TelemetrySnapshot } from "../../server/telemetry/snapshot";
import { makeSnapshot } from "../testing/snapshot-fixture";
import { NO_FIGURES } from "./checklist-types";
import { CHECKLISTS, countByStatus, evaluateChecklists } from "./evaluate";

function live(over: Partial<TelemetrySnapshot> = {}): TelemetrySnapshot {
  return makeSnapshot({
    rates: { startedPerSec: 500, sampledPerSec: 50, exportedPerSec: 50, droppedPerSec: 0, notSampledPerSec: 450, exportFailedPerSec: 0 },
    export: { ...makeSnapshot().export, latencyMsP50: 5, latencyMsP99: 20, bytesRaw: 10_000, bytesSent: 3000 },
    overhead: { percent: 0.4, usPerSpan: 2, usPerOp: 9, cpuMsPerSec: 1, processCpuMsPerSec: 250 },
    memory: { rssBytes: 300 * 1024 * 1024, heapUsedBytes: 100 * 1024 * 1024, telemetryBytes: 2 * 1024 * 1024 },
    ...over,
  });
}

function statusOf(config: TelemetryConfig, snapshot: TelemetrySnapshot | null, id: string, queuePeak: number | null = null) {
  const r = evaluateChecklists({ config, snapshot, queuePeak }).find((x) => x.id === id);
  if (!r) throw new Error(`no check ${id}`);
  return r;
}

function patched(config: TelemetryConfig, patch: unknown): TelemetryConfig {
  const merged = mergeAndValidate(config, patch);
  if (!merged.ok) throw new Error(merged.error);
  return merged.config;
}

/** Checks whose verdict depends on the config alone (their fix must make them pass). */
const CONFIG_ONLY = [
  "sampling-rate",
  "compression",
  "memory-limits",
  "debug-attributes",
  "overflow-strategy",
  "health-monitoring",
  "connection-pooling",
  "async-operations",
  "circuit-breaker",
  "span-attributes",
  "queue-size",
  "attribute-length",
  "queue-monitoring",
  "memory-alerts",
  "serialization",
  "attribute-cardinality",
];

/** A config that gets every config-only check wrong. */
const SLOPPY: TelemetryConfig = patched(DEFAULT_CONFIG, {
  sampleRate: 1,
  otlpCompression: "none",
  maxSpanAttributes: 1000,
  maxSpanEvents: 1000,
  maxAttributeLength: 100_000,
  includeInternalSpans: true,
  consolePrettyPrint: true,
  queueOverflowStrategy: "block",
  otlpKeepalive: false,
  otlpConnectionPoolSize: 1,
  asyncExport: false,
  circuitBreaker: null,
  maxQueueSize: 200_000,
  queueWarningThreshold: 0.99,
  otlpProtocol: "http/json",
});

describe("optimization checklist", () => {
  it("has the guide's three lists of eight items", () => {
    expect(CHECKLISTS.map((l) => l.title)).toEqual(["Before Production", "Performance Tuning", "Memory Optimization"]);
    for (const list of CHECKLISTS) expect(list.rules).toHaveLength(8);
    const results = evaluateChecklists({ config: DEFAULT_CONFIG, snapshot: live(), queuePeak: 0.1 });
    expect(results).toHaveLength(24);
    expect(new Set(results.map((r) => r.id)).size).toBe(24);
  });

  it("grades the defaults: 100 % sampling fails, compression and the breaker pass", () => {
    const s = live();
    expect(statusOf(DEFAULT_CONFIG, s, "sampling-rate")).toMatchObject({ status: "fail", fix: { patch: { sampleRate: 0.1 } } });
    expect(statusOf(DEFAULT_CONFIG, s, "compression").status).toBe("pass");
    expect(statusOf(DEFAULT_CONFIG, s, "compression").reason).toContain("70 % smaller");
    expect(statusOf(DEFAULT_CONFIG, s, "circuit-breaker").status).toBe("pass");
    expect(statusOf(DEFAULT_CONFIG, s, "memory-alerts").status).toBe("warn");
    expect(statusOf({ ...DEFAULT_CONFIG, sampleRate: 0.05 }, s, "sampling-rate").status).toBe("pass");
    expect(statusOf({ ...DEFAULT_CONFIG, sampleRate: 0.3 }, s, "sampling-rate").status).toBe("warn");
  });

  it("offers 'Enable gzip' for uncompressed OTLP, and it passes once applied", () => {
    const config = patched(DEFAULT_CONFIG, { otlpCompression: "none" });
    const check = statusOf(config, live(), "compression");
    expect(check.status).toBe("fail");
    expect(check.fix).toEqual({ label: "Enable gzip", patch: { otlpCompression: "gzip" } });
    expect(statusOf(patched(config, check.fix!.patch), live(), "compression").status).toBe("pass");
    // Not a network exporter: nothing to compress.
    expect(statusOf(patched(config, { exporterType: "file" }), live(), "compression").status).toBe("pass");
  });

  it("every config-only check fails or warns on a sloppy config, and its fix makes it pass", () => {
    const snapshot = live();
    for (const id of CONFIG_ONLY) {
      const before = statusOf(SLOPPY, snapshot, id);
      expect(before.status, id).not.toBe("pass");
      expect(before.fix, id).toBeDefined();
      const after = statusOf(patched(SLOPPY, before.fix!.patch), snapshot, id);
      expect(after.status, `${id} after "${before.fix!.label}"`).toBe("pass");
    }
  });

  it("recommends batching from the sampled traffic, keeping the queue large enough", () => {
    const heavy = live({ rates: { ...live().rates, sampledPerSec: 5000 } });
    const small = patched(DEFAULT_CONFIG, { batchSize: 8, maxQueueSize: 8 });
    const batch = statusOf(small, heavy, "batch-size");
    expect(batch.status).toBe("warn");
    expect(batch.reason).toContain("high traffic");
    expect(batch.fix!.patch).toEqual({ batchSize: 4096, maxQueueSize: 16384 });
    expect(statusOf(patched(small, batch.fix!.patch), heavy, "batch-size").status).toBe("pass");
    // 50 sampled spans/s is low traffic: 10 s interval; the default 5 s is within a factor of 2.
    expect(statusOf(DEFAULT_CONFIG, live(), "export-interval").status).toBe("pass");
    const slow = statusOf(patched(DEFAULT_CONFIG, { exportIntervalMs: 60_000 }), live(), "export-interval");
    expect(slow.fix!.patch).toEqual({ exportIntervalMs: 10_000 });
    // Dynamic batching adjusts both by itself.
    const dynamic = patched(small, { dynamicBatching: { minBatchSize: 128, maxBatchSize: 4096, minIntervalMs: 1000, maxIntervalMs: 10_000, targetQueueUtilization: 0.7 }, maxQueueSize: 8192 });
    expect(statusOf(dynamic, heavy, "batch-size").status).toBe("pass");
  });

  it("judges the live figures: overhead against the target, queue peak, timeouts near p99", () => {
    expect(statusOf(DEFAULT_CONFIG, live({ overhead: { percent: 3.5, usPerSpan: 9, usPerOp: 30, cpuMsPerSec: 8.75, processCpuMsPerSec: 250 } }), "overhead")).toMatchObject({ status: "fail", fix: { label: "Enable auto-tune at 1 %" } });
    expect(statusOf(DEFAULT_CONFIG, live(), "overhead").status).toBe("pass");
    // The same share of a lightly loaded process (the demo's figures) is not a failure: it says nothing yet.
    const light = statusOf(DEFAULT_CONFIG, live({ overhead: { percent: 9, usPerSpan: 18, usPerOp: 80, cpuMsPerSec: 4, processCpuMsPerSec: 44 } }), "overhead");
    expect(light).toMatchObject({ status: "warn", reason: expect.stringContaining("lightly loaded process (4.4 % of a core; telemetry 0.40 %)") });
    expect(statusOf(DEFAULT_CONFIG, live(), "queue-utilization", 0.85).status).toBe("warn");
    expect(statusOf(DEFAULT_CONFIG, live(), "queue-utilization", 0.99)).toMatchObject({ status: "fail", fix: { patch: { maxQueueSize: 32768 } } });
    const slowExports = live({ export: { ...live().export, latencyMsP99: 20_000 } });
    expect(statusOf(DEFAULT_CONFIG, slowExports, "timeouts").status).toBe("fail");
    expect(statusOf(DEFAULT_CONFIG, live(), "timeouts").status).toBe("pass");
    const leaking = live({ spans: { ...live().spans, active: 50_000 } });
    expect(statusOf(DEFAULT_CONFIG, leaking, "span-cleanup").status).toBe("warn");
    const guarded = patched(DEFAULT_CONFIG, { memoryMonitor: { warningThresholdMb: 100, criticalThresholdMb: 500, checkIntervalSeconds: 10 } });
    expect(statusOf(guarded, live({ guards: { memory: { state: "critical", telemetryMb: 700 } } }), "memory-alerts").status).toBe("fail");
  });

  it("without a snapshot, checks that need live figures warn and say why", () => {
    for (const id of ["batch-size", "overhead-tested", "queue-utilization", "export-interval", "span-cleanup", "garbage-collection"]) {
      const r = statusOf(DEFAULT_CONFIG, null, id);
      expect(r.status, id).toBe("warn");
      expect(r.reason, id).toBe(NO_FIGURES);
    }
  });

  it("offers only fixes the server would accept", () => {
    const results = evaluateChecklists({ config: SLOPPY, snapshot: live(), queuePeak: 0.99 });
    for (const r of results) if (r.fix) expect(mergeAndValidate(SLOPPY, r.fix.patch).ok, r.id).toBe(true);
    const counts = countByStatus(results);
    expect(counts.pass + counts.warn + counts.fail).toBe(24);
    expect(counts.fail).toBeGreaterThan(3);
  });
});
