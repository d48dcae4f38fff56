"use client";
/** One row per configuration of the last finished run, with the units in the headers. */
import type { BenchmarkResultRow } from "../../server/benchmark/benchmark-contract";
import { describeSampling, formatCount, formatMb, formatMs, formatPercent } from "./benchmark-format";

const COLUMNS = [
  { label: "Configuration", title: undefined },
  { label: "Overhead (%)", title: "Cost per iteration compared with the same workload with telemetry disabled" },
  { label: "p50 latency (ms)", title: "Median time of one iteration" },
  { label: "p99 latency (ms)", title: "99th percentile time of one iteration" },
  { label: "Memory (MB)", title: "Peak memory held by queued and in-flight spans" },
  { label: "Exported (spans)", title: "Spans exported during the measured iterations" },
  { label: "Dropped (spans)", title: "Spans dropped during the measured iterations" },
] as const;

export function BenchmarkResultsTable({ rows }: { rows: BenchmarkResultRow[] }) {
  return (
    <div className="overflow-x-auto">
      <table data-testid="benchmark-results" className="w-full min-w-[640px] border-collapse text-sm">
        <caption className="sr-only">Benchmark results per configuration</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs text-slate-600 dark:border-slate-700 dark:text-slate-400">
            {COLUMNS.map((c, i) => (
              <th key={c.label} scope="col" title={c.title} className={`px-2 py-2 font-medium ${i === 0 ? "" : "text-right"}`}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {rows.map((r) => (
            <tr key={r.name} data-testid="benchmark-row" data-configuration={r.name} className="tabular-nums">
              <th scope="row" className="px-2 py-2 text-left font-medium">
                {r.name}
                <span className="block text-xs font-normal text-slate-500 dark:text-slate-400">{describeSampling(r.enabled, r.sampleRate)}</span>
              </th>
              <td className="px-2 py-2 text-right font-mono" data-column="overhead">
                {formatPercent(r.overheadPercent)}
              </td>
              <td className="px-2 py-2 text-right font-mono">{formatMs(r.p50Ms)}</td>
              <td className="px-2 py-2 text-right font-mono">{formatMs(r.p99Ms)}</td>
              <td className="px-2 py-2 text-right font-mono">{formatMb(r.memoryMb)}</td>
              <td className="px-2 py-2 text-right font-mono" data-column="exported">
                {formatCount(r.exportedSpans)}
              </td>
              <td className={`px-2 py-2 text-right font-mono ${r.droppedSpans > 0 ? "font-semibold text-red-700 dark:text-red-300" : ""}`}>{formatCount(r.droppedSpans)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
