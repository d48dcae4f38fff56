/**
 * prisma/postgres/schema.prisma is generated from prisma/schema.prisma: the same models with the
 * datasource provider switched to "postgresql" and the client generated into
 * generated/prisma-postgres. Prisma 6.19 takes the provider only as a literal, so the one schema
 * becomes two files; this is the one rule that derives the second (a unit test keeps them equal).
 */
import fs from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const SQLITE_SCHEMA = path.join(ROOT, "prisma", "schema.prisma");
export const POSTGRES_SCHEMA = path.join(ROOT, "prisma", "postgres", "schema.prisma");
export const POSTGRES_MIGRATIONS = path.join(ROOT, "prisma", "postgres", "migrations");

const HEADER =
  "// GENERATED from prisma/schema.prisma by `npx tsx prisma/postgres/sync.ts`: do not edit.\n" +
  "// The same models for PostgreSQL (DATABASE_URL=postgresql://...); see prisma/README.md.\n\n";

/** Each replacement must match exactly once: a reworded source line fails loudly, not silently. */
const REPLACEMENTS: Array<[RegExp, string]> = [
  [/^(\s*provider\s*=\s*)"sqlite"/m, '$1"postgresql"'],
  [/^(\s*output\s*=\s*)"\.\.\/generated\/prisma"/m, '$1"../../generated/prisma-postgres"'],
  [/^(\s*url\s*=\s*)"file:[^"]*"/m, '$1"postgresql://unused-see-server-store/unused"'],
];

export function postgresSchemaFrom(sqliteSchema: string): string {
  let out = sqliteSchema;
  for (const [pattern, replacement] of REPLACEMENTS) {
    const matches = out.match(new RegExp(pattern.source, "gm"))?.length ?? 0;
    if (matches !== 1) throw new Error(`prisma/schema.prisma: expected one line matching ${pattern}, found ${matches}`);
    out = out.replace(pattern, replacement);
  }
  return HEADER + out;
}

export function expectedPostgresSchema(): string {
  return postgresSchemaFrom(fs.readFileSync(SQLITE_SCHEMA, "utf8"));
}
