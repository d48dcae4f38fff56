"use client";
/** The circuit breaker around export, and what happens to spans while it is open. */
import { fallbackActions } from "../../server/telemetry/config";
import type { TelemetrySnapshot } from "../../server/telemetry/snapshot";
import { NumberField } from "./fields/number-field";
import { OptionalGroup } from "./fields/optional-group";
import { SelectField } from "./fields/select-field";
import type { ConfigForm } from "./use-config-draft";

const FALLBACK_LABELS: Record<(typeof fallbackActions)[number], string> = {
  disable: "disable: drop spans while open (counted)",
  console: "console: print them instead",
  local_file: "local_file: write them to the file exporter's path",
};

export const GUIDE_BREAKER = { failureThreshold: 0.5, timeoutDuration: 60, halfOpenRequests: 10, windowSize: 20, minimumRequests: 5 };

export function BreakerControls({ form, snapshot }: { form: ConfigForm; snapshot: TelemetrySnapshot | null }) {
  const br = snapshot?.breaker;
  const state = br ? (br.enabled ? `${br.state.replace("_", "-")} · ${Math.round(br.failureRatio * 100)} % failing` : "off") : undefined;
  const lost = snapshot ? (snapshot.spans.dropped.breaker_open ?? 0) : undefined;
  return (
    <div className="flex flex-col gap-4">
      <OptionalGroup form={form} path={["circuitBreaker"]} label="Circuit breaker" defaults={GUIDE_BREAKER} effective={state} hint="Opens on a failure ratio, waits, then probes before closing.">
        <NumberField form={form} path={["circuitBreaker", "failureThreshold"]} label="Failure threshold (0-1)" step={0.05} min={0.05} max={1} />
        <NumberField form={form} path={["circuitBreaker", "timeoutDuration"]} label="Open timeout (s)" step={1} min={0.1} />
        <NumberField form={form} path={["circuitBreaker", "halfOpenRequests"]} label="Half-open probes" step={1} min={1} />
        <NumberField form={form} path={["circuitBreaker", "windowSize"]} label="Window (exports)" step={1} min={1} />
        <NumberField form={form} path={["circuitBreaker", "minimumRequests"]} label="Minimum exports" step={1} min={1} />
      </OptionalGroup>
      <SelectField
        form={form}
        path={["fallbackAction"]}
        label="Fallback while open"
        options={fallbackActions.map((f) => ({ value: f, label: FALLBACK_LABELS[f] }))}
        effective={snapshot ? `${snapshot.spans.fallback.toLocaleString("en-US")} to fallback · ${lost?.toLocaleString("en-US")} dropped` : undefined}
      />
    </div>
  );
}
