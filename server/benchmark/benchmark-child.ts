/**
 * The process a dashboard benchmark runs in (forked by benchmark-runner.ts): waits for one
 * `start` message, runs benchmarkConfiguration on it, reports progress and then the result (or
 * the error) over IPC, and exits. Its own event loop and heap: the server's socket.io traffic,
 * live workload and exports neither slow it down nor get slowed down by it.
 *
 * Exits when the parent goes away (IPC closed), so a crashed server leaves no orphan behind.
 */
import { BASELINE_ARM, benchmarkConfiguration, type ConfigurationResult } from "../telemetry";
import { BASELINE_LABEL, benchmarkChildStartSchema, type BenchmarkChildMessage, type BenchmarkChildStart, type BenchmarkResultRow } from "./benchmark-contract";
import { benchmarkWorkload } from "./benchmark-workloads";

function send(message: BenchmarkChildMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

function toRow(r: ConfigurationResult): BenchmarkResultRow {
  return {
    name: r.name,
    enabled: r.config.enabled,
    sampleRate: r.config.sampleRate,
    overheadPercent: r.overheadPercent,
    latencyMs: r.latencyMs,
    p50Ms: r.p50Ms,
    p99Ms: r.p99Ms,
    memoryMb: r.memoryMb,
    exportedSpans: r.exportedSpans,
    droppedSpans: r.droppedSpans,
  };
}

async function run(start: BenchmarkChildStart): Promise<void> {
  const results = await benchmarkConfiguration({
    configurations: start.configurations,
    workload: benchmarkWorkload(start.workload),
    iterations: start.iterations,
    warmupIterations: start.warmupIterations,
    onProgress: (p) =>
      void send({
        type: "progress",
        progress: {
          percent: (100 * p.done) / p.total,
          configuration: p.configuration === BASELINE_ARM ? BASELINE_LABEL : p.configuration,
          configurationIndex: p.configurationIndex,
          configurationCount: p.configurationCount,
          iteration: p.iteration,
          iterationsPerConfiguration: p.iterationsPerConfiguration,
          phase: p.phase,
        },
      }),
  });
  await send({ type: "result", results: results.map(toRow) });
}

process.once("message", (raw: unknown) => {
  const parsed = benchmarkChildStartSchema.safeParse(raw);
  const job = parsed.success ? run(parsed.data) : Promise.reject(new Error(`bad start message: ${parsed.error.message}`));
  job
    .then(() => process.exit(0))
    .catch(async (e: unknown) => {
      await send({ type: "error", message: e instanceof Error ? e.message : String(e) });
      process.exit(1);
    });
});

process.on("disconnect", () => process.exit(0));
