"use client";
/** Limits: span limits, the attribute limiter, attribute filters and what is instrumented at all. */
import type { TelemetrySnapshot } from "../../server/telemetry/snapshot";
import { AttributeFiltersEditor } from "./attribute-filters-editor";
import { NumberField } from "./fields/number-field";
import { Section } from "./fields/section";
import { TextField } from "./fields/text-field";
import { ToggleField } from "./fields/toggle-field";
import type { ConfigForm } from "./use-config-draft";

const GUIDE_LIMITER = { type: "limiter", maxLength: 1024, maxArrayItems: 100, truncateMarker: "..." } as const;

const count = (n: number | undefined, what: string) => (n === undefined ? undefined : `${n.toLocaleString("en-US")} ${what}`);

export function LimitsControls({ form, snapshot }: { form: ConfigForm; snapshot: TelemetrySnapshot | null }) {
  const a = snapshot?.attributes;
  const processors = (form.value(["attributeProcessors"]) as unknown[] | undefined) ?? [];
  const limiterOn = processors.length > 0;
  const limiterRunning = ((form.runningValue(["attributeProcessors"]) as unknown[] | undefined) ?? []).length > 0;
  return (
    <div className="flex flex-col gap-4">
      <Section title="Span limits">
        <NumberField form={form} path={["maxSpanAttributes"]} label="Max attributes per span" step={1} min={0} effective={count(a?.attributesDropped, "dropped")} />
        <NumberField form={form} path={["maxSpanEvents"]} label="Max events per span" step={1} min={0} effective={count(a?.eventsDropped, "dropped")} />
        <NumberField form={form} path={["maxSpanLinks"]} label="Max links per span" step={1} min={0} effective={count(a?.linksDropped, "dropped")} />
        <NumberField form={form} path={["maxAttributeLength"]} label="Max attribute length (chars)" step={256} min={1} />
      </Section>
      <fieldset className="flex flex-col gap-2 rounded-md border border-slate-200 p-2.5 dark:border-slate-700">
        <legend className="sr-only">Attribute limiter</legend>
        <div className={`flex items-center justify-between gap-2 ${limiterOn !== limiterRunning ? "rounded-md bg-blue-50/70 px-1 dark:bg-blue-950/40" : ""}`}>
          <label htmlFor="attribute-limiter-toggle" className="flex items-center gap-2 text-sm font-medium">
            <input
              id="attribute-limiter-toggle"
              type="checkbox"
              checked={limiterOn}
              disabled={form.disabled}
              onChange={(e) => form.set(["attributeProcessors"], e.currentTarget.checked ? [GUIDE_LIMITER] : [])}
              className="h-4 w-4 accent-blue-700 dark:accent-blue-400"
            />
            Attribute limiter
          </label>
          <span className="text-[11px] text-slate-500 dark:text-slate-400">
            {a ? `${a.valuesTruncated.toLocaleString("en-US")} values, ${a.arraysTruncated.toLocaleString("en-US")} arrays truncated` : null}
          </span>
        </div>
        {limiterOn && (
          <div className="grid grid-cols-3 gap-x-3 gap-y-2">
            <NumberField form={form} path={["attributeProcessors", 0, "maxLength"]} label="Max length" step={64} min={1} />
            <NumberField form={form} path={["attributeProcessors", 0, "maxArrayItems"]} label="Max array items" step={10} min={1} />
            <TextField form={form} path={["attributeProcessors", 0, "truncateMarker"]} label="Truncate marker" />
          </div>
        )}
      </fieldset>
      <Section title="Attribute filters" cols={1}>
        <AttributeFiltersEditor form={form} removedSoFar={a?.attributesRemoved} />
      </Section>
      <Section title="Instrumentation">
        <ToggleField form={form} path={["autoInstrument"]} label="Auto-instrument" />
        <ToggleField form={form} path={["autoInstrumentTools"]} label="Tool calls" />
        <ToggleField form={form} path={["autoInstrumentMemory"]} label="Memory lookups" />
        <ToggleField form={form} path={["includeSystemMetrics"]} label="System metrics" />
        <ToggleField form={form} path={["includeInternalSpans"]} label="Internal spans" />
      </Section>
    </div>
  );
}
