import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG, mergeAndValidate, type TelemetryConfig } from "../../server/telemetry/config";
import { drillPatch, drillReady, restorePatch, saveForDrill } from "./drill-plan";

function apply(config: TelemetryConfig, patch: unknown): TelemetryConfig {
  const r = mergeAndValidate(config, patch);
  if (!r.ok) throw new Error(r.error);
  return r.config;
}

describe("fault drill plan", () => {
  it("shortens the guide's 60 s breaker timeout for a drill, and says what it changes", () => {
    expect(drillReady(DEFAULT_CONFIG)).toBe(false);
    const { patch, changes } = drillPatch(DEFAULT_CONFIG);
    expect(patch).toEqual({ circuitBreaker: { ...DEFAULT_CONFIG.circuitBreaker, timeoutDuration: 5, halfOpenRequests: 3 }, exportIntervalMs: 1000 });
    expect(changes).toEqual(["breaker timeout 60 s → 5 s", "half-open probes 10 → 3", "export interval 5000 ms → 1000 ms"]);
    expect(drillReady(apply(DEFAULT_CONFIG, patch))).toBe(true);
  });

  it("enables the breaker when it is off, and never lengthens shorter settings", () => {
    const off = apply(DEFAULT_CONFIG, { circuitBreaker: null, exportIntervalMs: 500 });
    const { patch, changes } = drillPatch(off);
    expect(patch.circuitBreaker).toMatchObject({ timeoutDuration: 5, halfOpenRequests: 3, failureThreshold: 0.5 });
    expect(patch.exportIntervalMs).toBeUndefined();
    expect(changes[0]).toContain("enable the circuit breaker");
    const quick = apply(DEFAULT_CONFIG, { circuitBreaker: { ...DEFAULT_CONFIG.circuitBreaker, timeoutDuration: 2, halfOpenRequests: 1 } });
    expect(drillPatch(quick).patch.circuitBreaker).toMatchObject({ timeoutDuration: 2, halfOpenRequests: 1 });
  });

  it("restores exactly what the drill changed", () => {
    const saved = saveForDrill(DEFAULT_CONFIG);
    const drilled = apply(DEFAULT_CONFIG, drillPatch(DEFAULT_CONFIG).patch);
    const back = restorePatch(saved, drilled);
    expect(back).toEqual({ circuitBreaker: DEFAULT_CONFIG.circuitBreaker, exportIntervalMs: 5000 });
    expect(apply(drilled, back)).toEqual(DEFAULT_CONFIG);
    expect(restorePatch(saved, DEFAULT_CONFIG)).toBeNull();
  });
});
