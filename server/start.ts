/**
 * `npm start`: build the dashboard when there is no current build, then run the server in
 * production mode. "Current" means .next/BUILD_ID is newer than every source file that goes into
 * the build, so a fresh clone builds once and later starts are immediate.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = process.cwd();
const SOURCES = ["app", "components", "server", "public", "next.config.ts", "postcss.config.mjs", "package.json", "package-lock.json"];

function newestMtime(p: string): number {
  const full = path.join(root, p);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(full)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

function buildIsCurrent(): boolean {
  const id = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(id)) return false;
  const built = fs.statSync(id).mtimeMs;
  return SOURCES.every((s) => newestMtime(s) <= built);
}

process.env.NEXT_TELEMETRY_DISABLED = "1";
if (!buildIsCurrent()) {
  console.log("[tracetune] building the dashboard (first start or sources changed)...");
  const result = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  if (result.status !== 0) {
    console.error("[tracetune] next build failed; see the output above");
    process.exit(result.status ?? 1);
  }
}
(process.env as Record<string, string>).NODE_ENV = "production";
await import("./main");
