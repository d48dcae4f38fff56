/**
 * Test support for the pipeline-level tests (imported by *.test.ts in this folder only): a real
 * runtime exporting over real loopback HTTP to a real OTLP receiver with fault injection, plus
 * polling helpers (never fixed sleeps as assertions), an invariant watcher that snapshots the
 * runtime on a short interval, and a counter of what the console exporter printed.
 *
 * Nothing of our own code is mocked: the console exporter's line writer is the runtime's public
 * `consoleWriter` option, used only so console output can be counted instead of flooding stdout.
 */
import path from "node:path";
import { ROOT_CONTEXT, type Attributes, type Tracer } from "@opentelemetry/api";
import { createTelemetryRuntime, type TelemetryRuntime } from "../runtime";
import { accountedSpans, totalDropped, type RuntimeEvent, type RuntimeEventType, type TelemetrySnapshot } from "../snapshot";
import { startOtlpReceiverServer, type OtlpReceiver, type OtlpReceiverServer } from "../../receiver";
import { tempDir } from "../test-support";

export interface Pipeline {
  runtime: TelemetryRuntime;
  server: OtlpReceiverServer;
  receiver: OtlpReceiver;
  tracer: Tracer;
  /** Every runtime event, in order. */
  events: RuntimeEvent[];
  /** Spans the console exporter (or console fallback) printed so far. */
  consoleSpans(): number;
  dir: string;
  filePath: string;
  fallbackFilePath: string;
  close(): Promise<void>;
}

/**
 * Test defaults: short timeouts so hangs resolve quickly, no breaker unless a test wants one, a
 * file path inside a temp dir. `config` overrides them.
 */
export async function startPipeline(config: Record<string, unknown> = {}): Promise<Pipeline> {
  const server = await startOtlpReceiverServer({ port: 0 });
  const tmp = tempDir("tracetune-pipeline-");
  const filePath = path.join(tmp.dir, "spans.jsonl");
  let printed = 0;
  const runtime = createTelemetryRuntime(
    {
      otlpEndpoint: server.url,
      exportTimeoutMs: 1500,
      maxExportAttempts: 1,
      exportIntervalMs: 50,
      batchSize: 100,
      circuitBreaker: null,
      filePath,
      fileMaxBytes: 1 << 30,
      ...config,
    },
    {
      serviceName: "pipeline-test",
      // Compact lines and pretty-printed objects both start a span with "{" in column 0.
      consoleWriter: (text) => {
        for (const line of text.split("\n")) if (line.startsWith("{")) printed++;
      },
    },
  );
  const events: RuntimeEvent[] = [];
  runtime.on("event", (e) => events.push(e));
  return {
    runtime,
    server,
    receiver: server.receiver,
    tracer: runtime.tracerProvider.getTracer("t"),
    events,
    consoleSpans: () => printed,
    dir: tmp.dir,
    filePath,
    fallbackFilePath: path.join(tmp.dir, "spans.fallback.jsonl"),
    async close() {
      await runtime.shutdown({ deadlineMs: 500 });
      await server.close();
      tmp.remove();
    },
  };
}

/** Start and end `n` root spans synchronously (no event-loop turn in between: a true burst). */
export function burst(tracer: Tracer, n: number, prefix = "span", attributes: Attributes = {}, from = 0): void {
  for (let i = 0; i < n; i++) tracer.startSpan(`${prefix}-${from + i}`, { attributes }, ROOT_CONTEXT).end();
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Poll `check` until true; throws with `label` (and `describe()`) on timeout. */
export async function waitFor(label: string, check: () => boolean, timeoutMs = 10_000, describe?: () => unknown): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${label}${describe ? `: ${JSON.stringify(describe())}` : ""}`);
    }
    await sleep(10);
  }
}

/** Why a snapshot does not balance, or null when `started` equals the sum of the fates. */
export function imbalance(s: TelemetrySnapshot): string | null {
  const sum = accountedSpans(s.spans);
  return sum === s.spans.started ? null : `started ${s.spans.started} != accounted ${sum} in ${JSON.stringify(s.spans)}`;
}

/** Throws when the accounting invariant does not hold now. Returns the snapshot. */
export function balanced(runtime: TelemetryRuntime, step = ""): TelemetrySnapshot {
  const s = runtime.snapshot();
  const why = imbalance(s);
  if (why) throw new Error(`accounting invariant broken${step ? ` at ${step}` : ""}: ${why}`);
  return s;
}

/** Flush until nothing is queued, in flight or active (flush alone stops at its deadline). */
export async function settle(runtime: TelemetryRuntime, timeoutMs = 15_000): Promise<TelemetrySnapshot> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await runtime.flush();
    const s = runtime.snapshot();
    if (s.spans.queued === 0 && s.spans.inFlight === 0 && s.spans.active === 0) return s;
    if (Date.now() > deadline) throw new Error(`pipeline did not settle within ${timeoutMs} ms: ${JSON.stringify(s.spans)}`);
    await sleep(20);
  }
}

export const count = (events: RuntimeEvent[], type: RuntimeEventType) => events.filter((e) => e.type === type).length;

export interface WatchReport {
  snapshots: number;
  violations: string[];
  maxQueueLength: number;
  /** Largest queue length seen above the capacity in force at that snapshot. */
  maxOverCapacity: number;
  maxTelemetryBytes: number;
  maxInFlight: number;
}

/** Snapshots `runtime` every `everyMs` and records invariant violations and peaks. */
export function watch(runtime: TelemetryRuntime, everyMs = 10): { stop(): WatchReport; report: WatchReport } {
  const report: WatchReport = { snapshots: 0, violations: [], maxQueueLength: 0, maxOverCapacity: 0, maxTelemetryBytes: 0, maxInFlight: 0 };
  const timer = setInterval(() => {
    const s = runtime.snapshot();
    report.snapshots++;
    const why = imbalance(s);
    if (why && report.violations.length < 20) report.violations.push(why);
    report.maxQueueLength = Math.max(report.maxQueueLength, s.queue.length);
    report.maxOverCapacity = Math.max(report.maxOverCapacity, s.queue.length - s.queue.capacity);
    report.maxTelemetryBytes = Math.max(report.maxTelemetryBytes, s.memory.telemetryBytes);
    report.maxInFlight = Math.max(report.maxInFlight, s.spans.inFlight);
  }, everyMs);
  return {
    report,
    stop() {
      clearInterval(timer);
      return report;
    },
  };
}

/** A compact view of where every span went, for reports and failure messages. */
export function fates(s: TelemetrySnapshot): Record<string, number> {
  return {
    started: s.spans.started,
    notSampled: s.spans.notSampled,
    active: s.spans.active,
    queued: s.spans.queued,
    inFlight: s.spans.inFlight,
    exported: s.spans.exported,
    exportFailed: s.spans.exportFailed,
    fallback: s.spans.fallback,
    dropped: totalDropped(s.spans),
    ...Object.fromEntries(Object.entries(s.spans.dropped).map(([k, v]) => [`dropped.${k}`, v ?? 0])),
  };
}

export interface Producer {
  /** Spans ended so far. */
  readonly produced: number;
  paused: boolean;
  /** Stop producing; resolves once the loop has exited. */
  stop(): Promise<number>;
}

/**
 * A steady producer: `perTick` spans every `everyMs`. It honours back-pressure the way the
 * synthetic workload does (awaits `whenWritable()` before each tick, capped at `maxWaitMs` so a
 * blocked queue cannot freeze a test) and can be paused.
 */
export function startProducer(
  runtime: TelemetryRuntime,
  tracer: Tracer,
  options: { perTick?: number; everyMs?: number; prefix?: string; attributes?: Attributes; maxWaitMs?: number; perTickOf?: () => number } = {},
): Producer {
  const { perTick = 10, everyMs = 10, prefix = "steady", attributes = {}, maxWaitMs = 250 } = options;
  let running = true;
  let produced = 0;
  const state = {
    paused: false,
    get produced() {
      return produced;
    },
    stop: async () => {
      running = false;
      await loop;
      return produced;
    },
  };
  const loop = (async () => {
    while (running) {
      if (!state.paused) {
        await Promise.race([runtime.whenWritable(), sleep(maxWaitMs)]);
        const n = options.perTickOf ? options.perTickOf() : perTick;
        burst(tracer, n, prefix, attributes, produced);
        produced += n;
      }
      await sleep(everyMs);
    }
  })();
  return state;
}
