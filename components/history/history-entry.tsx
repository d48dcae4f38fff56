"use client";
/**
 * One change in the timeline: when, applied or refused, from where and by whom, which settings it
 * touched; expanded, the before/after of each (or, for a refused change, its error and what was
 * attempted). Applied entries offer a rollback to the config as it was right after them.
 */
import { memo, useId } from "react";
import { ConfigDiffTable } from "../presets/config-diff-table";
import { formatConfigValue } from "../presets/config-value";
import { attemptedKeys, changedKeysSummary, formatAgo, formatEntryTime, sourceLabel } from "./history-format";
import type { HistoryEntry as Entry } from "./history-api";

interface Props {
  entry: Entry;
  /** The newest applied entry: its config is the one running now. */
  current: boolean;
  expanded: boolean;
  canOperate: boolean;
  now: Date;
  onToggle: (id: number) => void;
  onRollback: (entry: Entry) => void;
}

const chip = "rounded px-1.5 py-0.5 text-[11px] font-semibold";

export const HistoryEntryItem = memo(function HistoryEntryItem({ entry, current, expanded, canOperate, now, onToggle, onRollback }: Props) {
  const detailsId = useId();
  const applied = entry.result === "applied";
  const keys = applied ? entry.diff.map((d) => d.key) : attemptedKeys(entry.after);
  const { shown, more } = changedKeysSummary(keys);
  const started = entry.source === "startup";

  return (
    <li data-testid="history-entry" data-entry-id={entry.id} data-result={entry.result} data-source={entry.source} className="px-4 py-3">
      <div className="flex flex-wrap items-start gap-x-4 gap-y-2">
        <div className="w-32 shrink-0 text-sm">
          <time dateTime={entry.createdAt} title={new Date(entry.createdAt).toLocaleString()} className="font-mono tabular-nums">
            {formatEntryTime(entry.createdAt, now)}
          </time>
          <div className="text-xs text-slate-500 dark:text-slate-400">
            <span className="font-mono">#{entry.id}</span> · {formatAgo(entry.createdAt, now)}
          </div>
        </div>

        <div className="min-w-0 flex-1 basis-64">
          <div className="flex flex-wrap items-center gap-1.5">
            {applied ? (
              <span className={`${chip} bg-emerald-100 text-emerald-900 dark:bg-emerald-900/70 dark:text-emerald-100`}>
                applied{entry.configVersion !== null ? ` v${entry.configVersion}` : ""}
              </span>
            ) : (
              <span className={`${chip} bg-red-100 text-red-900 dark:bg-red-900/70 dark:text-red-100`}>refused</span>
            )}
            <span className={`${chip} bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100`}>{sourceLabel(entry.source)}</span>
            {current && <span className={`${chip} bg-blue-100 text-blue-900 dark:bg-blue-950 dark:text-blue-100`}>running now</span>}
            <span className="min-w-0 truncate text-sm text-slate-700 dark:text-slate-300" title={entry.actor} data-testid="history-actor">
              {entry.actor}
            </span>
          </div>
          {started && <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Server started with this config.</p>}
          {shown.length > 0 && (
            <p className="mt-1 flex flex-wrap items-center gap-1 text-xs" aria-label={`${applied ? "Changed" : "Tried to change"}: ${keys.join(", ")}`}>
              <span className="text-slate-500 dark:text-slate-400">{applied ? "changed" : "tried"}</span>
              {shown.map((k) => (
                <code key={k} className="rounded bg-slate-100 px-1 py-0.5 font-mono text-slate-800 dark:bg-slate-800 dark:text-slate-200">
                  {k}
                </code>
              ))}
              {more > 0 && <span className="text-slate-500 dark:text-slate-400">+{more} more</span>}
            </p>
          )}
          {!applied && entry.error && !expanded && (
            <p className="mt-1 line-clamp-2 text-sm break-words text-red-800 dark:text-red-300" data-testid="history-error">
              {entry.error}
            </p>
          )}
        </div>

        <div className="flex shrink-0 items-center gap-1.5">
          <button
            type="button"
            aria-expanded={expanded}
            aria-controls={detailsId}
            onClick={() => onToggle(entry.id)}
            className="rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
          >
            {expanded ? "Hide details" : "Details"}
            <span className="sr-only"> of change #{entry.id}</span>
          </button>
          {applied && !current && entry.source !== "fleet" && (
            <button
              type="button"
              disabled={!canOperate}
              onClick={() => onRollback(entry)}
              aria-label={`Roll back to the config after change #${entry.id}`}
              className="rounded-md border border-blue-700 px-2.5 py-1 text-xs font-medium text-blue-800 hover:bg-blue-50 disabled:cursor-not-allowed disabled:opacity-50 dark:border-blue-400 dark:text-blue-200 dark:hover:bg-blue-950"
            >
              Rollback…
            </button>
          )}
        </div>
      </div>

      {expanded && (
        <div id={detailsId} className="mt-3 sm:ml-36" data-testid="history-details">
          {applied && entry.diff.length > 0 && <ConfigDiffTable rows={entry.diff} caption={`Change #${entry.id}, before and after`} testId="history-diff" />}
          {applied && entry.diff.length === 0 && <p className="text-sm text-slate-600 dark:text-slate-400">No setting changed in this entry{started ? " (the config the server started with)" : ""}.</p>}
          {!applied && (
            <div className="flex flex-col gap-2 text-sm">
              <p className="break-words text-red-800 dark:text-red-300">{entry.error}</p>
              <div>
                <p className="text-xs font-medium text-slate-600 dark:text-slate-400">What was attempted (nothing changed)</p>
                <pre className="mt-1 max-h-48 overflow-auto rounded-md bg-slate-100 p-2 font-mono text-xs break-words whitespace-pre-wrap dark:bg-slate-800">
                  {formatConfigValue(entry.after)}
                </pre>
              </div>
            </div>
          )}
          <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">Recorded {new Date(entry.createdAt).toLocaleString()}</p>
        </div>
      )}
    </li>
  );
});
