"use client";
/** Guards: memory monitor, resource throttler, and the performance target that auto-tunes the rate. */
import type { TelemetrySnapshot } from "../../server/telemetry/snapshot";
import { NumberField } from "./fields/number-field";
import { OptionalGroup } from "./fields/optional-group";
import type { ConfigForm } from "./use-config-draft";

export function GuardsControls({ form, snapshot }: { form: ConfigForm; snapshot: TelemetrySnapshot | null }) {
  const g = snapshot?.guards;
  return (
    <div className="flex flex-col gap-4">
      <OptionalGroup
        form={form}
        path={["memoryMonitor"]}
        label="Memory monitor"
        defaults={{ warningThresholdMb: 100, criticalThresholdMb: 500, checkIntervalSeconds: 10 }}
        effective={g?.memory ? `${g.memory.state} · ${g.memory.telemetryMb} MB` : undefined}
        hint="Warns, then flushes the queue in an emergency, on the telemetry's own memory."
      >
        <NumberField form={form} path={["memoryMonitor", "warningThresholdMb"]} label="Warning at (MB)" step={10} min={1} />
        <NumberField form={form} path={["memoryMonitor", "criticalThresholdMb"]} label="Critical at (MB)" step={10} min={1} />
        <NumberField form={form} path={["memoryMonitor", "checkIntervalSeconds"]} label="Memory check every (s)" step={1} min={0.1} />
      </OptionalGroup>
      <OptionalGroup
        form={form}
        path={["resourceThrottler"]}
        label="Resource throttler"
        defaults={{ cpuThreshold: 80, memoryThreshold: 75, reductionFactor: 0.5, checkInterval: 30 }}
        effective={g?.throttler ? `${g.throttler.active ? `on ×${g.throttler.factor}` : "off"} · CPU ${g.throttler.cpuPercent.toFixed(0)} % · mem ${g.throttler.memoryPercent.toFixed(0)} %` : undefined}
        hint="Cuts sampling while CPU or memory is above its threshold."
      >
        <NumberField form={form} path={["resourceThrottler", "cpuThreshold"]} label="CPU threshold (%)" step={5} min={1} max={100} />
        <NumberField form={form} path={["resourceThrottler", "memoryThreshold"]} label="Memory threshold (%)" step={5} min={1} max={100} />
        <NumberField form={form} path={["resourceThrottler", "reductionFactor"]} label="Reduction factor (0-1)" step={0.05} min={0.05} max={0.95} />
        <NumberField form={form} path={["resourceThrottler", "checkInterval"]} label="Throttler check every (s)" step={1} min={0.1} />
      </OptionalGroup>
      <OptionalGroup
        form={form}
        path={["performanceMonitor"]}
        label="Performance target (auto-tune)"
        defaults={{ targetOverheadPercent: 1, checkIntervalSeconds: 30, floorRate: 0.01 }}
        effective={g?.performance ? `×${g.performance.factor} · ${g.performance.overheadPercent.toFixed(2)} %${g.performance.judged === false ? " · light load, not judged" : ""}` : undefined}
        hint="Halves the effective sample rate while overhead is above target, never below the floor."
      >
        <NumberField form={form} path={["performanceMonitor", "targetOverheadPercent"]} label="Target overhead (%)" step={0.1} min={0.1} max={100} />
        <NumberField form={form} path={["performanceMonitor", "checkIntervalSeconds"]} label="Auto-tune check every (s)" step={1} min={0.1} />
        <NumberField form={form} path={["performanceMonitor", "floorRate"]} label="Floor rate (0-1)" step={0.01} min={0} max={1} />
      </OptionalGroup>
    </div>
  );
}
