/**
 * The child's side of the IPC link: ask the parent (which hosts the shared receiver) to reset its
 * counters or report them. Used to bracket a measured phase: reset, run, flush, read.
 */
import { parentMessageSchema, type ParentMessage, type ReceiverCounts } from "./protocol";

let nextId = 1;
const waiting = new Map<number, (counts: ReceiverCounts) => void>();
let taskHandler: ((task: Extract<ParentMessage, { type: "task" }>["task"]) => void) | null = null;

process.on("message", (raw: unknown) => {
  const parsed = parentMessageSchema.safeParse(raw);
  if (!parsed.success) {
    process.send?.({ type: "error", message: `bad message from parent: ${parsed.error.message}` });
    return;
  }
  const msg = parsed.data;
  if (msg.type === "task") taskHandler?.(msg.task);
  else {
    waiting.get(msg.id)?.(msg.counts);
    waiting.delete(msg.id);
  }
});

export function onTask(fn: (task: Extract<ParentMessage, { type: "task" }>["task"]) => void): void {
  taskHandler = fn;
}

function call(name: "receiver.reset" | "receiver.counts"): Promise<ReceiverCounts> {
  const id = nextId++;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    process.send?.({ type: "rpc", id, call: name });
  });
}

export const receiver = {
  reset: () => call("receiver.reset"),
  counts: () => call("receiver.counts"),
};

function sendAndWait(message: unknown): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

export function sendResult(result: Record<string, unknown>): Promise<void> {
  return sendAndWait({ type: "result", result });
}

export function sendError(message: string): Promise<void> {
  return sendAndWait({ type: "error", message });
}
