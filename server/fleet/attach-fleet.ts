/**
 * Wires the fleet into a running server: the /agents namespace, the fleet service and its
 * dashboard events. Agents authenticate with TRACETUNE_AGENT_TOKEN when it is set (a token that
 * can only join the fleet, safe to hand to every service), and always with the operator token.
 */
import { OperatorAuth } from "../auth/operator-auth";
import type { TracetuneIo } from "../realtime/socket-server";
import { validateConfig } from "../telemetry";
import { attachAgentNamespace } from "./agent-namespace";
import { AGENT_DEPARTED_EVENT, departedAgentSchema } from "./fleet-contract";
import { attachFleetRealtime } from "./fleet-realtime";
import { FleetService, type FleetServiceDeps } from "./fleet-service";

export interface AttachFleetOptions extends Pick<FleetServiceDeps, "control" | "presets" | "history" | "embeddedService"> {
  io: TracetuneIo;
  operatorAuth: OperatorAuth;
  agentToken?: string;
  /** Several servers share an adapter (Redis): tell the others when an agent leaves this one. */
  shareDepartures?: boolean;
}

export function attachFleet(options: AttachFleetOptions): { fleet: FleetService; close(): void } {
  const agentAuth = options.agentToken ? new OperatorAuth(options.agentToken) : null;
  let fleet: FleetService | null = null;
  const agents = attachAgentNamespace(options.io, {
    acceptsToken: (token) => options.operatorAuth.matches(token) || (agentAuth?.matches(token) ?? false),
    onLeave: (agent) => {
      fleet?.agentLeft(agent);
      if (options.shareDepartures) options.io.serverSideEmit(AGENT_DEPARTED_EVENT, agent);
    },
  });
  if (options.shareDepartures) {
    options.io.on(AGENT_DEPARTED_EVENT, (raw: unknown) => {
      const parsed = departedAgentSchema.safeParse(raw);
      const config = parsed.success ? validateConfig(parsed.data.config) : null;
      if (!parsed.success || !config?.ok) return console.warn("[fleet] ignored a malformed agent-departed message from another server");
      fleet?.agentLeft({ ...parsed.data, config: config.config });
    });
  }
  fleet = new FleetService({
    agents,
    control: options.control,
    presets: options.presets,
    history: options.history,
    embeddedService: options.embeddedService,
    publishResult: (message) => options.io.emit("fleet:result", message),
  });
  const realtime = attachFleetRealtime(options.io, fleet);
  return { fleet, close: () => realtime.close() };
}
