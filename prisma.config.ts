/**
 * Prisma CLI configuration: the JavaScript schema engine through the better-sqlite3 driver
 * adapter, because the native schema engine is downloaded from Prisma's CDN and this project
 * runs offline.
 *
 * The CLI (`prisma migrate deploy|status|diff`, `prisma db push`) uses the same database the app
 * does: `DATABASE_URL` when set, else `file:./data/tracetune.db`, relative paths resolved against
 * the current directory (the repo root when run through npm/npx). A PostgreSQL `DATABASE_URL`
 * switches to prisma/postgres (its schema copy and migrations) and the pg adapter. The app itself
 * does not use this file: it applies migrations at start-up (server/store/migrate*.ts).
 */
import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { isPostgresUrl, resolveDatabaseFile } from "./server/store/database-url";

const postgres = isPostgresUrl(process.env.DATABASE_URL);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => {
    if (postgres) return new PrismaPg({ connectionString: process.env.DATABASE_URL!.trim() });
    const file = resolveDatabaseFile(process.env.DATABASE_URL);
    // SQLite creates the file but not its folder; a fresh clone has no data/.
    fs.mkdirSync(path.dirname(file), { recursive: true });
    return new PrismaBetterSQLite3({ url: "file:" + file });
  },
  schema: postgres ? "prisma/postgres/schema.prisma" : "prisma/schema.prisma",
  migrations: { path: postgres ? "prisma/postgres/migrations" : "prisma/migrations" },
});
