/**
 * End-to-end tests against the real app: server/main.ts (Next + socket.io + OTLP receiver + the
 * synthetic workload) on a fixed uncommon port with a throw-away SQLite file, driven by Debian's
 * Chromium (Playwright's own browser download is not available offline).
 *
 * The production build must exist first (`npm test` runs `next build` before this).
 * The port is fixed (not "any free port") because this file is evaluated again in every worker
 * process and all of them must agree on baseURL; override it with E2E_PORT.
 */
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { E2E_OPERATOR_TOKEN } from "./e2e/e2e-env";

const PORT = Number(process.env.E2E_PORT ?? 3107);
const BASE_URL = `http://127.0.0.1:${PORT}`;
/** Deterministic, so every evaluation of this file names the same place; wiped before start. */
const DATA_DIR = path.join(os.tmpdir(), `tracetune-e2e-${PORT}`);

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: {
    command: `rm -rf '${DATA_DIR}' && mkdir -p '${DATA_DIR}' && exec node_modules/.bin/tsx server/main.ts`,
    url: `${BASE_URL}/api/config`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${path.join(DATA_DIR, "e2e.db")}`,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      TRACETUNE_WORKLOAD: "on",
      TRACETUNE_WORKLOAD_RPS: "50",
      TRACETUNE_OPERATOR_TOKEN: E2E_OPERATOR_TOKEN,
    },
  },
});
