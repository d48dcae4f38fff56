/**
 * Priority sampling: the first rule whose attribute equals its value sets the root span's rate,
 * else `defaultRate`. Rules read the attributes given at span start (that is all a head sampler
 * can see), so instrumentation must set `priority` when it starts the span. Children follow
 * their parent, so a kept trace is kept whole.
 */
import type { SamplingResult } from "@opentelemetry/sdk-trace-base";
import type { SamplerDetail } from "../snapshot";
import { keepByTraceId } from "./trace-id-ratio";
import { NOT_SAMPLED, SAMPLED } from "./ratio-sampler";
import type { SampleInput, SamplingStrategy } from "./sampling-strategy";

export interface PriorityRule {
  attribute: string;
  value: string | number | boolean;
  rate: number;
}

interface Bucket {
  name: string;
  rate: number;
  seen: number;
  kept: number;
}

export class PrioritySampler implements SamplingStrategy {
  readonly type = "priority";
  readonly decidesChildren = false;
  private readonly buckets: Bucket[];
  private readonly defaultBucket: Bucket;

  constructor(
    private readonly rules: readonly PriorityRule[],
    defaultRate: number,
  ) {
    this.buckets = rules.map((r) => ({ name: `${r.attribute}=${String(r.value)}`, rate: r.rate, seen: 0, kept: 0 }));
    this.defaultBucket = { name: "default", rate: defaultRate, seen: 0, kept: 0 };
  }

  shouldSample(input: SampleInput): SamplingResult {
    const bucket = this.match(input.attributes);
    bucket.seen++;
    if (keepByTraceId(input.traceId, bucket.rate * input.scale)) {
      bucket.kept++;
      return SAMPLED;
    }
    return NOT_SAMPLED;
  }

  private match(attributes: SampleInput["attributes"]): Bucket {
    for (let i = 0; i < this.rules.length; i++) {
      const rule = this.rules[i];
      if (attributes[rule.attribute] === rule.value) return this.buckets[i];
    }
    return this.defaultBucket;
  }

  baseRate(): number {
    return this.defaultBucket.rate;
  }

  detail(): SamplerDetail {
    return { buckets: [...this.buckets, this.defaultBucket].map((b) => ({ ...b })) };
  }
}
