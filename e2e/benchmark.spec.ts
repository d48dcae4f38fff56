/**
 * The benchmark page end to end: an operator opens it from the navigation, unchecks one of the
 * guide's configurations with the keyboard, runs a small benchmark, watches the progress bar
 * move, and gets one table row and one bar per chosen configuration. A viewer sees the result
 * but cannot start a run. Screenshots: light and dark, 1280 and 768 px.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { signIn, SCREENSHOT_DIR } from "./dashboard-helpers";
import { E2E_OPERATOR_TOKEN } from "./e2e-env";

test.describe.configure({ mode: "serial" });

const CHOSEN = ["disabled", "10%", "100%"];

/** The sign-in URL's cookie, without loading the whole dashboard it redirects to. */
async function signInQuickly(page: Page): Promise<void> {
  const res = await page.context().request.get(`/?token=${encodeURIComponent(E2E_OPERATOR_TOKEN)}`, { maxRedirects: 0 });
  expect(res.status()).toBe(303);
}

async function openBenchmark(page: Page): Promise<void> {
  await page.goto("/benchmark");
  await expect(page.getByTestId("benchmark-connection")).toContainText("Connected");
}

test("an operator runs a benchmark from the dashboard and reads the results", async ({ page }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page);
  await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Benchmark" }).click();
  await expect(page).toHaveURL(/\/benchmark$/);
  await expect(page.getByRole("heading", { level: 1, name: "Benchmark" })).toBeVisible();
  await expect(page.getByTestId("benchmark-role")).toContainText("Operator");

  // The guide's four are preselected; the running config is offered but not chosen.
  for (const name of ["disabled", "1%", "10%", "100%"]) await expect(page.getByRole("checkbox", { name, exact: true })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "running config", exact: true })).not.toBeChecked();

  // Keyboard: focus "1%" and press Space to uncheck it.
  const onePercent = page.getByRole("checkbox", { name: "1%", exact: true });
  await onePercent.focus();
  await page.keyboard.press("Space");
  await expect(onePercent).not.toBeChecked();

  // Too few iterations are explained before anything is sent.
  const iterations = page.getByLabel("Iterations per configuration");
  await iterations.fill("5");
  await page.getByRole("button", { name: "Run benchmark" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "iterations" })).toHaveText("iterations must be at least 10");

  await iterations.fill("600");
  await page.getByRole("button", { name: "Run benchmark" }).click();
  const bar = page.getByRole("progressbar", { name: "Benchmark progress" });
  await expect(bar).toBeVisible();
  await expect(page.getByText(/configuration \d of 4/)).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/benchmark-1280-running.png`, fullPage: true });
  await expect(page.getByRole("button", { name: "Run benchmark" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Cancel run" })).toBeEnabled();
  // The bar moves: two different readings while it runs (it polls once a second).
  const readings = new Set<number>();
  await expect
    .poll(
      async () => {
        const now = await bar.getAttribute("aria-valuenow", { timeout: 300 }).catch(() => null);
        if (now !== null && Number(now) > 0) readings.add(Number(now));
        return readings.size >= 2 || (await page.getByTestId("benchmark-results").isVisible());
      },
      { intervals: [200], timeout: 40_000 },
    )
    .toBe(true);
  expect(readings.size, `progress readings: ${[...readings].join(", ")}`).toBeGreaterThanOrEqual(2);

  // Results: one row and one bar per chosen configuration, in order; the form is free again.
  const table = page.getByTestId("benchmark-results");
  await expect(table).toBeVisible({ timeout: 40_000 });
  await expect(page.getByTestId("benchmark-state")).toHaveText("Finished");
  await expect(table.getByTestId("benchmark-row")).toHaveCount(CHOSEN.length);
  expect(await table.getByTestId("benchmark-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-configuration")))).toEqual(CHOSEN);
  for (const header of ["Overhead (%)", "p50 latency (ms)", "p99 latency (ms)", "Memory (MB)", "Exported (spans)", "Dropped (spans)"])
    await expect(table.getByRole("columnheader", { name: header })).toBeVisible();
  const exported = async (name: string) => Number((await table.locator(`[data-configuration="${name}"] [data-column="exported"]`).textContent())?.replace(/,/g, ""));
  expect(await exported("disabled")).toBe(0);
  expect(await exported("100%")).toBeGreaterThan(await exported("10%"));
  const bars = page.getByTestId("benchmark-chart").getByTestId("benchmark-bar");
  await expect(bars).toHaveCount(CHOSEN.length);
  await expect(page.getByRole("button", { name: "Run benchmark" })).toBeEnabled();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/benchmark-1280.png`, fullPage: true });
  // The same page in the dark theme (the header's toggle; its radios sit inside their labels).
  await page.getByTestId("theme-toggle").getByText("Dark", { exact: true }).click();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/benchmark-1280-dark.png`, fullPage: true });
});

test("the result survives a reload; 768 px light and dark; a viewer sees it but cannot run", async ({ browser }) => {
  test.setTimeout(60_000);
  const open = async (b: Browser, width: number, scheme: "light" | "dark", as: "operator" | "viewer") => {
    const context = await b.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
    const page = await context.newPage();
    if (as === "operator") await signInQuickly(page);
    await openBenchmark(page);
    await expect(page.getByTestId("benchmark-results").getByTestId("benchmark-row")).toHaveCount(CHOSEN.length);
    return { context, page };
  };
  for (const [width, scheme, as] of [
    [768, "light", "operator"],
    [768, "dark", "viewer"],
  ] as const) {
    const { context, page } = await open(browser, width, scheme, as);
    await expect(page.locator("html")).toHaveClass(scheme === "dark" ? /dark/ : /^(?!.*dark)/);
    if (as === "viewer") {
      await expect(page.getByTestId("benchmark-read-only")).toContainText("Read-only: open the sign-in URL");
      await expect(page.getByRole("button", { name: "Run benchmark" })).toBeDisabled();
    }
    await page.screenshot({ path: `${SCREENSHOT_DIR}/benchmark-${width}${scheme === "dark" ? "-dark" : ""}${as === "viewer" ? "-viewer" : ""}.png`, fullPage: true });
    // Nothing overflows sideways (the table scrolls inside its own box at narrow widths).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await context.close();
  }
});
