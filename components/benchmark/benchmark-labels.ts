/** What the benchmark page says about each configuration it offers. */
import type { BenchmarkConfigurationName } from "../../server/benchmark/benchmark-contract";

export const CONFIGURATION_HINTS: Record<BenchmarkConfigurationName, string> = {
  disabled: "telemetry off: shows the measurement noise",
  "1%": "1 % of traces sampled",
  "10%": "10 % of traces sampled",
  "100%": "every trace sampled and exported",
  "running config": "the config running now (exports to a discard collector)",
};
