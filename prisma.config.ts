/**
 * Prisma CLI configuration: the JavaScript schema engine through the better-sqlite3 driver
 * adapter, because the native schema engine is downloaded from Prisma's CDN and this project
 * runs offline.
 *
 * The CLI (`prisma migrate deploy|status|diff`, `prisma db push`) uses the same database the app
 * does: `DATABASE_URL` when set, else `file:./data/tracetune.db`, relative paths resolved against
 * the current directory (the repo root when run through npm/npx). The app itself does not use
 * this file: it applies migrations at start-up (server/store/migrate.ts).
 */
import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { resolveDatabaseFile } from "./server/store/database-url";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => {
    const file = resolveDatabaseFile(process.env.DATABASE_URL);
    // SQLite creates the file but not its folder; a fresh clone has no data/.
    fs.mkdirSync(path.dirname(file), { recursive: true });
    return new PrismaBetterSQLite3({ url: "file:" + file });
  },
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
