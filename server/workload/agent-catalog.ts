/**
 * What the synthetic agents are made of: names, models, tools, priorities, errors and prompts.
 * Plain data plus pickers; the shapes mirror a typical LLM-agent service so samplers, filters
 * and limiters have realistic attributes to act on (a long `llm.prompt` for the length limiter,
 * `priority` for the priority sampler, nested sub-agents for depth-based sampling).
 */
import { intBetween, pick, pickWeighted } from "./random";
import type { Random } from "./random";

export const AGENT_NAMES = ["support-agent", "research-agent", "billing-agent", "triage-agent", "coding-agent", "travel-agent"] as const;

export const PRIORITIES = [
  { value: "critical", weight: 0.05 },
  { value: "high", weight: 0.15 },
  { value: "normal", weight: 0.6 },
  { value: "low", weight: 0.2 },
] as const;
export type Priority = (typeof PRIORITIES)[number]["value"];

export const MODELS = [
  { provider: "openai", model: "gpt-4o" },
  { provider: "openai", model: "gpt-4o-mini" },
  { provider: "anthropic", model: "claude-sonnet-4" },
  { provider: "anthropic", model: "claude-haiku-4" },
  { provider: "google", model: "gemini-2.0-flash" },
  { provider: "mistral", model: "mistral-large" },
] as const;

export const TOOLS = [
  { name: "web_search", args: () => ({ query: "latest pricing for enterprise plan", top_k: 5 }) },
  { name: "sql_query", args: () => ({ sql: "SELECT id, status FROM orders WHERE customer_id = $1", params: [4711] }) },
  { name: "http_get", args: () => ({ url: "https://api.example.com/v2/status", timeout_ms: 2000 }) },
  { name: "calculator", args: () => ({ expression: "(1249.99 * 12) * 0.85" }) },
  { name: "send_email", args: () => ({ to: "customer@example.com", template: "refund_confirmation" }) },
] as const;

/** The tool through which an agent hands a sub-task to another agent (a deeper span tree). */
export const DELEGATE_TOOL = "delegate_to_agent";

export const MEMORY_STORES = ["vector", "episodic", "kv-cache"] as const;

/** Where an injected failure happens and the error type it raises. */
export const FAILURES = [
  { step: "llm", type: "RateLimitError", message: "provider returned 429: rate limit exceeded" },
  { step: "llm", type: "TimeoutError", message: "LLM call timed out after 30s" },
  { step: "tool", type: "ToolExecutionError", message: "tool returned a non-zero exit status" },
  { step: "memory", type: "MemoryUnavailableError", message: "vector store connection refused" },
] as const;
export type Failure = (typeof FAILURES)[number];
export type FailureStep = Failure["step"];

/** Share of runs that fail (the guide's agents fail rarely; ~2% gives the error filters something to find). */
export const RUN_ERROR_RATE = 0.02;

const PROMPT_CORPUS = [
  "You are a careful assistant working inside a production agent platform.",
  "Follow the operator's policies, cite the sources you used, and never invent order numbers.",
  "The customer wrote: I was charged twice for my subscription this month and I would like a refund for the duplicate charge.",
  "Relevant memory: the customer has been with us since 2019, holds an enterprise plan, and opened two tickets last quarter.",
  "Available tools: web_search, sql_query, http_get, calculator, send_email, delegate_to_agent.",
  "Think step by step. First decide which tool is needed, then call it with precise arguments, then summarize.",
  "Conversation so far: user asked about the status of order 4711; assistant looked it up and found it shipped on Monday.",
  "Output format: a short answer for the customer, followed by a JSON block with fields action, confidence and follow_up.",
  "If the request concerns billing, double-check the invoice history before promising anything.",
  "Context window note: earlier turns were summarized to save tokens; ask for details that are missing.",
].join(" ");

/** A long corpus to slice prompts from (cheap: a slice, not a build, per call). */
const CORPUS = (PROMPT_CORPUS + " ").repeat(4);

/** A prompt of `length` characters (clamped to the corpus), starting at a random offset. */
export function promptOfLength(random: Random, agentName: string, length: number): string {
  const header = `[${agentName}] `;
  const body = Math.max(0, Math.min(length, CORPUS.length - PROMPT_CORPUS.length) - header.length);
  const offset = intBetween(random, 0, PROMPT_CORPUS.length - 1);
  return header + CORPUS.slice(offset, offset + body);
}

export function pickPriority(random: Random): Priority {
  return pickWeighted(random, PRIORITIES);
}

export function pickAgentName(random: Random): string {
  return pick(random, AGENT_NAMES);
}

export function pickModel(random: Random): (typeof MODELS)[number] {
  return pick(random, MODELS);
}

export function pickTool(random: Random): (typeof TOOLS)[number] {
  return pick(random, TOOLS);
}

export function pickFailure(random: Random): Failure {
  return pick(random, FAILURES);
}
