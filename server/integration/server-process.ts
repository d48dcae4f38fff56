/**
 * Starts the real Tracetune server (server/main.ts) as a child process on a free port with its
 * own SQLite file, exactly as `npm start` runs it after the build, and stops it with SIGTERM.
 * Integration tests talk to it over real HTTP and socket.io.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "../realtime/contract";

/** The operator token the test servers run with. */
export const TEST_OPERATOR_TOKEN = "integration-test-operator-token";

export interface RunningServer {
  url: string;
  dir: string;
  proc: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startServer(env: Record<string, string> = {}, dir = fs.mkdtempSync(path.join(os.tmpdir(), "tracetune-it-"))): Promise<RunningServer> {
  const proc = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: "0",
      HOST: "127.0.0.1",
      TRACETUNE_OPERATOR_TOKEN: TEST_OPERATOR_TOKEN,
      DATABASE_URL: `file:${path.join(dir, "tracetune.db")}`,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  proc.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  proc.stderr!.on("data", (c: Buffer) => (out += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s:\n${out}`)), 60_000);
    const onData = () => {
      const m = /Tracetune ready on (http:\/\/[^\s]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    proc.stdout!.on("data", onData);
    proc.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before it was ready:\n${out}`));
    });
  });
  return {
    url,
    dir,
    proc,
    output: () => out,
    stop: (signal = "SIGTERM") =>
      new Promise((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve(proc.exitCode);
        proc.once("exit", (code) => resolve(code));
        proc.kill(signal);
      }),
  };
}

export type DashboardSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export async function connectDashboard(url: string, options: Parameters<typeof io>[1] = {}): Promise<DashboardSocket> {
  const socket: DashboardSocket = io(url, { transports: ["websocket"], reconnection: false, auth: { token: TEST_OPERATOR_TOKEN }, ...options });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", (e) => reject(e));
  });
  return socket;
}

/** Resolve with the first value of `event` that satisfies `predicate`, or fail after `ms`. */
export function waitFor<E extends keyof ServerToClientEvents>(
  socket: DashboardSocket,
  event: E,
  predicate: (...args: Parameters<ServerToClientEvents[E]>) => boolean,
  ms = 20_000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler as never);
      reject(new Error(`timed out waiting for ${String(event)}`));
    }, ms);
    const handler = (...args: Parameters<ServerToClientEvents[E]>) => {
      if (!predicate(...args)) return;
      clearTimeout(timer);
      socket.off(event, handler as never);
      resolve(args[0]);
    };
    socket.on(event, handler as never);
  });
}

export async function getJson<T = unknown>(url: string, init?: RequestInit): Promise<{ status: number; body: T }> {
  const res = await fetch(url, init);
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}
