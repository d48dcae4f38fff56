"use client";
/** What a run was asked to do, its state and how long it took (or has been running). */
import type { BenchmarkRun } from "../../server/benchmark/benchmark-contract";
import { WORKLOAD_LABELS } from "../../server/benchmark/benchmark-contract";
import { formatPercent } from "./benchmark-format";

const STATE: Record<BenchmarkRun["state"], { label: string; tone: string }> = {
  running: { label: "Running", tone: "bg-blue-100 text-blue-900 dark:bg-blue-950 dark:text-blue-200" },
  done: { label: "Finished", tone: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200" },
  cancelled: { label: "Cancelled", tone: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200" },
  failed: { label: "Failed", tone: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200" },
};

/** The one-line reading of a finished run: the dearest configuration, and the noise when measured. */
function takeaway(run: BenchmarkRun): string | null {
  const rows = run.results;
  if (!rows || rows.length === 0) return null;
  const dearest = rows.reduce((a, b) => (b.overheadPercent > a.overheadPercent ? b : a));
  const noise = rows.find((r) => r.name === "disabled");
  const dropped = rows.filter((r) => r.droppedSpans > 0).map((r) => r.name);
  return [
    `Highest overhead: ${dearest.name} at ${formatPercent(dearest.overheadPercent)}.`,
    noise ? `Noise on this machine (the “disabled” row): ${formatPercent(noise.overheadPercent)}.` : "",
    dropped.length ? `Spans dropped in: ${dropped.join(", ")}.` : "No spans dropped.",
  ]
    .filter(Boolean)
    .join(" ");
}

function duration(run: BenchmarkRun): string | null {
  if (!run.finishedAt) return null;
  const s = (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000;
  return s < 60 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

export function RunSummary({ run }: { run: BenchmarkRun }) {
  const state = STATE[run.state];
  const took = duration(run);
  return (
    <div className="flex flex-col gap-1 text-sm" data-testid="benchmark-run-summary">
      <div className="flex flex-wrap items-center gap-2">
        <span data-testid="benchmark-state" className={`rounded px-1.5 py-0.5 text-xs font-semibold ${state.tone}`}>
          {state.label}
        </span>
        <span className="font-medium">Run {run.id}</span>
        <span className="text-xs text-slate-500 dark:text-slate-400">
          started {new Date(run.startedAt).toLocaleTimeString()}
          {took && ` · took ${took}`}
        </span>
      </div>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        {run.request.configurations.join(", ")} · {WORKLOAD_LABELS[run.request.workload]} · {run.request.iterations.toLocaleString("en-US")} iterations (+
        {run.request.warmupIterations.toLocaleString("en-US")} warm-up) each
      </p>
      {run.state === "failed" && run.error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-800 dark:bg-red-950 dark:text-red-200">
          The benchmark failed: {run.error}
        </p>
      )}
      {run.state === "done" && <p data-testid="benchmark-takeaway">{takeaway(run)}</p>}
      {run.state === "cancelled" && <p className="text-xs text-slate-600 dark:text-slate-400">Cancelled before it finished: no results.</p>}
    </div>
  );
}
