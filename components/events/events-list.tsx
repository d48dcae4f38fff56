"use client";
/** Newest first: runtime events and config changes, with who changed what. */
import { memo } from "react";
import { formatClock } from "../status/format";
import type { LogEntry } from "./event-log";

const LEVEL: Record<LogEntry["level"], { text: string; className: string }> = {
  info: { text: "INFO", className: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300" },
  warn: { text: "WARN", className: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200" },
  error: { text: "ERROR", className: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200" },
};

export const EventsList = memo(function EventsList({ entries, emptyText }: { entries: LogEntry[]; emptyText: string }) {
  if (entries.length === 0) return <p className="py-2 text-sm text-slate-500 dark:text-slate-400">{emptyText}</p>;
  return (
    <ol aria-label="Recent events, newest first" className="max-h-96 divide-y divide-slate-100 overflow-y-auto text-sm dark:divide-slate-800">
      {entries.map((e) => (
        <li key={e.key} data-testid="event-item" data-kind={e.kind} data-level={e.level} className="flex items-start gap-2 py-1.5">
          <time dateTime={new Date(e.ts).toISOString()} className="shrink-0 font-mono text-xs leading-5 text-slate-500 tabular-nums dark:text-slate-400">
            {formatClock(e.ts)}
          </time>
          <span className={`shrink-0 rounded px-1.5 text-[10px] leading-5 font-semibold ${LEVEL[e.level].className}`}>{LEVEL[e.level].text}</span>
          <div className="min-w-0 flex-1 break-words">
            <span className="mr-1.5 font-mono text-xs text-slate-500 dark:text-slate-400">{e.kind.replace(/_/g, " ")}</span>
            {e.message}
            {(e.changed?.length || e.actor || e.source) && (
              <div className="mt-0.5 flex flex-wrap items-center gap-1 text-xs text-slate-600 dark:text-slate-400">
                {e.changed?.map((k) => (
                  <code key={k} className="rounded bg-slate-100 px-1 font-mono text-[11px] dark:bg-slate-800">
                    {k}
                  </code>
                ))}
                {e.actor && <span>by {e.actor}</span>}
                {e.source && <span className="rounded border border-slate-300 px-1 text-[10px] uppercase dark:border-slate-600">{e.source}</span>}
              </div>
            )}
          </div>
        </li>
      ))}
    </ol>
  );
});
