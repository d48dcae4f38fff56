/**
 * Starts agent processes for the fleet tests (server/integration/fleet-agent.ts or the example
 * service) and reads what they report about themselves.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { TEST_OPERATOR_TOKEN } from "./server-process";

export interface AgentState {
  link: string;
  version: number;
  hash: string;
  sampleRate: number;
  started: number;
  notSampled: number;
}

export interface RunningProcess {
  proc: ChildProcess;
  output(): string;
  stop(): Promise<number | null>;
}

export interface RunningAgent extends RunningProcess {
  service: string;
  instance: string;
  /** The agent's latest self-report. */
  latest(): AgentState | null;
  /** Resolves with the first self-report (from now on) that satisfies `predicate`. */
  until(predicate: (s: AgentState) => boolean, ms?: number): Promise<AgentState>;
}

/** Runs `script` in a child Node: a .ts file through tsx, a .mjs/.js file by plain node (as a JavaScript service runs). */
export function startProcess(script: string, env: Record<string, string>): RunningProcess {
  const args = script.endsWith(".ts") ? ["--import", "tsx", script] : [script];
  const proc = spawn(process.execPath, args, { cwd: process.cwd(), env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  proc.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  proc.stderr!.on("data", (c: Buffer) => (out += c.toString()));
  return {
    proc,
    output: () => out,
    stop: () =>
      new Promise((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve(proc.exitCode);
        proc.once("exit", (code) => resolve(code));
        proc.kill("SIGTERM");
      }),
  };
}

export function startAgent(url: string, service: string, instance: string, token = TEST_OPERATOR_TOKEN): RunningAgent {
  const running = startProcess("server/integration/fleet-agent.ts", { TRACETUNE_URL: url, TRACETUNE_TOKEN: token, AGENT_SERVICE: service, AGENT_INSTANCE: instance });
  let latest: AgentState | null = null;
  const waiters = new Set<(s: AgentState) => void>();
  let buffered = "";
  running.proc.stdout!.on("data", (c: Buffer) => {
    buffered += c.toString();
    let at: number;
    while ((at = buffered.indexOf("\n")) >= 0) {
      const line = buffered.slice(0, at);
      buffered = buffered.slice(at + 1);
      if (!line.startsWith("{")) continue;
      try {
        latest = JSON.parse(line) as AgentState;
      } catch {
        continue;
      }
      for (const w of [...waiters]) w(latest);
    }
  });
  return {
    ...running,
    service,
    instance,
    latest: () => latest,
    until: (predicate, ms = 20_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`agent ${service}/${instance} never reported the expected state; last: ${JSON.stringify(latest)}\n${running.output().slice(-2000)}`));
        }, ms);
        const check = (s: AgentState) => {
          if (!predicate(s)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(s);
        };
        waiters.add(check);
      }),
  };
}

/** Polls `probe` every 200 ms until it gives a truthy value; fails after `ms` with `what` (and `context()`). */
export async function eventually<T>(probe: () => Promise<T | null | undefined | false>, what: string, ms = 30_000, context: () => string = () => ""): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out: ${what}\n${context()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
