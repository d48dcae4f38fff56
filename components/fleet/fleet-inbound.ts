/**
 * zod checks for the fleet messages the server sends the /fleet page (loose objects: only what
 * the page reads is required). A malformed message is dropped with a console warning.
 */
import { z } from "zod";
import type { FleetApplyAck, FleetList, FleetResultMessage } from "../../server/fleet/fleet-contract";
import { parse } from "../realtime/inbound-schemas";

const num = z.number();

const memberSchema = z.looseObject({
  service: z.string(),
  instance: z.string(),
  kind: z.enum(["embedded", "agent"]),
  connected: z.boolean(),
  connectedAt: num,
  lastSeen: num,
  version: num,
  hash: z.string(),
  sampleRate: num,
  health: z
    .looseObject({ startedPerSec: num, sampledPerSec: num, exportedPerSec: num, dropRate: num, queueUtilization: num, effectiveRate: num, started: num, exported: num })
    .nullable(),
});

export const fleetListSchema = z.looseObject({
  ts: num,
  services: z.array(z.looseObject({ service: z.string(), members: z.array(memberSchema), hashMismatch: z.boolean(), exportedPerSec: num })),
});

const targetResultSchema = z.discriminatedUnion("status", [
  z.looseObject({ status: z.literal("applied"), version: num, hash: z.string(), changed: z.array(z.string()) }),
  z.looseObject({ status: z.literal("failed"), error: z.string(), issues: z.array(z.looseObject({ path: z.string(), message: z.string() })) }),
  z.looseObject({ status: z.literal("unreachable"), error: z.string() }),
]);

export const fleetResultSchema = z.looseObject({ applyId: z.string(), service: z.string(), instance: z.string(), result: targetResultSchema });

export const fleetApplyAckSchema = z.union([
  z.looseObject({
    ok: z.literal(true),
    started: z.looseObject({ applyId: z.string(), label: z.string(), targets: z.array(z.looseObject({ service: z.string(), instance: z.string() })) }),
  }),
  z.looseObject({ ok: z.literal(false), error: z.string() }),
]);

export const parseFleetList = (v: unknown) => parse<FleetList>(fleetListSchema, "fleet", v);
export const parseFleetResult = (v: unknown) => parse<FleetResultMessage>(fleetResultSchema, "fleet:result", v);
export const parseFleetApplyAck = (v: unknown) => parse<FleetApplyAck>(fleetApplyAckSchema, "fleet:apply answer", v);
