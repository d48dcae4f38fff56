"use client";
/** The events log with its filters (category and level). */
import { memo, useMemo, useState } from "react";
import { ALL_EVENTS, countByCategory, EVENT_CATEGORIES, filterEvents, type EventFilter } from "./event-filter";
import type { LogEntry } from "./event-log";
import { EventsList } from "./events-list";

const SELECT = "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900";

export const EventsPanel = memo(function EventsPanel({ entries }: { entries: LogEntry[] }) {
  const [filter, setFilter] = useState<EventFilter>(ALL_EVENTS);
  const shown = useMemo(() => filterEvents(entries, filter), [entries, filter]);
  const counts = useMemo(() => countByCategory(entries), [entries]);
  const filtered = filter.category !== "all" || filter.level !== "all";
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1 text-xs font-medium text-slate-600 dark:text-slate-400">
          <label htmlFor="events-type-filter">Event type</label>
          <select id="events-type-filter" className={SELECT} value={filter.category} onChange={(e) => {
              const category = e.currentTarget.value as EventFilter["category"];
              setFilter((f) => ({ ...f, category }));
            }}>
            <option value="all">All types ({entries.length})</option>
            {EVENT_CATEGORIES.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label} ({counts[c.id]})
              </option>
            ))}
            <option value="other">Other ({counts.other})</option>
          </select>
        </div>
        <div className="flex flex-col gap-1 text-xs font-medium text-slate-600 dark:text-slate-400">
          <label htmlFor="events-level-filter">Level</label>
          <select id="events-level-filter" className={SELECT} value={filter.level} onChange={(e) => {
              const level = e.currentTarget.value as EventFilter["level"];
              setFilter((f) => ({ ...f, level }));
            }}>
            <option value="all">All levels</option>
            <option value="warn+">Warnings and errors</option>
            <option value="error">Errors</option>
            <option value="warn">Warnings</option>
            <option value="info">Info</option>
          </select>
        </div>
        {filtered && (
          <button type="button" onClick={() => setFilter(ALL_EVENTS)} className="rounded-md px-2 py-1 text-xs font-medium text-blue-700 underline-offset-2 hover:underline dark:text-blue-300">
            Show all
          </button>
        )}
        <span className="ml-auto text-xs text-slate-500 dark:text-slate-400" aria-live="polite">
          {filtered ? `${shown.length} of ${entries.length}` : `${entries.length}`} · newest first
        </span>
      </div>
      <EventsList entries={shown} emptyText={filtered ? "No events match the filter." : "No events yet."} />
    </div>
  );
});
