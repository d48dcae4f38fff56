"use client";
/**
 * The controls' tab list (WAI-ARIA tabs): arrow keys move between tabs and select them, Home and
 * End jump to the ends; a tab shows a dot when it holds unapplied edits and a "!" when one of its
 * fields is invalid, so nothing pending is hidden behind another tab.
 */
import { useRef, type KeyboardEvent } from "react";
import { CONTROL_GROUPS, type ControlGroupId } from "./control-groups";

interface Props {
  active: ControlGroupId;
  onSelect: (id: ControlGroupId) => void;
  edited: ReadonlySet<ControlGroupId>;
  invalid: ReadonlySet<ControlGroupId>;
}

export const tabId = (id: ControlGroupId) => `controls-tab-${id}`;
export const panelId = (id: ControlGroupId) => `controls-panel-${id}`;

export function ControlTabs({ active, onSelect, edited, invalid }: Props) {
  const refs = useRef(new Map<ControlGroupId, HTMLButtonElement>());
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const n = CONTROL_GROUPS.length;
    const to = e.key === "ArrowRight" ? (index + 1) % n : e.key === "ArrowLeft" ? (index - 1 + n) % n : e.key === "Home" ? 0 : e.key === "End" ? n - 1 : -1;
    if (to < 0) return;
    e.preventDefault();
    const id = CONTROL_GROUPS[to].id;
    onSelect(id);
    refs.current.get(id)?.focus();
  };
  return (
    <div role="tablist" aria-label="Control groups" className="flex flex-wrap gap-1 border-b border-slate-200 dark:border-slate-700">
      {CONTROL_GROUPS.map((g, i) => {
        const selected = g.id === active;
        return (
          <button
            key={g.id}
            ref={(el) => {
              if (el) refs.current.set(g.id, el);
              else refs.current.delete(g.id);
            }}
            id={tabId(g.id)}
            type="button"
            role="tab"
            aria-selected={selected}
            aria-controls={panelId(g.id)}
            tabIndex={selected ? 0 : -1}
            onClick={() => onSelect(g.id)}
            onKeyDown={(e) => onKeyDown(e, i)}
            className={`-mb-px flex items-center gap-1 border-b-2 px-2 py-1.5 text-[13px] font-medium focus-visible:outline-2 focus-visible:outline-blue-500 ${
              selected ? "border-blue-700 text-blue-800 dark:border-blue-400 dark:text-blue-200" : "border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100"
            }`}
          >
            {g.label}
            {invalid.has(g.id) ? (
              <span className="text-xs font-bold text-red-600 dark:text-red-400" aria-label="has invalid values">
                !
              </span>
            ) : edited.has(g.id) ? (
              <span className="h-1.5 w-1.5 rounded-full bg-blue-600 dark:bg-blue-400" aria-label="has unapplied edits" />
            ) : null}
          </button>
        );
      })}
    </div>
  );
}
