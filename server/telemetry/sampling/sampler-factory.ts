/** Builds the sampling strategy a config asks for, carrying learned state over from the old one. */
import type { SamplerConfig } from "../config";
import { AdaptiveSampler } from "./adaptive-sampler";
import { PrioritySampler } from "./priority-sampler";
import { RatioSampler } from "./ratio-sampler";
import type { SamplingStrategy } from "./sampling-strategy";
import { TieredSampler } from "./tiered-sampler";

export function createSamplingStrategy(config: SamplerConfig, now: number, previous?: SamplingStrategy): SamplingStrategy {
  let strategy: SamplingStrategy;
  switch (config.type) {
    case "ratio":
      strategy = new RatioSampler();
      break;
    case "adaptive":
      strategy = new AdaptiveSampler(config, now);
      break;
    case "priority":
      strategy = new PrioritySampler(config.rules, config.defaultRate);
      break;
    case "tiered":
      strategy = new TieredSampler(config.levels);
      break;
  }
  if (previous) strategy.inherit?.(previous);
  return strategy;
}
