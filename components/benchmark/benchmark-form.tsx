"use client";
/**
 * What to benchmark: the configurations (the guide's four preselected), the workload and the
 * iterations. Checked with the shared request schema before sending, so a mistake is explained
 * at once (noValidate: our sentence, not the browser's bubble); the server checks again.
 * Disabled for viewers and while a run is in progress.
 */
import { useId, useState } from "react";
import {
  BENCHMARK_CONFIGURATION_NAMES,
  BENCHMARK_WORKLOADS,
  benchmarkRequestSchema,
  GUIDE_CONFIGURATION_NAMES,
  ITERATION_BOUNDS,
  WORKLOAD_LABELS,
  type BenchmarkConfigurationName,
  type BenchmarkRequest,
  type BenchmarkWorkloadName,
} from "../../server/benchmark/benchmark-contract";
import { CONFIGURATION_HINTS } from "./benchmark-labels";

const INPUT = "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-950 disabled:opacity-60";
const LABEL = "flex flex-col gap-1 text-xs font-medium text-slate-700 dark:text-slate-300";

interface Props {
  disabled: boolean;
  onRun: (request: BenchmarkRequest) => void;
}

export function BenchmarkForm({ disabled, onRun }: Props) {
  const [chosen, setChosen] = useState<Set<BenchmarkConfigurationName>>(() => new Set(GUIDE_CONFIGURATION_NAMES));
  const [workload, setWorkload] = useState<BenchmarkWorkloadName>("cpu-1ms");
  const [iterations, setIterations] = useState("1000");
  const [warmup, setWarmup] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();

  const toggle = (name: BenchmarkConfigurationName) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (!next.delete(name)) next.add(name);
      return next;
    });

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const parsed = benchmarkRequestSchema.safeParse({
      // In the page's order, not the order of clicks.
      configurations: BENCHMARK_CONFIGURATION_NAMES.filter((n) => chosen.has(n)),
      workload,
      iterations: iterations.trim() === "" ? Number.NaN : Number(iterations),
      ...(warmup.trim() === "" ? {} : { warmupIterations: Number(warmup) }),
    });
    if (!parsed.success) {
      setProblem(parsed.error.issues.map((i) => i.message).join("; "));
      return;
    }
    setProblem(null);
    onRun(parsed.data);
  };

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4" aria-describedby={problem ? "benchmark-form-problem" : undefined}>
      <fieldset disabled={disabled} className="flex flex-col gap-1.5">
        <legend className="mb-1 text-sm font-semibold">Configurations</legend>
        {BENCHMARK_CONFIGURATION_NAMES.map((name, i) => (
          // Named by the configuration alone; the hint is its description.
          <label key={name} className="flex items-baseline gap-2 text-sm">
            <input
              type="checkbox"
              checked={chosen.has(name)}
              onChange={() => toggle(name)}
              aria-labelledby={`${id}-name-${i}`}
              aria-describedby={`${id}-hint-${i}`}
              className="h-4 w-4 translate-y-0.5 accent-blue-600"
            />
            <span id={`${id}-name-${i}`} className="font-medium">
              {name}
            </span>
            <span id={`${id}-hint-${i}`} className="text-xs text-slate-500 dark:text-slate-400">
              {CONFIGURATION_HINTS[name]}
            </span>
          </label>
        ))}
      </fieldset>
      <fieldset disabled={disabled} className="flex flex-wrap items-end gap-3">
        <legend className="sr-only">Workload and iterations</legend>
        <label className={LABEL}>
          Workload
          <select className={INPUT} value={workload} onChange={(e) => setWorkload(e.currentTarget.value as BenchmarkWorkloadName)}>
            {BENCHMARK_WORKLOADS.map((w) => (
              <option key={w} value={w}>
                {WORKLOAD_LABELS[w]}
              </option>
            ))}
          </select>
        </label>
        <label className={LABEL}>
          Iterations per configuration
          <input
            type="number"
            inputMode="numeric"
            min={ITERATION_BOUNDS.min}
            max={ITERATION_BOUNDS.max}
            className={`${INPUT} w-32 font-mono`}
            value={iterations}
            onChange={(e) => setIterations(e.currentTarget.value)}
          />
        </label>
        <label className={LABEL}>
          Warm-up iterations
          <input
            type="number"
            inputMode="numeric"
            min={0}
            placeholder="auto"
            className={`${INPUT} w-28 font-mono`}
            value={warmup}
            onChange={(e) => setWarmup(e.currentTarget.value)}
          />
        </label>
        <button
          type="submit"
          className="rounded-md bg-blue-700 px-4 py-1.5 text-sm font-semibold text-white hover:bg-blue-800 disabled:cursor-not-allowed disabled:bg-slate-400 dark:disabled:bg-slate-600"
        >
          Run benchmark
        </button>
      </fieldset>
      <p className="text-xs text-slate-500 dark:text-slate-400">
        {ITERATION_BOUNDS.min.toLocaleString("en-US")}–{ITERATION_BOUNDS.max.toLocaleString("en-US")} iterations; warm-up “auto” is 10 % of them (at most 100). Runs in a
        separate process on the same machine as the server (so the live dashboard keeps its pace), on private runtimes whose spans go to a discard collector.
      </p>
      {problem && (
        <p id="benchmark-form-problem" role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          {problem}
        </p>
      )}
    </form>
  );
}
