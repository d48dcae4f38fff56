import { context, ROOT_CONTEXT } from "@opentelemetry/api";
import { NextResponse } from "next/server";
import { z } from "zod";
import { getServices } from "@/server/services";
import { readJsonBody } from "@/server/http/read-json-body";
import { guardWrite } from "@/server/http/route-guard";

export const dynamic = "force-dynamic";

const burstSchema = z.object({ count: z.number() }).strict();

/** Launch `{ count }` agent runs at once (1..10000); runs over the in-flight cap are skipped and counted. */
export async function POST(request: Request) {
  const refused = guardWrite(request);
  if (refused) return refused;
  const body = await readJsonBody(request);
  if (!body.ok) return NextResponse.json({ error: body.error }, { status: body.status });
  const parsed = burstSchema.safeParse(body.value);
  if (!parsed.success) return NextResponse.json({ error: "Invalid burst: expected { count: number }" }, { status: 400 });
  const { workload } = getServices();
  // Runs start as roots (see ../route.ts): not as children of this request's span.
  const result = context.with(ROOT_CONTEXT, () => workload.burst(parsed.data.count));
  if (!result.ok) return NextResponse.json(result, { status: 400 });
  return NextResponse.json({ ...result, stats: workload.stats() });
}
