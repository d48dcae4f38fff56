/**
 * Does the live overhead estimate (`snapshot.overhead`) agree with a direct A/B measurement?
 *
 * Method. Two runtimes in this process: "on" (sampleRate 1, OTLP protobuf + gzip to a loopback
 * discard collector) and "off" (the same, `enabled: false`). One CPU-bound workload: agent-shaped
 * operations (a root and three children, 4-5 attributes, one 300-character prompt) each doing a
 * fixed ~150 us of hashing, yielding to the event loop after every operation as a server would.
 * For a little over the estimator's 5 s window the two alternate in ~100 ms blocks (ABBA order,
 * so drift falls on both); each "on" block ends with a flush, so its export work is inside it.
 * Per block we take process CPU (process.cpuUsage, every thread) per operation.
 *
 *   A/B telemetry CPU per operation  T = median(on per-op CPU) - median(off per-op CPU)
 *   A/B share of process CPU        = T x (operations run "on") / (process CPU over the phase)
 *
 * and compare them with the "on" runtime's own `overhead.usPerOp` and `overhead.percent`, read at
 * the end (both computed over the last 5 s, which the interleaved phase covers).
 *
 * Tolerance: within a factor of 2 either way. The estimate is assembled from wall-clock timings of
 * one call in 64 of the tracer's startSpan and span.end (whole: ids, sampler, the span, shaping,
 * queueing), the timed serialization of every batch and gzip at a per-byte rate calibrated once;
 * it does not see garbage collection of span objects nor HTTP handling, and wall-clock samples
 * include the odd preemption (clipped at 10x the mean). A factor of 2 is what makes it useful to
 * an operator (it tells 2% from 20%) while still failing when a term is missing or counted twice.
 * An overloaded machine pushes the ratio toward the upper bound.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT_CONTEXT, trace, type Tracer } from "@opentelemetry/api";
import { createTelemetryRuntime, type TelemetryRuntime } from "../runtime";
import { startDiscardCollector, type DiscardCollector } from "./discard-collector";

const PHASE_MS = 6000;
const BLOCK_MS = 100;
const TOLERANCE = 2;

const PROMPT = "You are a careful assistant working inside a production agent platform. ".repeat(5).slice(0, 300);

function burn(rounds: number): number {
  let h = 0;
  for (let r = 0; r < rounds; r++) for (let k = 0; k < 256; k++) h = (Math.imul(h, 31) + PROMPT.charCodeAt((r + k) % 300)) | 0;
  return h;
}

/** Hash rounds for about `us` microseconds of CPU (best of a few tries). */
function roundsFor(us: number): number {
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    burn(1000);
    best = Math.min(best, performance.now() - t0);
  }
  return Math.max(1, Math.round((1000 * us) / 1000 / best));
}

let sink = 0;
let sequence = 0;

function operation(tracer: Tracer, rounds: number): void {
  const n = sequence++;
  const root = tracer.startSpan("agent.run", { attributes: { "agent.name": "estimate-agent", priority: "normal", "request.id": `r-${n}`, "session.id": "s" } }, ROOT_CONTEXT);
  const ctx = trace.setSpan(ROOT_CONTEXT, root);
  const names = ["memory.lookup", "llm.call", "tool.call"];
  for (const name of names) {
    const attributes: Record<string, string | number> = { component: name, step: n & 7, model: "gpt-4o", "tokens.input": 75 };
    if (name === "llm.call") attributes["llm.prompt"] = `${PROMPT.slice(0, 290)}${n}`;
    const span = tracer.startSpan(name, { attributes }, ctx);
    sink ^= burn(rounds);
    span.setAttribute("result.size", n & 1023);
    span.end();
  }
  root.end();
}

const cpuUs = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
const immediate = () => new Promise<void>((resolve) => setImmediate(resolve));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];

describe("live overhead estimate", () => {
  let collector: DiscardCollector;
  let on: TelemetryRuntime;
  let off: TelemetryRuntime;

  beforeAll(async () => {
    collector = await startDiscardCollector();
    on = createTelemetryRuntime({ sampleRate: 1, otlpEndpoint: collector.url });
    off = createTelemetryRuntime({ enabled: false, otlpEndpoint: collector.url });
  });

  afterAll(async () => {
    await on.shutdown();
    await off.shutdown();
    await collector.close();
  });

  it("agrees with an interleaved A/B measurement of process CPU within a factor of 2", async () => {
    const rounds = roundsFor(50); // per child span: ~150 us of work per operation
    const arms = { on: on.tracerProvider.getTracer("estimate"), off: off.tracerProvider.getTracer("estimate") };
    for (let i = 0; i < 300; i++) {
      operation(arms.on, rounds);
      operation(arms.off, rounds);
    }
    await on.flush();

    // The A/B reference itself can come out unresolved on a busy machine (telemetry's share
    // smaller than the noise between blocks: a zero or negative difference). Only then is the
    // phase measured again, at most three times; the estimate is never what decides a retry.
    let phase = await measurePhase(arms, rounds);
    const reports = [phase.report];
    for (let attempt = 1; attempt < 3 && phase.telemetryPerOp <= 0; attempt++) {
      phase = await measurePhase(arms, rounds);
      reports.push(phase.report);
    }
    const { telemetryPerOp, abShare, live } = phase;
    const report = reports.join("; then ");
    expect(sink).not.toBeNaN();
    expect(telemetryPerOp, report).toBeGreaterThan(0);
    expect(live, report).toBeDefined();
    const usRatio = (live?.usPerOp ?? 0) / telemetryPerOp;
    const shareRatio = (live?.percent ?? 0) / abShare;
    expect(usRatio, report).toBeGreaterThan(1 / TOLERANCE);
    expect(usRatio, report).toBeLessThan(TOLERANCE);
    expect(shareRatio, report).toBeGreaterThan(1 / TOLERANCE);
    expect(shareRatio, report).toBeLessThan(TOLERANCE);
  }, 60_000);

  /** One interleaved phase: A/B telemetry CPU per operation and share, and the live estimate at its end. */
  async function measurePhase(arms: Record<"on" | "off", Tracer>, rounds: number) {
    const perOp: Record<"on" | "off", number[]> = { on: [], off: [] };
    let opsOn = 0;
    const phaseStartCpu = cpuUs();
    const phaseStart = performance.now();
    for (let block = 0; performance.now() - phaseStart < PHASE_MS; block++) {
      for (const arm of block % 2 === 0 ? (["on", "off"] as const) : (["off", "on"] as const)) {
        const c0 = cpuUs();
        const t0 = performance.now();
        let ops = 0;
        while (performance.now() - t0 < BLOCK_MS) {
          operation(arms[arm], rounds);
          ops++;
          await immediate();
        }
        if (arm === "on") {
          await on.flush();
          opsOn += ops;
        }
        perOp[arm].push((cpuUs() - c0) / ops);
      }
    }
    const phaseCpu = cpuUs() - phaseStartCpu;
    const live = on.snapshot().overhead;
    const telemetryPerOp = median(perOp.on) - median(perOp.off);
    const abShare = (100 * telemetryPerOp * opsOn) / phaseCpu;
    const report = `A/B ${telemetryPerOp.toFixed(1)} us/op (${abShare.toFixed(1)}% of process CPU); live ${live?.usPerOp.toFixed(1)} us/op (${live?.percent.toFixed(1)}%)`;
    return { telemetryPerOp, abShare, live, report };
  }
});
