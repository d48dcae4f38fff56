/**
 * Types of the live optimization checklist (the guide's "Before Production", "Performance
 * Tuning" and "Memory Optimization" lists), evaluated against the running config and figures.
 */
import type { ConfigPatch, TelemetryConfig } from "../../server/telemetry/config";
import type { TelemetrySnapshot } from "../../server/telemetry/snapshot";

export type CheckStatus = "pass" | "warn" | "fail";

export interface CheckFix {
  /** The button's text, e.g. "Enable gzip". */
  label: string;
  /** A config patch that makes the check pass; validated before it is offered. */
  patch: ConfigPatch;
}

export interface CheckOutcome {
  status: CheckStatus;
  /** Why, in terms of the running values ("otlpCompression is none: ..."). */
  reason: string;
  fix?: CheckFix;
}

export interface CheckContext {
  config: TelemetryConfig;
  /** null until the first snapshot: checks that need live figures say so and warn. */
  snapshot: TelemetrySnapshot | null;
  /** Peak queue utilization (0..1) over the recent export interval, if known. */
  queuePeak: number | null;
}

export interface CheckRule {
  id: string;
  /** The guide's wording of the item. */
  title: string;
  evaluate(ctx: CheckContext): CheckOutcome;
}

export interface ChecklistDefinition {
  id: "before-production" | "performance-tuning" | "memory-optimization";
  title: string;
  rules: CheckRule[];
}

export interface CheckResult extends CheckOutcome {
  id: string;
  title: string;
  list: ChecklistDefinition["id"];
}

export const NO_FIGURES = "No live figures yet: waiting for the first snapshot.";
