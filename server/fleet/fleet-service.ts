/**
 * The fleet: every runtime this Tracetune serves (its own embedded one and the connected agents),
 * and changes sent to one instance, one service or all of them.
 *
 * Cluster-ready by construction: agents are listed with `fetchSockets()` and reached with a
 * broadcast to their own socket room with `.timeout().emitWithAck()`, both of which socket.io's
 * Redis adapter carries across servers. "Recently departed" agents (for "last seen") are
 * remembered by each server; the server an agent left tells the others (attach-fleet.ts), so
 * every server lists it as gone.
 *
 * Every target of a change is recorded in the history with the actor: the embedded runtime
 * through the ControlService (as any change of this server's config), each agent as source
 * "fleet" with the target in the actor text (before: the config it reported; after: the config
 * it answered with, or what was tried).
 */
import crypto from "node:crypto";
import { diffConfig, validateConfig } from "../telemetry";
import { validatePresetConfig, type PresetConfig, type TelemetryConfig } from "../telemetry/config";
import { BUILTIN_RECEIVER_MARKER, type Actor, type ControlService } from "../control/control-service";
import type { HistoryStore, PresetStore } from "../store/types";
import { compactSnapshot } from "../agent-link/compact-snapshot";
import type { AgentNamespace } from "./agent-namespace";
import {
  AGENT_APPLY_TIMEOUT_MS,
  EMBEDDED_INSTANCE,
  agentApplyAckSchema,
  type AgentSocketData,
  type FleetApplyRequest,
  type FleetApplyStarted,
  type FleetList,
  type FleetMember,
  type FleetResultMessage,
  type FleetTargetResult,
} from "./fleet-contract";
import { describeTarget, groupByService, healthOf, memberKey, targetIncludes } from "./fleet-members";

/** Departed agents stay listed (disconnected, with last seen) this long. */
const DEPARTED_TTL_MS = 10 * 60_000;
/** At most this many departed agents are remembered (the oldest are forgotten first). */
const MAX_DEPARTED = 500;

export class FleetError extends Error {
  constructor(
    readonly code: "not_found" | "invalid",
    message: string,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = "FleetError";
  }
}

export interface FleetServiceDeps {
  agents: AgentNamespace;
  control: ControlService;
  presets: Pick<PresetStore, "get">;
  history: Pick<HistoryStore, "record">;
  /** The embedded runtime's service name in the fleet. */
  embeddedService: string;
  /** Every per-target result, as it arrives (to dashboards). */
  publishResult?: (message: FleetResultMessage) => void;
  applyTimeoutMs?: number;
}

interface Target {
  service: string;
  instance: string;
  /** The agent's socket id; absent for the embedded runtime. */
  socketId?: string;
  config: TelemetryConfig;
}

export interface FleetApplyOutcome {
  started: FleetApplyStarted;
  results: FleetResultMessage[];
}

export class FleetService {
  private readonly departed = new Map<string, FleetMember>();

  constructor(private readonly deps: FleetServiceDeps) {}

  /** An agent left this server: keep it listed as disconnected for a while. */
  agentLeft(agent: AgentSocketData): void {
    const member = agentMember(agent, false);
    const key = memberKey(member);
    this.departed.delete(key); // re-inserted last: the Map's order is oldest departure first
    this.departed.set(key, member);
    // Bounded: agents that come and go with fresh names must not grow this without end.
    for (const oldest of this.departed.keys()) {
      if (this.departed.size <= MAX_DEPARTED) break;
      this.departed.delete(oldest);
    }
  }

  private embeddedMember(): FleetMember {
    const runtime = this.deps.control.runtime;
    const now = Date.now();
    return {
      service: this.deps.embeddedService,
      instance: EMBEDDED_INSTANCE,
      kind: "embedded",
      connected: true,
      connectedAt: now - runtime.snapshot().uptimeSec * 1000,
      lastSeen: now,
      version: runtime.version,
      hash: runtime.hash,
      sampleRate: runtime.config.sampleRate,
      health: healthOf(compactSnapshot(runtime.snapshot())),
    };
  }

  async list(): Promise<FleetList> {
    const sockets = await this.deps.agents.fetchSockets();
    const members = [this.embeddedMember(), ...sockets.map((s) => agentMember(s.data, true))];
    const present = new Set(members.map(memberKey));
    const now = Date.now();
    for (const [key, member] of this.departed) {
      if (present.has(key) || now - member.lastSeen > DEPARTED_TTL_MS) this.departed.delete(key);
      else members.push(member);
    }
    return groupByService(members, now);
  }

  /**
   * Sends the change to every target at once; `onStart` runs before any result is published.
   * Throws FleetError for a bad patch, an unknown preset or a target that matches nothing
   * (nothing is sent then).
   */
  async apply(request: FleetApplyRequest, who: Actor, onStart?: (started: FleetApplyStarted) => void): Promise<FleetApplyOutcome> {
    const change = await this.resolveChange(request);
    const targets = await this.targets(request);
    if (targets.length === 0) throw new FleetError("not_found", `No connected runtime matches ${describeTarget(request.target)}`);
    const started: FleetApplyStarted = {
      applyId: crypto.randomUUID(),
      label: change.label,
      targets: targets.map(({ service, instance }) => ({ service, instance })),
    };
    onStart?.(started);
    const actor = `${who.actor} (fleet: ${describeTarget(request.target)}${change.presetName ? `, preset "${change.presetName}"` : ""})`;
    const results = await Promise.all(
      targets.map(async (target) => {
        const result = target.socketId
          ? await this.applyToAgent(target, change.patch, actor)
          : await this.applyToEmbedded(change.patch, actor, change.presetName ? "preset" : who.source);
        const message: FleetResultMessage = { applyId: started.applyId, service: target.service, instance: target.instance, result };
        try {
          this.deps.publishResult?.(message);
        } catch (e) {
          console.error(`[fleet] could not publish a result: ${(e as Error).message}`);
        }
        return message;
      }),
    );
    return { started, results };
  }

  private async resolveChange(request: FleetApplyRequest): Promise<{ patch: PresetConfig; label: string; presetName?: string }> {
    if (request.presetId !== undefined) {
      const preset = await this.deps.presets.get(request.presetId);
      if (!preset) throw new FleetError("not_found", `No preset ${request.presetId}`);
      return { patch: preset.config, label: `preset "${preset.name}"`, presetName: preset.name };
    }
    if (Object.keys(request.patch ?? {}).length === 0) throw new FleetError("invalid", "The patch is empty: name at least one setting");
    const checked = validatePresetConfig(request.patch);
    if (!checked.ok) throw new FleetError("invalid", `Invalid patch: ${checked.error}`, checked.issues);
    const label = Object.entries(checked.config)
      .map(([k, v]) => `${k} ${typeof v === "object" ? JSON.stringify(v) : String(v)}`)
      .join(", ");
    return { patch: checked.config, label: label.length > 120 ? `${label.slice(0, 117)}...` : label };
  }

  private async targets(request: FleetApplyRequest): Promise<Target[]> {
    const out: Target[] = [];
    const runtime = this.deps.control.runtime;
    if (targetIncludes(request.target, { service: this.deps.embeddedService, instance: EMBEDDED_INSTANCE })) {
      out.push({ service: this.deps.embeddedService, instance: EMBEDDED_INSTANCE, config: runtime.config });
    }
    for (const s of await this.deps.agents.fetchSockets()) {
      if (targetIncludes(request.target, s.data)) out.push({ service: s.data.service, instance: s.data.instance, socketId: s.id, config: s.data.config });
    }
    return out;
  }

  private async applyToEmbedded(patch: PresetConfig, actor: string, source: Actor["source"]): Promise<FleetTargetResult> {
    const result = await this.deps.control.apply(patch, { actor, source });
    return result.status === "applied" ? { status: "applied", version: result.version, hash: result.hash, changed: result.changed } : result;
  }

  private async applyToAgent(target: Target, patch: PresetConfig, actor: string): Promise<FleetTargetResult> {
    // The marker means "the receiver of the server that applies it": an agent keeps its own exporter destination.
    const portable: PresetConfig = patch.otlpEndpoint === BUILTIN_RECEIVER_MARKER ? withoutKey(patch, "otlpEndpoint") : patch;
    const timeoutMs = this.deps.applyTimeoutMs ?? AGENT_APPLY_TIMEOUT_MS;
    let result: FleetTargetResult;
    let after: TelemetryConfig | null = null;
    try {
      const responses: unknown = await this.deps.agents.to(target.socketId!).timeout(timeoutMs).emitWithAck("config:apply", { patch: portable, actor });
      const answer = Array.isArray(responses) ? responses[0] : undefined;
      if (answer === undefined) {
        result = { status: "unreachable", error: "the runtime disconnected before it answered" };
      } else {
        const ack = agentApplyAckSchema.safeParse(answer);
        if (!ack.success) result = { status: "failed", error: "the runtime sent a malformed answer", issues: [] };
        else if (ack.data.status === "failed") result = ack.data;
        else {
          const config = validateConfig(ack.data.config);
          after = config.ok ? config.config : null;
          result = { status: "applied", version: ack.data.version, hash: ack.data.hash, changed: ack.data.changed };
        }
      }
    } catch {
      result = { status: "unreachable", error: `no answer within ${Math.round(timeoutMs / 1000)} s` };
    }
    await this.record(target, actor, portable, result, after);
    return result;
  }

  private async record(target: Target, actor: string, patch: PresetConfig, result: FleetTargetResult, after: TelemetryConfig | null): Promise<void> {
    const who = `${actor} -> ${target.service}/${target.instance}`;
    try {
      if (result.status === "applied" && result.changed.length === 0) return;
      if (result.status === "applied" && after) {
        await this.deps.history.record({
          actor: `${who} v${result.version}`,
          source: "fleet",
          before: target.config,
          after,
          diff: diffConfig(target.config, after),
          result: "applied",
          configVersion: null,
        });
      } else {
        const error = result.status === "applied" ? "applied, but the runtime did not report a valid config" : `${result.status}: ${result.error}`;
        await this.deps.history.record({ actor: who, source: "fleet", before: target.config, after: patch, diff: [], result: "failed", error, configVersion: null });
      }
    } catch (e) {
      console.error(`[fleet] could not record the change of ${target.service}/${target.instance}: ${(e as Error).message}`);
    }
  }
}

function agentMember(data: AgentSocketData, connected: boolean): FleetMember {
  return {
    service: data.service,
    instance: data.instance,
    kind: "agent",
    connected,
    connectedAt: data.connectedAt,
    lastSeen: data.lastSeen,
    version: data.version,
    hash: data.hash,
    sampleRate: data.config.sampleRate,
    health: data.snapshot ? healthOf(data.snapshot) : null,
  };
}

function withoutKey<T extends object>(value: T, key: keyof T): T {
  const copy = { ...value };
  delete copy[key];
  return copy;
}
