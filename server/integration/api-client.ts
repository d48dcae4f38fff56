/**
 * A small HTTP client for the REST API of a server started by server-process.ts: JSON in and
 * out, the operator's bearer token unless told otherwise, and a retry when the write guard's
 * rate limit (20 writes/s per client address) answers 429, so fast test loops measure the
 * API, not the limiter. Also a free-port finder for tests that restart on the same address.
 */
import net from "node:net";
import { TEST_OPERATOR_TOKEN } from "./server-process";

export interface ApiAnswer<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface CallOptions {
  /** Send this exact text instead of JSON.stringify(json). */
  raw?: string;
  json?: unknown;
  headers?: Record<string, string>;
  /** "operator" (default: bearer token) or "anonymous" (no credentials). */
  as?: "operator" | "anonymous";
  /** Retry 429 answers (default true). */
  retryRateLimit?: boolean;
}

export function apiClient(baseUrl: string) {
  async function call<T = any>(method: string, path: string, options: CallOptions = {}): Promise<ApiAnswer<T>> {
    const headers: Record<string, string> = { ...(options.as === "anonymous" ? {} : { authorization: `Bearer ${TEST_OPERATOR_TOKEN}` }) };
    let body: string | undefined;
    if (options.raw !== undefined) body = options.raw;
    else if (options.json !== undefined) body = JSON.stringify(options.json);
    if (body !== undefined) headers["content-type"] = "application/json";
    Object.assign(headers, options.headers);
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(`${baseUrl}${path}`, { method, headers, body, redirect: "manual" });
      const text = await res.text();
      if (res.status === 429 && options.retryRateLimit !== false && attempt < 50) {
        await new Promise((r) => setTimeout(r, 120));
        continue;
      }
      let parsed: unknown = null;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        parsed = text;
      }
      return { status: res.status, headers: res.headers, body: parsed as T, text };
    }
  }
  return {
    get: <T = any>(path: string, o?: CallOptions) => call<T>("GET", path, o),
    post: <T = any>(path: string, json?: unknown, o?: CallOptions) => call<T>("POST", path, { json, ...o }),
    put: <T = any>(path: string, json?: unknown, o?: CallOptions) => call<T>("PUT", path, { json, ...o }),
    del: <T = any>(path: string, json?: unknown, o?: CallOptions) => call<T>("DELETE", path, { json, ...o }),
    call,
  };
}

export type ApiClient = ReturnType<typeof apiClient>;

/** A port that was free a moment ago (listen on 0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
