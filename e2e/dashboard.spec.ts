/**
 * The operator's main loop, end to end against the real server: drag the sample-rate slider,
 * see the change applied and its effect on the live figures, save the running config as a
 * preset, change the rate, apply the preset and get the saved rate back.
 */
import { expect, test } from "@playwright/test";
import { observedSampledShare, openDashboard, readoutPercent, runningSampleRate, SCREENSHOT_DIR, setRateByTyping, signIn } from "./dashboard-helpers";

test.describe.configure({ mode: "serial" });

test("dragging the sample-rate slider from 100 % to about 10 % changes the running sampler", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page);
  await openDashboard(page);
  // The tests share one server; start from 100 % whatever ran before.
  if ((await runningSampleRate(page.request)) !== 1) await setRateByTyping(page, 100);
  await expect(page.getByTestId("sample-rate-readout")).toHaveText("100.0 %");
  const versionText = page.getByTestId("config-version-number");
  const versionBefore = Number(((await versionText.textContent()) ?? "").replace("v", ""));

  // A real mouse drag: press on the thumb at the right end, move left, release.
  const slider = page.getByRole("slider", { name: "Sample rate" });
  const box = await slider.boundingBox();
  if (!box) throw new Error("the slider has no bounding box");
  const y = box.y + box.height / 2;
  const thumbHalf = 8; // Chromium's native thumb is about 16 px wide; its centre travels inside.
  const xAt = (fraction: number) => box.x + thumbHalf + (box.width - 2 * thumbHalf) * fraction;
  await page.mouse.move(xAt(1), y);
  await page.mouse.down();
  // 10 % sits two thirds along the log scale (0.1 % .. 100 %, a third per decade).
  for (const f of [0.95, 0.88, 0.8, 0.74, 0.69, 2 / 3]) await page.mouse.move(xAt(f), y, { steps: 3 });
  await expect(page.getByText("release to apply")).toBeVisible();
  await page.mouse.up();

  // The UI reports the applied result with the new version...
  const toast = page.getByTestId("toast").filter({ hasText: /Applied v\d+: sample rate/ });
  await expect(toast).toBeVisible();
  const shown = await readoutPercent(page);
  expect(shown).toBeGreaterThan(7);
  expect(shown).toBeLessThan(14);
  const readout = (await page.getByTestId("sample-rate-readout").textContent()) ?? "";
  await expect(versionText).toHaveText(`v${versionBefore + 1}`);
  await expect(page.getByTestId("configured-rate")).toHaveText(readout);

  // ...and the runtime really runs it.
  const rate = await runningSampleRate(page.request);
  expect(rate).toBeGreaterThan(0.07);
  expect(rate).toBeLessThan(0.14);
  // The readout shows three significant digits of exactly this rate.
  expect(Math.abs(rate * 100 - shown)).toBeLessThanOrEqual(0.05 + 1e-9);

  // After the 1 s rate window has turned over, about a tenth of started spans are sampled.
  await page.waitForTimeout(2500);
  const observed = await observedSampledShare(page);
  expect(observed.started).toBeGreaterThan(0);
  expect(observed.share).toBeGreaterThan(rate * 0.4);
  expect(observed.share).toBeLessThan(rate * 2);
  await expect(page.getByTestId("effective-rate")).toHaveText(readout);

  await page.waitForTimeout(1000);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/dashboard-1280.png`, fullPage: true });
});

test("a saved preset survives a reload and brings its sample rate back when applied", async ({ page }) => {
  await page.setViewportSize({ width: 768, height: 1000 });
  await signIn(page);
  await openDashboard(page);
  await setRateByTyping(page, 25);
  await expect(page.getByTestId("sample-rate-readout")).toHaveText("25.0 %");

  const name = `e2e quarter ${Date.now()}`;
  await page.getByLabel("Preset name").fill(name);
  await page.getByRole("button", { name: "Save preset" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: `Saved preset "${name}"` })).toBeVisible();

  // The same name again is refused with the server's message, and nothing is added.
  await page.getByLabel("Preset name").fill(name);
  await page.getByRole("button", { name: "Save preset" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "already exists" })).toBeVisible();

  // The REST routes answer bad requests with clear 4xx errors.
  const unknown = await page.request.post("/api/presets/no-such-preset/apply");
  expect(unknown.status()).toBe(404);
  expect((await unknown.json()).error).toContain("no-such-preset");
  const nameless = await page.request.post("/api/presets", { data: { description: "no name" } });
  expect(nameless.status()).toBe(400);
  expect((await nameless.json()).error).toContain("name is required");

  await page.reload();
  await openDashboard(page);
  const item = page.getByTestId("preset-item").filter({ hasText: name });
  await expect(item).toHaveCount(1);
  await expect(item).toContainText("rate 25.0 %");
  await expect(item).toContainText("running");

  await setRateByTyping(page, 2);
  await expect(page.getByTestId("sample-rate-readout")).toHaveText("2.00 %");
  await expect(item).not.toContainText("running");

  const apply = page.getByRole("button", { name: `Apply preset ${name}` });
  await expect(apply).toHaveText("Apply");
  await apply.click();
  // Applying shows what will change first (sampleRate 2 % -> 25 %), then needs a confirmation.
  const review = page.getByTestId("apply-preset-dialog");
  await expect(review.locator('[data-key="sampleRate"]')).toContainText("0.25");
  await review.getByRole("button", { name: /^Apply \d+ changes?$/ }).click();
  await expect(page.getByTestId("toast").filter({ hasText: `: preset "${name}"` })).toBeVisible();
  await expect(page.getByTestId("sample-rate-readout")).toHaveText("25.0 %");
  await expect(page.getByRole("slider", { name: "Sample rate" })).toHaveAttribute("aria-valuetext", "25.0 %");
  await expect.poll(() => runningSampleRate(page.request)).toBe(0.25);
  await expect(item).toContainText("running");

  // From the top: a full-page capture taken while scrolled draws the sticky header where the
  // viewport was (mid-page in the image), which no operator ever sees.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SCREENSHOT_DIR}/dashboard-768.png`, fullPage: true });
});

test("without signing in the dashboard is read-only; the page is usable in dark mode", async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: "dark", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await openDashboard(page, "viewer");
  await expect(page.getByRole("slider", { name: "Sample rate" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Save preset" })).toBeDisabled();
  await expect(page.getByText("Read-only: open the sign-in URL").first()).toBeVisible();
  // A REST write without the operator cookie is refused and changes nothing.
  const before = await runningSampleRate(page.request);
  const res = await page.request.post("/api/presets", { data: { name: "viewer attempt" } });
  expect(res.status()).toBe(401);
  expect(await runningSampleRate(page.request)).toBe(before);
  await page.waitForTimeout(3000);
  await expect(page.getByRole("heading", { name: "Tracetune" })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/dashboard-1280-dark.png`, fullPage: true });
  await context.close();
});
