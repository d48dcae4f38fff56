/**
 * What the tracer itself costs per span (ids, the span object, attribute validation, context,
 * end), which happens inside the application's own tracer calls, outside the two hooks the
 * estimate times (sampler and span end). Measured once, on a private tracer of the same kind as
 * the runtime's with a constant sampler and an end hook that does nothing, with the shape of span
 * the workload has (5 attributes), sampled and not sampled; the live estimate multiplies these
 * by the counts.
 */
import { SamplingDecision, type Sampler } from "@opentelemetry/sdk-trace-base";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { TracetuneTracerProvider } from "../tracing/tracetune-tracer";

export interface SpanCreationCost {
  sampledUs: number;
  notSampledUs: number;
}

let cached: SpanCreationCost | undefined;

function measure(decision: SamplingDecision, n: number): number {
  const sampler: Sampler = { shouldSample: () => ({ decision }), toString: () => "calibration" };
  const provider = new TracetuneTracerProvider({ sampler, onEnd: { onEnd: () => {} }, resource: resourceFromAttributes({}) });
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

export function spanCreationCost(): SpanCreationCost {
  cached ??= { sampledUs: measure(SamplingDecision.RECORD_AND_SAMPLED, 5000), notSampledUs: measure(SamplingDecision.NOT_RECORD, 5000) };
  return cached;
}
