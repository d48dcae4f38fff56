import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ROOT_CONTEXT } from "@opentelemetry/api";
import { createTelemetryRuntime, type TelemetryRuntime } from "../runtime";
import { accountedSpans, type BreakerState, type RuntimeEvent } from "../snapshot";
import { eventually, readOtlpJsonLines, startCollector, tempDir, type Collector } from "../test-support";
import { CircuitBreaker, type BreakerSettings } from "./circuit-breaker";

// Real runtimes and sockets: generous per-test time so a loaded 2-core machine does not time out.
vi.setConfig({ testTimeout: 30_000 });

const SETTINGS: BreakerSettings = { failureThreshold: 0.5, timeoutDuration: 10, halfOpenRequests: 3, windowSize: 10, minimumRequests: 5 };

function breaker(settings: Partial<BreakerSettings> = {}) {
  let now = 1_000_000;
  const transitions: [BreakerState, BreakerState][] = [];
  const b = new CircuitBreaker({ ...SETTINGS, ...settings }, (from, to) => transitions.push([from, to]), () => now);
  return { b, transitions, advance: (ms: number) => (now += ms) };
}

const feed = (b: CircuitBreaker, outcomes: string) => {
  for (const c of outcomes) b.record(c === "s");
};
/** Outcomes of exports the breaker let through as half-open probes. */
const feedProbes = (b: CircuitBreaker, outcomes: string) => {
  for (const c of outcomes) b.record(c === "s", "probe");
};

describe("CircuitBreaker", () => {
  it("does not open before minimumRequests outcomes, however bad", () => {
    const { b, transitions } = breaker();
    feed(b, "ffff");
    expect(b.state).toBe("closed");
    expect(b.failureRatio).toBe(1);
    expect(b.allowRequest()).toBe("pass");
    feed(b, "f");
    expect(b.state).toBe("open");
    expect(transitions).toEqual([["closed", "open"]]);
  });

  it("opens when the failure ratio reaches the threshold (>=), not below it", () => {
    const { b } = breaker();
    feed(b, "sfsfs"); // 2/5 = 0.4
    expect(b.state).toBe("closed");
    feed(b, "f"); // 3/6 = 0.5
    expect(b.state).toBe("open");
    expect(b.allowRequest()).toBe(false);
  });

  it("judges only the last windowSize outcomes", () => {
    const { b } = breaker({ windowSize: 4, minimumRequests: 4, failureThreshold: 0.75 });
    feed(b, "ffsss"); // window now [f, s, s, s]: the first failure slid out
    expect(b.failureRatio).toBe(0.25);
    feed(b, "ff"); // [s, s, f, f] = 0.5
    expect(b.state).toBe("closed");
    feed(b, "f"); // [s, f, f, f] = 0.75
    expect(b.state).toBe("open");
  });

  it("stays open until timeoutDuration has passed, then goes half_open", () => {
    const { b, transitions, advance } = breaker();
    feed(b, "fffff");
    advance(9_999);
    expect(b.allowRequest()).toBe(false);
    expect(b.state).toBe("open");
    expect(b.msUntilHalfOpen()).toBe(1);
    advance(1);
    expect(b.state).toBe("half_open");
    expect(b.msUntilHalfOpen()).toBe(0);
    expect(transitions).toEqual([
      ["closed", "open"],
      ["open", "half_open"],
    ]);
  });

  it("half_open lets exactly halfOpenRequests probes through", () => {
    const { b, advance } = breaker();
    feed(b, "fffff");
    advance(10_000);
    expect([1, 2, 3, 4, 5].map(() => b.allowRequest())).toEqual(["probe", "probe", "probe", false, false]);
  });

  it("any failed probe re-opens and restarts the timeout", () => {
    const { b, transitions, advance } = breaker();
    feed(b, "fffff");
    advance(10_000);
    b.allowRequest();
    b.allowRequest();
    b.record(true, "probe");
    b.record(false, "probe");
    expect(b.state).toBe("open");
    advance(9_999);
    expect(b.allowRequest()).toBe(false);
    advance(1);
    expect(b.allowRequest()).toBe("probe"); // a fresh set of probes
    expect(transitions).toEqual([
      ["closed", "open"],
      ["open", "half_open"],
      ["half_open", "open"],
      ["open", "half_open"],
    ]);
  });

  it("closes with an empty window only when every probe succeeded", () => {
    const { b, transitions, advance } = breaker();
    feed(b, "fffff");
    advance(10_000);
    for (let i = 0; i < 3; i++) b.allowRequest();
    feedProbes(b, "ss");
    expect(b.state).toBe("half_open");
    feedProbes(b, "s");
    expect(b.state).toBe("closed");
    expect(b.failureRatio).toBe(0);
    expect(b.allowRequest()).toBe("pass");
    feed(b, "ffff"); // a fresh window: minimumRequests applies again
    expect(b.state).toBe("closed");
    expect(transitions.at(-1)).toEqual(["half_open", "closed"]);
  });

  it("ignores outcomes that arrive while open (exports started before it opened)", () => {
    const { b, advance } = breaker();
    feed(b, "fffff");
    feed(b, "ssssssssss");
    expect(b.state).toBe("open");
    advance(10_000);
    expect(b.state).toBe("half_open");
  });

  it("half_open closes only on outcomes of probes it let through, not on late outcomes of older exports", () => {
    // Exports started while closed can finish after the breaker went half_open (an OTLP export
    // may take up to maxExportAttempts x exportTimeoutMs, longer than timeoutDuration). Their
    // outcomes are not probes: three of them must not close the breaker before any probe ran.
    const { b, transitions, advance } = breaker();
    feed(b, "fffff");
    advance(10_000);
    expect(b.state).toBe("half_open");
    feed(b, "sss"); // no allowRequest() was granted: these are not probe outcomes
    expect(b.state).toBe("half_open");
    expect(transitions.at(-1)).toEqual(["open", "half_open"]);
  });

  it("reconfigure keeps the state and trims the window to the new size", () => {
    const { b } = breaker();
    feed(b, "ffss");
    b.reconfigure({ ...SETTINGS, windowSize: 2, minimumRequests: 2 });
    expect(b.state).toBe("closed");
    expect(b.failureRatio).toBe(0);
  });
});

describe("circuit breaker in the runtime", () => {
  let rt: TelemetryRuntime | undefined;
  let collector: Collector | undefined;
  let tmp: ReturnType<typeof tempDir> | undefined;
  afterEach(async () => {
    await rt?.shutdown({ deadlineMs: 500 });
    await collector?.close();
    tmp?.remove();
    rt = collector = tmp = undefined;
  });

  async function exportOne(runtime: TelemetryRuntime, name = "s") {
    runtime.tracerProvider.getTracer("t").startSpan(name, {}, ROOT_CONTEXT).end();
    await runtime.flush();
  }

  it("opens on a failing collector, drops as breaker_open, then probes and closes when it recovers", async () => {
    let healthy = false;
    collector = await startCollector(() => ({ status: healthy ? 200 : 503 }));
    let clock = 5_000_000;
    const events: RuntimeEvent[] = [];
    rt = createTelemetryRuntime(
      {
        otlpEndpoint: collector.url,
        maxExportAttempts: 1,
        batchSize: 1,
        exportIntervalMs: 600_000,
        otlpConnectionPoolSize: 1,
        circuitBreaker: { failureThreshold: 0.5, timeoutDuration: 60, halfOpenRequests: 2, windowSize: 5, minimumRequests: 5 },
        fallbackAction: "disable",
      },
      { now: () => clock },
    );
    rt.on("event", (e) => events.push(e));
    for (let i = 0; i < 5; i++) await exportOne(rt);
    expect(rt.snapshot().breaker).toEqual({ state: "open", failureRatio: 1, enabled: true });
    expect(events.find((e) => e.type === "breaker_open")?.level).toBe("error");
    const requests = collector.requests.length;
    for (let i = 0; i < 3; i++) await exportOne(rt);
    expect(collector.requests.length).toBe(requests); // nothing attempted while open
    expect(rt.snapshot().spans).toMatchObject({ exportFailed: 5, dropped: { breaker_open: 3 } });

    healthy = true;
    clock += 60_000;
    expect(rt.snapshot().breaker.state).toBe("half_open");
    await exportOne(rt);
    await exportOne(rt);
    const snap = rt.snapshot();
    expect(snap.breaker.state).toBe("closed");
    expect(snap.spans.exported).toBe(2);
    expect(accountedSpans(snap.spans)).toBe(snap.spans.started);
    expect(events.map((e) => e.type).filter((t) => t.startsWith("breaker_"))).toEqual(["breaker_open", "breaker_half_open", "breaker_closed"]);
  });

  it("a slow export that started before the breaker opened does not close it from half_open", async () => {
    // Request 0 is slow and succeeds; every later request fails at once.
    collector = await startCollector((_r, i) => (i === 0 ? { status: 200, delayMs: 1500 } : { status: 503 }));
    let clock = 9_000_000;
    rt = createTelemetryRuntime(
      {
        otlpEndpoint: collector.url,
        maxExportAttempts: 1,
        batchSize: 1,
        exportIntervalMs: 600_000,
        otlpConnectionPoolSize: 2,
        circuitBreaker: { failureThreshold: 0.5, timeoutDuration: 60, halfOpenRequests: 1, windowSize: 5, minimumRequests: 5 },
      },
      { now: () => clock },
    );
    const tracer = rt.tracerProvider.getTracer("t");
    tracer.startSpan("slow", {}, ROOT_CONTEXT).end();
    await eventually(() => collector!.requests.length === 1);
    for (let i = 0; i < 5; i++) {
      tracer.startSpan(`fail-${i}`, {}, ROOT_CONTEXT).end();
      await eventually(() => rt!.snapshot().spans.exportFailed === i + 1);
    }
    expect(rt.snapshot().breaker.state).toBe("open");
    clock += 60_000;
    expect(rt.snapshot().breaker.state).toBe("half_open");
    await eventually(() => rt!.snapshot().spans.exported === 1); // the slow export's late success
    expect(collector.requests).toHaveLength(6); // no probe has been sent to the still-failing collector
    expect(rt.snapshot().breaker.state).toBe("half_open");
  });

  it("with fallbackAction local_file, spans refused while open go to the fallback file", async () => {
    collector = await startCollector(() => ({ status: 503 }));
    tmp = tempDir();
    const filePath = path.join(tmp.dir, "spans.jsonl");
    rt = createTelemetryRuntime({
      otlpEndpoint: collector.url,
      maxExportAttempts: 1,
      batchSize: 1,
      otlpConnectionPoolSize: 1,
      circuitBreaker: { failureThreshold: 0.5, timeoutDuration: 600, halfOpenRequests: 1, windowSize: 2, minimumRequests: 2 },
      fallbackAction: "local_file",
      filePath,
    });
    for (let i = 0; i < 2; i++) await exportOne(rt);
    for (let i = 0; i < 3; i++) await exportOne(rt, `kept-${i}`);
    const s = rt.snapshot().spans;
    expect(s).toMatchObject({ exportFailed: 2, fallback: 3, dropped: {} });
    expect(readOtlpJsonLines(path.join(tmp.dir, "spans.fallback.jsonl")).map((x) => x.name)).toEqual(["kept-0", "kept-1", "kept-2"]);
  });
});
