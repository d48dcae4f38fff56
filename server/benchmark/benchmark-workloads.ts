/**
 * The benchmark's workloads by name, shared by `npm run bench:config` and the dashboard's
 * benchmark runner: the agent-shaped operation of bench/lib/agent-operation.ts, with or without
 * CPU work, or the guide's 50 ms agent run. Calibration runs when a workload is built.
 */
import type { OverheadWorkload } from "../telemetry";
import { agentOperation, agentRun50ms, calibrateRounds } from "../../bench/lib/agent-operation";
import type { BenchmarkWorkloadName } from "./benchmark-contract";

export function benchmarkWorkload(name: BenchmarkWorkloadName): OverheadWorkload {
  if (name === "spans-only") return (tracer) => agentOperation(tracer);
  if (name === "agent-50ms") {
    const rounds = calibrateRounds(0.1);
    return (tracer) => agentRun50ms(tracer, rounds);
  }
  const work = { roundsPerChild: calibrateRounds(1 / 3) };
  return (tracer) => agentOperation(tracer, work);
}
