/** Per-rule / per-tier counters the sampler reports (snapshot.sampler.detail.buckets). */
import type { SamplerDetail } from "../../server/telemetry/snapshot";
import { formatRatePercent } from "./log-scale";

type Bucket = NonNullable<SamplerDetail["buckets"]>[number];

export function findBucket(detail: SamplerDetail | undefined, name: string): Bucket | undefined {
  return detail?.buckets?.find((b) => b.name === name);
}

/** "kept 120 of 1,200 · 10.0 %": what the rule or tier actually did so far. */
export function bucketText(b: Bucket | undefined): string | undefined {
  if (!b) return undefined;
  return `${b.kept.toLocaleString("en-US")}/${b.seen.toLocaleString("en-US")} · ${formatRatePercent(b.rate)}`;
}
