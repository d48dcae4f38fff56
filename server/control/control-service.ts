/**
 * The control path's one door: every change an operator makes, through socket.io or REST, goes
 * through here, so it is validated by the runtime, recorded in the history with its actor and
 * source (accepted or refused), and the running config is persisted before the answer goes out
 * (a restart comes back exactly as it was).
 *
 * The built-in receiver's address depends on the port of this run, so configs leave the process
 * with that address replaced by a portable marker and come back with the current one.
 */
import type { TelemetryRuntimeApi, ApplyResult, ChangeMeta, TelemetryConfig, ConfigChangeEntry } from "../telemetry";
import { diffConfig } from "../telemetry";
import type { PresetConfig } from "../telemetry/config";
import type { ConfigChangeRecord, PresetRecord, Store } from "../store/types";
import { StoreError } from "../store/types";

/** Stands for "this server's own OTLP receiver", whatever port it listens on. */
export const BUILTIN_RECEIVER_MARKER = "http://builtin-receiver.tracetune.invalid/v1/traces";

export type Actor = { actor: string; source: NonNullable<ChangeMeta["source"]> };

/** Replace this run's built-in receiver URL with the marker (for anything stored). */
export function portableConfig<T extends PresetConfig>(config: T, builtInEndpoint: string): T {
  return config.otlpEndpoint === builtInEndpoint ? { ...config, otlpEndpoint: BUILTIN_RECEIVER_MARKER } : config;
}

/** Replace the marker with this run's built-in receiver URL (for anything applied). */
export function resolveBuiltInReceiver<T extends PresetConfig>(config: T, builtInEndpoint: string): T {
  return config.otlpEndpoint === BUILTIN_RECEIVER_MARKER ? { ...config, otlpEndpoint: builtInEndpoint } : config;
}

/**
 * An operator's change as it leaves this server for the others (see realtime/config-replication):
 * the changed keys with their new values, the built-in receiver made portable.
 */
export interface OperatorChange {
  patch: PresetConfig;
  actor: string;
  source: Actor["source"];
}

export class ControlService {
  private writes: Promise<unknown> = Promise.resolve();
  private readonly changeListeners = new Set<(change: OperatorChange) => void>();

  constructor(
    readonly runtime: TelemetryRuntimeApi,
    private readonly store: Pick<Store, "presets" | "history" | "activeConfig">,
    private readonly builtInEndpoint: string,
  ) {}

  portable<T extends PresetConfig>(config: T): T {
    return portableConfig(config, this.builtInEndpoint);
  }

  resolve<T extends PresetConfig>(config: T): T {
    return resolveBuiltInReceiver(config, this.builtInEndpoint);
  }

  /** Storage writes happen one at a time, in the order the changes were made. */
  private serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = this.writes.then(task, task);
    this.writes = run.catch(() => undefined);
    return run;
  }

  /** Apply a patch: history row either way, active config persisted when applied. */
  async apply(patch: unknown, who: Actor): Promise<ApplyResult> {
    const before = this.runtime.config;
    const resolved = patch && typeof patch === "object" && !Array.isArray(patch) ? this.resolve(patch as PresetConfig) : patch;
    const result = this.runtime.apply(resolved, { actor: who.actor, source: who.source });
    if (result.status === "applied" && result.changed.length === 0) return result;
    const after = this.runtime.config;
    await this.serialized(async () => {
      try {
        if (result.status === "applied") {
          await this.store.activeConfig.save({ config: this.portable(after), version: result.version, hash: result.hash });
          await this.store.history.record({
            actor: who.actor,
            source: who.source,
            before: this.portable(before),
            after: this.portable(after),
            diff: diffConfig(before, after),
            result: "applied",
            configVersion: result.version,
          });
        } else {
          await this.store.history.record({
            actor: who.actor,
            source: who.source,
            before: this.portable(before),
            after: jsonSafe(patch),
            diff: [],
            result: "failed",
            error: result.error,
            configVersion: this.runtime.version,
          });
        }
      } catch (e) {
        // The change itself stands; losing its record is logged, never silent.
        console.error(`[tracetune] could not record config change: ${(e as Error).message}`);
      }
    });
    // After the persisted config is written: a server that misses this announcement and catches
    // up from the store later (catchUp) finds the change there.
    if (result.status === "applied") this.announce(after, result.changed, who);
    return result;
  }

  /** Called with every change applied through apply() (not applyReplicated); returns the unsubscribe. */
  onOperatorChange(listener: (change: OperatorChange) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private announce(after: TelemetryConfig, changed: string[], who: Actor): void {
    if (this.changeListeners.size === 0) return;
    const patch = Object.fromEntries(changed.map((key) => [key, after[key as keyof TelemetryConfig]])) as PresetConfig;
    const change: OperatorChange = { patch: this.portable(patch), actor: who.actor, source: who.source };
    for (const listener of this.changeListeners) {
      try {
        listener(change);
      } catch (e) {
        console.error(`[tracetune] config change listener failed: ${(e as Error).message}`);
      }
    }
  }

  /**
   * Apply a change another Tracetune server already applied, recorded and persisted (shared
   * database): only this server's runtime changes, so history holds one row per operator
   * action, and nothing is announced again (no echo between servers).
   */
  applyReplicated(patch: PresetConfig, who: Actor): ApplyResult {
    return this.runtime.apply(this.resolve(patch), { actor: who.actor, source: who.source });
  }

  /**
   * Adopt the shared persisted config (the last operator change any server made) after this
   * server may have missed announcements from the others, e.g. during a Redis outage. Nothing is
   * recorded: each change was recorded by the server it was made on. Null when none is stored.
   */
  async catchUp(actor: string): Promise<ApplyResult | null> {
    const active = await this.store.activeConfig.load();
    if (!active) return null;
    return this.runtime.apply(this.resolve(active.config), { actor, source: "code" });
  }

  /** Record a change refused before it reached the runtime (no operator right, rate limit). */
  async refuse(patch: unknown, who: Actor, error: string): Promise<void> {
    await this.serialized(async () => {
      try {
        await this.store.history.record({
          actor: who.actor,
          source: who.source,
          before: this.portable(this.runtime.config),
          after: jsonSafe(patch),
          diff: [],
          result: "failed",
          error,
          configVersion: this.runtime.version,
        });
      } catch (e) {
        console.error(`[tracetune] could not record refused change: ${(e as Error).message}`);
      }
    });
  }

  /** Record the config the server started with (restored, or from defaults and environment). */
  async recordStartup(restored: boolean): Promise<void> {
    const config = this.runtime.config;
    await this.serialized(async () => {
      await this.store.activeConfig.save({ config: this.portable(config), version: this.runtime.version, hash: this.runtime.hash });
      await this.store.history.record({
        actor: restored ? "server (restored the persisted config)" : "server (defaults and environment)",
        source: "startup",
        before: null,
        after: this.portable(config),
        diff: [],
        result: "applied",
        configVersion: this.runtime.version,
      });
    });
  }

  savePreset(input: { name: string; description?: string | null; config?: PresetConfig }): Promise<PresetRecord> {
    return this.store.presets.create({ name: input.name, description: input.description ?? null, config: this.portable(input.config ?? this.runtime.config) });
  }

  async applyPreset(id: string, who: Actor): Promise<{ preset: PresetRecord; result: ApplyResult } | null> {
    const preset = await this.store.presets.get(id);
    if (!preset) return null;
    const result = await this.apply(preset.config, { actor: `${who.actor} (preset "${preset.name}")`, source: "preset" });
    return { preset, result };
  }

  /** What applying a preset would change, against the running config. */
  async previewPreset(id: string): Promise<{ preset: PresetRecord; diff: ConfigChangeEntry[] } | null> {
    const preset = await this.store.presets.get(id);
    if (!preset) return null;
    const current = this.runtime.config;
    const target = { ...current, ...this.resolve(preset.config) } as TelemetryConfig;
    return { preset, diff: diffConfig(current, target) };
  }

  /** Re-apply the config as it was right after history entry `id` (applied entries only). */
  async rollback(id: number, who: Actor): Promise<{ entry: ConfigChangeRecord; result: ApplyResult }> {
    const entry = await this.store.history.get(id);
    if (!entry) throw new StoreError("not_found", `No history entry ${id}`);
    if (entry.result !== "applied") throw new StoreError("invalid", `History entry ${id} was a refused change: there is no config to roll back to`);
    if (entry.source === "fleet") throw new StoreError("invalid", `History entry ${id} changed a fleet runtime, not this server's config`);
    const result = await this.apply(entry.after, { actor: `${who.actor} (rollback to #${id})`, source: "rollback" });
    return { entry, result };
  }
}

function jsonSafe(value: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(value ?? null));
  } catch {
    return String(value);
  }
}
