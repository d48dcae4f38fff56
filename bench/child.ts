/**
 * A benchmark child process: runs one task for one pipeline and reports back, then exits.
 * Each pipeline runs in its own process per repetition, so one pipeline's garbage, JIT state and
 * open sockets cannot bias another's numbers. Started by bench/lib/child-process.ts.
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
      return { ...(await runThroughputProbe(task.pipeline, task.settings, task.spansPerSec, task.windowMs)) };
    case "memory":
      return { ...(await runQueuedMemory(task.pipeline, task.settings, task.operations)) };
  }
}

onTask((task) => {
  run(task)
    .then((result) => sendResult(result))
    .catch((e: unknown) => sendError(e instanceof Error ? (e.stack ?? e.message) : String(e)))
    // Leave once the answer is out, even if a pipeline left a timer or socket behind.
    .finally(() => process.exit(0));
});
