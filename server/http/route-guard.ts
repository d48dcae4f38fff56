/**
 * Guards for route handlers that change something: same origin (no cross-site form posts or
 * fetches riding on the cookie) and the operator role. Returns the refusal to send, or null.
 * Web APIs only (Request/Response), so route handlers stay thin.
 */
import { getServices } from "../services";
import { RateLimiter } from "../auth/rate-limiter";
import { PEER_HEADER } from "./peer-header";

/**
 * Write budget per client: its address and how it signed in (a bearer token, or the dashboard's
 * cookie), so a script in a loop cannot use up the budget of an operator on another machine, nor
 * of the dashboard on its own machine.
 */
const writes = new RateLimiter(20, 40);

export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status });
}

export function guardWrite(request: Request): Response | null {
  const { auth } = getServices();
  const facts = { headers: request.headers };
  if (!auth.sameOrigin(facts)) return json({ error: "Cross-site request refused: changes must come from this server's own pages" }, 403);
  if (auth.role(facts) !== "operator")
    return json({ error: "Operator token required: sign in with the URL printed at start-up, or send Authorization: Bearer <token>" }, 401);
  const client = `${request.headers.get(PEER_HEADER) ?? "unknown"} ${request.headers.has("authorization") ? "bearer" : "session"}`;
  if (!writes.take(client)) return json({ error: "Too many changes: at most 20 per second from one client. Nothing was changed." }, 429);
  return null;
}

/** "Who" for the history: the API caller's kind of credential. */
export function apiActor(request: Request): string {
  return request.headers.get("authorization") ? "operator via API (bearer token)" : "operator via dashboard (REST)";
}
