/**
 * A benchmark child process: runs the tasks its parent sends, one at a time, and reports each
 * result; exits when the parent closes the IPC channel. Each pipeline runs in its own process
 * per repetition, so one pipeline's garbage, JIT state and open sockets cannot bias another's
 * numbers. Started by bench/lib/child-process.ts.
 */
import { onTask, sendError, sendResult } from "./lib/parent-link";
import { runSuite } from "./scenarios/suite";
import { runThroughputProbe } from "./scenarios/throughput-probe";
import { runQueuedMemory } from "./scenarios/queued-memory";
import type { Task } from "./lib/protocol";

async function run(task: Task): Promise<Record<string, unknown>> {
  switch (task.scenario) {
    case "suite":
      return { ...(await runSuite(task.pipeline, task.settings, task.params)) };
    case "throughput":
      return { ...(await runThroughputProbe(task.pipeline, task.settings, task.spansPerSec, task.windowMs, task.warmupMs)) };
    case "memory":
      return { ...(await runQueuedMemory(task.pipeline, task.settings, task.operations)) };
  }
}

const gc = (globalThis as { gc?: () => void }).gc;

onTask((task) => {
  run(task)
    .then((result) => sendResult(result))
    .catch((e: unknown) => sendError(e instanceof Error ? (e.stack ?? e.message) : String(e)))
    // Leave the next task a clean heap (the previous pipeline's spans and buffers are garbage now).
    .finally(() => gc?.());
});

// Pipelines may leave timers or keep-alive sockets behind: leave when the parent lets go.
process.on("disconnect", () => process.exit(0));
