/**
 * Operator access: one operator token (TRACETUNE_OPERATOR_TOKEN, or generated at start-up and
 * printed in a sign-in URL, the way Jupyter does). Without it the dashboard is read-only:
 * viewers see everything and change nothing. With it (the cookie the sign-in URL sets, an
 * `Authorization: Bearer` header for the API, or socket.io's handshake `auth.token`) an operator
 * can change things.
 *
 * Cross-site protection: a browser request that carries credentials by cookie must come from
 * this server's own origin (Origin, else Referer, must match Host). Requests without any Origin
 * are not from a browser page (curl, agents) and need the bearer token anyway.
 */
import crypto from "node:crypto";

export const OPERATOR_COOKIE = "tracetune_operator";

export type Role = "operator" | "viewer";

export interface RequestFacts {
  headers: Record<string, string | string[] | undefined> | Headers;
  /** socket.io handshake auth.token, when the request is a socket handshake. */
  handshakeToken?: unknown;
}

function header(h: RequestFacts["headers"], name: string): string | undefined {
  if (typeof (h as Headers).get === "function") return (h as Headers).get(name) ?? undefined;
  const v = (h as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(v) ? v[0] : v;
}

export function parseCookies(cookieHeader: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (cookieHeader ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0) out[part.slice(0, at).trim()] = decodeURIComponent(part.slice(at + 1).trim());
  }
  return out;
}

export class OperatorAuth {
  readonly token: string;
  readonly generated: boolean;
  private readonly digest: Buffer;

  constructor(configured?: string) {
    this.generated = !configured;
    this.token = configured ?? crypto.randomBytes(24).toString("base64url");
    this.digest = crypto.createHash("sha256").update(this.token).digest();
  }

  /** Constant-time comparison (hashes first, so lengths never leak). */
  matches(candidate: unknown): boolean {
    if (typeof candidate !== "string" || candidate.length === 0 || candidate.length > 512) return false;
    return crypto.timingSafeEqual(this.digest, crypto.createHash("sha256").update(candidate).digest());
  }

  /** Which credential the request presents, if any valid one. */
  private credential(req: RequestFacts): "bearer" | "handshake" | "cookie" | null {
    const auth = header(req.headers, "authorization");
    if (auth?.startsWith("Bearer ") && this.matches(auth.slice(7).trim())) return "bearer";
    if (req.handshakeToken !== undefined && this.matches(req.handshakeToken)) return "handshake";
    if (this.matches(parseCookies(header(req.headers, "cookie"))[OPERATOR_COOKIE])) return "cookie";
    return null;
  }

  /** Does the request come from a page of this very server (or from no browser page at all)? */
  sameOrigin(req: RequestFacts): boolean {
    const host = header(req.headers, "host");
    const origin = header(req.headers, "origin") ?? refererOrigin(header(req.headers, "referer"));
    if (!origin) return true;
    if (!host) return false;
    try {
      return new URL(origin).host === host;
    } catch {
      return false;
    }
  }

  role(req: RequestFacts): Role {
    const how = this.credential(req);
    if (!how) return "viewer";
    // A cookie rides along on cross-site requests; only same-origin ones may use it.
    if (how === "cookie" && !this.sameOrigin(req)) return "viewer";
    return "operator";
  }

  cookieHeader(secure: boolean): string {
    return `${OPERATOR_COOKIE}=${encodeURIComponent(this.token)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=2592000${secure ? "; Secure" : ""}`;
  }
}

function refererOrigin(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}
