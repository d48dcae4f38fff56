/**
 * The agent link: connects a runtime embedded in a user's service to a Tracetune server over
 * socket.io (namespace /agents, see server/fleet/fleet-contract.ts), so the server can see it and
 * tune it.
 *
 * Invariants, because this runs inside someone else's service:
 * - It never blocks the host: nothing here is on the span path; the snapshot timer is unref'd
 *   (it never keeps the process alive) and sends volatile packets (dropped, not buffered, while
 *   disconnected).
 * - It never crashes the host: every handler catches; socket.io-client reports errors as events.
 * - The runtime keeps running on its last config while the server is away; socket.io-client
 *   reconnects with exponential backoff (1 s doubling to 30 s, randomized) and the hello in the
 *   handshake re-announces the running config on every reconnect.
 * - A server that refuses the token ends the link (status "refused"): retrying a wrong token
 *   forever would only flood the server's log. Any other refusal (a hello the server cannot read,
 *   e.g. after an upgrade changed the config schema) and a server that drops a linked agent on
 *   purpose (shutting down) are retried after SERVER_DISCONNECT_RETRY_MS.
 * - The server may tune, not redirect: a remote change of where the spans go (exporter type, OTLP
 *   endpoint, file path) is refused unless the service allowed it (`allowRemoteDestination`),
 *   because it could send the service's data, and its exporter headers, anywhere.
 */
import { context } from "@opentelemetry/api";
import { suppressTracing } from "@opentelemetry/core";
import { io, type Socket } from "socket.io-client";
import type { TelemetryRuntimeApi } from "../telemetry/types";
import {
  AGENTS_NAMESPACE,
  AGENT_SNAPSHOT_INTERVAL_MS,
  agentApplyRequestSchema,
  instanceNameSchema,
  serviceNameSchema,
  type AgentApplyAck,
  type AgentToServerEvents,
  type ServerToAgentEvents,
} from "../fleet/fleet-contract";
import { compactSnapshot } from "./compact-snapshot";

export interface AgentLinkOptions {
  /** The Tracetune server, e.g. http://tracetune.internal:3000 */
  url: string;
  /** TRACETUNE_AGENT_TOKEN of that server (or its operator token when it has no agent token). */
  token: string;
  service: string;
  instance: string;
  snapshotIntervalMs?: number;
  /** Wait before reconnecting after the server dropped the link on purpose (default 5 s). */
  reconnectAfterDropMs?: number;
  /** Where link trouble is reported (default: one console.warn per distinct message). */
  onError?: (message: string) => void;
  /**
   * Let the server change where this service's spans go (exporterType, otlpEndpoint, filePath).
   * Off by default: such a change could send the data anywhere.
   */
  allowRemoteDestination?: boolean;
}

/** Settings that choose where spans go: changed remotely only when the service allows it. */
export const DESTINATION_KEYS = ["exporterType", "otlpEndpoint", "filePath"] as const;

export type AgentLinkStatus = "connecting" | "connected" | "reconnecting" | "refused" | "closed";

export interface AgentLink {
  readonly status: AgentLinkStatus;
  /** The last connection error, if any (cleared on connect). */
  readonly lastError: string | null;
  /** Stops the link; the runtime keeps running on its current config. */
  close(): void;
}

type AgentSocket = Socket<ServerToAgentEvents, AgentToServerEvents>;

/** Wait before reconnecting after the server dropped the link on purpose. */
const SERVER_DISCONNECT_RETRY_MS = 5000;

export function connectAgent(runtime: TelemetryRuntimeApi, options: AgentLinkOptions): AgentLink {
  // Names the server would refuse are made acceptable rather than thrown at the host.
  const service = fleetName(options.service, serviceNameSchema);
  const instance = fleetName(options.instance, instanceNameSchema);
  let lastWarning = "";
  const report =
    options.onError ??
    ((message: string) => {
      if (message === lastWarning) return;
      lastWarning = message;
      console.warn(`[tracetune agent ${service}/${instance}] ${message}`);
    });

  let status: AgentLinkStatus = "connecting";
  let lastError: string | null = null;
  let endpoint: string;
  try {
    endpoint = new URL(AGENTS_NAMESPACE, options.url).toString();
  } catch {
    lastError = `not a URL: ${JSON.stringify(options.url)}`;
    report(`link not started: ${lastError}`);
    return { status: "refused", lastError, close: () => undefined };
  }

  // Created with tracing suppressed (the context follows its connects and reconnects): the
  // link's own HTTP upgrade requests are not the host's traffic, so instrumentation-http must not trace them.
  const socket: AgentSocket = context.with(suppressTracing(context.active()), () =>
    io(endpoint, {
      transports: ["websocket"],
      // The link's socket and reconnect timers never keep the host process alive.
      autoUnref: true,
      reconnectionDelay: 1000,
      reconnectionDelayMax: 30_000,
      randomizationFactor: 0.5,
      // Called on every (re)connect: the hello always carries the config running right now.
      auth: (cb) => cb({ token: options.token, service, instance, config: runtime.config, version: runtime.version, hash: runtime.hash }),
    }),
  );

  socket.on("connect", () => {
    status = "connected";
    lastError = null;
    lastWarning = "";
  });
  let retry: ReturnType<typeof setTimeout> | null = null;
  socket.on("disconnect", (reason) => {
    if (status === "closed") return;
    status = "reconnecting";
    report(`disconnected (${reason}); reconnecting, tracing goes on with the current config`);
    // socket.io does not reconnect by itself after the server dropped the socket on purpose
    // (e.g. a server shutting down its namespaces): an agent must come back anyway.
    if (!socket.active) scheduleRetry();
  });
  function scheduleRetry(): void {
    if (retry) return;
    retry = setTimeout(() => {
      retry = null;
      if (status !== "closed") socket.connect();
    }, options.reconnectAfterDropMs ?? SERVER_DISCONNECT_RETRY_MS);
    retry.unref();
  }
  socket.on("connect_error", (error) => {
    lastError = error.message;
    if (socket.active) {
      if (status !== "connecting") status = "reconnecting";
      report(`cannot reach ${options.url}: ${error.message}; retrying with backoff`);
    } else if (/token refused/.test(error.message)) {
      // A refused token: socket.io does not retry middleware refusals, and neither do we.
      status = "refused";
      report(`refused by ${options.url}: ${error.message}`);
    } else {
      // Any other refusal may pass once the server (or this service) is upgraded: retry slowly.
      status = "reconnecting";
      report(`refused by ${options.url}: ${error.message}; retrying in ${(options.reconnectAfterDropMs ?? SERVER_DISCONNECT_RETRY_MS) / 1000} s`);
      scheduleRetry();
    }
  });

  socket.on("config:apply", (request: unknown, ack: unknown) => {
    const send = typeof ack === "function" ? (ack as (r: AgentApplyAck) => void) : () => undefined;
    // A refusal also says which config is still running, as an applied answer does.
    const reply = (answer: AgentApplyAck) => send(answer.status === "failed" ? { ...answer, version: runtime.version, hash: runtime.hash } : answer);
    try {
      const parsed = agentApplyRequestSchema.safeParse(request);
      if (!parsed.success) {
        reply({ status: "failed", error: "Malformed config:apply request from the server", issues: [] });
        return;
      }
      const redirects = options.allowRemoteDestination ? [] : destinationChanges(runtime.config, parsed.data.patch);
      if (redirects.length > 0) {
        reply({
          status: "failed",
          error: `This service does not take remote changes to where its spans go (${redirects.join(", ")}); its owner can allow them with connect({ allowRemoteDestination: true }).`,
          issues: redirects.map((path) => ({ path, message: "remote change of the destination not allowed" })),
        });
        return;
      }
      const result = runtime.apply(parsed.data.patch, { source: "fleet", actor: parsed.data.actor });
      reply(result.status === "applied" ? { ...result, config: runtime.config } : result);
    } catch (e) {
      reply({ status: "failed", error: `The agent could not apply it: ${(e as Error).message}`, issues: [] });
    }
  });

  const offConfig = runtime.on("config", (change) => {
    try {
      if (socket.connected) socket.emit("config", { config: change.config, version: change.version, hash: change.hash });
    } catch (e) {
      report(`could not report a config change: ${(e as Error).message}`);
    }
  });

  const timer = setInterval(() => {
    try {
      if (socket.connected) socket.volatile.emit("snapshot", compactSnapshot(runtime.snapshot()));
    } catch (e) {
      report(`could not send a snapshot: ${(e as Error).message}`);
    }
  }, options.snapshotIntervalMs ?? AGENT_SNAPSHOT_INTERVAL_MS);
  timer.unref();

  return {
    get status() {
      return status;
    },
    get lastError() {
      return lastError;
    },
    close() {
      if (status === "closed") return;
      status = "closed";
      clearInterval(timer);
      if (retry) clearTimeout(retry);
      offConfig();
      socket.close();
    },
  };
}

/** `name` as the fleet accepts it: other characters become "-", at most 100 of them. */
export function fleetName(name: string, schema: typeof serviceNameSchema): string {
  const cleaned = String(name ?? "").trim().replace(/[^\w.:@/-]/g, "-").slice(0, 100);
  const parsed = schema.safeParse(cleaned);
  return parsed.success ? parsed.data : "unknown";
}

/** The destination settings a patch would change (a key set to its current value changes nothing). */
export function destinationChanges(current: Readonly<Record<string, unknown>>, patch: Readonly<Record<string, unknown>>): string[] {
  return DESTINATION_KEYS.filter((key) => key in patch && patch[key] !== current[key]);
}
