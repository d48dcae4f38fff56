/**
 * Presets and history, end to end against the real server: sign in, save the running config,
 * meet a taken name with an offer to overwrite, apply a preset after reviewing its diff, delete
 * one, see every change (applied and refused) in /history, roll back after reviewing, and the
 * same pages read-only without the token. Screenshots of the presets panel and /history at 1280
 * and 768 px, light and dark, land in test-results/screenshots.
 */
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { SCREENSHOT_DIR, signIn } from "./dashboard-helpers";
import { E2E_OPERATOR_TOKEN } from "./e2e-env";

test.describe.configure({ mode: "serial" });

const bearer = { authorization: `Bearer ${E2E_OPERATOR_TOKEN}` };

async function putConfig(request: APIRequestContext, patch: Record<string, unknown>): Promise<void> {
  const res = await request.put("/api/config", { data: patch, headers: bearer });
  expect(res.status(), await res.text()).toBe(200);
}

async function runningConfig(request: APIRequestContext): Promise<{ sampleRate: number; batchSize: number }> {
  return (await (await request.get("/api/config")).json()).config;
}

const presetsPanel = (page: Page) => page.getByRole("region", { name: "Presets" });

/** The dashboard with the presets list loaded; for operators, the panel's buttons enabled. */
async function openPresets(page: Page, as: "operator" | "viewer"): Promise<void> {
  await page.goto("/");
  await expect(presetsPanel(page).getByTestId("preset-item").first()).toBeVisible();
  const save = presetsPanel(page).getByRole("button", { name: "Save preset" });
  if (as === "operator") await expect(save).toBeEnabled();
  else await expect(presetsPanel(page).getByTestId("presets-read-only")).toBeVisible();
}

async function openHistory(page: Page, as: "operator" | "viewer"): Promise<void> {
  await page.goto("/history");
  await expect(page.getByTestId("history-role")).toContainText(as === "operator" ? "Operator" : "Read-only");
  await expect(page.getByTestId("history-entry").first()).toBeVisible();
}

test("a wrong sign-in token leaves the pages read-only; the right one makes an operator", async ({ page }) => {
  await page.goto("/?token=not-the-token");
  await expect(page).toHaveURL(/\/(\?signin=failed)?$/);
  await openHistory(page, "viewer");
  await signIn(page);
  await openHistory(page, "operator");
  // The navigation moves between the pages, by keyboard too.
  const dashboardLink = page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Dashboard" });
  await expect(page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "History" })).toHaveAttribute("aria-current", "page");
  await dashboardLink.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/$/);
  await expect(dashboardLink).toHaveAttribute("aria-current", "page");
});

test("save, meet a taken name, apply after reviewing the diff, delete", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 1000 });
  await signIn(page);
  await putConfig(page.request, { sampleRate: 0.5, batchSize: 1024 });
  await openPresets(page, "operator");
  const panel = presetsPanel(page);
  const name = `e2e review ${Date.now()}`;

  await panel.getByLabel("Preset name").fill(name);
  await panel.getByRole("button", { name: "Save preset" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: `Saved preset "${name}"` })).toBeVisible();
  const item = panel.getByTestId("preset-item").filter({ hasText: name });
  await expect(item).toContainText("rate 50.0 %");
  await expect(item).toContainText("running");

  // The same name again: the form says it is taken and offers to overwrite that preset.
  await panel.getByLabel("Preset name").fill(name);
  await panel.getByRole("button", { name: "Save preset" }).click();
  await expect(panel.getByRole("alert").filter({ hasText: "already exists" })).toBeVisible();
  await panel.getByRole("button", { name: `Overwrite “${name}”…` }).click();
  const overwrite = page.getByTestId("overwrite-preset-dialog");
  await expect(overwrite).toContainText("already holds exactly the running config");
  await expect(overwrite.getByRole("button", { name: "Overwrite" })).toBeDisabled();
  await page.keyboard.press("Escape");
  await expect(overwrite).toBeHidden();

  // Move the running config away, then review and apply the preset.
  await putConfig(page.request, { sampleRate: 0.02, batchSize: 2048 });
  await expect(item).not.toContainText("running");
  await panel.getByRole("button", { name: `Apply preset ${name}` }).click();
  const apply = page.getByTestId("apply-preset-dialog");
  await expect(apply.getByTestId("diff-row")).toHaveCount(2);
  await expect(apply.locator('[data-key="sampleRate"]')).toContainText("0.02");
  await expect(apply.locator('[data-key="sampleRate"]')).toContainText("0.5");
  await expect(apply.locator('[data-key="batchSize"]')).toContainText("1024");
  await page.screenshot({ path: `${SCREENSHOT_DIR}/presets-apply-dialog-1280.png` });
  // Escape cancels: nothing is applied.
  await page.keyboard.press("Escape");
  await expect(apply).toBeHidden();
  expect((await runningConfig(page.request)).sampleRate).toBe(0.02);

  await panel.getByRole("button", { name: `Apply preset ${name}` }).click();
  await apply.getByRole("button", { name: "Apply 2 changes" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: `: preset "${name}"` })).toBeVisible();
  await expect(apply).toBeHidden();
  await expect.poll(async () => runningConfig(page.request)).toMatchObject({ sampleRate: 0.5, batchSize: 1024 });
  await expect(item).toContainText("running");

  // Overwrite it with a newer running config, after seeing what changes in the preset.
  await putConfig(page.request, { sampleRate: 0.3 });
  await panel.getByRole("button", { name: `Overwrite preset ${name} with the running config` }).click();
  await expect(overwrite.locator('[data-key="sampleRate"]')).toContainText("0.3");
  await overwrite.getByRole("button", { name: "Overwrite" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: `Overwrote preset "${name}"` })).toBeVisible();
  await expect(item).toContainText("rate 30.0 %");
  await expect(item).toContainText("running");

  // Import a file written with the guide's snake_case names; a bad file is refused with its reasons.
  const imported = `guide import ${Date.now()}`;
  await panel.getByTestId("preset-import-input").setInputFiles({
    name: "guide.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify({ name: imported, config: { sample_rate: 0.1, batch_size: 2048, export_interval_ms: 5000 } })),
  });
  await expect(page.getByTestId("toast").filter({ hasText: 'Imported 1 preset from "guide.json"' })).toBeVisible();
  await expect(panel.getByTestId("preset-item").filter({ hasText: imported })).toContainText("rate 10.0 % · batch 2048 · every 5 s");
  await panel.getByTestId("preset-import-input").setInputFiles({
    name: "typo.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify([{ name: "typo", config: { sample_rat: 0.1 } }])),
  });
  await expect(panel.getByRole("alert").filter({ hasText: "config.sample_rat unknown key" })).toBeVisible();
  await expect(panel.getByTestId("preset-item").filter({ hasText: "typo" })).toHaveCount(0);

  // Search narrows the list; accents and case do not matter.
  await panel.getByPlaceholder("Search presets").fill("BALANCÉD");
  await expect(panel.getByTestId("preset-item")).toHaveCount(1);
  await expect(panel.getByTestId("preset-item")).toContainText("Balanced");
  await panel.getByPlaceholder("Search presets").fill("");

  await panel.getByRole("button", { name: `Delete preset ${name}` }).click();
  const del = page.getByTestId("delete-preset-dialog");
  await expect(del).toContainText("cannot be undone");
  await del.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: `Deleted preset "${name}"` })).toBeVisible();
  await expect(item).toHaveCount(0);
  // Built-ins offer Apply only.
  const balanced = panel.getByTestId("preset-item").filter({ hasText: "Balanced" });
  await expect(balanced.getByRole("button", { name: "Apply preset Balanced" })).toBeVisible();
  await expect(balanced.getByRole("button", { name: /Delete|Overwrite/ })).toHaveCount(0);
});

test("history shows applied and refused changes and rolls back after a review", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 1000 });
  await signIn(page);
  await putConfig(page.request, { sampleRate: 0.4 });
  await openHistory(page, "operator");
  const target = page.getByTestId("history-entry").first();
  await expect(target).toHaveAttribute("data-source", "api");
  await expect(target).toContainText("running now");
  const targetId = Number(await target.getAttribute("data-entry-id"));

  // A change from elsewhere appears by itself, and so does a refused one with its error.
  await putConfig(page.request, { sampleRate: 0.15, exportIntervalMs: 3000 });
  const refused = await page.request.put("/api/config", { data: { sampleRate: 5 }, headers: bearer });
  expect(refused.status()).toBe(422);
  const newest = page.getByTestId("history-entry").first();
  await expect(newest).toHaveAttribute("data-result", "failed");
  await expect(newest.getByTestId("history-error")).toContainText("sampleRate: must be between 0 and 1");
  const applied = page.getByTestId("history-entry").nth(1);
  await expect(applied).toContainText("exportIntervalMs");
  await expect(applied).toContainText("operator via API (bearer token)");

  // Details by keyboard: the before/after of each setting.
  await applied.getByRole("button", { name: /Details/ }).focus();
  await page.keyboard.press("Enter");
  await expect(applied.getByTestId("history-diff").locator('[data-key="sampleRate"]')).toContainText("0.15");
  await expect(applied.getByTestId("history-diff").locator('[data-key="exportIntervalMs"]')).toContainText("3000");

  await page.getByRole("button", { name: `Roll back to the config after change #${targetId}` }).click();
  const dialog = page.getByTestId("rollback-dialog");
  await expect(dialog.locator('[data-key="sampleRate"]')).toContainText("0.4");
  await page.screenshot({ path: `${SCREENSHOT_DIR}/history-rollback-dialog-1280.png` });
  await dialog.getByRole("button", { name: /^Roll back 2 settings$/ }).click();
  await expect(page.getByTestId("toast").filter({ hasText: `Rolled back to #${targetId}` })).toBeVisible();
  await expect.poll(async () => (await runningConfig(page.request)).sampleRate).toBe(0.4);
  const rollbackEntry = page.getByTestId("history-entry").first();
  await expect(rollbackEntry).toHaveAttribute("data-source", "rollback");
  await expect(rollbackEntry).toContainText(`(rollback to #${targetId})`);
  await expect(rollbackEntry).toContainText("running now");
});

test("without signing in, presets and history are visible and nothing can be changed", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  await openPresets(page, "viewer");
  const panel = presetsPanel(page);
  await expect(panel.getByRole("button", { name: "Save preset" })).toBeDisabled();
  await expect(panel.getByRole("button", { name: "Apply preset Balanced" })).toBeDisabled();
  await expect(panel.getByRole("button", { name: "Import…" })).toBeDisabled();
  await expect(panel.getByRole("link", { name: "Export presets" })).toBeVisible();

  await openHistory(page, "viewer");
  await expect(page.getByTestId("history-read-only")).toContainText("Read-only");
  const rollbacks = page.getByRole("button", { name: /Roll back to the config after change/ });
  await expect(rollbacks.first()).toBeDisabled();
  // Details still open for viewers.
  await page.getByTestId("history-entry").nth(1).getByRole("button", { name: /Details/ }).click();
  await expect(page.getByTestId("history-details")).toBeVisible();
  await context.close();
});

for (const scheme of ["light", "dark"] as const) {
  for (const width of [1280, 768]) {
    test(`screenshots: presets panel and /history at ${width} px, ${scheme}`, async ({ browser }) => {
      const context = await browser.newContext({ colorScheme: scheme, viewport: { width, height: 1000 } });
      const page = await context.newPage();
      await signIn(page);
      await openPresets(page, "operator");
      await presetsPanel(page).scrollIntoViewIfNeeded();
      await presetsPanel(page).screenshot({ path: `${SCREENSHOT_DIR}/presets-panel-${width}-${scheme}.png` });
      await openHistory(page, "operator");
      await page.getByTestId("history-entry").nth(1).getByRole("button", { name: /Details/ }).click();
      await page.screenshot({ path: `${SCREENSHOT_DIR}/history-${width}-${scheme}.png`, fullPage: true });
      await context.close();
    });
  }
}
