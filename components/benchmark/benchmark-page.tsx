"use client";
/**
 * /benchmark: the guide's "Benchmarking Your Configuration", run from the browser, in a separate process on the server's machine.
 * The status is polled (GET /api/benchmark) every second while a run is in progress and every
 * few seconds otherwise, so a run started elsewhere, its progress and its results show up here,
 * also after a reload. Viewers see everything; only operators start or cancel a run.
 */
import { useState } from "react";
import type { BenchmarkRequest } from "../../server/benchmark/benchmark-contract";
import { Panel } from "../dashboard/panel";
import { usePolled } from "../drills/use-polled";
import { ToastRegion } from "../feedback/toast-region";
import { useToasts } from "../feedback/use-toasts";
import { useControlSession } from "../history/use-control-session";
import { SessionPageHeader } from "../nav/page-header";
import { cancelBenchmark, fetchBenchmarkStatus, startBenchmark } from "./benchmark-api";
import { BenchmarkForm } from "./benchmark-form";
import { BenchmarkProgress } from "./benchmark-progress";
import { BenchmarkResultsTable } from "./benchmark-results-table";
import { OverheadBarChart } from "./overhead-bar-chart";
import { RunSummary } from "./run-summary";

const POLL_RUNNING_MS = 1000;
const POLL_IDLE_MS = 5000;

export function BenchmarkPage() {
  const session = useControlSession();
  const [busy, setBusy] = useState(false);
  const [pollFast, setPollFast] = useState(false);
  const { toasts, push, dismiss } = useToasts();
  const status = usePolled(fetchBenchmarkStatus, pollFast ? POLL_RUNNING_MS : POLL_IDLE_MS);
  const run = status.value?.run ?? null;
  const running = run?.state === "running";
  if (running !== pollFast && status.value) setPollFast(running);

  const canOperate = session.connection === "connected" && session.role === "operator";
  const readOnlyReason =
    session.role === "viewer" ? "Read-only: open the sign-in URL printed when the server started to run benchmarks." : session.connection === "offline" ? "Offline: benchmarks cannot be started right now." : null;

  const act = async (what: () => Promise<{ ok: boolean; error?: string }>, failure: string) => {
    setBusy(true);
    const r = await what();
    setBusy(false);
    status.refresh();
    if (!r.ok) push("error", `${failure}: ${r.error}`);
  };
  const onRun = (request: BenchmarkRequest) => {
    void act(() => startBenchmark(request), "The benchmark did not start");
  };

  return (
    <>
      <SessionPageHeader session={session} title="Benchmark" subtitle="telemetry configurations side by side on one workload" testIdPrefix="benchmark" />
      <main className="mx-auto flex max-w-[1600px] flex-col gap-4 px-4 py-4 md:px-6">
        {readOnlyReason && (
          <p data-testid="benchmark-read-only" className="rounded-lg border border-slate-200 bg-white px-4 py-2 text-sm text-slate-700 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-300">
            {readOnlyReason}
          </p>
        )}
        {status.error && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
            Could not read the benchmark status: {status.error}
          </p>
        )}
        <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
          <Panel id="benchmark-setup" title="Set up a run">
            <BenchmarkForm disabled={!canOperate || running || busy} onRun={onRun} />
          </Panel>
          <Panel
            id="benchmark-status"
            title="Run"
            aside={
              running && (
                <button
                  type="button"
                  disabled={!canOperate || busy}
                  onClick={() => void act(cancelBenchmark, "Could not cancel")}
                  className="rounded-md border border-slate-300 px-3 py-1 text-sm font-medium hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-50 dark:border-slate-600 dark:hover:bg-slate-800"
                >
                  Cancel run
                </button>
              )
            }
          >
            {run === null ? (
              <p className="text-sm text-slate-500 dark:text-slate-400">{status.value ? "No benchmark has run since the server started." : "Loading…"}</p>
            ) : (
              <div className="flex flex-col gap-3">
                <RunSummary run={run} />
                {running && <BenchmarkProgress run={run} />}
              </div>
            )}
          </Panel>
        </div>
        {run?.results && (
          <Panel id="benchmark-results" title={`Results of run ${run.id}`}>
            <div className="flex flex-col gap-6">
              <BenchmarkResultsTable rows={run.results} />
              <div>
                <h3 className="mb-1 text-sm font-semibold">
                  Overhead per configuration <span className="font-normal text-slate-500 dark:text-slate-400">(%)</span>
                </h3>
                <OverheadBarChart rows={run.results} />
              </div>
            </div>
          </Panel>
        )}
      </main>
      <ToastRegion toasts={toasts} onDismiss={dismiss} />
    </>
  );
}
