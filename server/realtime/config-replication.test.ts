/**
 * Config replication between two servers, each with its real runtime, ControlService and SQLite
 * store, over an in-process stand-in for socket.io's serverSideEmit (which Redis carries in
 * production; multi-server.int.test.ts covers that path end to end).
 */
import { EventEmitter } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ControlService } from "../control/control-service";
import { openStore } from "../store/open-store";
import type { Store } from "../store/types";
import { createTelemetryRuntime, type TelemetryRuntime } from "../telemetry/runtime";
import { REPLICATE_EVENT, replicateConfigChanges, type InterServerChannel, type ReplicatedChange } from "./config-replication";

/**
 * Like Redis pub/sub: what one server emits reaches every other server that is subscribed,
 * never itself; an unsubscribed server misses it for good.
 */
function bus() {
  const members: Array<EventEmitter & { subscribed: boolean }> = [];
  return (): Channel => {
    const self = Object.assign(new EventEmitter(), { subscribed: true });
    members.push(self);
    return Object.assign(self, {
      serverSideEmit: (event: typeof REPLICATE_EVENT, message: ReplicatedChange) => {
        for (const other of members) if (other !== self && other.subscribed) other.emit(event, structuredClone(message));
        return true;
      },
    });
  };
}
type Channel = InterServerChannel & EventEmitter & { subscribed: boolean };

interface Server {
  runtime: TelemetryRuntime;
  control: ControlService;
  channel: Channel;
  endpoint: string;
  /** What the Redis adapter calls when the subscription is back after a loss. */
  reconnected: () => void;
}

let dir: string;
let store: Store;
let a: Server;
let b: Server;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tracetune-replication-"));
  store = await openStore({ databaseUrl: `file:${path.join(dir, "shared.db")}`, warn: () => undefined });
  const join = bus();
  const server = (name: string, port: number): Server => {
    const endpoint = `http://127.0.0.1:${port}/v1/traces`;
    const runtime = createTelemetryRuntime({ exporterType: "none", otlpEndpoint: endpoint });
    const control = new ControlService(runtime, store, endpoint);
    const channel = join();
    const reconnectListeners: Array<() => void> = [];
    replicateConfigChanges(channel, control, name, (listener) => {
      reconnectListeners.push(listener);
      return () => undefined;
    });
    return { runtime, control, channel, endpoint, reconnected: () => reconnectListeners.forEach((l) => l()) };
  };
  a = server("A", 4001);
  b = server("B", 4002);
});

afterEach(async () => {
  await Promise.all([a.runtime.shutdown({ deadlineMs: 100 }), b.runtime.shutdown({ deadlineMs: 100 })]);
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

describe("config replication", () => {
  it("applies an operator's change on every other server's runtime, recording it once", async () => {
    const seenOnB: Array<{ actor?: string; source?: string }> = [];
    b.runtime.on("config", (change) => seenOnB.push(change.meta));

    const result = await a.control.apply({ sampleRate: 0.25, batchSize: 300 }, { actor: "alice via api", source: "api" });
    expect(result.status).toBe("applied");
    expect(b.runtime.config).toMatchObject({ sampleRate: 0.25, batchSize: 300 });
    expect(seenOnB).toEqual([{ actor: "alice via api (through server A)", source: "api" }]);
    // One history row: the origin's. B applied without recording and did not echo back.
    expect((await store.history.list()).map((c) => c.actor)).toEqual(["alice via api"]);
  });

  it("carries the built-in receiver as 'each server's own', and other endpoints as they are", async () => {
    await a.control.apply({ exporterType: "otlp", otlpEndpoint: "http://collector.example:4318/v1/traces" }, { actor: "alice", source: "ui" });
    expect(b.runtime.config).toMatchObject({ exporterType: "otlp", otlpEndpoint: "http://collector.example:4318/v1/traces" });

    // Back to A's own receiver: B goes back to its own, not to A's.
    await a.control.apply({ otlpEndpoint: a.endpoint, sampleRate: 0.5 }, { actor: "alice", source: "ui" });
    expect(b.runtime.config).toMatchObject({ otlpEndpoint: b.endpoint, sampleRate: 0.5 });
  });

  it("does not replicate refused changes or a runtime's own changes (auto-tune)", async () => {
    const before = b.runtime.config;
    expect((await a.control.apply({ sampleRate: 7 }, { actor: "alice", source: "api" })).status).toBe("failed");
    a.runtime.apply({ batchSize: 999 }, { source: "auto-tune", actor: "auto-tuner" });
    expect(b.runtime.config).toEqual(before);
  });

  it("after missing changes while its link was down, a server catches up with the shared persisted config", async () => {
    const caughtUp = new Promise((resolve) => b.runtime.on("config", (change) => resolve(change.meta)));
    b.channel.subscribed = false;
    await a.control.apply({ sampleRate: 0.3 }, { actor: "alice", source: "api" });
    await a.control.apply({ batchSize: 256, otlpEndpoint: a.endpoint }, { actor: "alice", source: "api" });
    expect(b.runtime.config.sampleRate).toBe(1);

    b.channel.subscribed = true;
    b.reconnected();
    expect(await caughtUp).toEqual({ actor: expect.stringMatching(/caught up with the shared config/), source: "code" });
    expect(b.runtime.config).toMatchObject({ sampleRate: 0.3, batchSize: 256, otlpEndpoint: b.endpoint });
    expect((await store.history.list()).map((c) => c.actor)).toEqual(["alice", "alice"]);
  });

  it("ignores a malformed message from another server, with a log line, changing nothing", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const before = b.runtime.version;
    b.channel.emit(REPLICATE_EVENT, { origin: "A", patch: "sampleRate=0", actor: "x", source: "api" });
    b.channel.emit(REPLICATE_EVENT, { origin: "A", patch: { sampleRate: 3 }, actor: "x", source: "api" });
    expect(b.runtime.version).toBe(before);
    expect(errors.mock.calls.map((c) => String(c[0]))).toEqual([
      expect.stringMatching(/ignored a malformed config change from another server/),
      expect.stringMatching(/config change from server A refused here: .*sampleRate/),
    ]);
  });
});
