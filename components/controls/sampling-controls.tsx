"use client";
/**
 * Sampling: on/off, the sample rate (its own slider, applied on release), the sampler type and
 * its parameters. The sample rate multiplies whichever sampler runs, so it stays on top.
 */
import type { ReactNode } from "react";
import type { SamplerConfig } from "../../server/telemetry/config";
import type { TelemetrySnapshot } from "../../server/telemetry/snapshot";
import { NumberField } from "./fields/number-field";
import { Section } from "./fields/section";
import { SelectField } from "./fields/select-field";
import { ToggleField } from "./fields/toggle-field";
import { formatRatePercent } from "./log-scale";
import { PriorityRulesEditor } from "./priority-rules-editor";
import { SAMPLER_DEFAULTS, SAMPLER_LABELS } from "./sampler-defaults";
import { TiersEditor } from "./tiers-editor";
import type { ConfigForm } from "./use-config-draft";

interface Props {
  form: ConfigForm;
  snapshot: TelemetrySnapshot | null;
  /** The sample-rate slider (it has its own apply-on-release flow). */
  slider: ReactNode;
}

export function SamplingControls({ form, snapshot, slider }: Props) {
  const type = form.value(["sampler", "type"]) as SamplerConfig["type"];
  const detail = snapshot?.sampler.detail;
  const adaptiveRate = detail?.buckets?.[0]?.rate;
  return (
    <div className="flex flex-col gap-4">
      <ToggleField form={form} path={["enabled"]} label="Telemetry enabled" hint="Off: every span is not sampled, at near-zero cost." effective={snapshot ? (snapshot.sampler.effectiveRate > 0 ? "sampling" : "nothing sampled") : undefined} />
      {slider}
      <Section title="Sampler" cols={1}>
        <SelectField
          form={form}
          path={["sampler", "type"]}
          label="Sampler type"
          options={(Object.keys(SAMPLER_LABELS) as SamplerConfig["type"][]).map((t) => ({ value: t, label: SAMPLER_LABELS[t] }))}
          onSelect={(next) => {
            const t = next as SamplerConfig["type"];
            const running = form.runningValue(["sampler"]) as SamplerConfig;
            form.set(["sampler"], running.type === t ? running : SAMPLER_DEFAULTS[t]);
          }}
          effective={snapshot ? `${snapshot.sampler.type} · ${formatRatePercent(snapshot.sampler.effectiveRate)}` : undefined}
          hint="The sample rate above multiplies the sampler's own rates; guards may lower it further."
        />
        {type === "adaptive" && (
          <div className="grid grid-cols-2 gap-x-3 gap-y-2">
            <NumberField form={form} path={["sampler", "minRate"]} label="Min rate (0-1)" step={0.01} min={0} max={1} />
            <NumberField form={form} path={["sampler", "maxRate"]} label="Max rate (0-1)" step={0.01} min={0} max={1} effective={adaptiveRate !== undefined ? formatRatePercent(adaptiveRate) : undefined} />
            <NumberField
              form={form}
              path={["sampler", "targetRps"]}
              label="Target traces/s"
              step={1}
              min={0.001}
              effective={detail?.observedRps !== undefined ? `${detail.observedRps.toFixed(1)}/s seen` : undefined}
            />
            <NumberField form={form} path={["sampler", "adjustmentPeriod"]} label="Adjustment period (s)" step={1} min={0.1} />
          </div>
        )}
        {type === "priority" && <PriorityRulesEditor form={form} detail={detail} />}
        {type === "tiered" && <TiersEditor form={form} detail={detail} />}
      </Section>
    </div>
  );
}
