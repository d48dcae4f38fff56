"use client";
/** The tiered sampler's levels: root, child and deep spans each with their own rate. */
import type { SamplerDetail } from "../../server/telemetry/snapshot";
import { NumberField } from "./fields/number-field";
import { bucketText, findBucket } from "./sampler-buckets";
import type { ConfigForm } from "./use-config-draft";

interface Level {
  level: "root" | "child" | "deep";
  rate: number;
  minDepth?: number;
}

const LEVELS = [
  { level: "root", label: "Root spans", fallback: { level: "root", rate: 0.1 } },
  { level: "child", label: "Child spans", fallback: { level: "child", rate: 0.01 } },
  { level: "deep", label: "Deep spans", fallback: { level: "deep", rate: 0.001, minDepth: 5 } },
] as const;

export function TiersEditor({ form, detail }: { form: ConfigForm; detail: SamplerDetail | undefined }) {
  const levels = (form.value(["sampler", "levels"]) as Level[] | undefined) ?? [];
  const listError = form.error(["sampler", "levels"]);
  return (
    <div className="flex flex-col gap-2" data-testid="tiers-editor">
      {LEVELS.map(({ level, label, fallback }) => {
        const index = levels.findIndex((l) => l.level === level);
        const on = index >= 0;
        const id = `tier-${level}`;
        return (
          <div key={level} className="grid grid-cols-[8rem_1fr_1fr] items-end gap-2 rounded-md bg-slate-50 p-2 dark:bg-slate-800/50">
            <label htmlFor={id} className="flex items-center gap-2 self-center text-sm font-medium">
              <input
                id={id}
                type="checkbox"
                checked={on}
                disabled={form.disabled}
                onChange={(e) => form.set(["sampler", "levels"], e.currentTarget.checked ? [...levels, { ...fallback }] : levels.filter((l) => l.level !== level))}
                className="h-4 w-4 accent-blue-700 dark:accent-blue-400"
              />
              {label}
            </label>
            {on ? (
              <NumberField form={form} path={["sampler", "levels", index, "rate"]} label={`${label} rate (0-1)`} step={0.01} min={0} max={1} effective={bucketText(findBucket(detail, level))} />
            ) : (
              <p className="text-xs text-slate-500 dark:text-slate-400">same rate as the level above</p>
            )}
            {on && level === "deep" ? <NumberField form={form} path={["sampler", "levels", index, "minDepth"]} label="Deep from depth" step={1} min={2} max={64} /> : <span />}
          </div>
        );
      })}
      {listError && <p className="text-xs font-medium text-red-700 dark:text-red-300">{listError}</p>}
    </div>
  );
}
