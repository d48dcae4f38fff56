/**
 * Tiered (depth-based) sampling.
 *
 * Depth: a root span (no valid parent) has depth 0; a span's depth is its parent's depth + 1.
 * The depth travels in the span context's W3C tracestate (`tracetune=<depth>`), so it survives
 * process boundaries; a sampled parent without that entry (another sampler upstream) counts as
 * depth 0. Levels: "root" is depth 0, "child" is depth 1 up to minDepth - 1, "deep" is depth >=
 * minDepth (default 5, the guide's example).
 *
 * Partial traces, exactly: the probability of keeping a span at depth d is the MINIMUM of the
 * rates of its level and of every shallower level, and every decision compares the same trace-id
 * fraction. So the kept spans of a trace are always "everything down to some depth k": a span is
 * never kept without its parent (no orphans), and a trace is partial when it was cut below depth k.
 * A rate for a deeper level above a shallower one therefore has no effect; a missing level adds
 * no further reduction. Descendants of a span that was not kept are not kept.
 */
import { TraceState } from "@opentelemetry/core";
import { isSpanContextValid, TraceFlags } from "@opentelemetry/api";
import { SamplingDecision, type SamplingResult } from "@opentelemetry/sdk-trace-base";
import type { SamplerDetail } from "../snapshot";
import { traceIdFraction } from "./trace-id-ratio";
import { NOT_SAMPLED } from "./ratio-sampler";
import type { SampleInput, SamplingStrategy } from "./sampling-strategy";

export interface TierLevel {
  level: "root" | "child" | "deep";
  rate: number;
  minDepth?: number;
}

export const DEPTH_KEY = "tracetune";
export const DEFAULT_DEEP_MIN_DEPTH = 5;

interface Tier {
  name: "root" | "child" | "deep";
  /** Cumulative minimum rate down to this tier. */
  rate: number;
  seen: number;
  kept: number;
}

export class TieredSampler implements SamplingStrategy {
  readonly type = "tiered";
  readonly decidesChildren = true;
  private readonly tiers: [Tier, Tier, Tier];
  private readonly deepFrom: number;

  constructor(levels: readonly TierLevel[]) {
    const by = (l: TierLevel["level"]) => levels.find((x) => x.level === l);
    const root = by("root")?.rate ?? 1;
    const child = Math.min(root, by("child")?.rate ?? 1);
    const deep = Math.min(child, by("deep")?.rate ?? 1);
    this.deepFrom = by("deep")?.minDepth ?? DEFAULT_DEEP_MIN_DEPTH;
    this.tiers = [
      { name: "root", rate: root, seen: 0, kept: 0 },
      { name: "child", rate: child, seen: 0, kept: 0 },
      { name: "deep", rate: deep, seen: 0, kept: 0 },
    ];
  }

  /** Depth of a span whose parent context is `parent` (root = 0). */
  static depthOf(parent: SampleInput["parent"]): number {
    if (!parent || !isSpanContextValid(parent)) return 0;
    const raw = parent.traceState?.get(DEPTH_KEY);
    const parentDepth = raw === undefined ? 0 : Number.parseInt(raw, 10);
    return (Number.isFinite(parentDepth) ? parentDepth : 0) + 1;
  }

  tierFor(depth: number): Tier {
    return depth === 0 ? this.tiers[0] : depth < this.deepFrom ? this.tiers[1] : this.tiers[2];
  }

  shouldSample(input: SampleInput): SamplingResult {
    const parent = input.parent && isSpanContextValid(input.parent) ? input.parent : undefined;
    // Monotone rates: nothing below an unsampled span can be kept.
    if (parent && (parent.traceFlags & TraceFlags.SAMPLED) === 0) return NOT_SAMPLED;
    const depth = TieredSampler.depthOf(parent);
    const tier = this.tierFor(depth);
    tier.seen++;
    if (traceIdFraction(input.traceId) >= tier.rate * input.scale) return NOT_SAMPLED;
    tier.kept++;
    const base = parent?.traceState ?? new TraceState();
    return { decision: SamplingDecision.RECORD_AND_SAMPLED, traceState: base.set(DEPTH_KEY, String(depth)) };
  }

  baseRate(): number {
    return this.tiers[0].rate;
  }

  detail(): SamplerDetail {
    return { buckets: this.tiers.map((t) => ({ name: t.name, seen: t.seen, kept: t.kept, rate: t.rate })) };
  }
}
