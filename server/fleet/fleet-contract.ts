/**
 * The fleet's wire contract, shared by the server, the agent link and the browser (pure: zod and
 * types only).
 *
 * Agents use the socket.io namespace AGENTS_NAMESPACE. They say hello in the handshake's `auth`
 * (socket.io-client calls the auth function again on every reconnect, so the hello always
 * carries the config the agent runs at that moment): { token, service, instance, config,
 * version, hash }. Then:
 *   agent -> server  `snapshot` (volatile, ~1/s): AgentSnapshot, compact
 *   agent -> server  `config`: { config, version, hash } whenever the agent's config changes
 *   server -> agent  `config:apply` { patch, actor } with an ack: AgentApplyAck
 * Dashboards (main namespace) get `fleet` (the list, ~1/s while they watch) and `fleet:result`
 * (one per target as it answers), and send `fleet:watch` and `fleet:apply` (operators only).
 */
import { z } from "zod";
import type { ConfigIssue, TelemetryConfig } from "../telemetry/config";

export const AGENTS_NAMESPACE = "/agents";
/** How often an agent sends its compact snapshot. */
export const AGENT_SNAPSHOT_INTERVAL_MS = 1000;
/** How long the server waits for an agent's answer before calling it unreachable. */
export const AGENT_APPLY_TIMEOUT_MS = 5000;
/** How often a watching dashboard gets the fleet list. */
export const FLEET_LIST_INTERVAL_MS = 1000;
/** The embedded runtime's instance name in the fleet. */
export const EMBEDDED_INSTANCE = "embedded";

const name = (what: string) =>
  z
    .string({ error: `${what} must be a string` })
    .trim()
    .min(1, `${what} is required`)
    .max(100, `${what} is at most 100 characters`)
    .regex(/^[\w.:@/-]+$/, `${what} may hold letters, digits and . _ : @ / - only`);

export const serviceNameSchema = name("service");
export const instanceNameSchema = name("instance");

/** The handshake `auth` of an agent. `config` is checked against the config schema separately. */
export const agentHelloSchema = z
  .object({
    token: z.string().min(1).max(512),
    service: serviceNameSchema,
    instance: instanceNameSchema,
    config: z.record(z.string(), z.unknown()),
    version: z.number().int().nonnegative(),
    hash: z.string().min(1).max(64),
  })
  .strict();
export type AgentHello = z.infer<typeof agentHelloSchema>;

const count = z.number().nonnegative().finite();

/** The part of a runtime snapshot the fleet needs: small enough to send every second from many agents. */
export const agentSnapshotSchema = z
  .object({
    ts: z.number().int().nonnegative(),
    configVersion: z.number().int().nonnegative(),
    configHash: z.string().max(64),
    spans: z.object({ started: count, notSampled: count, exported: count, dropped: count, exportFailed: count }).strict(),
    rates: z.object({ startedPerSec: count, sampledPerSec: count, exportedPerSec: count, droppedPerSec: count }).strict(),
    queue: z.object({ length: count, capacity: count, utilization: z.number().min(0).max(1) }).strict(),
    effectiveRate: z.number().min(0).max(1),
  })
  .strict();
export type AgentSnapshot = z.infer<typeof agentSnapshotSchema>;

export const agentConfigMessageSchema = z
  .object({ config: z.record(z.string(), z.unknown()), version: z.number().int().nonnegative(), hash: z.string().min(1).max(64) })
  .strict();

/** What the server asks an agent to apply. */
export const agentApplyRequestSchema = z.object({ patch: z.record(z.string(), z.unknown()), actor: z.string().max(200) }).strict();
export type AgentApplyRequest = z.infer<typeof agentApplyRequestSchema>;

/** The agent's answer: the runtime's ApplyResult, plus the config it now runs when applied. */
export const agentApplyAckSchema = z.discriminatedUnion("status", [
  z.object({
    status: z.literal("applied"),
    version: z.number().int().nonnegative(),
    hash: z.string().min(1).max(64),
    changed: z.array(z.string()),
    config: z.record(z.string(), z.unknown()),
  }),
  z.object({
    status: z.literal("failed"),
    error: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })),
    /** The config the agent still runs (as OpAMP's FAILED status carries its config hash). */
    version: z.number().int().nonnegative().optional(),
    hash: z.string().min(1).max(64).optional(),
  }),
]);
export type AgentApplyAck = z.infer<typeof agentApplyAckSchema>;

export interface AgentToServerEvents {
  snapshot: (snapshot: AgentSnapshot) => void;
  config: (message: { config: TelemetryConfig; version: number; hash: string }) => void;
}

export interface ServerToAgentEvents {
  "config:apply": (request: AgentApplyRequest, ack: (result: AgentApplyAck) => void) => void;
}

/** What the server keeps per agent connection, in `socket.data` (so fetchSockets sees it on every server). */
export interface AgentSocketData {
  kind: "agent";
  service: string;
  instance: string;
  config: TelemetryConfig;
  version: number;
  hash: string;
  connectedAt: number;
  lastSeen: number;
  snapshot: AgentSnapshot | null;
}

// ---- between Tracetune servers (Redis adapter) ----

/**
 * An agent left the server it was linked to: every other server remembers it as "gone" too, so
 * all servers behind a load balancer show the same fleet.
 */
export const AGENT_DEPARTED_EVENT = "fleet:agent-departed";
export const departedAgentSchema = z.object({
  kind: z.literal("agent"),
  service: serviceNameSchema,
  instance: instanceNameSchema,
  config: z.record(z.string(), z.unknown()),
  version: z.number().int().nonnegative(),
  hash: z.string().min(1).max(64),
  connectedAt: z.number(),
  lastSeen: z.number(),
  snapshot: agentSnapshotSchema.nullable(),
});
export interface FleetInterServerEvents {
  [AGENT_DEPARTED_EVENT]: (agent: AgentSocketData) => void;
}

// ---- dashboards ----

export const fleetTargetSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("all") }).strict(),
  z.object({ kind: z.literal("service"), service: serviceNameSchema }).strict(),
  z.object({ kind: z.literal("instance"), service: serviceNameSchema, instance: instanceNameSchema }).strict(),
]);
export type FleetTarget = z.infer<typeof fleetTargetSchema>;

/** A change for the fleet: a config patch or a stored preset, never both. */
export const fleetApplyRequestSchema = z
  .object({
    target: fleetTargetSchema,
    patch: z.record(z.string(), z.unknown(), { error: "patch must be a JSON object of settings" }).optional(),
    presetId: z.string().trim().min(1).max(100).optional(),
  })
  .strict()
  .refine((r) => (r.patch === undefined) !== (r.presetId === undefined), { message: "send exactly one of patch or presetId", path: ["patch"] });
export type FleetApplyRequest = z.infer<typeof fleetApplyRequestSchema>;

export interface FleetHealth {
  startedPerSec: number;
  sampledPerSec: number;
  exportedPerSec: number;
  /** Dropped spans per sampled span over the last second, 0..1. */
  dropRate: number;
  queueUtilization: number;
  effectiveRate: number;
  /** Counters since the runtime started (they keep moving while it traces). */
  started: number;
  notSampled: number;
  exported: number;
}

export interface FleetMember {
  service: string;
  instance: string;
  kind: "embedded" | "agent";
  connected: boolean;
  connectedAt: number;
  lastSeen: number;
  version: number;
  hash: string;
  sampleRate: number;
  /** null until the first snapshot arrived. */
  health: FleetHealth | null;
}

export interface FleetServiceGroup {
  service: string;
  members: FleetMember[];
  /** More than one config hash among the connected members. */
  hashMismatch: boolean;
  exportedPerSec: number;
}

export interface FleetList {
  ts: number;
  services: FleetServiceGroup[];
}

export type FleetTargetResult =
  | { status: "applied"; version: number; hash: string; changed: string[] }
  | { status: "failed"; error: string; issues: ConfigIssue[] }
  | { status: "unreachable"; error: string };

export interface FleetResultMessage {
  applyId: string;
  service: string;
  instance: string;
  result: FleetTargetResult;
}

export interface FleetApplyStarted {
  applyId: string;
  /** What the change is called in the results ("sampleRate 0.2", "preset Balanced"). */
  label: string;
  targets: { service: string; instance: string }[];
}

export type FleetApplyAck = { ok: true; started: FleetApplyStarted } | { ok: false; error: string };
