/**
 * GET /metrics for a prom-client registry, in the Prometheus text format.
 *
 * Returns true when the request was for /metrics (and is being answered), false otherwise,
 * touching nothing, so it composes with other handlers:
 *   if (handleMetricsRequest(req, res, registry)) return;
 * GET and HEAD are answered; any other method gets 405 with an Allow header. A failing collect
 * answers 500 with the error message; nothing here can throw into the server.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Registry } from "prom-client";

export const METRICS_PATH = "/metrics";

function pathOf(req: IncomingMessage): string {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  return q === -1 ? url : url.slice(0, q);
}

export function handleMetricsRequest(req: IncomingMessage, res: ServerResponse, registry: Registry): boolean {
  if (pathOf(req) !== METRICS_PATH) return false;
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { Allow: "GET, HEAD", "Content-Type": "text/plain; charset=utf-8" }).end("method not allowed: use GET /metrics\n");
    return true;
  }
  registry
    .metrics()
    .then((text) => {
      if (res.destroyed) return;
      res.writeHead(200, { "Content-Type": registry.contentType, "Cache-Control": "no-store", "Content-Length": Buffer.byteLength(text) });
      res.end(req.method === "HEAD" ? undefined : text);
    })
    .catch((error: unknown) => {
      if (res.headersSent || res.destroyed) return;
      res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" }).end(`metrics collection failed: ${error instanceof Error ? error.message : String(error)}\n`);
    });
  return true;
}
