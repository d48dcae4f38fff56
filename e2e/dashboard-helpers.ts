/** Shared steps for the dashboard specs: what an operator sees and what the server reports. */
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { E2E_OPERATOR_TOKEN } from "./e2e-env";

export const SCREENSHOT_DIR = "test-results/screenshots";

/** Signs in as the operator (the sign-in URL sets a cookie and redirects to the clean "/"). */
export async function signIn(page: Page): Promise<void> {
  await page.goto(`/?token=${encodeURIComponent(E2E_OPERATOR_TOKEN)}`);
  await expect(page).toHaveURL(/\/$/);
}

/** Opens the dashboard and waits until it is live (and, for operators, the controls are enabled). */
export async function openDashboard(page: Page, as: "operator" | "viewer" = "operator"): Promise<void> {
  await page.goto("/");
  await expect(page.getByTestId("connection-state")).toContainText("Connected");
  await expect(page.getByTestId("session-role")).toContainText(as === "operator" ? "Operator" : "Read-only");
  if (as === "operator") await expect(page.getByRole("slider", { name: "Sample rate" })).toBeEnabled();
  // First snapshot arrived: the tiles show numbers, not placeholders.
  await expect(page.getByTestId("kpi-started-value")).toHaveAttribute("data-value", /\d/);
}

export async function runningSampleRate(request: APIRequestContext): Promise<number> {
  const res = await request.get("/api/config");
  expect(res.ok()).toBe(true);
  const body = (await res.json()) as { config: { sampleRate: number }; version: number };
  return body.config.sampleRate;
}

/** The percent shown in the slider's readout ("10.0 %" -> 10). */
export async function readoutPercent(page: Page): Promise<number> {
  const text = (await page.getByTestId("sample-rate-readout").textContent()) ?? "";
  return Number.parseFloat(text);
}

/** Types a rate into the numeric field and waits until the server runs it. */
export async function setRateByTyping(page: Page, percent: number): Promise<void> {
  const field = page.getByLabel("Sample rate (%)", { exact: true });
  await field.fill(String(percent));
  await field.press("Enter");
  await expect.poll(() => runningSampleRate(page.request)).toBeCloseTo(percent / 100, 6);
  await expect(page.getByText("applying…")).toHaveCount(0);
}

/** Average sampled/started ratio from the KPI tiles over `samples` readings 250 ms apart. */
export async function observedSampledShare(page: Page, samples = 24): Promise<{ started: number; sampled: number; share: number }> {
  let started = 0;
  let sampled = 0;
  for (let i = 0; i < samples; i++) {
    started += Number(await page.getByTestId("kpi-started-value").getAttribute("data-value"));
    sampled += Number(await page.getByTestId("kpi-sampled-value").getAttribute("data-value"));
    await page.waitForTimeout(250);
  }
  return { started, sampled, share: started > 0 ? sampled / started : Number.NaN };
}
