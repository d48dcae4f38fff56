/**
 * The benchmark's agent-shaped operation, identical for every pipeline: a root `agent.run` span
 * and three children (`memory.lookup`, `llm.call`, `tool.call`), 4-7 attributes each, one of
 * them a 300-character prompt. Only @opentelemetry/api is used, as application code would.
 *
 * Why prompts are fresh strings: a constant prompt would be one shared heap string, so queued
 * spans would look ~300 bytes lighter than real ones (every real prompt differs). Each prompt is
 * cut from a corpus buffer with `latin1` decoding, which allocates a new flat string every time
 * (a `slice` would only point into the corpus). The cost is paid in the no-telemetry arm too.
 *
 * CPU work is a fixed number of hash rounds, never "spin until N ms passed": work measured by the
 * clock would absorb telemetry time into the work and hide the overhead being measured.
 */
import { ROOT_CONTEXT, SpanStatusCode, trace, type Span, type Tracer } from "@opentelemetry/api";

export const SPANS_PER_OPERATION = 4;
export const PROMPT_LENGTH = 300;

const WORDS = (
  "the customer account refund charge invoice subscription plan enterprise order status shipping " +
  "policy operator assistant careful source cite never invent number duplicate month tool search " +
  "query result memory vector store session agent model token latency error retry timeout budget " +
  "summary report detail please confirm check verify update ticket priority support billing travel"
).split(" ");

/**
 * 256 KiB of pseudo-random prose from a fixed seed: prompts cut from it differ from each other
 * and compress like text (about 3x with gzip), not like one sentence repeated.
 */
function buildCorpus(bytes: number): Buffer {
  let seed = 0x9e3779b9;
  const next = () => {
    seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return seed;
  };
  const parts: string[] = [];
  let length = 0;
  while (length < bytes) {
    const word = WORDS[next() % WORDS.length];
    const sep = next() % 11 === 0 ? ". " : " ";
    parts.push(word, sep);
    length += word.length + sep.length;
  }
  return Buffer.from(parts.join("").slice(0, bytes), "latin1");
}

const CORPUS = buildCorpus(256 * 1024);
const AGENTS = ["support-agent", "research-agent", "billing-agent", "triage-agent"];
const MODELS = ["gpt-4o", "gpt-4o-mini", "claude-sonnet-4", "gemini-2.0-flash"];
const TOOLS = ["web_search", "sql_query", "http_get", "calculator"];

let sequence = 0;

/** A fresh 300-character prompt (a new flat string: see the header). */
export function freshPrompt(n: number): string {
  const offset = (n * 7919) % (CORPUS.length - PROMPT_LENGTH);
  return CORPUS.toString("latin1", offset, offset + PROMPT_LENGTH);
}

/** Deterministic CPU work: `rounds` x 256 multiply-adds over `text`. Returns a value so it is not optimized away. */
export function burnRounds(rounds: number, text: string): number {
  let hash = 0;
  let i = 0;
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < 256; k++, i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i % text.length)) | 0;
  }
  return hash;
}

/** Hash rounds that take about `ms` of CPU on this machine (measured, best of several tries). */
export function calibrateRounds(ms: number): number {
  const probe = 2000;
  let best = Infinity;
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    burnRounds(probe, "calibration text for the hash loop");
    best = Math.min(best, performance.now() - t0);
  }
  return Math.max(1, Math.round((probe * ms) / best));
}

export interface OperationWork {
  /** Hash rounds inside each child span (0: spans only). */
  roundsPerChild: number;
}

export const NO_WORK: OperationWork = { roundsPerChild: 0 };

export let sink = 0;

function child(tracer: Tracer, parent: Span, name: string, attributes: Record<string, string | number>, work: OperationWork, text: string): Span {
  const span = tracer.startSpan(name, { attributes }, trace.setSpan(ROOT_CONTEXT, parent));
  if (work.roundsPerChild > 0) sink ^= burnRounds(work.roundsPerChild, text);
  return span;
}

/** One synchronous agent operation: 4 spans, ended before it returns. */
export function agentOperation(tracer: Tracer, work: OperationWork = NO_WORK): void {
  const n = sequence++;
  const prompt = freshPrompt(n);
  const root = tracer.startSpan(
    "agent.run",
    { attributes: { "agent.name": AGENTS[n & 3], priority: n % 10 === 0 ? "high" : "normal", "request.id": `req-${n}`, "session.id": `s-${n >> 4}` } },
    ROOT_CONTEXT,
  );
  const memory = child(tracer, root, "memory.lookup", { "memory.store": "vector", "memory.query.length": 40 + (n & 63), "memory.hits": n & 7 }, work, prompt);
  memory.setAttribute("memory.latency_ms", 2);
  memory.end();
  const llm = child(
    tracer,
    root,
    "llm.call",
    { provider: "openai", model: MODELS[n & 3], "llm.prompt": prompt, "llm.tokens.input": 75, temperature: 0.2, "llm.request.type": "chat" },
    work,
    prompt,
  );
  llm.setAttribute("llm.tokens.output", 120 + (n & 255));
  llm.end();
  const tool = child(tracer, root, "tool.call", { "tool.name": TOOLS[n & 3], "tool.args": `{"query":"order ${n}","top_k":5}`, "tool.attempt": 1 }, work, prompt);
  tool.setAttribute("tool.result.size", 512 + (n & 1023));
  tool.setStatus({ code: SpanStatusCode.OK });
  tool.end();
  root.end();
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The guide's 50 ms agent run: the same four spans, awaited timers for the "LLM" and the tools
 * (5 + 30 + 15 ms), and a little fixed CPU work in each child.
 */
export async function agentRun50ms(tracer: Tracer, roundsPerChild: number): Promise<void> {
  const n = sequence++;
  const prompt = freshPrompt(n);
  const root = tracer.startSpan("agent.run", { attributes: { "agent.name": AGENTS[n & 3], priority: "normal", "request.id": `req-${n}`, "session.id": `s-${n >> 4}` } }, ROOT_CONTEXT);
  const ctx = trace.setSpan(ROOT_CONTEXT, root);
  const memory = tracer.startSpan("memory.lookup", { attributes: { "memory.store": "vector", "memory.query.length": 40, "memory.hits": n & 7 } }, ctx);
  await sleep(5);
  sink ^= burnRounds(roundsPerChild, prompt);
  memory.end();
  const llm = tracer.startSpan(
    "llm.call",
    { attributes: { provider: "openai", model: MODELS[n & 3], "llm.prompt": prompt, "llm.tokens.input": 75, temperature: 0.2, "llm.request.type": "chat" } },
    ctx,
  );
  await sleep(30);
  sink ^= burnRounds(roundsPerChild, prompt);
  llm.setAttribute("llm.tokens.output", 120 + (n & 255));
  llm.end();
  const tool = tracer.startSpan("tool.call", { attributes: { "tool.name": TOOLS[n & 3], "tool.args": `{"query":"order ${n}"}`, "tool.attempt": 1 } }, ctx);
  await sleep(15);
  sink ^= burnRounds(roundsPerChild, prompt);
  tool.end();
  root.end();
}
