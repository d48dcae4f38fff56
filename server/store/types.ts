/**
 * What the rest of the server needs from storage. The Prisma/SQLite implementation lives beside
 * this file; nothing outside server/store imports Prisma.
 *
 * Every record returned here was validated on its way out of the database: a row that fails
 * (bad JSON, a config the schema refuses, a wrongly typed column) is never returned as data.
 */
import type { ConfigChangeEntry, PresetConfig, TelemetryConfig } from "../telemetry/config";
import type { MigrationReport } from "./migrate";

export interface PresetRecord {
  id: string;
  name: string;
  description: string | null;
  /** A config patch: the keys this preset sets (all of them for a saved running config). */
  config: PresetConfig;
  builtIn: boolean;
  /** Optimistic-concurrency version: bumped on every update. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface NewPreset {
  name: string;
  description?: string | null;
  config: PresetConfig;
  builtIn?: boolean;
}

/** Fields an update may change; absent fields keep their value, `description: null` clears it. */
export interface PresetPatch {
  name?: string;
  description?: string | null;
  config?: PresetConfig;
}

export class StoreError extends Error {
  constructor(
    readonly code: "not_found" | "conflict" | "duplicate_name" | "invalid" | "forbidden",
    message: string,
    /** For a call that takes a list (createAll): the position of the item the error is about. */
    readonly index?: number,
  ) {
    super(message);
    this.name = "StoreError";
  }
}

export interface PresetStore {
  /** Readable presets by name (built-ins first); unreadable rows are skipped with a warning. */
  list(): Promise<PresetRecord[]>;
  /** null when missing or unreadable (the latter with a warning). */
  get(id: string): Promise<PresetRecord | null>;
  /** Exact match after the name is trimmed and NFC-normalized; null when missing or unreadable. */
  findByName(name: string): Promise<PresetRecord | null>;
  /** Throws StoreError("duplicate_name") when the name is taken, ("invalid") on bad input. */
  create(preset: NewPreset): Promise<PresetRecord>;
  /**
   * Creates all of them in one transaction, or none: StoreError("duplicate_name") naming a
   * taken name (in the database, or twice in the list), ("invalid") on bad input, with the
   * item's `index`. A crash halfway leaves nothing behind: the database rolls it back.
   */
  createAll(presets: NewPreset[]): Promise<PresetRecord[]>;
  /**
   * Changes the given fields if the row is still at `expectedVersion`, bumping the version.
   * StoreError: "not_found"; "conflict" (someone saved first: reload); "forbidden" (built-in);
   * "duplicate_name"; "invalid" (bad input, or an unreadable row the patch does not repair).
   */
  update(id: string, patch: PresetPatch, expectedVersion: number): Promise<PresetRecord>;
  /** StoreError: "not_found", "conflict" (stale version), "forbidden" (built-in presets stay). */
  delete(id: string, expectedVersion: number): Promise<void>;
  /**
   * Start-up seeding: creates each built-in preset that is missing by name, and refreshes a
   * built-in whose description or config differs. A user preset holding the name is left alone
   * (with a warning). Returns the built-ins as stored.
   */
  ensureBuiltIns(presets: NewPreset[]): Promise<PresetRecord[]>;
  /** Closes the whole store (presets share its connection); the same as Store.close(). */
  close(): Promise<void>;
}

/** "fleet": a change sent to another runtime of the fleet (the actor names it); not this server's config, so it cannot be rolled back here. */
export const configChangeSources = ["ui", "api", "preset", "rollback", "auto-tune", "startup", "agent", "code", "fleet"] as const;
export type ConfigChangeSource = (typeof configChangeSources)[number];

interface ConfigChangeBase {
  actor: string;
  source: ConfigChangeSource;
  /** The full config before the change; null for the first config after start-up. */
  before: TelemetryConfig | null;
  diff: ConfigChangeEntry[];
}

/** What a caller records. An applied change carries the resulting config; a failed one what was tried. */
export type NewConfigChange = ConfigChangeBase &
  (
    | { result: "applied"; after: TelemetryConfig; configVersion?: number | null; error?: null }
    | { result: "failed"; /** The attempted patch or config: any JSON value. */ after: unknown; error: string; configVersion?: number | null }
  );

export type ConfigChangeRecord = ConfigChangeBase & {
  /** Increasing in insertion order. */
  id: number;
  createdAt: string;
  configVersion: number | null;
} & ({ result: "applied"; after: TelemetryConfig; error: null } | { result: "failed"; after: unknown; error: string });

export interface HistoryListOptions {
  /** 1-500, default 50. */
  limit?: number;
  /** Only changes older than this change id (pass the last id of the previous page). */
  before?: number;
}

export interface HistoryStore {
  /** Throws StoreError("invalid") on bad input; nothing is written then. */
  record(change: NewConfigChange): Promise<ConfigChangeRecord>;
  /** Newest first; unreadable rows are skipped with a warning. */
  list(options?: HistoryListOptions): Promise<ConfigChangeRecord[]>;
  /** null when missing or unreadable (the latter with a warning). */
  get(id: number): Promise<ConfigChangeRecord | null>;
}

export interface ActiveConfigRecord {
  config: TelemetryConfig;
  version: number;
  hash: string;
  updatedAt: string;
}

export interface ActiveConfigStore {
  /** The persisted running config, or null when none was saved or the row is unreadable. */
  load(): Promise<ActiveConfigRecord | null>;
  /** Replaces the persisted config. Throws StoreError("invalid") if the config fails the schema. */
  save(active: { config: TelemetryConfig; version: number; hash: string }): Promise<ActiveConfigRecord>;
}

export interface Store {
  presets: PresetStore;
  history: HistoryStore;
  activeConfig: ActiveConfigStore;
  /** Absolute path of the SQLite file; for PostgreSQL its URL with the password redacted. */
  readonly databaseFile: string;
  readonly databaseKind: "sqlite" | "postgres";
  /** What start-up migration did. */
  readonly migration: MigrationReport;
  /** Idempotent; afterwards every call rejects with "store is closed". */
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** `file:./data/x.db`, `file:/abs/x.db` or `postgresql://...`; default `DATABASE_URL`, else `file:./data/tracetune.db`. */
  databaseUrl?: string;
  /** Default: prisma/migrations (SQLite) or prisma/postgres/migrations of this repository. */
  migrationsDir?: string;
  /** Where unreadable-row warnings go; default console.warn. */
  warn?: (message: string) => void;
  /** Rows of history kept (oldest pruned); default 10000. */
  historyLimit?: number;
}
