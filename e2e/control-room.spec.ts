/**
 * The control room end to end, against the real server: every control group (drag, type,
 * keyboard), the apply -> ack -> toast flow with rejected values, two dashboards in sync with a
 * stale edit refused and re-applied, the what-if readout following a drag, the workload and a
 * fault drill (outage: the breaker opens; recovery: it closes), events filtering, the checklist's
 * one-click fix, the read-only view, themes and the README screenshots, and the snapshot size.
 *
 * The tests share one server (and run before dashboard.spec.ts): beforeAll puts a known baseline
 * in place and afterAll restores the defaults the other specs expect.
 */
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { io, type Socket } from "socket.io-client";
import { observedSampledShare, openDashboard, signIn, SCREENSHOT_DIR } from "./dashboard-helpers";
import { E2E_OPERATOR_TOKEN } from "./e2e-env";

test.describe.configure({ mode: "serial" });

const BASELINE = {
  enabled: true,
  sampleRate: 1,
  sampler: { type: "ratio" },
  batchSize: 2048,
  exportIntervalMs: 5000,
  maxQueueSize: 16384,
  otlpCompression: "gzip",
  adaptiveCompression: true,
  exportTimeoutMs: 30000,
  maxSpanAttributes: 64,
  attributeProcessors: [],
  attributeFilters: [],
  memoryMonitor: null,
  circuitBreaker: { failureThreshold: 0.5, timeoutDuration: 60, halfOpenRequests: 10, windowSize: 20, minimumRequests: 5 },
};

type ApplyResult = { status: "applied"; version: number } | { status: "failed"; error: string };

let socket: Socket;
let api: APIRequestContext;

/** The operator's socket (token in the handshake), as a dashboard would send config:apply. */
async function applyViaSocket(patch: Record<string, unknown>): Promise<ApplyResult> {
  return (await socket.timeout(8000).emitWithAck("config:apply", { patch })) as ApplyResult;
}

async function runningConfig(request: APIRequestContext): Promise<{ config: Record<string, unknown>; version: number }> {
  const res = await request.get("/api/config");
  expect(res.ok()).toBe(true);
  return res.json();
}

async function configVersion(page: Page): Promise<number> {
  return Number(((await page.getByTestId("config-version-number").textContent()) ?? "").replace("v", ""));
}

async function openTab(page: Page, name: string) {
  await page.getByRole("tab", { name: new RegExp(`^${name}`) }).click();
  await expect(page.getByRole("tab", { name: new RegExp(`^${name}`) })).toHaveAttribute("aria-selected", "true");
}

/** Clicks Apply and waits for the toast naming the applied keys. */
async function applyDraft(page: Page, keys: RegExp): Promise<void> {
  await page.getByRole("button", { name: /^Apply \d+ changes?$/ }).click();
  await expect(page.getByTestId("toast").filter({ hasText: keys }).filter({ hasText: /Applied v\d+/ }).first()).toBeVisible();
  await expect(page.getByTestId("apply-bar")).toHaveCount(0);
}

async function operatorPage(browser: Browser, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await signIn(page);
  await openDashboard(page);
  return page;
}

/** A horizontal mouse drag on a range input, from one fraction of its track to others, held between. */
async function dragSlider(page: Page, name: string, fractions: number[], between?: () => Promise<void>) {
  const slider = page.getByRole("slider", { name, exact: true });
  const box = await slider.boundingBox();
  if (!box) throw new Error(`slider ${name} has no box`);
  const y = box.y + box.height / 2;
  const x = (f: number) => box.x + 8 + (box.width - 16) * f;
  await page.mouse.move(x(fractions[0]), y);
  await page.mouse.down();
  for (const f of fractions.slice(1)) {
    await page.mouse.move(x(f), y, { steps: 4 });
    await between?.();
  }
  await page.mouse.up();
}

test.beforeAll(async ({ playwright, baseURL }) => {
  api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${E2E_OPERATOR_TOKEN}` } });
  socket = io(baseURL!, { transports: ["websocket"], auth: { token: E2E_OPERATOR_TOKEN }, extraHeaders: { origin: baseURL! } });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  expect((await applyViaSocket(BASELINE)).status).toBe("applied");
  expect((await api.put("/api/receiver/faults", { data: { mode: "normal", errorRate: 0, latencyMs: 0 } })).ok()).toBe(true);
  expect((await api.put("/api/workload", { data: { enabled: true, runsPerSecond: 50 } })).ok()).toBe(true);
});

test.afterAll(async () => {
  await api.put("/api/receiver/faults", { data: { mode: "normal", errorRate: 0, latencyMs: 0 } });
  await api.put("/api/workload", { data: { enabled: true, runsPerSecond: 50 } });
  await applyViaSocket(BASELINE);
  socket.close();
  await api.dispose();
});

test("a live snapshot stays under 2 KB on the wire", async () => {
  const sizes: number[] = [];
  await new Promise<void>((resolve) => {
    const on = (s: unknown) => {
      sizes.push(JSON.stringify(s).length);
      if (sizes.length >= 8) {
        socket.off("snapshot", on);
        resolve();
      }
    };
    socket.on("snapshot", on);
  });
  console.log(`snapshot JSON size: max ${Math.max(...sizes)} bytes over ${sizes.length} snapshots`);
  expect(Math.max(...sizes)).toBeLessThan(2048);
});

test("sampling: sampler type by keyboard, priority rules typed, tabs by arrow keys", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page);
  await openDashboard(page);
  const before = await configVersion(page);

  // Keyboard: arrow keys move between the control tabs and back.
  await page.getByRole("tab", { name: /^Sampling/ }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("tab", { name: /^Batching/ })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("tab", { name: /^Batching/ })).toBeFocused();
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByRole("tab", { name: /^Sampling/ })).toHaveAttribute("aria-selected", "true");

  const type = page.getByLabel("Sampler type", { exact: true });
  await type.focus();
  await type.selectOption("priority");
  await expect(page.getByTestId("priority-rules").getByRole("listitem")).toHaveCount(4);
  // The running value is shown next to the edited field until the apply.
  await expect(page.getByText("edited · running ratio")).toBeVisible();
  const rate = page.getByLabel("Rule 2 rate (0-1)", { exact: true });
  await rate.fill("0.75");
  await page.getByLabel("Default rate (0-1)", { exact: true }).fill("0.2");
  await applyDraft(page, /sampler/);
  await expect(page.getByTestId("config-version-number")).toHaveText(`v${before + 1}`);
  const { config } = await runningConfig(page.request);
  expect(config.sampler).toMatchObject({ type: "priority", defaultRate: 0.2, rules: [{ rate: 1 }, { value: "high", rate: 0.75 }, {}, {}] });
  // The effective sampler reported by the runtime follows.
  await expect(page.getByTestId(/-effective$/).filter({ hasText: /^effective priority/ }).first()).toBeVisible();

  // Back to the ratio sampler, by keyboard on the select.
  await type.focus();
  await type.selectOption("ratio");
  await applyDraft(page, /sampler/);
  expect((await runningConfig(page.request)).config.sampler).toEqual({ type: "ratio" });
});

test("batching: slider dragged, value typed, slider stepped by keyboard; effective values follow", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page);
  await openDashboard(page);
  await openTab(page, "Batching");

  // Drag the batch size slider down from its position to about a third of the track.
  await dragSlider(page, "Batch size", [0.69, 0.6, 0.5]);
  const dragged = Number(await page.getByLabel("Batch size (spans)", { exact: true }).inputValue());
  expect(dragged).toBeGreaterThan(50);
  expect(dragged).toBeLessThan(1000);
  // Typed exact value wins.
  await page.getByLabel("Batch size (spans)", { exact: true }).fill("512");
  await page.getByLabel("Export interval (ms)", { exact: true }).fill("2000");
  // Keyboard on a slider: End jumps to the maximum queue size, then three steps down.
  const queue = page.getByRole("slider", { name: "Max queue size", exact: true });
  await queue.focus();
  await page.keyboard.press("End");
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByLabel("Max queue size (spans)", { exact: true })).toHaveValue(/^\d+$/);
  await page.getByLabel("Max queue size (spans)", { exact: true }).fill("8192");
  await page.getByLabel("Overflow strategy", { exact: true }).selectOption("drop_newest");
  await expect(page.getByRole("tab", { name: /^Batching/ })).toHaveAccessibleName(/unapplied edits/);

  await applyDraft(page, /batchSize, exportIntervalMs, maxQueueSize, queueOverflowStrategy/);
  const { config } = await runningConfig(page.request);
  expect(config).toMatchObject({ batchSize: 512, exportIntervalMs: 2000, maxQueueSize: 8192, queueOverflowStrategy: "drop_newest" });
  // Effective values come from the runtime's snapshot, next to the settings.
  await expect(page.getByText(/effective\s*512$/).first()).toBeVisible();
  await expect(page.getByText(/effective\s*2 s$/).first()).toBeVisible();
  await expect(page.getByText(/\/ 8,192 held/)).toBeVisible();
});

test("rejected values: inline errors from the shared schema, nothing sent; Escape restores", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page);
  await openDashboard(page);
  const before = await configVersion(page);

  await openTab(page, "Batching");
  const batch = page.getByLabel("Batch size (spans)", { exact: true });
  await batch.fill("0");
  await expect(batch).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("field-error").filter({ hasText: "must be at least 1" })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Apply \d+ change/ })).toBeDisabled();
  await batch.fill("99999999");
  await expect(page.getByTestId("field-error").filter({ hasText: "must be at most 65536" })).toBeVisible();
  // A cross-field rule: the batch must fit in the queue.
  await batch.fill("9000");
  await expect(page.getByTestId("field-error").filter({ hasText: "batchSize must not exceed maxQueueSize" })).toBeVisible();
  await expect(page.getByRole("tab", { name: /^Batching/ })).toHaveAccessibleName(/invalid/);
  await batch.press("Escape");
  await expect(page.getByTestId("apply-bar")).toHaveCount(0);

  await openTab(page, "Breaker");
  const timeout = page.getByLabel("Open timeout (s)", { exact: true });
  await timeout.fill("soon");
  await expect(page.getByTestId("field-error").filter({ hasText: "Enter a number" })).toBeVisible();
  await timeout.fill("0");
  await expect(page.getByTestId("field-error").filter({ hasText: "must be at least 0.1 s" })).toBeVisible();
  await page.getByRole("button", { name: "Discard", exact: true }).click();

  await openTab(page, "Limits");
  await page.getByRole("button", { name: "Add remove pattern" }).click();
  const pattern = page.getByLabel("Filter 1 pattern (regex)", { exact: true });
  await pattern.fill("(unclosed");
  await expect(page.getByTestId("field-error").filter({ hasText: "invalid regular expression" })).toBeVisible();
  await expect(page.getByTestId("draft-issues")).toContainText("attributeFilters.0.pattern");
  await expect(page.getByRole("button", { name: /^Apply \d+ change/ })).toBeDisabled();
  await pattern.fill("^debug\\.");
  await page.getByLabel("Max attributes per span", { exact: true }).fill("48");
  // Keyboard: Space toggles the attribute limiter on.
  await page.getByLabel("Attribute limiter", { exact: true }).focus();
  await page.keyboard.press("Space");
  await expect(page.getByLabel("Max length", { exact: true })).toHaveValue("1024");
  await applyDraft(page, /maxSpanAttributes|attributeFilters|attributeProcessors/);
  // Nothing invalid was ever sent: exactly one new version.
  await expect(page.getByTestId("config-version-number")).toHaveText(`v${before + 1}`);
  const { config } = await runningConfig(page.request);
  expect(config).toMatchObject({ maxSpanAttributes: 48, attributeFilters: [{ action: "remove", pattern: "^debug\\." }], attributeProcessors: [{ maxLength: 1024 }] });
});

test("export and guards: compression off, the checklist fails it and its one-click fix turns gzip back on", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page);
  await openDashboard(page);
  await openTab(page, "Export");
  // Adaptive compression is on by default and says how many batches it compressed fast.
  const adaptive = page.getByLabel("Gzip at level 1 while export is behind", { exact: true });
  await expect(adaptive).toBeChecked();
  await expect(page.getByText(/^\d[\d,]* batches so far$/)).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/export-controls-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 768, height: 900 });
  await expect(adaptive).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/export-controls-768.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await adaptive.focus();
  await page.keyboard.press("Space");
  await page.getByLabel("Compression", { exact: true }).selectOption("none");
  await expect(page.getByText("No effect while compression is off.", { exact: true })).toBeVisible();
  await page.getByLabel("Export timeout (ms)", { exact: true }).fill("10000");
  await applyDraft(page, /exportTimeoutMs|otlpCompression|adaptiveCompression/);
  expect((await runningConfig(page.request)).config).toMatchObject({ adaptiveCompression: false, otlpCompression: "none", exportTimeoutMs: 10000 });

  const check = page.locator('[data-check="compression"]');
  await expect(check).toHaveAttribute("data-status", "fail");
  await check.getByRole("button", { name: "Enable gzip" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: /Applied v\d+: otlpCompression/ }).first()).toBeVisible();
  await expect(check).toHaveAttribute("data-status", "pass");
  expect((await runningConfig(page.request)).config.otlpCompression).toBe("gzip");

  // Guards: Space turns the memory monitor on; an inverted pair of thresholds is refused inline.
  await openTab(page, "Guards");
  await page.getByLabel("Memory monitor", { exact: true }).focus();
  await page.keyboard.press("Space");
  const warn = page.getByLabel("Warning at (MB)", { exact: true });
  await warn.fill("600");
  await expect(page.getByTestId("field-error").filter({ hasText: "warningThresholdMb must be below criticalThresholdMb" })).toBeVisible();
  await warn.fill("50");
  await page.getByLabel("Memory check every (s)", { exact: true }).fill("1");
  await applyDraft(page, /memoryMonitor/);
  await expect(page.locator('[data-check="memory-alerts"]')).toHaveAttribute("data-status", /pass|warn|fail/);
  await expect(page.getByText(/effective\s*ok · [\d.]+ MB/)).toBeVisible({ timeout: 10_000 });
});

test("two dashboards stay in sync; a stale edit is refused, shown, and re-applied", async ({ browser }) => {
  const a = await operatorPage(browser);
  const b = await operatorPage(browser);

  // A change made on A appears on B at once.
  await a.getByLabel("Sample rate (%)", { exact: true }).fill("40");
  await a.getByLabel("Sample rate (%)", { exact: true }).press("Enter");
  await expect(a.getByTestId("toast").filter({ hasText: /Applied v\d+: sample rate 40.0 %/ })).toBeVisible();
  await expect(b.getByTestId("sample-rate-readout")).toHaveText("40.0 %");
  await expect(b.getByTestId("config-version-number")).toHaveText(await a.getByTestId("config-version-number").textContent() ?? "");

  // B starts an edit; A changes something meanwhile.
  await openTab(b, "Batching");
  await b.getByLabel("Batch size (spans)", { exact: true }).fill("256");
  await openTab(a, "Batching");
  await a.getByLabel("Export interval (ms)", { exact: true }).fill("3000");
  await applyDraft(a, /exportIntervalMs/);

  // B sees the new value and that its draft is based on an old version...
  const stale = b.getByTestId("stale-notice");
  await expect(stale).toBeVisible();
  await expect(stale).toContainText("exportIntervalMs");
  await expect(stale).toContainText("3000");
  await expect(b.getByLabel("Export interval (ms)", { exact: true })).toHaveValue("3000");
  // ...and applying it anyway is refused by the server: nothing is overwritten blindly.
  const versionBefore = (await runningConfig(b.request)).version;
  await b.getByRole("button", { name: /^Apply 1 change$/ }).click();
  await expect(b.getByTestId("toast").filter({ hasText: /Not applied: Stale edit/ })).toBeVisible();
  expect((await runningConfig(b.request)).version).toBe(versionBefore);
  // Re-applying on the new version goes through, and A sees it.
  await stale.getByRole("button", { name: /^Re-apply on v\d+$/ }).click();
  await expect(b.getByTestId("toast").filter({ hasText: /Applied v\d+: batchSize/ })).toBeVisible();
  await expect(a.getByLabel("Batch size (spans)", { exact: true })).toHaveValue("256");
  expect((await runningConfig(a.request)).config).toMatchObject({ batchSize: 256, exportIntervalMs: 3000 });
  await a.context().close();
  await b.context().close();
});

test("what-if: the projection follows a drag of the sample rate, then shows projected next to actual", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page);
  await openDashboard(page);
  expect((await applyViaSocket({ sampleRate: 1 })).status).toBe("applied");
  await expect(page.getByTestId("sample-rate-readout")).toHaveText("100.0 %");
  const whatIf = page.getByTestId("what-if");
  await expect(page.getByTestId("whatif-now-exportedPerSec")).toHaveAttribute("data-value", /^\d/);

  const projected = page.getByTestId("whatif-projected-exportedPerSec");
  const seen: number[] = [];
  // Two thirds along the log track is 10 %, one third is 1 %.
  await dragSlider(page, "Sample rate", [1, 0.9, 2 / 3, 1 / 3], async () => {
    await expect(whatIf).toHaveAttribute("data-mode", "projecting");
    seen.push(Number(await projected.getAttribute("data-value")));
  });
  expect(seen).toHaveLength(3);
  expect(seen[0]).toBeGreaterThan(seen[1]);
  expect(seen[1]).toBeGreaterThan(seen[2]);
  expect(seen[2]).toBeGreaterThan(0);
  await expect(page.getByTestId("toast").filter({ hasText: /Applied v\d+: sample rate/ })).toBeVisible();
  // After the apply: what was projected, next to what is measured.
  await expect(whatIf).toHaveAttribute("data-mode", "comparing");
  await expect(whatIf).toContainText(/\(sample rate [\d.]+ %\) applied \d+ s ago/);
  const frozen = Number(await page.getByTestId("whatif-projected-exportedPerSec").getAttribute("data-value"));
  expect(frozen).toBeGreaterThan(seen[2] / 2);
  expect(frozen).toBeLessThan(seen[2] * 2);
  await expect(page.getByTestId("whatif-actual-exportedPerSec")).toHaveAttribute("data-value", /^\d/);
  expect((await applyViaSocket({ sampleRate: 1 })).status).toBe("applied");
});

test("workload: runs/s typed, a burst, pause and resume; the REST routes validate", async ({ page, request }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page);
  await openDashboard(page);
  const header = page.getByTestId("workload-state");
  await expect(header).toContainText("Running · 50 runs/s");
  const rps = page.getByLabel("Runs per second", { exact: true });
  await rps.fill("80");
  await rps.press("Enter");
  await expect(header).toContainText("Running · 80 runs/s");
  const started = Number(await page.getByTestId("workload-started").textContent().then((t) => (t ?? "0").replace(/,/g, "")));
  await page.getByLabel("Burst size (runs)", { exact: true }).fill("300");
  await page.getByRole("button", { name: "Launch burst" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Burst of 300 runs launched" })).toBeVisible();
  await expect.poll(async () => Number(((await page.getByTestId("workload-started").textContent()) ?? "0").replace(/,/g, ""))).toBeGreaterThan(started + 300);
  await page.getByRole("button", { name: "Pause paced runs" }).click();
  await expect(header).toContainText("Paused");
  await page.getByRole("button", { name: "Resume paced runs" }).click();
  await expect(header).toContainText("Running · 80 runs/s");
  // Runs restarted from a request are still roots: the sampler decides them (not the request's span).
  expect((await applyViaSocket({ sampleRate: 0.1 })).status).toBe("applied");
  await page.waitForTimeout(2500);
  const share = await observedSampledShare(page, 8);
  expect(share.share).toBeLessThan(0.3);
  expect((await applyViaSocket({ sampleRate: 1 })).status).toBe("applied");

  expect((await page.request.put("/api/workload", { data: { runsPerSecond: -1 } })).status()).toBe(400);
  const unknown = await page.request.put("/api/workload", { data: { rps: 5 } });
  expect(unknown.status()).toBe(400);
  expect((await unknown.json()).error).toContain("unknown key");
  expect((await page.request.post("/api/workload/burst", { data: { count: 0 } })).status()).toBe(400);
  // Without the operator's cookie or token: refused, nothing changes.
  expect((await request.put("/api/workload", { data: { runsPerSecond: 1 } })).status()).toBe(401);
  expect((await api.put("/api/workload", { data: { runsPerSecond: 50 } })).ok()).toBe(true);
  await expect(header).toContainText("Running · 50 runs/s");
});

test("fault drill: an outage opens the breaker, the fallback takes over, recovery closes it", async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page);
  await openDashboard(page);
  const drill = page.getByTestId("fault-drill");
  const breaker = page.getByTestId("breaker-state");

  // The guide's 60 s breaker timeout is too slow for a drill: the panel offers drill settings.
  await expect(page.getByTestId("drill-suggestion")).toContainText("breaker timeout 60 s → 5 s");
  await drill.getByRole("button", { name: "Use drill settings" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: /Applied v\d+: .*circuitBreaker/ })).toBeVisible();
  await expect(drill.getByRole("button", { name: "Restore my breaker and interval" })).toBeVisible();

  await drill.getByLabel("Outage: every export answered 503").check();
  await expect(page.getByTestId("receiver-mode")).toContainText("outage");
  await expect(page.getByTestId("drill-breaker-state")).toHaveAttribute("data-state", "open", { timeout: 40_000 });
  await expect(breaker).toContainText("open");
  await expect(page.getByTestId("event-item").filter({ hasText: /closed -> open/ }).first()).toBeVisible();
  // With fallback "disable", batches are dropped while it is open: a band of its own in the chart.
  await expect(page.getByTestId("chart-span-fates")).toContainText("Dropped: breaker open");

  await drill.getByRole("button", { name: "Restore normal" }).click();
  await expect(page.getByTestId("receiver-mode")).toContainText("normal");
  await expect(page.getByTestId("drill-breaker-state")).toHaveAttribute("data-state", "closed", { timeout: 40_000 });
  await expect(breaker).toContainText("closed");
  await expect(page.getByTestId("event-item").filter({ hasText: /half_open -> closed/ }).first()).toBeVisible();

  // Events: filter to the breaker's transitions, then to errors only.
  await page.getByLabel("Event type", { exact: true }).selectOption("breaker");
  const items = page.getByTestId("event-item");
  await expect(items.first()).toBeVisible();
  for (const kind of await items.evaluateAll((els) => els.map((e) => e.getAttribute("data-kind")))) expect(kind).toMatch(/^breaker_/);
  await page.getByLabel("Level", { exact: true }).selectOption("error");
  await expect(items.filter({ hasText: /closed -> open/ }).first()).toBeVisible();
  for (const level of await items.evaluateAll((els) => els.map((e) => e.getAttribute("data-level")))) expect(level).toBe("error");
  await page.getByLabel("Event type", { exact: true }).selectOption("config");
  await page.getByLabel("Level", { exact: true }).selectOption("all");
  await expect(items.filter({ hasText: "by operator via dashboard" }).first()).toBeVisible();

  await drill.getByRole("button", { name: "Restore my breaker and interval" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: /Applied v\d+: .*circuitBreaker/ }).last()).toBeVisible();
  expect((await runningConfig(page.request)).config.circuitBreaker).toMatchObject({ timeoutDuration: 60, halfOpenRequests: 10 });
});

test("viewers see every control disabled, with the sign-in hint", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await openDashboard(page, "viewer");
  await expect(page.getByTestId("read-only-hint")).toContainText("sign-in URL");
  await expect(page.getByLabel("Sampler type", { exact: true })).toBeDisabled();
  await openTab(page, "Export");
  await expect(page.getByLabel("Compression", { exact: true })).toBeDisabled();
  await openTab(page, "Batching");
  await expect(page.getByRole("slider", { name: "Batch size", exact: true })).toBeDisabled();
  await expect(page.getByLabel("Runs per second", { exact: true })).toBeDisabled();
  await expect(page.getByLabel("Outage: every export answered 503")).toBeDisabled();
  await expect(page.locator('[data-testid="check-item"] button').first()).toBeDisabled();
  await context.close();
});

test("themes and layouts: light and dark at 1280 px and 768 px (README screenshots)", async ({ browser }) => {
  test.setTimeout(60_000);
  const shoot = async (width: number, scheme: "light" | "dark", path: string, settleMs = 3000) => {
    const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
    const page = await context.newPage();
    await signIn(page);
    await openDashboard(page);
    await expect(page.locator("html")).toHaveClass(scheme === "dark" ? /dark/ : /^(?!.*dark)/);
    // Let the charts fill up a little before the picture.
    await page.waitForTimeout(settleMs);
    await page.screenshot({ path, fullPage: true });
    return { page, context };
  };
  const { page, context } = await shoot(1280, "light", `${SCREENSHOT_DIR}/control-room-1280.png`, 6000);
  // The toggle overrides the system preference, and is remembered across reloads.
  // The radios are visually hidden inside their labels: an operator clicks the label.
  const theme = page.getByTestId("theme-toggle");
  await theme.getByText("Dark", { exact: true }).click();
  await expect(page.getByRole("radio", { name: "Dark", exact: true })).toBeChecked();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/dark/);
  // Keyboard: the theme radios are one tab stop; arrow keys move the choice.
  await page.getByRole("radio", { name: "Dark", exact: true }).focus();
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByRole("radio", { name: "Light", exact: true })).toBeChecked();
  await expect(page.locator("html")).not.toHaveClass(/dark/);
  await theme.getByText("Auto", { exact: true }).click();
  await expect(page.locator("html")).not.toHaveClass(/dark/);
  await context.close();
  await (await shoot(1280, "dark", `${SCREENSHOT_DIR}/control-room-1280-dark.png`)).context.close();
  const narrow = await shoot(768, "light", `${SCREENSHOT_DIR}/control-room-768.png`);
  // Nothing overflows sideways at 768 px.
  expect(await narrow.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
  await narrow.context.close();
});
