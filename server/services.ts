/**
 * The running services, shared with Next's route handlers. Next bundles app/ apart from the
 * custom server, so a module-level singleton would be a second copy there; globalThis is the
 * one object both see in the same process.
 */
import type { TelemetryRuntimeApi } from "./telemetry/types";
import type { HistoryStore, PresetStore } from "./store/types";
import type { OtlpReceiver } from "./receiver/otlp-receiver";
import type { AgentWorkload } from "./workload/agent-workload";
import type { ControlService } from "./control/control-service";
import type { OperatorAuth } from "./auth/operator-auth";
import type { BenchmarkRunner } from "./benchmark/benchmark-runner";
import type { FleetService } from "./fleet/fleet-service";

/** Broadcasts that REST handlers trigger on every dashboard (they cannot reach socket.io). */
export interface RealtimeNotifier {
  presetsChanged(): void;
}

export interface Services {
  runtime: TelemetryRuntimeApi;
  presets: PresetStore;
  history: HistoryStore;
  receiver: OtlpReceiver;
  workload: AgentWorkload;
  control: ControlService;
  realtime: RealtimeNotifier;
  auth: OperatorAuth;
  benchmark: BenchmarkRunner;
  fleet: FleetService;
}

const KEY = Symbol.for("tracetune.services");

export function setServices(services: Services): void {
  (globalThis as Record<symbol, unknown>)[KEY] = services;
}

export function getServices(): Services {
  const services = (globalThis as Record<symbol, unknown>)[KEY] as Services | undefined;
  if (!services) throw new Error("Tracetune services are not running: start the app with `npm start` (server/main.ts)");
  return services;
}
