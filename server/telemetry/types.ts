/**
 * The runtime's public types. Pure: the browser imports the result types from here.
 */
import type { ConfigIssue, ConfigChangeEntry, TelemetryConfig } from "./config";
import type { RuntimeEvent, TelemetrySnapshot } from "./snapshot";

export type ApplyResult =
  | { status: "applied"; version: number; hash: string; changed: string[] }
  | { status: "failed"; error: string; issues: ConfigIssue[] };

export interface ConfigMessage {
  config: TelemetryConfig;
  version: number;
  hash: string;
}

/** Who asked for a change and through which door; recorded with every config change. */
export interface ChangeMeta {
  actor?: string;
  source?: "ui" | "api" | "preset" | "rollback" | "auto-tune" | "startup" | "agent" | "code" | "fleet";
}

export interface ConfigChangedEvent extends ConfigMessage {
  previous: TelemetryConfig;
  changes: ConfigChangeEntry[];
  meta: ChangeMeta;
}

export interface RuntimeEvents {
  config: (change: ConfigChangedEvent) => void;
  event: (event: RuntimeEvent) => void;
}

export interface TelemetryRuntimeApi {
  /** An OpenTelemetry TracerProvider; `register()` makes it the global one. */
  readonly tracerProvider: import("@opentelemetry/api").TracerProvider;
  readonly config: TelemetryConfig;
  readonly version: number;
  readonly hash: string;
  /** Validate the whole patch, then swap it in atomically; on failure nothing changes. */
  apply(patch: unknown, meta?: ChangeMeta): ApplyResult;
  snapshot(): TelemetrySnapshot;
  on<E extends keyof RuntimeEvents>(event: E, fn: RuntimeEvents[E]): () => void;
  recentEvents(): RuntimeEvent[];
  register(options?: RegisterOptions): void;
  setSampleRate(rate: number): ApplyResult;
  getSampleRate(): number;
  /** Resolves when the queue has room (only ever waits under the `block` overflow strategy). */
  whenWritable(): Promise<void>;
  /** Export what is queued and wait; `fullBatchesOnly` leaves a partial batch queued. */
  flush(options?: { fullBatchesOnly?: boolean }): Promise<void>;
  shutdown(options?: { deadlineMs?: number }): Promise<void>;
}

export interface RegisterOptions {
  /**
   * Make the runtime's provider the global tracer provider (default true), so code instrumented
   * with `@opentelemetry/api` is traced by it. False installs only the context manager and the
   * W3C propagator: for a host that traces chosen code through `runtime.tracerProvider` and
   * does not want every library that looks for a global provider (Next.js does) traced too.
   */
  globalTracerProvider?: boolean;
}
