/**
 * The guide's "Benchmarking Your Configuration", from the command line:
 *
 *   npm run bench:config -- [--iterations 1000] [--warmup 100] [--workload cpu-1ms|spans-only|agent-50ms]
 *
 * Runs the four guide configurations (disabled, 1%, 10%, 100% sampling) side by side with
 * benchmarkConfiguration and prints one row per configuration. Workloads (all the benchmark's
 * agent-shaped operation: a root and three children, a 300-character prompt):
 *   cpu-1ms     ~1 ms of CPU work inside the spans (default)
 *   spans-only  the spans and nothing else (telemetry cost at its most visible)
 *   agent-50ms  the guide's 50 ms agent run (awaited timers + a little CPU); slow: ~50 ms per iteration
 */
import { z } from "zod";
import { benchmarkConfiguration, GUIDE_CONFIGURATIONS, type ConfigurationResult } from "../server/telemetry/measure/benchmark-configuration";
import { BENCHMARK_WORKLOADS } from "../server/benchmark/benchmark-contract";
import { benchmarkWorkload } from "../server/benchmark/benchmark-workloads";

const argsSchema = z
  .object({
    iterations: z.number().int().min(1).max(1_000_000),
    warmup: z.number().int().min(0).max(1_000_000),
    workload: z.enum(BENCHMARK_WORKLOADS),
  })
  .strict();

function parseArgs(argv: string[]): z.infer<typeof argsSchema> {
  const raw: Record<string, unknown> = { iterations: 1000, warmup: 100, workload: "cpu-1ms" };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const next = argv[++i];
    if (flag === "--iterations" || flag === "--warmup") raw[flag.slice(2)] = Number(next);
    else if (flag === "--workload") raw.workload = next;
    else throw new Error(`unknown option ${flag} (use --iterations N, --warmup N, --workload cpu-1ms|spans-only|agent-50ms)`);
  }
  const parsed = argsSchema.safeParse(raw);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; "));
  return parsed.data;
}

function table(rows: ConfigurationResult[]): string {
  const header = ["Configuration", "Overhead %", "P50 ms", "P99 ms", "Memory MB", "Exported", "Dropped"];
  const body = rows.map((r) => [
    r.name,
    r.overheadPercent.toFixed(2),
    r.p50Ms.toFixed(3),
    r.p99Ms.toFixed(3),
    r.memoryMb.toFixed(2),
    String(r.exportedSpans),
    String(r.droppedSpans),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n");
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  process.stderr.write(`benchmarking ${GUIDE_CONFIGURATIONS.map((c) => c.name).join(", ")} on "${args.workload}", ${args.iterations} iterations (+${args.warmup} warm-up) each\n`);
  let lastPercent = -1;
  const results = await benchmarkConfiguration({
    configurations: GUIDE_CONFIGURATIONS,
    workload: benchmarkWorkload(args.workload),
    iterations: args.iterations,
    warmupIterations: args.warmup,
    onProgress: ({ configuration, done, total }) => {
      // A live line on a terminal; every 10% on its own line when piped.
      const step = process.stderr.isTTY ? 1 : 10;
      const percent = Math.floor((100 * done) / total / step) * step;
      if (percent === lastPercent) return;
      lastPercent = percent;
      const text = `  ${String(percent).padStart(3)}%  ${configuration}`;
      process.stderr.write(process.stderr.isTTY ? `\r${text.padEnd(48)}` : `${text}\n`);
    },
  });
  if (process.stderr.isTTY) process.stderr.write("\n");
  process.stdout.write(`${table(results)}\n`);
  process.stdout.write(
    "Overhead: cost per iteration (latency + export CPU) against the same workload on a runtime with telemetry disabled, " +
      "compared block by block in interleaved rounds (median over rounds). On a busy machine, compare with the 'disabled' row: it is the noise.\n",
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
