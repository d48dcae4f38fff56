/**
 * The sign-in URL (`/?token=...`) and sign-out (`/signout`), handled before Next: a valid token
 * sets the operator cookie and redirects to the clean URL, so the token does not linger in the
 * address bar or the browser history; an invalid one redirects to `/?signin=failed`.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { OPERATOR_COOKIE, type OperatorAuth } from "./operator-auth";

export function handleSignIn(req: IncomingMessage, res: ServerResponse, auth: OperatorAuth): boolean {
  if (req.method !== "GET" || !req.url) return false;
  const url = new URL(req.url, "http://local");
  if (url.pathname === "/signout") {
    res.writeHead(303, { location: "/", "set-cookie": `${OPERATOR_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`, "cache-control": "no-store" }).end();
    return true;
  }
  if (url.pathname !== "/" || !url.searchParams.has("token")) return false;
  if (!auth.matches(url.searchParams.get("token"))) {
    res.writeHead(303, { location: "/?signin=failed", "cache-control": "no-store" }).end();
    return true;
  }
  const secure = (req.headers["x-forwarded-proto"] ?? "") === "https";
  res.writeHead(303, { location: "/", "set-cookie": auth.cookieHeader(secure), "cache-control": "no-store" }).end();
  return true;
}
