/**
 * Child Node processes that run a TypeScript entry through tsx: the comparative benchmark's
 * pipeline children (bench/lib/child-process.ts) and the dashboard's benchmark runs
 * (server/benchmark/benchmark-runner.ts). Each child gets its own event loop, heap and JIT state,
 * so what it measures is not disturbed by (and does not disturb) whoever started it.
 */
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root: tsx (from --import) resolves from here, and entries are relative to it. */
export const REPO_ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * Forks `entry` (absolute, or relative to the repository root) with tsx and an exposed `gc`,
 * sharing this process's stdout/stderr, with an IPC channel for `send` / `process.send`.
 */
export function forkTsx(entry: string): ChildProcess {
  return fork(path.resolve(REPO_ROOT, entry), [], {
    cwd: REPO_ROOT,
    execArgv: ["--import", "tsx", "--expose-gc"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
}

/**
 * Ends a child: SIGTERM, then SIGKILL if it is still there after `graceMs`. Resolves once it has
 * exited (at once if it already had).
 */
export function terminate(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** Whether a process with this id exists (signal 0 only checks; nothing is sent). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
