"use client";
/**
 * The what-if readout: while a knob is moved (sample rate, batch size, interval, queue size), the
 * projected exported spans/s, bytes/s, queue peak and overhead at the new values next to now;
 * after an apply, what was projected next to what is actually measured.
 */
import { memo } from "react";
import { formatBytes, formatCount } from "../status/format";
import type { Projection } from "./projection";

export interface Figures {
  exportedPerSec: number | null;
  sentBytesPerSec: number | null;
  queueUtilization: number | null;
  overheadPercent: number | null;
}

export interface AppliedProjection {
  version: number;
  at: number;
  projected: Projection;
  /** What changed, e.g. "sample rate 10.0 %". */
  label: string;
}

interface Props {
  now: Figures | null;
  /** Set while a knob differs from the running config. */
  projected: Projection | null;
  proposedLabel: string | null;
  lastApplied: AppliedProjection | null;
  /** Seconds until the measured rates reflect an apply (their averaging windows). */
  settleSec: number;
  clock: number;
}

const COLUMNS = [
  { key: "exportedPerSec", label: "Exported", unit: "spans/s", format: (v: number) => formatCount(v) },
  { key: "sentBytesPerSec", label: "Sent", unit: "per s", format: (v: number) => formatBytes(v) },
  { key: "queueUtilization", label: "Queue peak", unit: "of capacity", format: (v: number) => `${(v * 100).toFixed(v < 0.1 ? 1 : 0)} %` },
  { key: "overheadPercent", label: "Overhead", unit: "of CPU", format: (v: number) => `${v.toFixed(2)} %` },
] as const;

function Row({ name, figures, testId, strong }: { name: string; figures: Figures | null; testId: string; strong?: boolean }) {
  return (
    <tr data-testid={testId}>
      <th scope="row" className="py-1 pr-2 text-left text-xs font-medium whitespace-nowrap text-slate-600 dark:text-slate-400">
        {name}
      </th>
      {COLUMNS.map((c) => {
        const v = figures ? figures[c.key] : null;
        return (
          <td key={c.key} data-testid={`${testId}-${c.key}`} data-value={v ?? ""} className={`py-1 pr-2 text-right font-mono text-sm tabular-nums ${strong ? "font-semibold" : ""}`}>
            {v === null || !Number.isFinite(v) ? "–" : c.format(v)}
          </td>
        );
      })}
    </tr>
  );
}

function fromProjection(p: Projection): Figures {
  return { exportedPerSec: p.exportedPerSec, sentBytesPerSec: p.sentBytesPerSec, queueUtilization: p.queueUtilization, overheadPercent: p.overheadPercent };
}

export const WhatIfPanel = memo(function WhatIfPanel({ now, projected, proposedLabel, lastApplied, settleSec, clock }: Props) {
  const mode = projected ? "projecting" : lastApplied ? "comparing" : "idle";
  const since = lastApplied ? Math.max(0, Math.round((clock - lastApplied.at) / 1000)) : 0;
  return (
    <section aria-labelledby="what-if-heading" data-testid="what-if" data-mode={mode} className="rounded-md border border-dashed border-slate-300 bg-slate-50 px-3 py-2 dark:border-slate-600 dark:bg-slate-800/40">
      <div className="flex flex-wrap items-baseline justify-between gap-x-2">
        <h3 id="what-if-heading" className="text-sm font-semibold">
          What-if
        </h3>
        <p className="text-xs text-slate-600 dark:text-slate-400" aria-live="polite">
          {mode === "projecting"
            ? `at ${proposedLabel}`
            : mode === "comparing"
              ? `v${lastApplied!.version} (${lastApplied!.label}) applied ${since} s ago${since < settleSec ? " · settling" : ""}`
              : "move the sample rate, batch size, interval or queue size"}
        </p>
      </div>
      <table className="w-full">
        <thead>
          <tr>
            <th className="sr-only">Row</th>
            {COLUMNS.map((c) => (
              <th key={c.key} scope="col" className="pr-2 text-right align-bottom text-[11px] leading-tight font-medium text-slate-500 dark:text-slate-400">
                {c.label}
                <span className="block font-normal">{c.unit}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {mode === "comparing" ? (
            <>
              <Row name="Projected" figures={fromProjection(lastApplied!.projected)} testId="whatif-projected" />
              <Row name="Actual" figures={now} testId="whatif-actual" strong />
            </>
          ) : (
            <>
              <Row name="Now" figures={now} testId="whatif-now" />
              <Row name="At new value" figures={projected ? fromProjection(projected) : null} testId="whatif-projected" strong />
            </>
          )}
        </tbody>
      </table>
      {projected?.saturated && (
        <p className="mt-1 text-xs font-medium text-red-700 dark:text-red-300">
          Export capacity (about {formatCount(projected.capacityPerSec)} spans/s) is below the sampled rate: the queue fills and about {formatCount(projected.droppedPerSec)} spans/s would be dropped.
        </p>
      )}
      <p className="mt-1 text-[11px] text-slate-500 dark:text-slate-400">Projected from measured per-span costs and bytes; assumes the collector stays as healthy as now.</p>
    </section>
  );
});
