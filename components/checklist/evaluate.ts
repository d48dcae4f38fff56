/**
 * Evaluates the three checklists against the running config and live figures. Pure; tested in
 * evaluate.test.ts. A fix is offered only when its patch passes the same validation the server
 * applies (mergeAndValidate), so a one-click fix can never be a refused change.
 */
import { mergeAndValidate } from "../../server/telemetry/config";
import { beforeProduction } from "./before-production";
import type { CheckContext, CheckResult, CheckStatus, ChecklistDefinition } from "./checklist-types";
import { memoryOptimization } from "./memory-optimization";
import { performanceTuning } from "./performance-tuning";

export const CHECKLISTS: readonly ChecklistDefinition[] = [beforeProduction, performanceTuning, memoryOptimization];

export function evaluateChecklists(ctx: CheckContext): CheckResult[] {
  const out: CheckResult[] = [];
  for (const list of CHECKLISTS) {
    for (const rule of list.rules) {
      let outcome;
      try {
        outcome = rule.evaluate(ctx);
      } catch (e) {
        outcome = { status: "warn" as const, reason: `Could not evaluate: ${(e as Error).message}` };
      }
      const fix = outcome.fix && mergeAndValidate(ctx.config, outcome.fix.patch).ok ? outcome.fix : undefined;
      out.push({ id: rule.id, title: rule.title, list: list.id, status: outcome.status, reason: outcome.reason, ...(fix ? { fix } : {}) });
    }
  }
  return out;
}

export function countByStatus(results: readonly CheckResult[]): Record<CheckStatus, number> {
  const counts: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0 };
  for (const r of results) counts[r.status]++;
  return counts;
}
