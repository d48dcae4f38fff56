"use client";
/** The running benchmark: a progress bar over the whole run and what it is doing right now. */
import type { BenchmarkRun } from "../../server/benchmark/benchmark-contract";

export function BenchmarkProgress({ run }: { run: BenchmarkRun }) {
  const p = run.progress;
  const percent = p ? Math.round(p.percent) : 0;
  return (
    <div className="flex flex-col gap-1.5" data-testid="benchmark-progress">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">{p ? `${percent} % done` : "Starting (calibrating the workload)…"}</span>
        {p && (
          <span className="text-xs text-slate-600 tabular-nums dark:text-slate-400">
            {p.phase === "warmup" ? "Warming up" : "Measuring"} · configuration {p.configurationIndex + 1} of {p.configurationCount} ({p.configuration}) · iteration{" "}
            {p.iteration.toLocaleString("en-US")} of {p.iterationsPerConfiguration.toLocaleString("en-US")}
          </span>
        )}
      </div>
      <div
        role="progressbar"
        aria-label="Benchmark progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent} %`}
        className="h-3 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
      >
        <div className="h-full bg-blue-600 dark:bg-blue-500" style={{ width: `${percent}%` }} />
      </div>
      <p className="text-xs text-slate-500 dark:text-slate-400">
        Configurations run interleaved, block by block, next to a baseline with telemetry disabled (counted as the last configuration).
      </p>
    </div>
  );
}
