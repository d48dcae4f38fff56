/**
 * The parent's side: fork bench/child.ts with tsx and --expose-gc, hand it one task, answer its
 * receiver calls (reset / counts) from the shared receiver, and resolve with its result.
 */
import { fork } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { OtlpReceiver } from "../../server/receiver";
import { childMessageSchema, type ReceiverCounts, type Task } from "./protocol";

const here = path.dirname(fileURLToPath(import.meta.url));
const CHILD = path.join(here, "..", "child.ts");
const REPO_ROOT = path.join(here, "..", "..");

function countsOf(receiver: OtlpReceiver): ReceiverCounts {
  const s = receiver.stats();
  return { spans: s.spansReceived, bytesWire: s.bytesReceived, bytesDecoded: s.bytesDecoded, requests: s.requests };
}

export function runChild<T>(task: Task, receiver: OtlpReceiver, timeoutMs = 180_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [], {
      cwd: REPO_ROOT,
      execArgv: ["--import", "tsx", "--expose-gc"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let settled = false;
    const finish = (error: Error | null, value?: T) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.exitCode === null) child.kill();
      if (error) reject(error);
      else resolve(value as T);
    };
    const timer = setTimeout(() => finish(new Error(`child timed out after ${timeoutMs} ms (${task.scenario} ${task.pipeline})`)), timeoutMs);
    child.on("message", (raw: unknown) => {
      const parsed = childMessageSchema.safeParse(raw);
      if (!parsed.success) return finish(new Error(`bad message from child: ${parsed.error.message}`));
      const msg = parsed.data;
      if (msg.type === "rpc") {
        if (msg.call === "receiver.reset") receiver.reset();
        child.send({ type: "rpc-result", id: msg.id, counts: countsOf(receiver) });
      } else if (msg.type === "result") finish(null, msg.result as T);
      else finish(new Error(`child failed (${task.scenario} ${task.pipeline}): ${msg.message}`));
    });
    child.on("error", (e) => finish(e));
    child.on("exit", (code) => finish(new Error(`child exited with code ${code} before answering (${task.scenario} ${task.pipeline})`)));
    child.send({ type: "task", task });
  });
}
