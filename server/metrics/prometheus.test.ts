import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { ROOT_CONTEXT } from "@opentelemetry/api";
import { createTelemetryRuntime, type TelemetryRuntime } from "../telemetry";
import { startCollector, type Collector } from "../telemetry/test-support";
import { createMetricsRegistry, handleMetricsRequest } from "./index";

/** Parse Prometheus text exposition into samples (name, labels, value). */
function parse(text: string): { name: string; labels: Record<string, string>; value: number }[] {
  const out: { name: string; labels: Record<string, string>; value: number }[] = [];
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`unparseable exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? "").matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = l[2];
    out.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return out;
}

function value(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const match = parse(text).filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  // With no label filter, demand the unlabelled series (or the only one).
  const exact = Object.keys(labels).length === 0 ? match.filter((s) => Object.keys(s.labels).length === 0) : match;
  return (exact[0] ?? match[0])?.value;
}

function endSpans(runtime: TelemetryRuntime, n: number): void {
  const tracer = runtime.tracerProvider.getTracer("metrics-test");
  for (let i = 0; i < n; i++) tracer.startSpan(`op-${i}`, {}, ROOT_CONTEXT).end();
}

const runtimes: TelemetryRuntime[] = [];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(runtimes.splice(0).map((r) => r.shutdown({ deadlineMs: 1000 })));
  await Promise.all(closers.splice(0).map((c) => c()));
});

function runtimeWith(config: Record<string, unknown>): TelemetryRuntime {
  const r = createTelemetryRuntime(config);
  runtimes.push(r);
  return r;
}

async function collector(): Promise<Collector> {
  const c = await startCollector();
  closers.push(() => c.close());
  return c;
}

describe("createMetricsRegistry", () => {
  it("exposes started, exported and queue figures under the OpenTelemetry SDK metric names", async () => {
    const c = await collector();
    const runtime = runtimeWith({ otlpEndpoint: c.url, sampleRate: 1, exportIntervalMs: 600_000 });
    const registry = createMetricsRegistry(runtime);
    endSpans(runtime, 12);
    await runtime.flush();

    const text = await registry.metrics();
    expect(text).toContain("# TYPE otel_sdk_span_started_total counter");
    expect(text).toContain("# TYPE otel_sdk_processor_span_queue_size gauge");
    expect(value(text, "otel_sdk_span_started_total", { otel_span_sampling_result: "RECORD_AND_SAMPLE" })).toBe(12);
    expect(value(text, "otel_sdk_span_started_total", { otel_span_sampling_result: "DROP" })).toBe(0);
    expect(value(text, "otel_sdk_exporter_span_exported_total", { otel_component_type: "otlp_http_span_exporter" })).toBe(12);
    expect(value(text, "otel_sdk_processor_span_processed_total", { otel_component_type: "batching_span_processor" })).toBe(12);
    expect(value(text, "otel_sdk_processor_span_queue_capacity")).toBe(16384);
    expect(value(text, "otel_sdk_processor_span_queue_size")).toBe(0);
    expect(value(text, "otel_sdk_span_live")).toBe(0);
    expect(value(text, "tracetune_circuit_breaker_state", { state: "closed" })).toBe(1);
    expect(value(text, "tracetune_circuit_breaker_state", { state: "open" })).toBe(0);
    expect(value(text, "tracetune_export_batches_total")).toBeGreaterThanOrEqual(1);
    expect(value(text, "tracetune_export_bytes_total", { stage: "sent" })).toBeGreaterThan(0);
    expect(value(text, "tracetune_sampler_rate", { kind: "effective" })).toBe(1);
    expect(value(text, "tracetune_config_info", { version: String(runtime.version), hash: runtime.hash })).toBe(1);
    for (const reason of ["queue_full", "evicted_oldest", "breaker_open", "shutdown", "no_exporter", "memory_critical"]) {
      expect(value(text, "tracetune_spans_dropped_total", { reason })).toBe(0);
    }
  });

  it("counts drops by reason, queued spans, unsampled spans and live spans as they happen", async () => {
    // No exporter: a drained batch is dropped as no_exporter. A queue of 5 that drains in batches of 5.
    const runtime = runtimeWith({ exporterType: "none", maxQueueSize: 5, batchSize: 5, exportIntervalMs: 600_000, queueOverflowStrategy: "drop_newest" });
    const registry = createMetricsRegistry(runtime);
    endSpans(runtime, 9); // 5 queued (the 5th schedules a drain for the next turn), 4 refused: queue full
    const open = runtime.tracerProvider.getTracer("metrics-test").startSpan("still-running", {}, ROOT_CONTEXT);

    let text = await registry.metrics(); // collected synchronously, before the drain runs
    expect(value(text, "tracetune_spans_dropped_total", { reason: "queue_full" })).toBe(4);
    expect(value(text, "otel_sdk_processor_span_processed_total", { error_type: "queue_full" })).toBe(4);
    expect(value(text, "otel_sdk_processor_span_queue_size")).toBe(5);
    expect(value(text, "otel_sdk_processor_span_queue_capacity")).toBe(5);
    expect(value(text, "otel_sdk_span_live")).toBe(1);

    await new Promise((resolve) => setImmediate(resolve)); // the drain: 5 spans, no exporter
    open.end();
    runtime.setSampleRate(0);
    endSpans(runtime, 3);
    text = await registry.metrics();
    expect(value(text, "tracetune_spans_dropped_total", { reason: "no_exporter" })).toBe(5);
    expect(value(text, "otel_sdk_processor_span_processed_total", { error_type: "no_exporter" })).toBe(5);
    expect(value(text, "tracetune_spans_dropped_total", { reason: "queue_full" })).toBe(4);
    expect(value(text, "otel_sdk_processor_span_queue_size")).toBe(1);
    expect(value(text, "otel_sdk_span_started_total", { otel_span_sampling_result: "DROP" })).toBe(3);
    expect(value(text, "otel_sdk_span_started_total", { otel_span_sampling_result: "RECORD_AND_SAMPLE" })).toBe(10);
    expect(value(text, "otel_sdk_span_live")).toBe(0);
    expect(value(text, "tracetune_sampler_rate", { kind: "configured" })).toBe(0);
  });

  it("reads one snapshot per scrape, so every metric of a scrape describes the same instant", async () => {
    const runtime = runtimeWith({ exporterType: "none" });
    let calls = 0;
    const registry = createMetricsRegistry({
      snapshot: () => {
        calls++;
        return runtime.snapshot();
      },
    });
    await registry.metrics();
    expect(calls).toBe(1);
    await registry.metrics(); // right after: a fresh snapshot, not the previous scrape's
    expect(calls).toBe(2);
  });

  it("adds the default process metrics only when asked", async () => {
    const runtime = runtimeWith({ exporterType: "none" });
    expect(await createMetricsRegistry(runtime).metrics()).not.toContain("process_cpu_user_seconds_total");
    expect(await createMetricsRegistry(runtime, { defaultMetrics: true }).metrics()).toContain("process_cpu_user_seconds_total");
  });
});

describe("handleMetricsRequest", () => {
  async function serve(registry: ReturnType<typeof createMetricsRegistry>): Promise<string> {
    const server = http.createServer((req, res) => {
      if (handleMetricsRequest(req, res, registry)) return;
      res.writeHead(404).end("not mine");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    closers.push(
      () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    );
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it("answers GET /metrics with the text exposition, refuses other methods, leaves other paths alone", async () => {
    const runtime = runtimeWith({ exporterType: "none" });
    endSpans(runtime, 2);
    const base = await serve(createMetricsRegistry(runtime));

    const ok = await fetch(`${base}/metrics`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toContain("text/plain");
    const body = await ok.text();
    expect(value(body, "otel_sdk_span_started_total", { otel_span_sampling_result: "RECORD_AND_SAMPLE" })).toBe(2);

    const withQuery = await fetch(`${base}/metrics?x=1`);
    expect(withQuery.status).toBe(200);
    await withQuery.text();

    const head = await fetch(`${base}/metrics`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");

    const post = await fetch(`${base}/metrics`, { method: "POST", body: "x" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
    await post.text();

    const other = await fetch(`${base}/api/other`);
    expect(other.status).toBe(404);
    expect(await other.text()).toBe("not mine");
  });

  it("answers 500 with the reason when collecting fails, and the server keeps serving", async () => {
    let fail = true;
    const runtime = runtimeWith({ exporterType: "none" });
    const base = await serve(
      createMetricsRegistry({
        snapshot: () => {
          if (fail) throw new Error("snapshot unavailable");
          return runtime.snapshot();
        },
      }),
    );
    const bad = await fetch(`${base}/metrics`);
    expect(bad.status).toBe(500);
    expect(await bad.text()).toContain("snapshot unavailable");
    fail = false;
    const good = await fetch(`${base}/metrics`);
    expect(good.status).toBe(200);
    await good.text();
  });
});
