/**
 * The parent's side: fork bench/child.ts with tsx and --expose-gc, hand it tasks one at a time,
 * answer its receiver calls (reset / counts) from the shared receiver, resolve with its results.
 *
 * `runChild` is one task in a fresh process. A `ChildWorker` keeps its process for several tasks
 * (the throughput search runs all probes of one pipeline in one process, each probe on a freshly
 * built pipeline after a forced GC), which saves a process start (~1-2 s) per probe.
 */
import type { ChildProcess } from "node:child_process";
import { forkTsx } from "../../server/process/tsx-child";
import type { OtlpReceiver } from "../../server/receiver";
import { childMessageSchema, type ReceiverCounts, type Task } from "./protocol";

const CHILD = "bench/child.ts";

function countsOf(receiver: OtlpReceiver): ReceiverCounts {
  const s = receiver.stats();
  return { spans: s.spansReceived, bytesWire: s.bytesReceived, bytesDecoded: s.bytesDecoded, requests: s.requests };
}

interface Pending {
  resolve(value: Record<string, unknown>): void;
  reject(error: Error): void;
  label: string;
  timer: NodeJS.Timeout;
}

export class ChildWorker {
  private readonly child: ChildProcess;
  private pending: Pending | null = null;
  private exited = false;

  constructor(private readonly receiver: OtlpReceiver) {
    this.child = forkTsx(CHILD);
    this.child.on("message", (raw: unknown) => this.onMessage(raw));
    this.child.on("error", (e) => this.fail(e));
    this.child.on("exit", (code) => {
      this.exited = true;
      this.fail(new Error(`child exited with code ${code} before answering`));
    });
  }

  private onMessage(raw: unknown): void {
    const parsed = childMessageSchema.safeParse(raw);
    if (!parsed.success) return this.fail(new Error(`bad message from child: ${parsed.error.message}`));
    const msg = parsed.data;
    if (msg.type === "rpc") {
      if (msg.call === "receiver.reset") this.receiver.reset();
      this.child.send({ type: "rpc-result", id: msg.id, counts: countsOf(this.receiver) });
      return;
    }
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    clearTimeout(p.timer);
    if (msg.type === "result") p.resolve(msg.result);
    else p.reject(new Error(`child failed (${p.label}): ${msg.message}`));
  }

  private fail(error: Error): void {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    clearTimeout(p.timer);
    p.reject(new Error(`${error.message} (${p.label})`));
  }

  run<T>(task: Task, timeoutMs = 180_000): Promise<T> {
    if (this.pending) return Promise.reject(new Error("a child runs one task at a time"));
    if (this.exited) return Promise.reject(new Error("the child has exited"));
    const label = `${task.scenario} ${task.pipeline}`;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.fail(new Error(`child timed out after ${timeoutMs} ms`));
        this.close();
      }, timeoutMs);
      this.pending = { resolve: (v) => resolve(v as T), reject, label, timer };
      this.child.send({ type: "task", task });
    });
  }

  /** Let the child go (it exits when the IPC channel closes); kill it if it lingers. */
  close(): void {
    if (this.exited) return;
    if (this.child.connected) this.child.disconnect();
    setTimeout(() => {
      if (!this.exited) this.child.kill();
    }, 3000).unref();
  }
}

export async function runChild<T>(task: Task, receiver: OtlpReceiver, timeoutMs = 180_000): Promise<T> {
  const worker = new ChildWorker(receiver);
  try {
    return await worker.run<T>(task, timeoutMs);
  } finally {
    worker.close();
  }
}
