/**
 * Browser-side client for the workload and receiver-fault routes. Every answer is checked with
 * zod; every failure becomes a message a person can act on (the server's when it sent one).
 */
import { z } from "zod";
import { faultSettingsSchema, type FaultPatch, type FaultSettings } from "../../server/receiver/fault-injection";

export const workloadStateSchema = z.object({
  settings: z.looseObject({ enabled: z.boolean(), runsPerSecond: z.number() }),
  stats: z.looseObject({
    started: z.number(),
    completed: z.number(),
    errored: z.number(),
    inFlight: z.number(),
    skipped: z.number(),
    bursts: z.number(),
    maxInFlight: z.number(),
    avgRunMs: z.number(),
  }),
  running: z.boolean(),
});
export type WorkloadState = z.infer<typeof workloadStateSchema>;

const receiverSchema = z.object({
  faults: faultSettingsSchema,
  stats: z.looseObject({ requests: z.number(), accepted: z.number(), spansReceived: z.number(), faults: z.looseObject({ total: z.number() }) }),
});
export type ReceiverState = { faults: FaultSettings; requests: number; accepted: number; faulted: number; spansReceived: number };

const errorSchema = z.looseObject({ error: z.string() });

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };

async function call<T>(url: string, schema: z.ZodType<T>, init?: RequestInit): Promise<Outcome<T>> {
  let res: Response;
  try {
    res = await fetch(url, { cache: "no-store", ...init, headers: { "content-type": "application/json", ...(init?.headers ?? {}) } });
  } catch (e) {
    return { ok: false, error: `Server unreachable: ${(e as Error).message}` };
  }
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON: reported below with the status.
  }
  if (!res.ok) {
    const err = errorSchema.safeParse(body);
    return { ok: false, error: err.success ? err.data.error : `HTTP ${res.status}` };
  }
  const parsed = schema.safeParse(body);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: "The server's answer was not understood" };
}

export const fetchWorkload = () => call("/api/workload", workloadStateSchema);

export const configureWorkload = (patch: { enabled?: boolean; runsPerSecond?: number }) =>
  call("/api/workload", workloadStateSchema, { method: "PUT", body: JSON.stringify(patch) });

export const burstWorkload = (count: number) =>
  call("/api/workload/burst", z.looseObject({ ok: z.literal(true), launched: z.number(), skipped: z.number() }), { method: "POST", body: JSON.stringify({ count }) });

export async function fetchReceiver(): Promise<Outcome<ReceiverState>> {
  const r = await call("/api/receiver", receiverSchema);
  if (!r.ok) return r;
  const { faults, stats } = r.value;
  return { ok: true, value: { faults, requests: stats.requests, accepted: stats.accepted, faulted: stats.faults.total, spansReceived: stats.spansReceived } };
}

export const setReceiverFaults = (patch: FaultPatch) =>
  call("/api/receiver/faults", z.object({ faults: faultSettingsSchema }), { method: "PUT", body: JSON.stringify(patch) });
