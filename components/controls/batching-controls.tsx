"use client";
/**
 * Batching and the queue: batch size, export interval, queue size (log sliders + exact values,
 * the what-if readout follows them), overflow strategy, warning threshold and dynamic batching.
 * Effective values come from the runtime (dynamic batching moves batch size and interval).
 */
import { overflowStrategies } from "../../server/telemetry/config";
import type { TelemetrySnapshot } from "../../server/telemetry/snapshot";
import { LogRangeField } from "./fields/log-range-field";
import { NumberField } from "./fields/number-field";
import { OptionalGroup } from "./fields/optional-group";
import { Section } from "./fields/section";
import { SelectField } from "./fields/select-field";
import { BATCH_SCALE, INTERVAL_SCALE, QUEUE_SCALE } from "./log-range";
import type { ConfigForm } from "./use-config-draft";

const ms = (v: number) => (v >= 1000 ? `${Number((v / 1000).toFixed(2))} s` : `${v} ms`);

const STRATEGY_LABELS: Record<(typeof overflowStrategies)[number], string> = {
  drop_oldest: "drop_oldest: evict the oldest span",
  drop_newest: "drop_newest: refuse the new span",
  block: "block: make the application wait",
};

export function BatchingControls({ form, snapshot }: { form: ConfigForm; snapshot: TelemetrySnapshot | null }) {
  const b = snapshot?.batching;
  const q = snapshot?.queue;
  return (
    <div className="flex flex-col gap-4">
      <Section title="Batches" cols={1}>
        <LogRangeField form={form} path={["batchSize"]} name="Batch size" unit="spans" scale={BATCH_SCALE} effective={b ? `${b.batchSize.toLocaleString("en-US")}${b.dynamic ? " (dynamic)" : ""}` : undefined} />
        <LogRangeField
          form={form}
          path={["exportIntervalMs"]}
          name="Export interval"
          unit="ms"
          scale={INTERVAL_SCALE}
          format={ms}
          effective={b ? `${ms(b.intervalMs)}${b.dynamic ? " (dynamic)" : ""}` : undefined}
        />
      </Section>
      <Section title="Queue" cols={1}>
        <LogRangeField form={form} path={["maxQueueSize"]} name="Max queue size" unit="spans" scale={QUEUE_SCALE} effective={q ? `${q.length.toLocaleString("en-US")} / ${q.capacity.toLocaleString("en-US")} held` : undefined} />
        <div className="grid grid-cols-2 gap-x-3 gap-y-2">
          <SelectField
            form={form}
            path={["queueOverflowStrategy"]}
            label="Overflow strategy"
            options={overflowStrategies.map((s) => ({ value: s, label: STRATEGY_LABELS[s] }))}
            effective={q?.strategy}
          />
          <NumberField
            form={form}
            path={["queueWarningThreshold"]}
            label="Warning threshold (0-1)"
            step={0.05}
            min={0.05}
            max={1}
            effective={q ? (q.warning ? "warning now" : "below") : undefined}
          />
        </div>
      </Section>
      <OptionalGroup
        form={form}
        path={["dynamicBatching"]}
        label="Dynamic batching"
        defaults={{ minBatchSize: 128, maxBatchSize: 4096, minIntervalMs: 1000, maxIntervalMs: 10_000, targetQueueUtilization: 0.7 }}
        effective={b ? (b.dynamic ? "adjusting" : "off") : undefined}
        hint="Moves batch size and interval to hold the queue near a target utilization."
      >
        <NumberField form={form} path={["dynamicBatching", "minBatchSize"]} label="Min batch size" step={1} min={1} />
        <NumberField form={form} path={["dynamicBatching", "maxBatchSize"]} label="Max batch size" step={1} min={1} />
        <NumberField form={form} path={["dynamicBatching", "minIntervalMs"]} label="Min interval (ms)" step={100} min={1} />
        <NumberField form={form} path={["dynamicBatching", "maxIntervalMs"]} label="Max interval (ms)" step={100} min={1} />
        <NumberField form={form} path={["dynamicBatching", "targetQueueUtilization"]} label="Target utilization (0-1)" step={0.05} min={0.05} max={1} />
      </OptionalGroup>
    </div>
  );
}
