/**
 * What the OpenTelemetry SDK itself costs per span (ids, the Span object, attribute sanitizing,
 * context, end), which happens inside the application's own tracer calls where our hooks cannot
 * time it. Measured once, on a private provider with the same shape of span as the workload's
 * (5 attributes), sampled and not sampled; the live estimate multiplies these by the counts.
 */
import { BasicTracerProvider, SamplingDecision, type Sampler } from "@opentelemetry/sdk-trace-base";

export interface SdkSpanCost {
  sampledUs: number;
  notSampledUs: number;
}

let cached: SdkSpanCost | undefined;

function measure(decision: SamplingDecision, n: number): number {
  const sampler: Sampler = { shouldSample: () => ({ decision }), toString: () => "calibration" };
  const provider = new BasicTracerProvider({ sampler, spanProcessors: [] });
  const tracer = provider.getTracer("tracetune-calibration");
  const attrs = { "agent.name": "calibration", provider: "openai", model: "gpt", "llm.tokens.input": 512, priority: "normal" };
  // Warm the JIT first, then keep the best of three rounds: the floor is the cost itself,
  // anything above it is a GC pause or another task that happened to run.
  for (let i = 0; i < n; i++) tracer.startSpan("warmup", { attributes: attrs }).end();
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) tracer.startSpan("calibration", { attributes: attrs }).end();
    best = Math.min(best, ((performance.now() - t0) * 1000) / n);
  }
  return best;
}

export function sdkSpanCost(): SdkSpanCost {
  cached ??= { sampledUs: measure(SamplingDecision.RECORD_AND_SAMPLED, 5000), notSampledUs: measure(SamplingDecision.NOT_RECORD, 5000) };
  return cached;
}
