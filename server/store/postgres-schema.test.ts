/**
 * prisma/postgres/schema.prisma must stay the SQLite schema with the provider switched: the
 * PostgreSQL client is generated from it and the stores use it through the SQLite client's type.
 */
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { expectedPostgresSchema, POSTGRES_SCHEMA, postgresSchemaFrom } from "../../prisma/postgres/postgres-schema";

describe("PostgreSQL schema copy", () => {
  it("is exactly what prisma/postgres/sync.ts derives from prisma/schema.prisma (run it after a schema change)", () => {
    expect(fs.readFileSync(POSTGRES_SCHEMA, "utf8")).toBe(expectedPostgresSchema());
  });

  it("switches only the provider, the client output and the placeholder url", () => {
    const sqlite = fs.readFileSync(POSTGRES_SCHEMA.replace("/postgres/", "/"), "utf8");
    const changed = postgresSchemaFrom(sqlite)
      .split("\n")
      .filter((line) => !sqlite.split("\n").includes(line) && !line.startsWith("// GENERATED") && !line.startsWith("// The same models") && line !== "");
    expect(changed.map((l) => l.trim())).toEqual([
      'output     = "../../generated/prisma-postgres"',
      'provider = "postgresql"',
      'url      = "postgresql://unused-see-server-store/unused"',
    ]);
  });

  it("fails loudly when the source schema no longer has the line it rewrites", () => {
    expect(() => postgresSchemaFrom('datasource db {\n  provider = "mysql"\n}')).toThrow(/expected one line matching/);
  });
});
