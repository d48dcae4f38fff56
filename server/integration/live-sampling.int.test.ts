/**
 * The walking skeleton end to end: the real server, a real socket.io dashboard connection, the
 * synthetic workload traced by the embedded runtime and exported over OTLP/HTTP to the built-in
 * receiver. A live sampleRate change is acknowledged, broadcast, and shows in the figures.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TelemetrySnapshot } from "../telemetry/snapshot";
import { accountedSpans } from "../telemetry/snapshot";
import type { ApplyResult } from "../realtime/contract";
import { connectDashboard, getJson, startServer, waitFor, type DashboardSocket, type RunningServer } from "./server-process";

let server: RunningServer;
let dash: DashboardSocket;

const apply = (socket: DashboardSocket, patch: Record<string, unknown>, baseVersion?: number) =>
  new Promise<ApplyResult>((resolve) => socket.emit("config:apply", { patch, ...(baseVersion !== undefined ? { baseVersion } : {}) }, resolve));

const nextSnapshot = (socket: DashboardSocket) => waitFor(socket, "snapshot", () => true);

beforeAll(async () => {
  server = await startServer({ TRACETUNE_WORKLOAD_RPS: "60" });
  dash = await connectDashboard(server.url);
});

afterAll(async () => {
  dash?.close();
  await server?.stop();
});

describe("live sampling through the real server", () => {
  it("streams snapshots in which every started span is accounted for", async () => {
    const first = await nextSnapshot(dash);
    const later = await waitFor(dash, "snapshot", (s) => s.ts > first.ts + 1000);
    expect(later.spans.started).toBeGreaterThan(first.spans.started);
    expect(accountedSpans(later.spans)).toBe(later.spans.started);
    expect(later.queue.capacity).toBe(16384);
  });

  it("applies sampleRate 0.1: acknowledged, broadcast to other dashboards, and the sampled share settles near 0.1", async () => {
    const other = await connectDashboard(server.url);
    const configSeen = waitFor(other, "config", (m) => m.config.sampleRate === 0.1);
    const result = await apply(dash, { sampleRate: 0.1, exportIntervalMs: 500 });
    expect(result.status).toBe("applied");
    const broadcast = await configSeen;
    if (result.status === "applied") expect(broadcast.version).toBe(result.version);
    other.close();

    const before: TelemetrySnapshot = await nextSnapshot(dash);
    const after = await waitFor(dash, "snapshot", (s) => s.ts >= before.ts + 8000, 30_000);
    const started = after.spans.started - before.spans.started;
    const sampled = after.spans.started - after.spans.notSampled - (before.spans.started - before.spans.notSampled);
    expect(started).toBeGreaterThan(500);
    // ~480 traces in 8 s at 10%: a 3-sigma band around 0.1 at trace granularity is about 0.06-0.14.
    expect(sampled / started).toBeGreaterThan(0.05);
    expect(sampled / started).toBeLessThan(0.16);
    expect(after.sampler.effectiveRate).toBeCloseTo(0.1, 5);
  });

  it("exports to the built-in receiver, which receives exactly what the runtime counts as exported", async () => {
    // The dashboard's own page and API requests are not traced into the demo agent's data.
    expect((await fetch(`${server.url}/`)).status).toBe(200);
    const snap = await waitFor(dash, "snapshot", (s) => s.spans.exported > 0 && s.spans.inFlight === 0 && s.spans.queued === 0, 30_000);
    const { body } = await getJson<{ stats: { spansReceived: number; spansByName: Record<string, number> } }>(`${server.url}/api/receiver`);
    expect(body.stats.spansReceived).toBeGreaterThan(0);
    expect(Object.keys(body.stats.spansByName).filter((name) => /^(GET|POST|PUT|DELETE) \//.test(name) || name.includes("route"))).toEqual([]);
    // Between the snapshot and the request an export may land; never fewer than counted.
    expect(body.stats.spansReceived).toBeGreaterThanOrEqual(snap.spans.exported);
    expect(snap.export.bytesSent).toBeLessThan(snap.export.bytesRaw); // gzip on the wire
  });

  it("serves Prometheus metrics named after OpenTelemetry's SDK self-observability metrics", async () => {
    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/^otel_sdk_processor_span_queue_capacity(\{[^}]*\})? 16384$/m);
    const started = Number(/^otel_sdk_span_started_total\{[^}]*\} (\d+)/m.exec(text)?.[1] ?? "0");
    expect(started).toBeGreaterThan(0);
    expect(text).toContain("tracetune_circuit_breaker_state");
  });

  it("refuses bad changes with a clear error and leaves the running config exactly as it was", async () => {
    const { body: before } = await getJson<{ version: number; hash: string; config: Record<string, unknown> }>(`${server.url}/api/config`);
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ sampleRate: 2 }, /sampleRate/],
      [{ sampleRate: "abc" }, /sampleRate/],
      [{ maxQueueSize: -5 }, /maxQueueSize/],
      [{ sampleRate: 0.5, sampelRate: 0.5 }, /sampelRate: unknown key/],
    ];
    for (const [patch, message] of bad) {
      const result = await apply(dash, patch);
      expect(result.status).toBe("failed");
      if (result.status === "failed") expect(result.error).toMatch(message);
    }
    const malformed = await new Promise<ApplyResult>((resolve) => dash.emit("config:apply", "not an object" as never, resolve));
    expect(malformed.status).toBe("failed");
    const stale = await apply(dash, { sampleRate: 0.2 }, before.version - 1);
    expect(stale).toMatchObject({ status: "failed", error: expect.stringMatching(/Stale edit/) });

    const { body: after } = await getJson<typeof before>(`${server.url}/api/config`);
    expect(after).toEqual(before);
  });
});
