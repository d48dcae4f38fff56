import { describe, expect, it } from "vitest";
import type { AgentSnapshot, FleetMember } from "./fleet-contract";
import { groupByService, healthOf, targetIncludes } from "./fleet-members";
import { compactSnapshot } from "../agent-link/compact-snapshot";
import { createTelemetryRuntime } from "../telemetry";

const snap = (rates: Partial<AgentSnapshot["rates"]>): AgentSnapshot => ({
  ts: 1,
  configVersion: 1,
  configHash: "h",
  spans: { started: 10, notSampled: 2, exported: 7, dropped: 1, exportFailed: 0 },
  rates: { startedPerSec: 0, sampledPerSec: 0, exportedPerSec: 0, droppedPerSec: 0, ...rates },
  queue: { length: 5, capacity: 10, utilization: 0.5 },
  effectiveRate: 1,
});

const member = (service: string, instance: string, hash: string, extra: Partial<FleetMember> = {}): FleetMember => ({
  service,
  instance,
  kind: "agent",
  connected: true,
  connectedAt: 0,
  lastSeen: 0,
  version: 1,
  hash,
  sampleRate: 1,
  health: healthOf(snap({ exportedPerSec: 10 })),
  ...extra,
});

describe("fleet health and grouping", () => {
  it("derives the drop rate from dropped per sampled span", () => {
    expect(healthOf(snap({ sampledPerSec: 100, droppedPerSec: 25 })).dropRate).toBe(0.25);
    expect(healthOf(snap({ sampledPerSec: 0, droppedPerSec: 0 })).dropRate).toBe(0);
    expect(healthOf(snap({ sampledPerSec: 0, droppedPerSec: 3 })).dropRate).toBe(1);
    expect(healthOf(snap({})).queueUtilization).toBe(0.5);
  });

  it("groups by service, embedded first, flags differing hashes among connected members only, and sums throughput", () => {
    const list = groupByService(
      [
        member("b", "z", "h1"),
        member("a", "y", "h1"),
        member("a", "x", "h2", { connected: false }),
        member("a", "embedded", "h1", { kind: "embedded" }),
        member("b", "w", "h2"),
      ],
      5,
    );
    expect(list.services.map((s) => [s.service, s.members.map((m) => m.instance), s.hashMismatch, s.exportedPerSec])).toEqual([
      ["a", ["embedded", "x", "y"], false, 20],
      ["b", ["w", "z"], true, 20],
    ]);
  });

  it("picks targets: all, one service, one instance", () => {
    const m = { service: "svc", instance: "i1" };
    expect(targetIncludes({ kind: "all" }, m)).toBe(true);
    expect(targetIncludes({ kind: "service", service: "svc" }, m)).toBe(true);
    expect(targetIncludes({ kind: "service", service: "other" }, m)).toBe(false);
    expect(targetIncludes({ kind: "instance", service: "svc", instance: "i1" }, m)).toBe(true);
    expect(targetIncludes({ kind: "instance", service: "svc", instance: "i2" }, m)).toBe(false);
  });

  it("cuts a real runtime snapshot to the compact one the agents send", async () => {
    const runtime = createTelemetryRuntime({ exporterType: "none", sampleRate: 0.5 });
    runtime.tracerProvider.getTracer("t").startSpan("s").end();
    const compact = compactSnapshot(runtime.snapshot());
    expect(compact).toMatchObject({ configVersion: 1, configHash: runtime.hash, effectiveRate: 0.5 });
    expect(compact.spans.started).toBe(1);
    expect(compact.queue.capacity).toBe(runtime.config.maxQueueSize);
    await runtime.shutdown({ deadlineMs: 10 });
  });
});
