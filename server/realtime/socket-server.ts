/**
 * socket.io adapter around the runtime: streams snapshots (volatile, every 250 ms, one snapshot
 * built per tick for all dashboards), broadcasts every config change and runtime event, and takes
 * `config:apply` requests, validated with the shared zod contract before the runtime sees them.
 *
 * With several servers on one Redis (options.adapter, see redis-adapter.ts), what describes this
 * server's runtime (snapshots, config, runtime events) goes to this server's dashboards only
 * (`io.local`): each runtime is told about operator changes made elsewhere
 * (config-replication.ts) and announces its own config. `presets:changed` describes the shared
 * database and goes to every server's dashboards.
 */
import type http from "node:http";
import { Server, type ServerOptions, type Socket } from "socket.io";
import type { TelemetryRuntimeApi, ApplyResult, ConfigChangedEvent } from "../telemetry";
import type { ControlService } from "../control/control-service";
import type { OperatorAuth, Role } from "../auth/operator-auth";
import { RateLimiter } from "../auth/rate-limiter";
import {
  configApplyRequestSchema,
  SNAPSHOT_INTERVAL_MS,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from "./contract";
import type { InterServerEvents } from "./config-replication";
import type { FleetInterServerEvents } from "../fleet/fleet-contract";

export type TracetuneIo = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents & FleetInterServerEvents>;

export interface RealtimeOptions {
  snapshotIntervalMs?: number;
  /** socket.io adapter shared by several servers (the Redis adapter); default in-memory. */
  adapter?: ServerOptions["adapter"];
}

/** Control messages per dashboard: 10 per second sustained, 20 at once. */
const CONTROL_RATE = { perSecond: 10, burst: 20 };

export function attachRealtime(
  server: http.Server,
  runtime: TelemetryRuntimeApi,
  control: Pick<ControlService, "apply" | "refuse">,
  auth: OperatorAuth,
  options: RealtimeOptions = {},
) {
  const io: TracetuneIo = new Server(server, { serveClient: false, destroyUpgrade: false, maxHttpBufferSize: 1e6, ...(options.adapter && { adapter: options.adapter }) });
  const limiter = new RateLimiter(CONTROL_RATE.perSecond, CONTROL_RATE.burst);

  // Refuse cross-site websocket connections outright; decide the role once per connection.
  io.use((socket, next) => {
    const facts = { headers: socket.handshake.headers, handshakeToken: (socket.handshake.auth as Record<string, unknown> | undefined)?.token };
    if (!auth.sameOrigin(facts)) return next(new Error("cross-site connection refused"));
    socket.data.role = auth.role(facts) satisfies Role;
    next();
  });

  const configMessage = () => ({ config: runtime.config, version: runtime.version, hash: runtime.hash });

  io.on("connection", (socket) => {
    const role: Role = socket.data.role ?? "viewer";
    socket.emit("session", { role });
    socket.on("disconnect", () => limiter.forget(socket.id));
    socket.emit("config", configMessage());
    socket.emit("snapshot", runtime.snapshot());
    for (const event of runtime.recentEvents().slice(-50)) socket.emit("event", event);

    socket.on("config:apply", async (request: unknown, ack: unknown) => {
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
      if (role !== "operator") {
        const error = "Read-only dashboard: sign in as an operator (the sign-in URL printed when the server started) to change settings.";
        await control.refuse(patch, { source: "ui", actor: actorOf(socket, role) }, error);
        reply({ status: "failed", error, issues: [{ path: "(root)", message: "operator token required" }] });
        return;
      }
      if (!limiter.take(socket.id)) {
        reply({ status: "failed", error: `Too many changes: at most ${CONTROL_RATE.perSecond} per second per dashboard. Nothing was changed.`, issues: [] });
        return;
      }
      if (baseVersion !== undefined && baseVersion !== runtime.version) {
        reply({
          status: "failed",
          error: `Stale edit: it was based on config v${baseVersion}, but v${runtime.version} is running now. Review the current values and apply again.`,
          issues: [{ path: "(root)", message: "stale baseVersion" }],
        });
        return;
      }
      reply(await control.apply(patch, { source: "ui", actor: actorOf(socket, role) }));
    });
  });

  const offConfig = runtime.on("config", (change: ConfigChangedEvent) => {
    io.local.emit("config", { config: change.config, version: change.version, hash: change.hash });
  });
  const offEvent = runtime.on("event", (event) => io.local.emit("event", event));

  const timer = setInterval(() => {
    if (io.engine.clientsCount === 0) return;
    io.local.volatile.emit("snapshot", runtime.snapshot());
  }, options.snapshotIntervalMs ?? SNAPSHOT_INTERVAL_MS);
  timer.unref();

  return {
    io,
    notify: { presetsChanged: () => void io.emit("presets:changed") },
    close: async () => {
      clearInterval(timer);
      offConfig();
      offEvent();
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}

/** Who made a change from a dashboard: role and the connection's short id and address. */
function actorOf(socket: Socket, role: Role): string {
  return `${role} via dashboard ${socket.id.slice(0, 6)} (${socket.handshake.address})`;
}
