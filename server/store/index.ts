/** Storage: the only door to the database. Import from here (types from ./types). */
export { openStore, DEFAULT_HISTORY_LIMIT } from "./open-store";
export { applyMigrations, type MigrationReport } from "./migrate";
export { resolveDatabaseFile, resolveDatabase, isPostgresUrl, DEFAULT_DATABASE_URL, type DatabaseTarget } from "./database-url";
export { presetNameSchema, presetDescriptionSchema, PRESET_NAME_MAX, PRESET_DESCRIPTION_MAX } from "./preset-fields";
export * from "./types";
