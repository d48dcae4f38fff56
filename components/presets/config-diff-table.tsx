"use client";
/** A config diff as a table: setting, value before, value after. Long values wrap, never overflow. */
import { formatConfigValue } from "./config-value";

export interface DiffRow {
  key: string;
  from: unknown;
  to: unknown;
}

interface Props {
  rows: DiffRow[];
  /** Column headings; "Running now" / "After applying" reads better than before/after in a preview. */
  fromLabel?: string;
  toLabel?: string;
  caption?: string;
  testId?: string;
}

export function ConfigDiffTable({ rows, fromLabel = "Before", toLabel = "After", caption, testId }: Props) {
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200 dark:border-slate-700">
      <table className="w-full table-fixed border-collapse text-left text-xs" data-testid={testId}>
        {caption && <caption className="sr-only">{caption}</caption>}
        <colgroup>
          <col className="w-[30%]" />
          <col className="w-[35%]" />
          <col className="w-[35%]" />
        </colgroup>
        <thead className="bg-slate-50 text-[11px] tracking-wide text-slate-600 uppercase dark:bg-slate-800/60 dark:text-slate-300">
          <tr>
            <th scope="col" className="px-2.5 py-1.5 font-semibold">
              Setting
            </th>
            <th scope="col" className="px-2.5 py-1.5 font-semibold">
              {fromLabel}
            </th>
            <th scope="col" className="px-2.5 py-1.5 font-semibold">
              {toLabel}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 dark:divide-slate-700/70">
          {rows.map((row) => (
            <tr key={row.key} data-testid="diff-row" data-key={row.key}>
              <th scope="row" className="px-2.5 py-1.5 align-top font-mono font-medium break-words">
                {row.key}
              </th>
              <td className="px-2.5 py-1.5 align-top font-mono break-words text-red-800 dark:text-red-300">
                <span className="sr-only">from </span>
                {formatConfigValue(row.from)}
              </td>
              <td className="px-2.5 py-1.5 align-top font-mono break-words text-emerald-800 dark:text-emerald-300">
                <span className="sr-only">to </span>
                {formatConfigValue(row.to)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
