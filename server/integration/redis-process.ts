/**
 * A throw-away Redis for multi-server tests: Debian's redis-server on a free loopback port, with
 * persistence off (`--save "" --appendonly no`), stopped (SIGTERM) by the test.
 */
import { spawn } from "node:child_process";
import { freePort } from "./api-client";

export const REDIS_SERVER = process.env.REDIS_SERVER_PATH ?? "/usr/bin/redis-server";

export interface RunningRedis {
  url: string;
  stop(): Promise<void>;
}

/** On `port` (a restart on the same address), else on a free one. */
export async function startRedis(port?: number): Promise<RunningRedis & { port: number }> {
  port ??= await freePort();
  const proc = spawn(REDIS_SERVER, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  proc.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  proc.stderr!.on("data", (c: Buffer) => (out += c.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start in 20 s:\n${out}`)), 20_000);
    proc.stdout!.on("data", () => {
      if (out.includes("Ready to accept connections")) {
        clearTimeout(timer);
        resolve();
      }
    });
    proc.once("error", (e) => {
      clearTimeout(timer);
      reject(new Error(`could not run ${REDIS_SERVER} (apt-get install redis-server): ${e.message}`));
    });
    proc.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${out}`));
    });
  });
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        proc.once("exit", () => resolve());
        proc.kill("SIGTERM");
      }),
  };
}
