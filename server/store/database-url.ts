/**
 * Where the database lives: `DATABASE_URL` names a SQLite file (`file:./data/x.db`,
 * `file:data/x.db` or `file:/abs/path.db`; default `data/tracetune.db`) or a PostgreSQL server
 * (`postgres://` or `postgresql://`, for several Tracetune servers sharing one database).
 *
 * Relative paths resolve against the current working directory (the repo root under npm/npx),
 * the same rule for the app and for the Prisma CLI via prisma.config.ts, so both open one file.
 * Pure path logic: no file-system side effects here.
 */
import path from "node:path";
import { z } from "zod";
import { redactUrl } from "../server-env";

export const DEFAULT_DATABASE_URL = "file:./data/tracetune.db";

const databaseUrlSchema = z
  .string()
  .trim()
  .min(1, "DATABASE_URL is empty")
  .refine((u) => u.startsWith("file:"), "DATABASE_URL must be a SQLite file URL such as file:./data/tracetune.db or a PostgreSQL URL (postgresql://...)")
  .transform((u) => u.slice("file:".length).replace(/\?.*$/, ""))
  .refine((p) => p.length > 0, "DATABASE_URL names no file")
  .refine((p) => p !== ":memory:", "an in-memory database would lose every preset on restart; name a file");

export type DatabaseTarget = { kind: "sqlite"; file: string } | { kind: "postgres"; url: string };

/** A PostgreSQL URL, as `pg` and Prisma's pg adapter take it. */
export function isPostgresUrl(databaseUrl?: string | null): boolean {
  return /^postgres(ql)?:\/\//i.test(databaseUrl?.trim() ?? "");
}

const postgresUrlSchema = z
  .string()
  .trim()
  .refine((u) => URL.canParse(u), "not a valid URL (expected postgresql://user:password@host:5432/database)")
  .refine((u) => URL.canParse(u) && new URL(u).hostname !== "", "names no host (expected postgresql://user:password@host:5432/database)");

/** Which database a URL names: a PostgreSQL server, else a SQLite file (the default). */
export function resolveDatabase(databaseUrl?: string | null, cwd: string = process.cwd()): DatabaseTarget {
  if (!isPostgresUrl(databaseUrl)) return { kind: "sqlite", file: resolveDatabaseFile(databaseUrl, cwd) };
  const parsed = postgresUrlSchema.safeParse(databaseUrl);
  if (!parsed.success) throw new Error(`Invalid DATABASE_URL ${redactUrl(databaseUrl!)}: ${parsed.error.issues[0]?.message}`);
  return { kind: "postgres", url: parsed.data };
}


/** Absolute path of the database file for a URL (undefined or empty: the default). */
export function resolveDatabaseFile(databaseUrl?: string | null, cwd: string = process.cwd()): string {
  const url = databaseUrl && databaseUrl.trim() !== "" ? databaseUrl : DEFAULT_DATABASE_URL;
  const parsed = databaseUrlSchema.safeParse(url);
  if (!parsed.success) throw new Error(`Invalid DATABASE_URL "${redactUrl(url)}": ${parsed.error.issues[0]?.message}`);
  // file:///abs/path is the URL form of file:/abs/path.
  const file = parsed.data.startsWith("//") ? parsed.data.slice(2) : parsed.data;
  return path.resolve(cwd, file);
}
