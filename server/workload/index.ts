/** The synthetic LLM-agent workload (traced through @opentelemetry/api only). */
export { createAgentWorkload, WORKLOAD_TRACER_NAME } from "./agent-workload";
export type { AgentWorkload, AgentWorkloadOptions, BurstResult, ConfigureResult, WorkloadStats } from "./agent-workload";
export {
  DEFAULT_WORKLOAD_SETTINGS,
  MAX_BURST,
  MAX_RUNS_PER_SECOND,
  workloadPatchSchema,
  workloadSettingsSchema,
} from "./workload-settings";
export type { WorkloadIssue, WorkloadPatch, WorkloadSettings } from "./workload-settings";
export { runAgent } from "./agent-run";
export type { AgentRunResult, InstrumentationToggles } from "./agent-run";
export { seededRandom } from "./random";
export type { Random } from "./random";
