/**
 * The server end of the agent link: socket.io namespace /agents.
 *
 * Agent state lives in `socket.data` and rooms only (never in a map of this process alone), so
 * that with socket.io's Redis adapter every Tracetune server sees every agent through
 * `fetchSockets()` and reaches it through room broadcasts, whichever server it is connected to.
 * Rooms: `service:<name>` and `instance:<service>/<instance>`.
 *
 * Every agent message is validated with the zod contract; a handshake without a valid token or
 * hello is refused (the agent then stops retrying), and a bad message is ignored and logged once
 * per connection, never trusted.
 *
 * One connection per service/instance, newest wins, on every server: a restarted agent often
 * arrives before the server noticed its old socket is gone, and two sockets answering for one
 * instance would make an "instance" target report two answers. An agent that sends more than
 * AGENT_MESSAGE_RATE allows (a loop, not a runtime's 1/s snapshots) is disconnected.
 */
import type { Namespace, Server, Socket } from "socket.io";
import { validateConfig } from "../telemetry";
import { RateLimiter } from "../auth/rate-limiter";
import {
  AGENTS_NAMESPACE,
  agentConfigMessageSchema,
  agentHelloSchema,
  agentSnapshotSchema,
  type AgentSocketData,
  type AgentToServerEvents,
  type ServerToAgentEvents,
} from "./fleet-contract";

export type AgentNamespace = Namespace<AgentToServerEvents, ServerToAgentEvents, Record<string, never>, AgentSocketData>;
type AgentSocket = Socket<AgentToServerEvents, ServerToAgentEvents, Record<string, never>, AgentSocketData>;

/** Snapshots and config reports per agent connection: 5 per second sustained, 20 at once. */
const AGENT_MESSAGE_RATE = { perSecond: 5, burst: 20 };

export const serviceRoom = (service: string) => `service:${service}`;
export const instanceRoom = (service: string, instance: string) => `instance:${service}/${instance}`;

export interface AgentNamespaceOptions {
  /** Does this token let a runtime join the fleet? */
  acceptsToken: (token: string) => boolean;
  /** An agent connected to this server. */
  onJoin?: (agent: AgentSocketData) => void;
  /** An agent connected to this server went away (its last state, for "last seen"). */
  onLeave?: (agent: AgentSocketData) => void;
  log?: (message: string) => void;
}

export function attachAgentNamespace(io: Server, options: AgentNamespaceOptions): AgentNamespace {
  const log = options.log ?? ((m: string) => console.warn(`[fleet] ${m}`));
  const agents = io.of(AGENTS_NAMESPACE) as unknown as AgentNamespace;

  agents.use((socket, next) => {
    const hello = agentHelloSchema.safeParse(socket.handshake.auth);
    if (!hello.success) {
      const issue = hello.error.issues[0];
      return next(new Error(`invalid hello: ${issue ? `${issue.path.join(".") || "(auth)"}: ${issue.message}` : "malformed"}`));
    }
    if (!options.acceptsToken(hello.data.token)) return next(new Error("agent token refused"));
    const config = validateConfig(hello.data.config);
    if (!config.ok) return next(new Error(`invalid hello: config: ${config.error}`));
    const now = Date.now();
    socket.data = {
      kind: "agent",
      service: hello.data.service,
      instance: hello.data.instance,
      config: config.config,
      version: hello.data.version,
      hash: hello.data.hash,
      connectedAt: now,
      lastSeen: now,
      snapshot: null,
    };
    next();
  });

  const limiter = new RateLimiter(AGENT_MESSAGE_RATE.perSecond, AGENT_MESSAGE_RATE.burst);

  agents.on("connection", (socket: AgentSocket) => {
    const { service, instance } = socket.data;
    agents.in(instanceRoom(service, instance)).except(socket.id).disconnectSockets(true);
    void socket.join([serviceRoom(service), instanceRoom(service, instance)]);
    options.onJoin?.(socket.data);
    let complained = false;
    const reject = (what: string, detail: string) => {
      if (complained) return;
      complained = true;
      log(`ignored a malformed ${what} from ${service}/${instance}: ${detail}`);
    };

    const withinRate = () => {
      if (limiter.take(socket.id)) return true;
      log(`${service}/${instance} sent more than ${AGENT_MESSAGE_RATE.perSecond} messages per second: disconnected`);
      socket.disconnect(true);
      return false;
    };

    socket.on("snapshot", (raw: unknown) => {
      if (!withinRate()) return;
      const parsed = agentSnapshotSchema.safeParse(raw);
      if (!parsed.success) return reject("snapshot", parsed.error.issues[0]?.message ?? "invalid");
      socket.data.snapshot = parsed.data;
      socket.data.lastSeen = Date.now();
    });

    socket.on("config", (raw: unknown) => {
      if (!withinRate()) return;
      const parsed = agentConfigMessageSchema.safeParse(raw);
      if (!parsed.success) return reject("config", parsed.error.issues[0]?.message ?? "invalid");
      const config = validateConfig(parsed.data.config);
      if (!config.ok) return reject("config", config.error);
      socket.data.config = config.config;
      socket.data.version = parsed.data.version;
      socket.data.hash = parsed.data.hash;
      socket.data.lastSeen = Date.now();
    });

    socket.on("disconnect", () => {
      limiter.forget(socket.id);
      options.onLeave?.(socket.data);
    });
  });

  return agents;
}
