/**
 * Starting values when the operator switches sampler type: the guide's examples, except the
 * adaptive target, scaled to the demo workload (the guide's 1000/s target would never be reached
 * by 50 runs/s, and the sampler would sit at its maximum).
 */
import type { SamplerConfig } from "../../server/telemetry/config";

export const SAMPLER_DEFAULTS: Record<SamplerConfig["type"], SamplerConfig> = {
  ratio: { type: "ratio" },
  adaptive: { type: "adaptive", minRate: 0.01, maxRate: 1, targetRps: 10, adjustmentPeriod: 5 },
  priority: {
    type: "priority",
    rules: [
      { attribute: "priority", value: "critical", rate: 1 },
      { attribute: "priority", value: "high", rate: 0.5 },
      { attribute: "priority", value: "normal", rate: 0.1 },
      { attribute: "priority", value: "low", rate: 0.01 },
    ],
    defaultRate: 0.1,
  },
  tiered: {
    type: "tiered",
    levels: [
      { level: "root", rate: 0.1 },
      { level: "child", rate: 0.01 },
      { level: "deep", minDepth: 5, rate: 0.001 },
    ],
  },
};

export const SAMPLER_LABELS: Record<SamplerConfig["type"], string> = {
  ratio: "Ratio (sample rate only)",
  adaptive: "Adaptive (steers to a target rate)",
  priority: "Priority rules (by attribute)",
  tiered: "Tiered (by span depth)",
};
