/**
 * zod checks for what the server sends the browser. The dashboard trusts nothing it did not
 * check: a malformed message is dropped (with a console warning) instead of breaking the page.
 * Objects are loose: the server may add fields as features land; only what the UI reads is
 * required.
 */
import { z } from "zod";
import { telemetryConfigSchema } from "../../server/telemetry/config";
import type { RuntimeEvent, TelemetrySnapshot } from "../../server/telemetry/snapshot";
import type { ApplyResult, ConfigMessage } from "../../server/telemetry/types";

const num = z.number();

export const snapshotSchema = z.looseObject({
  ts: num,
  configVersion: num,
  configHash: z.string(),
  uptimeSec: num,
  spans: z.looseObject({ started: num, dropped: z.record(z.string(), num.optional()) }),
  rates: z.looseObject({
    startedPerSec: num,
    sampledPerSec: num,
    exportedPerSec: num,
    droppedPerSec: num,
    exportFailedPerSec: num.default(0),
  }),
  queue: z.looseObject({ length: num, capacity: num, utilization: num }),
  memory: z.looseObject({ rssBytes: num, heapUsedBytes: num, telemetryBytes: num }),
  sampler: z.looseObject({ type: z.string(), configuredRate: num, effectiveRate: num }),
  export: z.looseObject({ exporter: z.string() }),
  breaker: z.looseObject({ state: z.enum(["closed", "open", "half_open"]), failureRatio: num, enabled: z.boolean().default(true) }),
});

export const configMessageSchema = z.object({
  config: telemetryConfigSchema,
  version: z.number().int().nonnegative(),
  hash: z.string(),
});

export const runtimeEventSchema = z.looseObject({
  ts: num,
  type: z.string(),
  level: z.enum(["info", "warn", "error"]),
  message: z.string(),
  data: z.record(z.string(), z.unknown()).optional(),
});

export const applyResultSchema = z.discriminatedUnion("status", [
  z.looseObject({ status: z.literal("applied"), version: num, hash: z.string(), changed: z.array(z.string()).default([]) }),
  z.looseObject({
    status: z.literal("failed"),
    error: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).default([]),
  }),
]);

export const sessionSchema = z.looseObject({ role: z.enum(["operator", "viewer"]) });

/** The checked value, or null with a console warning (shared by every inbound check). */
export function parse<T>(schema: z.ZodType, what: string, value: unknown): T | null {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data as T;
  console.warn(`[tracetune] ignored a malformed ${what} message:`, parsed.error.issues.slice(0, 3));
  return null;
}

export const parseSnapshot = (v: unknown) => parse<TelemetrySnapshot>(snapshotSchema, "snapshot", v);
export const parseConfigMessage = (v: unknown) => parse<ConfigMessage>(configMessageSchema, "config", v);
export const parseRuntimeEvent = (v: unknown) => parse<RuntimeEvent>(runtimeEventSchema, "event", v);
export const parseSession = (v: unknown) => parse<{ role: "operator" | "viewer" }>(sessionSchema, "session", v);
export const parseApplyResult = (v: unknown) => parse<ApplyResult>(applyResultSchema, "config:apply answer", v);
