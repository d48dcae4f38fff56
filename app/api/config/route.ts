/** GET /api/config: the running config with its version and content hash. */
import type { ConfigMessage } from "../../../server/telemetry/types";
import { json, services } from "../_lib/http";

export const dynamic = "force-dynamic";

export function GET(): Response {
  const s = services();
  if (!s.ok) return s.response;
  const { runtime } = s.services;
  const body: ConfigMessage = { config: runtime.config, version: runtime.version, hash: runtime.hash };
  return json(body);
}
