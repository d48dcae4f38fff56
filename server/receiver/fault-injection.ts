/**
 * Fault injection settings for the receiver: what a misbehaving collector looks like.
 *
 * Modes:
 * - normal: requests are accepted, except a random `errorRate` share answered `errorStatus`;
 * - outage: every request is answered 503 (the collector is down but its port is open);
 * - hang:   requests are never answered until the faults change (then they are handled under
 *           the new settings) or the receiver closes;
 * - reset:  the connection is destroyed without an answer.
 * `latencyMs` delays every answer (including injected errors). `retryAfterSec`, when set, adds a
 * Retry-After header to 429 and 503 answers.
 *
 * A patch is validated whole with zod; on failure nothing changes.
 */
import { z } from "zod";

export const faultModes = ["normal", "outage", "hang", "reset"] as const;
export type FaultMode = (typeof faultModes)[number];

export const faultSettingsSchema = z
  .object({
    mode: z.enum(faultModes),
    errorRate: z.number().min(0, "must be between 0 and 1").max(1, "must be between 0 and 1"),
    errorStatus: z
      .number()
      .int("must be a whole number")
      .min(400, "must be an HTTP error status (400-599)")
      .max(599, "must be an HTTP error status (400-599)"),
    retryAfterSec: z.number().int("must be a whole number").min(0).max(3600, "must be at most 3600").nullable(),
    latencyMs: z.number().int("must be a whole number").min(0, "must be 0 or more").max(120_000, "must be at most 120000"),
  })
  .strict();

export const faultPatchSchema = faultSettingsSchema.partial().strict();

export type FaultSettings = z.infer<typeof faultSettingsSchema>;
export type FaultPatch = z.input<typeof faultPatchSchema>;

export const DEFAULT_FAULTS: FaultSettings = Object.freeze({
  mode: "normal",
  errorRate: 0,
  errorStatus: 503,
  retryAfterSec: null,
  latencyMs: 0,
}) as FaultSettings;

export interface ValidationIssue {
  path: string;
  message: string;
}

export type SetFaultsResult =
  | { ok: true; faults: FaultSettings }
  | { ok: false; error: string; issues: ValidationIssue[] };

export function toIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((i) => ({
    path: i.path.map(String).join(".") || "(root)",
    message: i.code === "unrecognized_keys" ? `unknown key${i.keys.length > 1 ? "s" : ""}: ${i.keys.join(", ")}` : i.message,
  }));
}

export function summarizeIssues(prefix: string, issues: ValidationIssue[]): string {
  const head = issues.slice(0, 3).map((i) => (i.path === "(root)" ? i.message : `${i.path}: ${i.message}`));
  return `${prefix}: ${head.join("; ")}${issues.length > 3 ? ` (+${issues.length - 3} more)` : ""}`;
}

/** What to do with one request, decided when its body has been read. */
export type FaultDecision =
  | { action: "accept" }
  | { action: "error"; status: number; retryAfterSec: number | null; kind: "error" | "outage" }
  | { action: "hang" }
  | { action: "reset" };

/** The live fault settings; `onChange` listeners run after every successful change. */
export class FaultInjector {
  private current: FaultSettings = { ...DEFAULT_FAULTS };
  private listeners = new Set<(faults: FaultSettings) => void>();

  constructor(private readonly random: () => number = Math.random) {}

  get settings(): FaultSettings {
    return { ...this.current };
  }

  apply(patch: unknown): SetFaultsResult {
    if (patch === null || typeof patch !== "object" || Array.isArray(patch)) {
      const issues = [{ path: "(root)", message: "a fault patch must be a JSON object" }];
      return { ok: false, error: summarizeIssues("Invalid faults", issues), issues };
    }
    const parsed = faultPatchSchema.safeParse(patch);
    if (!parsed.success) {
      const issues = toIssues(parsed.error);
      return { ok: false, error: summarizeIssues("Invalid faults", issues), issues };
    }
    this.current = faultSettingsSchema.parse({ ...this.current, ...parsed.data });
    const snapshot = this.settings;
    for (const fn of this.listeners) fn(snapshot);
    return { ok: true, faults: snapshot };
  }

  onChange(fn: (faults: FaultSettings) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  decide(): FaultDecision {
    const f = this.current;
    switch (f.mode) {
      case "outage":
        return { action: "error", status: 503, retryAfterSec: f.retryAfterSec, kind: "outage" };
      case "hang":
        return { action: "hang" };
      case "reset":
        return { action: "reset" };
      case "normal":
        if (f.errorRate > 0 && this.random() < f.errorRate) {
          return { action: "error", status: f.errorStatus, retryAfterSec: f.retryAfterSec, kind: "error" };
        }
        return { action: "accept" };
    }
  }

  get latencyMs(): number {
    return this.current.latencyMs;
  }
}
