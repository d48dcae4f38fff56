/**
 * Wires the fleet into a running server: the /agents namespace, the fleet service and its
 * dashboard events. Agents authenticate with TRACETUNE_AGENT_TOKEN when it is set (a token that
 * can only join the fleet, safe to hand to every service), and always with the operator token.
 */
import { OperatorAuth } from "../auth/operator-auth";
import type { ControlService } from "../control/control-service";
import type { TracetuneIo } from "../realtime/socket-server";
import type { HistoryStore, PresetStore } from "../store/types";
import { attachAgentNamespace } from "./agent-namespace";
import { attachFleetRealtime } from "./fleet-realtime";
import { FleetService } from "./fleet-service";

export interface AttachFleetOptions {
  io: TracetuneIo;
  control: ControlService;
  presets: Pick<PresetStore, "get">;
  history: Pick<HistoryStore, "record">;
  operatorAuth: OperatorAuth;
  agentToken?: string;
  embeddedService: string;
}

export function attachFleet(options: AttachFleetOptions): { fleet: FleetService; close(): void } {
  const agentAuth = options.agentToken ? new OperatorAuth(options.agentToken) : null;
  let fleet: FleetService | null = null;
  const agents = attachAgentNamespace(options.io, {
    acceptsToken: (token) => options.operatorAuth.matches(token) || (agentAuth?.matches(token) ?? false),
    onLeave: (agent) => fleet?.agentLeft(agent),
  });
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
