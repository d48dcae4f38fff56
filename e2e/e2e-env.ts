/** Settings shared by playwright.config.ts and the specs (no Playwright imports: both load it). */

/** The operator token the specs sign in with (the server otherwise generates one and prints it). */
export const E2E_OPERATOR_TOKEN = process.env.E2E_OPERATOR_TOKEN ?? "e2e-operator-token-0123456789";
