/**
 * The fleet view against the real server with one real agent process (the library runtime with
 * its agent link): the agent shows up under its service, an operator applies a sample rate to
 * that service and sees the agent's "applied" answer and its new rate; a viewer sees the same
 * page read-only. Screenshots (1280 px light, 768 px dark) in test-results/screenshots.
 */
import { expect, test } from "@playwright/test";
import { startAgent, type RunningAgent } from "../server/integration/agent-process";
import { SCREENSHOT_DIR, signIn } from "./dashboard-helpers";
import { E2E_OPERATOR_TOKEN } from "./e2e-env";

const SERVICE = "e2e-checkout";
let agent: RunningAgent;

test.beforeAll(async ({ baseURL }) => {
  agent = startAgent(baseURL!, SERVICE, "pod-1", E2E_OPERATOR_TOKEN);
  await agent.until((s) => s.link === "connected");
});

test.afterAll(async () => {
  await agent?.stop();
});

test("an operator applies a sample rate to a service and sees its agent answer", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page);
  await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Fleet" }).click();
  await expect(page).toHaveURL(/\/fleet$/);
  await expect(page.getByTestId("fleet-role")).toContainText("Operator");

  const card = page.locator(`[data-testid="fleet-service"][data-service="${SERVICE}"]`);
  const row = card.locator('[data-testid="fleet-member"][data-instance="pod-1"]');
  await expect(row).toContainText("connected");
  await expect(row.getByTestId("member-rate")).toHaveText("100 %");

  await page.getByLabel("Target").selectOption({ label: `Service ${SERVICE} (all 1)` });
  await page.getByLabel("Fleet sample rate (%)").fill("20");
  await page.getByRole("button", { name: "Apply" }).click();

  const result = page.locator(`[data-testid="fleet-result"][data-target="${SERVICE}/pod-1"]`);
  await expect(result).toHaveAttribute("data-status", "applied");
  await expect(result).toContainText("applied v2");
  await expect(page.getByTestId("fleet-result")).toHaveCount(1);
  await expect(row.getByTestId("member-rate")).toHaveText("20 %");
  // The agent itself runs it.
  await agent.until((s) => s.sampleRate === 0.2);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/fleet-1280.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.setViewportSize({ width: 768, height: 900 });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/fleet-768-dark.png`, fullPage: true });
});

test("a viewer sees the fleet read-only", async ({ page }) => {
  await page.goto("/fleet");
  await expect(page.getByTestId("fleet-role")).toContainText("Read-only");
  await expect(page.locator(`[data-testid="fleet-service"][data-service="${SERVICE}"]`)).toBeVisible();
  await expect(page.getByTestId("fleet-read-only")).toBeVisible();
  await expect(page.getByRole("button", { name: "Apply" })).toBeDisabled();
});
