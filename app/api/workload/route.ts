import { context, ROOT_CONTEXT } from "@opentelemetry/api";
import { NextResponse } from "next/server";
import { z } from "zod";
import { getServices } from "@/server/services";
import { readJsonBody } from "@/server/http/read-json-body";
import { guardWrite } from "@/server/http/route-guard";
import { MAX_RUNS_PER_SECOND } from "@/server/workload/workload-settings";

export const dynamic = "force-dynamic";

/**
 * The synthetic workload's pacing. Only `enabled` and `runsPerSecond` are set here: the
 * instrumentation toggles follow the runtime config (autoInstrumentTools, ...), so they are
 * changed there, where they are recorded in the history.
 */
const pacingPatchSchema = z
  .object({
    enabled: z.boolean().optional(),
    runsPerSecond: z.number().min(0, "must be 0 or more").max(MAX_RUNS_PER_SECOND, `must be at most ${MAX_RUNS_PER_SECOND}`).optional(),
  })
  .strict()
  .refine((p) => p.enabled !== undefined || p.runsPerSecond !== undefined, { message: "set enabled and/or runsPerSecond" });

function state() {
  const { workload } = getServices();
  return { settings: workload.settings(), stats: workload.stats(), running: workload.running };
}

/** Settings, counters and whether pacing is on. */
export function GET() {
  return NextResponse.json(state(), { headers: { "cache-control": "no-store" } });
}

/** Change pacing: `{ enabled?, runsPerSecond? }` (validated; on error nothing changes). */
export async function PUT(request: Request) {
  const refused = guardWrite(request);
  if (refused) return refused;
  const body = await readJsonBody(request);
  if (!body.ok) return NextResponse.json({ error: body.error }, { status: body.status });
  const parsed = pacingPatchSchema.safeParse(body.value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({
      path: i.path.map(String).join(".") || "(root)",
      message: i.code === "unrecognized_keys" ? `unknown key${i.keys.length > 1 ? "s" : ""}: ${i.keys.join(", ")}` : i.message,
    }));
    const head = issues.slice(0, 3).map((i) => (i.path === "(root)" ? i.message : `${i.path}: ${i.message}`));
    return NextResponse.json({ error: `Invalid workload settings: ${head.join("; ")}`, issues }, { status: 400 });
  }
  // Outside Next's request span: the pacer's timer would otherwise carry this request's trace
  // context into every run it launches, and each agent run would become a child of it (sampled
  // by the parent, not by the sampler). ROOT_CONTEXT gives the runs no parent, as at start-up.
  const result = context.with(ROOT_CONTEXT, () => getServices().workload.configure(parsed.data));
  if (!result.ok) return NextResponse.json(result, { status: 422 });
  return NextResponse.json(state());
}
