/**
 * Comparative benchmark: the same agent-shaped workload through (a) no telemetry, (b) the
 * OpenTelemetry JS SDK pipeline (BatchSpanProcessor + OTLPTraceExporter, protobuf + gzip) and
 * (c) Tracetune, both exporting to one loopback receiver hosted here. Every measurement runs in
 * a fresh child process per pipeline and repetition, in rotating order (a/b/c interleaved).
 *
 *   npm run bench                 full run (~10 min on 2 cores)
 *   npm run bench -- --quick      quick run (< 2 min), same report, fewer and shorter samples
 *   options: --reps N, --only suite,memory,throughput, --no-write,
 *            --from-results (re-render BENCHMARKS.md from bench/results.json without measuring)
 *
 * Writes bench/results.json (raw samples + analysis + targets) and BENCHMARKS.md.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { startOtlpReceiverServer } from "../server/receiver";
import { calibrateRounds } from "./lib/agent-operation";
import { runChild } from "./lib/child-process";
import { HAS_THREAD_CPU } from "./lib/cpu-clock";
import { machineInfo } from "./lib/machine";
import type { PipelineKind, PipelineSettings } from "./lib/pipelines";
import type { SuiteParams } from "./lib/protocol";
import { measureSharedCosts, withTracetuneSerializeCost } from "./lib/shared-costs";
import { analyze } from "./report/analyze";
import { renderMarkdown } from "./report/markdown";
import type { MemoryRecord, RawResults, RunSettings, SuiteRecord } from "./report/raw-results";
import { evaluateTargets } from "./report/targets";
import type { MemoryResult } from "./scenarios/queued-memory";
import type { SuiteResult } from "./scenarios/suite";
import { searchThroughput, type SearchBounds } from "./scenarios/throughput-search";

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const PARTS = ["suite", "memory", "throughput"] as const;

const argsSchema = z.object({
  quick: z.boolean(),
  reps: z.number().int().min(1).max(50).optional(),
  only: z.array(z.enum(PARTS)).min(1),
  write: z.boolean(),
  fromResults: z.boolean(),
});

function parseArgs(argv: string[]) {
  const out: Record<string, unknown> = { quick: false, only: [...PARTS], write: true, fromResults: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--quick") out.quick = true;
    else if (a === "--no-write") out.write = false;
    else if (a === "--from-results") out.fromResults = true;
    else if (a === "--reps") out.reps = Number(argv[++i]);
    else if (a === "--only") out.only = (argv[++i] ?? "").split(",").filter(Boolean);
    else throw new Error(`unknown option ${a} (use --quick, --reps N, --only suite,memory,throughput, --no-write, --from-results)`);
  }
  const parsed = argsSchema.safeParse(out);
  if (!parsed.success) throw new Error(`bad options: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

const log = (line: string) => process.stdout.write(`${line}\n`);

const RESULTS_FILE = path.join(ROOT, "bench", "results.json");
const MARKDOWN_FILE = path.join(ROOT, "BENCHMARKS.md");

/** A results file we wrote earlier: checked for the parts the report reads, the rest trusted. */
const storedResultsSchema = z
  .object({
    generatedAt: z.string(),
    settings: z.object({ mode: z.enum(["quick", "full"]), sampleRates: z.array(z.number()) }).passthrough(),
    machine: z.object({ cpuModel: z.string(), cores: z.number() }).passthrough(),
    suites: z.array(z.unknown()),
    memory: z.array(z.unknown()),
    throughput: z.array(z.unknown()),
    sharedCosts: z.object({ serializeUsPerSpan: z.number() }).passthrough(),
  })
  .passthrough();

function writeReport(raw: RawResults, write: boolean): void {
  const analysis = analyze(raw);
  const targets = evaluateTargets(analysis, raw);
  const markdown = renderMarkdown(raw, analysis, targets);
  if (write) {
    fs.writeFileSync(RESULTS_FILE, `${JSON.stringify({ ...raw, analysis, targets }, null, 2)}\n`);
    fs.writeFileSync(MARKDOWN_FILE, markdown);
    log(`wrote bench/results.json and BENCHMARKS.md (${raw.durationSec} s)`);
  } else log(markdown);
  for (const t of targets) log(`  [${t.status.toUpperCase()}] ${t.target}: ${t.measured}`);
}

async function rerender(write: boolean): Promise<void> {
  const parsed = storedResultsSchema.safeParse(JSON.parse(fs.readFileSync(RESULTS_FILE, "utf8")));
  if (!parsed.success) throw new Error(`bench/results.json is not a benchmark result: ${parsed.error.issues[0]?.message}`);
  const { analysis: _analysis, targets: _targets, ...raw } = parsed.data as Record<string, unknown>;
  const results = raw as unknown as RawResults;
  results.sharedCosts = await withTracetuneSerializeCost(results.sharedCosts);
  writeReport(results, write);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.fromResults) return rerender(args.write);
  const quick = args.quick;
  const started = performance.now();
  const settings: RunSettings = {
    mode: quick ? "quick" : "full",
    repetitions: args.reps ?? (quick ? 2 : 4),
    batchSize: 2048,
    maxQueueSize: 16384,
    intervalMs: 2000,
    sampleRates: [0.1, 1],
    throughputProbes: quick ? { full: 3, tenth: 2 } : { full: 5, tenth: 4 },
    throughputWindowMs: quick ? 3000 : 10_000,
    memoryOperations: 2048,
    memoryRepetitions: quick ? 1 : 3,
  };
  const machine = machineInfo(HAS_THREAD_CPU ? "/proc/thread-self/schedstat (main thread only)" : "process.cpuUsage (no per-thread clock: app-thread = whole process)");
  log(`Tracetune benchmark (${settings.mode}) on ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}; load ${machine.loadAverageAtStart.join(" ")}`);
  if (machine.loadAverageAtStart[0] > machine.cores * 0.5) log(`  warning: the machine is busy (load ${machine.loadAverageAtStart[0]}); numbers will be noisier`);

  const server = await startOtlpReceiverServer({ port: 0 });
  const errors: string[] = [];
  const suites: SuiteRecord[] = [];
  const memory: MemoryRecord[] = [];
  let suiteParams: SuiteParams | null = null;
  const pipelineSettings = (sampleRate: number): PipelineSettings => ({
    sampleRate,
    endpoint: server.url,
    batchSize: settings.batchSize,
    maxQueueSize: settings.maxQueueSize,
    intervalMs: settings.intervalMs,
  });

  const partSeconds: Record<string, number> = {};
  let partStart = performance.now();
  const endPart = (name: string) => {
    partSeconds[name] = Math.round((performance.now() - partStart) / 1000);
    log(`${name}: ${partSeconds[name]} s`);
    partStart = performance.now();
  };

  try {
    if (args.only.includes("suite")) {
      suiteParams = {
        // Long enough for both pipelines' code to reach its optimized steady state (a service
        // runs for hours): with 1 s, encoding still ran 2-3x slower than it settles to.
        warmupMs: quick ? 1000 : 3000,
        cpuSpansPerSec: 10_000,
        cpuDurationMs: quick ? 1000 : 3000,
        // Each no-op baseline (before and after) as long as the measured phase: every window ends
        // with the same quiet tail (suite.ts), and only equal lengths give that tail the same
        // weight per operation. With 750 ms baselines, the no-telemetry arm's baselines read 2-9
        // us per operation more process CPU than its own measured phase; with 1.5 s and tails,
        // 8 us more main-thread CPU.
        baselineMs: quick ? 1000 : 3000,
        rounds1ms: calibrateRounds(1 / 3),
        // 32 pairs: with 16 the reference's figure swung 2.3-5.1 % between full runs (noise floor
        // +-2 %), so the ratio followed its noise; twice the blocks cut that by about 1.4x.
        op1msBlocks: quick ? 8 : 32,
        op1msPerBlock: quick ? 60 : 100,
        rounds50ms: calibrateRounds(0.1),
        run50Concurrency: 20,
        // 16 blocks of 0.5 s (8 s): the no-op tracer against itself scattered by 0.07% (sd) per
        // process, against 0.25% for the 1 + 2 + 1 s sandwich used before (suite.ts, phase 3).
        run50Blocks: quick ? 8 : 16,
        run50BlockMs: quick ? 250 : 500,
      };
      // (a) is the noise floor; a quick run skips it to stay short.
      const arms: [PipelineKind, number][] = [
        ...(quick ? [] : [["none", 1] as [PipelineKind, number]]),
        ["reference", 0.1],
        ["tracetune", 0.1],
        ["reference", 1],
        ["tracetune", 1],
      ];
      for (let rep = 0; rep < settings.repetitions; rep++) {
        const order = arms.map((_, i) => arms[(i + rep) % arms.length]);
        if (rep % 2 === 1) order.reverse();
        for (const [kind, rate] of order) {
          try {
            const r = await runChild<SuiteResult>({ scenario: "suite", pipeline: kind, settings: pipelineSettings(rate), params: suiteParams }, server.receiver);
            suites.push({ ...r, repetition: rep });
            log(
              `  suite rep ${rep + 1}/${settings.repetitions} ${kind} @${rate * 100}%: main ${(r.cpu.mainUs / Math.max(1, r.cpu.spans)).toFixed(2)} us/span, ` +
                `received ${r.cpu.received}/${r.cpu.ended}, 50ms-run mean ${r.run50.pipeline.meanMs.toFixed(2)} ms (no-op ${r.run50.baseline.meanMs.toFixed(2)} ms)`,
            );
          } catch (e) {
            errors.push(String(e));
            log(`  suite ${kind} @${rate * 100}% failed: ${String(e)}`);
          }
        }
      }
    }

    if (args.only.includes("suite")) endPart("suite");
    if (args.only.includes("memory")) {
      const kinds: PipelineKind[] = quick ? ["reference", "tracetune"] : ["none", "reference", "tracetune"];
      for (let rep = 0; rep < settings.memoryRepetitions; rep++) {
        for (const kind of kinds.map((_, i) => kinds[(i + rep) % kinds.length])) {
          try {
            const r = await runChild<MemoryResult>({ scenario: "memory", pipeline: kind, settings: pipelineSettings(1), operations: settings.memoryOperations }, server.receiver);
            memory.push({ ...r, repetition: rep });
            log(`  memory rep ${rep + 1} ${kind}: ${r.mbPer1000.toFixed(3)} MB per 1000 ${kind === "none" ? "spans created" : "queued spans"} (${r.queued} queued)`);
          } catch (e) {
            errors.push(String(e));
            log(`  memory ${kind} failed: ${String(e)}`);
          }
        }
      }
    }

    if (args.only.includes("memory")) endPart("memory");
    const throughput = [];
    if (args.only.includes("throughput")) {
      for (const rate of [1, 0.1]) {
        // Bounds from the suite when it ran: the rate at which the application thread would be
        // saturated by span work alone, from below 1/16 of it to 1.2x it.
        const bounds: Partial<Record<PipelineKind, SearchBounds>> = {};
        for (const kind of ["reference", "tracetune"] as const) {
          const runs = suites.filter((s) => s.pipeline === kind && s.sampleRate === rate);
          if (runs.length === 0) continue;
          const usPerSpan = runs.map((s) => s.cpu.mainUs / Math.max(1, s.cpu.spans)).sort((x, y) => x - y)[runs.length >> 1];
          const saturation = 1e6 / Math.max(0.5, usPerSpan);
          bounds[kind] = { low: Math.max(1000, Math.round(saturation / 16)), high: Math.round(saturation * 1.2) };
        }
        try {
          throughput.push(
            ...(await searchThroughput(
              ["reference", "tracetune"],
              pipelineSettings(rate),
              bounds,
              rate === 1 ? settings.throughputProbes.full : settings.throughputProbes.tenth,
              settings.throughputWindowMs,
              quick ? 400 : 800,
              server.receiver,
              log,
            )),
          );
        } catch (e) {
          errors.push(String(e));
          log(`  throughput @${rate * 100}% failed: ${String(e)}`);
        }
      }
    }

    if (args.only.includes("throughput")) endPart("throughput");
    const sharedCosts = await measureSharedCosts(settings.batchSize);
    const raw: RawResults = {
      generatedAt: new Date().toISOString(),
      durationSec: Math.round((performance.now() - started) / 1000),
      machine,
      loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100),
      settings,
      suiteParams,
      suites,
      memory,
      throughput,
      sharedCosts,
      partSeconds,
      errors,
    };
    writeReport(raw, args.write);
  } finally {
    await server.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
