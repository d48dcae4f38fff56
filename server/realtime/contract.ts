/**
 * The typed contract between the server and every dashboard, in socket.io's typed-event-map style.
 * Pure module: the browser imports it. Inbound payloads are validated with these zod schemas on
 * the server before anything acts on them.
 */
import { z } from "zod";
import type { ApplyResult, ConfigMessage } from "../telemetry/types";
import type { RuntimeEvent, TelemetrySnapshot } from "../telemetry/snapshot";
import type { FleetApplyAck, FleetApplyRequest, FleetList, FleetResultMessage } from "../fleet/fleet-contract";

export type { ApplyResult, ConfigMessage };

/** `config:apply` payload: a patch, optionally pinned to the version the edit was based on. */
export const configApplyRequestSchema = z
  .object({
    patch: z.record(z.string(), z.unknown()),
    /** When set and not the running version, the apply is refused as stale (no blind overwrite). */
    baseVersion: z.number().int().nonnegative().optional(),
  })
  .strict();
export type ConfigApplyRequest = z.infer<typeof configApplyRequestSchema>;

/** Sent once on connect: what this dashboard may do. */
export interface SessionMessage {
  role: "operator" | "viewer";
}

export interface ServerToClientEvents {
  session: (session: SessionMessage) => void;
  snapshot: (snapshot: TelemetrySnapshot) => void;
  config: (message: ConfigMessage) => void;
  event: (event: RuntimeEvent) => void;
  "presets:changed": () => void;
  /** The fleet list, about once a second, to dashboards that sent `fleet:watch`. */
  fleet: (list: FleetList) => void;
  /** One target's answer to a fleet change, as it arrives. */
  "fleet:result": (message: FleetResultMessage) => void;
}

export interface ClientToServerEvents {
  "config:apply": (request: ConfigApplyRequest, ack: (result: ApplyResult) => void) => void;
  /** Start receiving `fleet` lists (the /fleet page). */
  "fleet:watch": () => void;
  /** Operators: change runtimes of the fleet; the ack says which targets, results follow as `fleet:result`. */
  "fleet:apply": (request: FleetApplyRequest, ack: (result: FleetApplyAck) => void) => void;
}

export const SNAPSHOT_INTERVAL_MS = 250;
