/**
 * One synthetic agent run, traced only through @opentelemetry/api, the way user code would be.
 *
 * Span tree (depth in brackets, root = 0):
 *   agent.run [0]                       agent.name, priority, request.id set at start
 *     memory.lookup [1]                 (autoInstrumentMemory)
 *     llm.call [1]                      provider, model, llm.prompt, temperature at start; tokens at end
 *     tool.call [1]                     (autoInstrumentTools) tool.name, tool.args
 *       agent.run [2]                   sometimes: the tool delegates to a sub-agent ...
 *         llm.call / tool.call [3] ...  ... which may delegate once more (depth up to 5)
 *     llm.call [1]                      sometimes: a second, summarizing call
 *
 * Parent contexts are passed explicitly, so the tree is right whether or not a context manager
 * is registered (the runtime may run without async context propagation).
 *
 * Timing: ~50 ms per root run on average, almost all awaited timers ("LLM latency"), plus
 * 0.2-0.5 ms of real CPU work. About 2% of runs fail: the failing step's span and the root get
 * `error.type` and an ERROR status; the run itself resolves (never rejects).
 */
import { SpanKind, SpanStatusCode, context, trace } from "@opentelemetry/api";
import type { Attributes, Context, Span, Tracer } from "@opentelemetry/api";
import {
  DELEGATE_TOOL,
  MEMORY_STORES,
  RUN_ERROR_RATE,
  pickAgentName,
  pickFailure,
  pickModel,
  pickPriority,
  pickTool,
  promptOfLength,
} from "./agent-catalog";
import type { Failure, FailureStep } from "./agent-catalog";
import { between, hex, intBetween, pick } from "./random";
import type { Random } from "./random";

export interface InstrumentationToggles {
  autoInstrumentTools: boolean;
  autoInstrumentMemory: boolean;
  includeSystemMetrics: boolean;
}

export interface AgentRunResult {
  requestId: string;
  priority: string;
  errorType: string | null;
}

/** Sub-agents may nest this many levels below the root agent (agent.run at depth 2 and 4). */
const MAX_NESTING = 2;
const DELEGATE_PROBABILITY = 0.25;
const TOOL_PROBABILITY = 0.7;
const SECOND_LLM_PROBABILITY = 0.4;

class InjectedFailure extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
    this.name = failure.type;
  }
}

interface RunScope {
  tracer: Tracer;
  random: Random;
  toggles: InstrumentationToggles;
  /** Where the run fails, if it does; consumed by the first matching step. */
  failure: Failure | null;
  /** Root attributes sub-agents carry too (the request they work for). */
  inherited: Attributes;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Real CPU work (string hashing) for about `ms`: the part of an agent that is not waiting. */
function burnCpu(ms: number, text: string): number {
  const end = performance.now() + ms;
  let hash = 0;
  let i = 0;
  while (performance.now() < end) {
    for (let k = 0; k < 256; k++, i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i % text.length)) | 0;
  }
  return hash;
}

interface ErrorInfo {
  type: string;
  message: string;
}

function markError(span: Span, failure: ErrorInfo): void {
  span.setAttribute("error.type", failure.type);
  span.setStatus({ code: SpanStatusCode.ERROR, message: failure.message });
}

/** A traced step: runs `body` inside span `name` when `traced`, else untraced (instrumentation off). */
async function step<T>(
  scope: RunScope,
  parent: Context,
  traced: boolean,
  name: string,
  attributes: Attributes,
  failAs: FailureStep,
  body: (span: Span | null, ctx: Context) => Promise<T>,
): Promise<T> {
  const fail = () => {
    if (scope.failure?.step !== failAs) return null;
    const failure = scope.failure;
    scope.failure = null;
    return failure;
  };
  if (!traced) {
    const result = await body(null, parent);
    const failure = fail();
    if (failure) throw new InjectedFailure(failure);
    return result;
  }
  return scope.tracer.startActiveSpan(name, { kind: SpanKind.INTERNAL, attributes }, parent, async (span) => {
    try {
      const result = await body(span, trace.setSpan(parent, span));
      const failure = fail();
      if (failure) {
        const error = new InjectedFailure(failure);
        span.recordException(error);
        throw error;
      }
      return result;
    } catch (error) {
      // The failure surfaces through every instrumented layer above it, as auto-instrumentation does.
      if (error instanceof InjectedFailure) markError(span, error.failure);
      throw error;
    } finally {
      span.end();
    }
  });
}

function memoryLookup(scope: RunScope, parent: Context): Promise<void> {
  const { random } = scope;
  const attributes = { "memory.store": pick(random, MEMORY_STORES), "memory.query.length": intBetween(random, 20, 200) };
  return step(scope, parent, scope.toggles.autoInstrumentMemory, "memory.lookup", attributes, "memory", async (span) => {
    await sleep(between(random, 1, 4));
    span?.setAttribute("memory.hits", intBetween(random, 0, 8));
  });
}

function llmCall(scope: RunScope, parent: Context, agentName: string): Promise<void> {
  const { random } = scope;
  const { provider, model } = pickModel(random);
  const prompt = promptOfLength(random, agentName, intBetween(random, 300, 2000));
  const attributes = {
    provider,
    model,
    "llm.prompt": prompt,
    "llm.tokens.input": Math.ceil(prompt.length / 4),
    temperature: Math.round(between(random, 0, 1) * 10) / 10,
  };
  // LLM calls are always instrumented: they are the spans the guide's users care most about.
  return step(scope, parent, true, "llm.call", attributes, "llm", async (span) => {
    const ttft = between(random, 8, 16);
    await sleep(ttft);
    span?.addEvent("first_token", { "llm.ttft_ms": Math.round(ttft) });
    await sleep(between(random, 10, 22));
    const output = intBetween(random, 20, 600);
    span?.setAttribute("llm.tokens.output", output);
    span?.addEvent("completion", { "llm.finish_reason": "stop", "llm.tokens.output": output });
  });
}

function toolCall(scope: RunScope, parent: Context, nesting: number): Promise<void> {
  const { random } = scope;
  const delegate = nesting < MAX_NESTING && random() < DELEGATE_PROBABILITY;
  const tool = pickTool(random);
  const name = delegate ? DELEGATE_TOOL : tool.name;
  const args = delegate ? { agent: pickAgentName(random), task: "look up the details and report back" } : tool.args();
  const attributes = { "tool.name": name, "tool.args": JSON.stringify(args) };
  return step(scope, parent, scope.toggles.autoInstrumentTools, "tool.call", attributes, "tool", async (span, ctx) => {
    if (delegate) {
      await agentBody(scope, ctx, nesting + 1, pickAgentName(random));
      span?.setAttribute("tool.result.size", intBetween(random, 100, 4000));
      return;
    }
    await sleep(between(random, 3, 10));
    span?.setAttribute("tool.result.size", intBetween(random, 10, 2000));
  });
}

/** The agent loop: remember, think, act (maybe through a sub-agent), maybe think again. */
async function agentBody(scope: RunScope, parent: Context, nesting: number, agentName: string): Promise<void> {
  const run = async (ctx: Context) => {
    await memoryLookup(scope, ctx);
    await llmCall(scope, ctx, agentName);
    if (scope.random() < TOOL_PROBABILITY || scope.failure?.step === "tool") await toolCall(scope, ctx, nesting);
    if (scope.random() < SECOND_LLM_PROBABILITY) await llmCall(scope, ctx, agentName);
  };
  if (nesting === 0) return run(parent);
  // Sub-agents are their own agent.run spans, children of the delegating tool call.
  const subAttributes = { "agent.name": agentName, "agent.nesting": nesting, ...scope.inherited };
  return scope.tracer.startActiveSpan("agent.run", { kind: SpanKind.INTERNAL, attributes: subAttributes }, parent, async (span) => {
    try {
      await run(trace.setSpan(parent, span));
    } catch (error) {
      if (error instanceof InjectedFailure) markError(span, error.failure);
      throw error;
    } finally {
      span.end();
    }
  });
}

function systemMetrics(): Attributes {
  const memory = process.memoryUsage();
  const cpu = process.cpuUsage();
  return {
    "process.memory.rss": memory.rss,
    "process.memory.heap_used": memory.heapUsed,
    "process.cpu.user_us": cpu.user,
    "process.cpu.system_us": cpu.system,
  };
}

/** Run one root agent. Resolves when its spans have ended; never rejects for injected failures. */
export async function runAgent(
  tracer: Tracer,
  random: Random,
  toggles: InstrumentationToggles,
  parent: Context = context.active(),
): Promise<AgentRunResult> {
  const agentName = pickAgentName(random);
  const priority = pickPriority(random);
  const requestId = `req-${hex(random, 16)}`;
  const failure = random() < RUN_ERROR_RATE ? pickFailure(random) : null;
  const scope: RunScope = { tracer, random, toggles, failure, inherited: { priority, "request.id": requestId } };
  // Everything a head sampler may look at is set at start.
  const attributes: Attributes = {
    "agent.name": agentName,
    priority,
    "request.id": requestId,
    "agent.nesting": 0,
    ...(toggles.includeSystemMetrics ? systemMetrics() : {}),
  };
  return tracer.startActiveSpan("agent.run", { kind: SpanKind.SERVER, attributes }, parent, async (span) => {
    try {
      burnCpu(between(random, 0.2, 0.5), requestId + agentName);
      await agentBody(scope, trace.setSpan(parent, span), 0, agentName);
      return { requestId, priority, errorType: null };
    } catch (error) {
      const failed: ErrorInfo =
        error instanceof InjectedFailure ? error.failure : { type: "Error", message: String(error) };
      markError(span, failed);
      return { requestId, priority, errorType: failed.type };
    } finally {
      span.end();
    }
  });
}
