import { guardWrite } from "@/server/http/route-guard";
import { json, jsonError, services } from "../../_lib/http";

export const dynamic = "force-dynamic";

/** Cancel the running benchmark (operator only); 409 when none runs. */
export function POST(request: Request) {
  const refused = guardWrite(request);
  if (refused) return refused;
  const s = services();
  if (!s.ok) return s.response;
  if (!s.services.benchmark.cancel()) return jsonError(409, "No benchmark is running: nothing to cancel.");
  return json({ cancelling: true, ...s.services.benchmark.status() }, 202);
}
