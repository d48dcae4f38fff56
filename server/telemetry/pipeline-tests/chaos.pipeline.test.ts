/**
 * Chaos: for a few seconds, bursts of spans (some long-lived across changes), the receiver
 * toggled at random between healthy, outage, hang, reset, slow and flaky, and a random valid
 * config change every 100 ms touching every pipeline key (plus the odd invalid one, which must
 * change nothing). Choices come from a seeded PRNG; timing is the machine's.
 *
 * At the end the receiver is healed and the pipeline flushed; then, EXACTLY: the accounting
 * invariant holds, nothing is queued, in flight or active, and every exported span is in one
 * destination (collector, span file or console), every fallback span in the fallback file.
 *
 * Collector vs exported: the receiver counts a request's spans when it writes the 200. If the
 * client gave up on that request at the same moment (its export timeout fired while a hung or
 * delayed request was being released), the spans are received but the batch is exportFailed, or
 * retried and received twice. So the check is: unique spans received >= spans exported over OTLP,
 * and every extra one is among exportFailed; duplicates and lost answers are counted and reported.
 */
import { ROOT_CONTEXT, type Span } from "@opentelemetry/api";
import { afterEach, describe, expect, it } from "vitest";
import { readOtlpJsonLines, seededRandom } from "../test-support";
import { balanced, burst, fates, settle, sleep, startPipeline, watch, type Pipeline } from "./pipeline-harness";

let p: Pipeline | undefined;
afterEach(async () => {
  await p?.close();
  p = undefined;
});

const CHAOS_MS = 4000;
/** TRACETUNE_CHAOS_SEED replays another seed (to reproduce a failure seen elsewhere). */
const SEED = Number(process.env.TRACETUNE_CHAOS_SEED ?? 0x7ace);

const BREAKER = { failureThreshold: 0.5, timeoutDuration: 0.3, halfOpenRequests: 2, windowSize: 6, minimumRequests: 3 };
const DYNAMIC = { minBatchSize: 5, maxBatchSize: 400, minIntervalMs: 10, maxIntervalMs: 300, targetQueueUtilization: 0.5 };

/** Every pipeline key, several valid values each. `otlp` is listed often so the collector stays busy. */
const PATCHES: Record<string, unknown>[] = [
  { batchSize: 1 }, { batchSize: 20 }, { batchSize: 200 }, { batchSize: 2000 },
  { exportIntervalMs: 10 }, { exportIntervalMs: 60 }, { exportIntervalMs: 400 },
  { maxQueueSize: 50 }, { maxQueueSize: 400 }, { maxQueueSize: 4000 },
  { queueOverflowStrategy: "drop_oldest" }, { queueOverflowStrategy: "drop_newest" }, { queueOverflowStrategy: "block" },
  { queueWarningThreshold: 0.3 }, { queueWarningThreshold: 0.9 },
  { dynamicBatching: DYNAMIC }, { dynamicBatching: null },
  { attributeProcessors: [{ type: "limiter", maxLength: 16, maxArrayItems: 2, truncateMarker: "~" }] }, { attributeProcessors: [] },
  { attributeFilters: [{ action: "remove", pattern: "^secret\\." }] }, { attributeFilters: [] },
  { exporterType: "otlp" }, { exporterType: "otlp" }, { exporterType: "otlp" }, { exporterType: "otlp" },
  { exporterType: "file" }, { exporterType: "none" }, { exporterType: "console" },
  { otlpProtocol: "http/json" }, { otlpProtocol: "http/protobuf" },
  { otlpCompression: "gzip" }, { otlpCompression: "none" }, { compressionLevel: 1 }, { compressionLevel: 9 },
  { asyncExport: false }, { asyncExport: true }, { asyncExport: true },
  { exportTimeoutMs: 300 }, { exportTimeoutMs: 1000 },
  { maxExportAttempts: 1 }, { maxExportAttempts: 3 },
  { otlpConnectionPoolSize: 1 }, { otlpConnectionPoolSize: 4 }, { otlpConnectionPoolSize: 16 },
  { otlpKeepalive: false }, { otlpKeepalive: true, otlpKeepaliveTimeMs: 500 },
  { maxSpanAttributes: 2, maxSpanEvents: 1, maxSpanLinks: 0, maxAttributeLength: 8 },
  { maxSpanAttributes: 64, maxSpanEvents: 128, maxSpanLinks: 32, maxAttributeLength: 2048 },
  { circuitBreaker: null }, { circuitBreaker: BREAKER }, { circuitBreaker: { ...BREAKER, halfOpenRequests: 1, timeoutDuration: 0.2 } },
  // "console" fallback shares the console exporter's output; only fallbacks we can count apart.
  { fallbackAction: "disable" }, { fallbackAction: "local_file" },
  { sampleRate: 0.5 }, { sampleRate: 1 },
  { consolePrettyPrint: true }, { consolePrettyPrint: false },
  // The runtime's own export spans go through the same pipeline (and count like any other span).
  { includeInternalSpans: true }, { includeInternalSpans: false },
];
const ALL_KEYS = new Set(PATCHES.flatMap((patch) => Object.keys(patch)));
const INVALID: unknown[] = [{ batchSize: 0 }, { maxQueueSize: -1 }, { queueOverflowStrategy: "spill" }, { circuitBreaker: { failureThreshold: 2 } }, { bogusKey: 1 }];

const FAULTS: Record<string, unknown>[] = [
  { mode: "normal", errorRate: 0, latencyMs: 0 },
  { mode: "normal", errorRate: 0, latencyMs: 0 },
  { mode: "outage" },
  { mode: "outage" },
  { mode: "hang" },
  { mode: "hang" },
  { mode: "reset" },
  { mode: "reset" },
  { mode: "normal", errorRate: 0, latencyMs: 150 },
  { mode: "normal", errorRate: 0.3, errorStatus: 503, retryAfterSec: null },
  { mode: "normal", errorRate: 0.2, errorStatus: 400 },
  { mode: "normal", errorRate: 0.3, errorStatus: 429, retryAfterSec: 1 },
];

describe("chaos: random faults and config changes while spans flow (real HTTP)", () => {
  it("keeps exact accounting and delivers every exported span exactly where it says", async () => {
    const rand = seededRandom(SEED);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
    p = await startPipeline({ batchSize: 50, exportIntervalMs: 30, maxQueueSize: 2000, exportTimeoutMs: 600, maxExportAttempts: 2, circuitBreaker: BREAKER });
    const pl = p;
    const seen = new Map<string, number>();
    pl.receiver.onSpans((spans) => {
      for (const s of spans) seen.set(s.spanId, (seen.get(s.spanId) ?? 0) + 1);
    });
    const w = watch(pl.runtime);
    const tally = { applied: 0, refused: 0, faultChanges: 0, bursts: 0, longSpans: 0, faults: {} as Record<string, number> };
    const deadline = Date.now() + CHAOS_MS;
    // Runs CHAOS_MS, longer only if a slow machine has not yet dealt every patch once.
    let dealt = false;
    // A failing loop stops the others too, so a failed run cannot leave loops spinning.
    let failed = false;
    const done = () => failed || (Date.now() >= deadline && (dealt || touched.size === ALL_KEYS.size));
    const stopAllOnError = (loop: Promise<void>) =>
      loop.catch((e: unknown) => {
        failed = true;
        throw e;
      });
    const touched = new Set<string>();
    const shuffle = <T>(list: readonly T[]): T[] => {
      const out = [...list];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    };

    const producer = (async () => {
      const open: Span[] = [];
      let n = 0;
      while (!done()) {
        await Promise.race([pl.runtime.whenWritable(), sleep(100)]);
        const size = Math.floor(rand() * 150);
        burst(pl.tracer, size, "chaos", { "secret.key": "s3cr3t", "llm.model": "model-with-a-long-name", tags: ["a", "b", "c"] }, n);
        n += size;
        tally.bursts++;
        // A parent with children, and spans that stay open across the next changes.
        const parent = pl.tracer.startSpan("parent", {}, ROOT_CONTEXT);
        parent.addEvent("e1");
        parent.addEvent("e2");
        open.push(parent);
        tally.longSpans++;
        if (open.length > 5) open.shift()!.end();
        await sleep(5 + Math.floor(rand() * 20));
      }
      for (const s of open) s.end();
    })();

    // Patches are dealt from a seeded shuffle of the whole list, two per change, so every key is
    // touched at least once; a non-OTLP exporter is switched back to OTLP half the time.
    const configurer = (async () => {
      let deck: Record<string, unknown>[] = [];
      while (!done()) {
        await sleep(100);
        if (rand() < 0.08) {
          const before = pl.runtime.version;
          const r = pl.runtime.apply(pick(INVALID), { source: "code" });
          expect(r.status).toBe("failed");
          expect(pl.runtime.version).toBe(before);
          tally.refused++;
          continue;
        }
        if (deck.length < 2) {
          if (deck.length === 0 && tally.applied > 0) dealt = true;
          deck = [...deck, ...shuffle(PATCHES)];
        }
        const patch: Record<string, unknown> = { ...deck.shift(), ...deck.shift() };
        if (!("exporterType" in patch) && pl.runtime.config.exporterType !== "otlp" && rand() < 0.5) patch.exporterType = "otlp";
        // The schema wants batchSize <= maxQueueSize: keep the key the deck chose, adjust the other.
        const batch = (patch.batchSize as number | undefined) ?? pl.runtime.config.batchSize;
        const capacity = (patch.maxQueueSize as number | undefined) ?? pl.runtime.config.maxQueueSize;
        if (batch > capacity) {
          if ("maxQueueSize" in patch) patch.batchSize = capacity;
          else patch.maxQueueSize = batch;
        }
        // Known bug (internal-spans.pipeline.test.ts): internal spans with asyncExport off and the
        // console exporter starve the event loop, which would freeze this test; never combine them.
        const next = { ...pl.runtime.config, ...patch };
        if (next.includeInternalSpans && !next.asyncExport && next.exporterType === "console") patch.includeInternalSpans = false;
        const r = pl.runtime.apply(patch, { source: "code" });
        expect(r, JSON.stringify(patch)).toMatchObject({ status: "applied" });
        for (const k of Object.keys(patch)) touched.add(k);
        tally.applied++;
        balanced(pl.runtime, "after a config change");
      }
    })();

    const saboteur = (async () => {
      while (!done()) {
        await sleep(100 + Math.floor(rand() * 200));
        const f = pick(FAULTS);
        expect(pl.receiver.setFaults(f).ok).toBe(true);
        const key = `${f.mode}${f.latencyMs ? "+latency" : ""}${f.errorRate ? `+${f.errorStatus}` : ""}`;
        tally.faults[key] = (tally.faults[key] ?? 0) + 1;
        tally.faultChanges++;
      }
    })();

    await Promise.all([producer, configurer, saboteur].map(stopAllOnError));

    // Heal, and make the last drain quick; the rest of the chaos config stays as it is.
    pl.receiver.setFaults({ mode: "normal", errorRate: 0, latencyMs: 0, retryAfterSec: null });
    // includeInternalSpans off: with it on, every export makes a span that needs an export, so an
    // idle pipeline never empties (internal-spans.pipeline.test.ts shows it).
    const heal = { batchSize: Math.min(500, pl.runtime.config.maxQueueSize), asyncExport: true, otlpConnectionPoolSize: 8, exportTimeoutMs: 2000, includeInternalSpans: false };
    expect(pl.runtime.apply(heal, { source: "code" })).toMatchObject({ status: "applied" });
    const end = await settle(pl.runtime, 30_000);
    const report = w.stop();

    expect(report.violations).toEqual([]);
    const s = balanced(pl.runtime, "after the chaos");
    expect(s.spans).toMatchObject({ queued: 0, inFlight: 0, active: 0 });
    expect(end.spans.started).toBeGreaterThan(1000);

    const received = pl.receiver.stats().spansReceived;
    const unique = seen.size;
    const duplicates = received - unique;
    const inFile = readOtlpJsonLines(pl.filePath).length;
    const inFallbackFile = readOtlpJsonLines(pl.fallbackFilePath).length;
    const printed = pl.consoleSpans();
    const exportedOverOtlp = s.spans.exported - inFile - printed;
    const lostAnswers = unique - exportedOverOtlp;

    const summary = {
      seed: SEED,
      ...fates(s),
      collectorReceived: received,
      collectorUnique: unique,
      duplicates,
      lostAnswers,
      exportedOverOtlp,
      exportedToFile: inFile,
      exportedToConsole: printed,
      fallbackFile: inFallbackFile,
      retries: s.export.retries,
      batches: s.export.batches,
      events: Object.fromEntries(
        ["breaker_open", "breaker_half_open", "breaker_closed", "queue_warning", "queue_recovered", "export_failed", "config_applied", "config_rejected"].map((t) => [
          t,
          pl.events.filter((e) => e.type === t).length,
        ]),
      ),
      ...tally,
      snapshotsChecked: report.snapshots,
    };
    console.log(`[chaos] ${JSON.stringify(summary)}`);

    expect(tally.applied).toBeGreaterThan(20);
    expect(summary.events.config_rejected).toBe(tally.refused);
    expect([...ALL_KEYS].filter((k) => !touched.has(k))).toEqual([]);
    expect(s.spans.fallback).toBe(inFallbackFile);
    expect(received).toBe([...seen.values()].reduce((a, b) => a + b, 0));
    expect(exportedOverOtlp).toBeGreaterThanOrEqual(0);
    // Every span the runtime calls exported over OTLP reached the collector...
    expect(unique).toBeGreaterThanOrEqual(exportedOverOtlp);
    // ...and every extra one the collector has is a span whose answer was lost (exportFailed).
    expect(lostAnswers).toBeLessThanOrEqual(s.spans.exportFailed);
  }, 60_000);
});
