/**
 * socket.io adapter around the runtime: streams snapshots (volatile, every 250 ms, one snapshot
 * built per tick for all dashboards), broadcasts every config change and runtime event, and takes
 * `config:apply` requests, validated with the shared zod contract before the runtime sees them.
 */
import type http from "node:http";
import { Server, type Socket } from "socket.io";
import type { TelemetryRuntimeApi, ApplyResult, ConfigChangedEvent } from "../telemetry";
import {
  configApplyRequestSchema,
  SNAPSHOT_INTERVAL_MS,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from "./contract";

export type TracetuneIo = Server<ClientToServerEvents, ServerToClientEvents>;

export interface RealtimeOptions {
  /** Called after an accepted or refused change (history, persistence). */
  onApplied?: (result: ApplyResult, socket: Socket) => void;
  snapshotIntervalMs?: number;
}

export function attachRealtime(server: http.Server, runtime: TelemetryRuntimeApi, options: RealtimeOptions = {}) {
  const io: TracetuneIo = new Server(server, { serveClient: false, destroyUpgrade: false, maxHttpBufferSize: 1e6 });

  const configMessage = () => ({ config: runtime.config, version: runtime.version, hash: runtime.hash });

  io.on("connection", (socket) => {
    socket.emit("config", configMessage());
    socket.emit("snapshot", runtime.snapshot());
    for (const event of runtime.recentEvents().slice(-50)) socket.emit("event", event);

    socket.on("config:apply", (request: unknown, ack: unknown) => {
      const reply = typeof ack === "function" ? (ack as (r: ApplyResult) => void) : () => undefined;
      const parsed = configApplyRequestSchema.safeParse(request);
      if (!parsed.success) {
        reply({
          status: "failed",
          error: "Malformed config:apply request: expected { patch: {...}, baseVersion?: number }",
          issues: parsed.error.issues.map((i) => ({ path: i.path.join(".") || "(root)", message: i.message })),
        });
        return;
      }
      const { patch, baseVersion } = parsed.data;
      if (baseVersion !== undefined && baseVersion !== runtime.version) {
        reply({
          status: "failed",
          error: `Stale edit: it was based on config v${baseVersion}, but v${runtime.version} is running now. Review the current values and apply again.`,
          issues: [{ path: "(root)", message: "stale baseVersion" }],
        });
        return;
      }
      const result = runtime.apply(patch, { source: "ui", actor: `dashboard ${socket.id.slice(0, 6)}` });
      reply(result);
      options.onApplied?.(result, socket);
    });
  });

  const offConfig = runtime.on("config", (change: ConfigChangedEvent) => {
    io.emit("config", { config: change.config, version: change.version, hash: change.hash });
  });
  const offEvent = runtime.on("event", (event) => io.emit("event", event));

  const timer = setInterval(() => {
    if (io.engine.clientsCount === 0) return;
    io.volatile.emit("snapshot", runtime.snapshot());
  }, options.snapshotIntervalMs ?? SNAPSHOT_INTERVAL_MS);
  timer.unref();

  return {
    io,
    close: async () => {
      clearInterval(timer);
      offConfig();
      offEvent();
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
