/**
 * Where the SQLite database lives: `DATABASE_URL` (`file:./data/x.db`, `file:data/x.db` or
 * `file:/abs/path.db`) or the default `data/tracetune.db`.
 *
 * Relative paths resolve against the current working directory (the repo root under npm/npx),
 * the same rule for the app and for the Prisma CLI via prisma.config.ts, so both open one file.
 * Pure path logic: no file-system side effects here.
 */
import path from "node:path";
import { z } from "zod";

export const DEFAULT_DATABASE_URL = "file:./data/tracetune.db";

const databaseUrlSchema = z
  .string()
  .trim()
  .min(1, "DATABASE_URL is empty")
  .refine((u) => u.startsWith("file:"), "DATABASE_URL must be a SQLite file URL such as file:./data/tracetune.db")
  .transform((u) => u.slice("file:".length).replace(/\?.*$/, ""))
  .refine((p) => p.length > 0, "DATABASE_URL names no file")
  .refine((p) => p !== ":memory:", "an in-memory database would lose every preset on restart; name a file");

/** Absolute path of the database file for a URL (undefined or empty: the default). */
export function resolveDatabaseFile(databaseUrl?: string | null, cwd: string = process.cwd()): string {
  const url = databaseUrl && databaseUrl.trim() !== "" ? databaseUrl : DEFAULT_DATABASE_URL;
  const parsed = databaseUrlSchema.safeParse(url);
  if (!parsed.success) throw new Error(`Invalid DATABASE_URL "${url}": ${parsed.error.issues[0]?.message}`);
  // file:///abs/path is the URL form of file:/abs/path.
  const file = parsed.data.startsWith("//") ? parsed.data.slice(2) : parsed.data;
  return path.resolve(cwd, file);
}
