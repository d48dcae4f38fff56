import { benchmarkRequestSchema } from "@/server/benchmark/benchmark-contract";
import { guardWrite } from "@/server/http/route-guard";
import { json, jsonError, readJsonBody, services } from "../_lib/http";

export const dynamic = "force-dynamic";

/** The current or last benchmark run (progress while it runs, results after): for everyone. */
export function GET() {
  const s = services();
  if (!s.ok) return s.response;
  return json(s.services.benchmark.status());
}

/**
 * Start a benchmark (operator only): `{ configurations, workload?, iterations, warmupIterations? }`.
 * 202 with the new run; 409 while another run is in progress; 400 for a bad body (nothing starts).
 */
export async function POST(request: Request) {
  const refused = guardWrite(request);
  if (refused) return refused;
  const s = services();
  if (!s.ok) return s.response;
  const body = await readJsonBody(request, benchmarkRequestSchema);
  if (!body.ok) return body.response;
  const started = s.services.benchmark.start(body.value);
  if (!started.ok) return jsonError(started.reason === "busy" ? 409 : 400, started.error);
  return json({ run: started.run }, 202);
}
