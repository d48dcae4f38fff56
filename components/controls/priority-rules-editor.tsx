"use client";
/**
 * The priority sampler's rules: attribute = value -> rate, first match wins, in order; plus the
 * default rate. Each row shows what the rule kept so far (from the sampler's live buckets).
 */
import type { SamplerDetail } from "../../server/telemetry/snapshot";
import { NumberField } from "./fields/number-field";
import { TextField } from "./fields/text-field";
import { bucketText, findBucket } from "./sampler-buckets";
import type { ConfigForm } from "./use-config-draft";

interface Rule {
  attribute: string;
  value: string | number | boolean;
  rate: number;
}

const BUTTON = "rounded-md border border-slate-300 px-2 py-1 text-xs font-medium hover:bg-slate-100 disabled:opacity-50 dark:border-slate-600 dark:hover:bg-slate-800";

export function PriorityRulesEditor({ form, detail }: { form: ConfigForm; detail: SamplerDetail | undefined }) {
  const rules = (form.value(["sampler", "rules"]) as Rule[] | undefined) ?? [];
  const setRules = (next: Rule[]) => form.set(["sampler", "rules"], next);
  const listError = form.error(["sampler", "rules"]);
  return (
    <div className="flex flex-col gap-2" data-testid="priority-rules">
      <ol className="flex flex-col gap-2">
        {rules.map((rule, i) => (
          <li key={i} className="grid grid-cols-[1fr_1fr_5.5rem_auto] items-end gap-2 rounded-md bg-slate-50 p-2 dark:bg-slate-800/50">
            <TextField form={form} path={["sampler", "rules", i, "attribute"]} label={`Rule ${i + 1} attribute`} />
            <ValueField form={form} index={i} original={rule.value} />
            <NumberField form={form} path={["sampler", "rules", i, "rate"]} label={`Rule ${i + 1} rate (0-1)`} step={0.01} min={0} max={1} />
            <button type="button" className={BUTTON} disabled={form.disabled} onClick={() => setRules(rules.filter((_, j) => j !== i))} aria-label={`Remove rule ${i + 1}`}>
              ✕
            </button>
            <p className="col-span-4 -mt-1 text-[11px] text-slate-500 dark:text-slate-400">
              kept/seen: {bucketText(findBucket(detail, `${rule.attribute}=${String(rule.value)}`)) ?? "–"}
            </p>
          </li>
        ))}
      </ol>
      {listError && <p className="text-xs font-medium text-red-700 dark:text-red-300">{listError}</p>}
      <div className="flex flex-wrap items-end gap-2">
        <button type="button" className={BUTTON} disabled={form.disabled || rules.length >= 64} onClick={() => setRules([...rules, { attribute: "priority", value: "", rate: 0.1 }])}>
          Add rule
        </button>
        <div className="ml-auto w-40">
          <NumberField form={form} path={["sampler", "defaultRate"]} label="Default rate (0-1)" step={0.01} min={0} max={1} effective={bucketText(findBucket(detail, "default"))} />
        </div>
      </div>
    </div>
  );
}

/** A rule's value: text, kept as a number or boolean when the rule had one and the text still reads as one. */
function ValueField({ form, index, original }: { form: ConfigForm; index: number; original: Rule["value"] }) {
  const path = ["sampler", "rules", index, "value"] as const;
  const current = form.value(path);
  return (
    <label className="flex min-w-0 flex-col gap-1 text-xs font-medium text-slate-700 dark:text-slate-300">
      {`Rule ${index + 1} value`}
      <input
        type="text"
        value={String(current ?? "")}
        disabled={form.disabled}
        onChange={(e) => {
          const t = e.currentTarget.value;
          if (typeof original === "number" && t.trim() !== "" && Number.isFinite(Number(t))) form.set(path, Number(t));
          else if (typeof original === "boolean" && (t === "true" || t === "false")) form.set(path, t === "true");
          else form.set(path, t);
        }}
        className="w-full min-w-0 rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-sm font-normal dark:border-slate-600 dark:bg-slate-950"
      />
    </label>
  );
}
