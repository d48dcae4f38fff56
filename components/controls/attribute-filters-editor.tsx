"use client";
/**
 * Attribute filters, applied in order: "keep" lists the attributes to keep (the rest go),
 * "remove" drops attributes whose name matches a regular expression (checked by the shared
 * schema, so a pattern that does not compile is shown as an error and never sent).
 */
import { TextField } from "./fields/text-field";
import type { ConfigForm } from "./use-config-draft";

type Filter = { action: "keep"; attributes: string[] } | { action: "remove"; pattern: string };

const BUTTON = "rounded-md border border-slate-300 px-2 py-1 text-xs font-medium hover:bg-slate-100 disabled:opacity-40 dark:border-slate-600 dark:hover:bg-slate-800";

export function AttributeFiltersEditor({ form, removedSoFar }: { form: ConfigForm; removedSoFar: number | undefined }) {
  const filters = (form.value(["attributeFilters"]) as Filter[] | undefined) ?? [];
  const set = (next: Filter[]) => form.set(["attributeFilters"], next);
  const move = (i: number, by: number) => {
    const next = [...filters];
    const [item] = next.splice(i, 1);
    next.splice(i + by, 0, item);
    set(next);
  };
  return (
    <div className="flex flex-col gap-2" data-testid="attribute-filters">
      {filters.length === 0 && <p className="text-xs text-slate-500 dark:text-slate-400">No filters: every attribute is exported (within the limits above).</p>}
      <ol className="flex flex-col gap-2">
        {filters.map((f, i) => (
          <li key={i} className="flex flex-col gap-1 rounded-md bg-slate-50 p-2 dark:bg-slate-800/50">
            <div className="flex items-center gap-1">
              <span className="mr-auto text-xs font-semibold">
                {i + 1}. {f.action === "keep" ? "Keep only" : "Remove matching"}
              </span>
              <button type="button" className={BUTTON} disabled={form.disabled || i === 0} onClick={() => move(i, -1)} aria-label={`Move filter ${i + 1} up`}>
                ↑
              </button>
              <button type="button" className={BUTTON} disabled={form.disabled || i === filters.length - 1} onClick={() => move(i, 1)} aria-label={`Move filter ${i + 1} down`}>
                ↓
              </button>
              <button type="button" className={BUTTON} disabled={form.disabled} onClick={() => set(filters.filter((_, j) => j !== i))} aria-label={`Remove filter ${i + 1}`}>
                ✕
              </button>
            </div>
            {f.action === "remove" ? (
              <TextField form={form} path={["attributeFilters", i, "pattern"]} label={`Filter ${i + 1} pattern (regex)`} placeholder="^debug\\." />
            ) : (
              <KeepList form={form} index={i} attributes={f.attributes} />
            )}
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" className={BUTTON} disabled={form.disabled} onClick={() => set([...filters, { action: "keep", attributes: ["agent.name", "error.type", "status", "provider", "model"] }])}>
          Add keep list
        </button>
        <button type="button" className={BUTTON} disabled={form.disabled} onClick={() => set([...filters, { action: "remove", pattern: "^debug\\." }])}>
          Add remove pattern
        </button>
        <span className="ml-auto text-[11px] text-slate-500 dark:text-slate-400">{removedSoFar !== undefined ? `${removedSoFar.toLocaleString("en-US")} attributes removed so far` : null}</span>
      </div>
    </div>
  );
}

function KeepList({ form, index, attributes }: { form: ConfigForm; index: number; attributes: string[] }) {
  const id = `keep-list-${index}`;
  const error = form.error(["attributeFilters", index, "attributes"]);
  return (
    <label htmlFor={id} className="flex flex-col gap-1 text-xs font-medium text-slate-700 dark:text-slate-300">
      {`Filter ${index + 1} attributes to keep (comma-separated)`}
      <input
        id={id}
        type="text"
        value={attributes.join(", ")}
        disabled={form.disabled}
        aria-invalid={error ? true : undefined}
        onChange={(e) =>
          form.set(
            ["attributeFilters", index, "attributes"],
            e.currentTarget.value
              .split(",")
              .map((s) => s.trim())
              .filter(Boolean),
          )
        }
        className="w-full min-w-0 rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-sm font-normal dark:border-slate-600 dark:bg-slate-950"
      />
      {error && <span className="font-medium text-red-700 dark:text-red-300">{error}</span>}
    </label>
  );
}
