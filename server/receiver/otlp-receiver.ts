/**
 * The built-in OTLP/HTTP trace receiver: a collector stand-in the runtime exports to by default,
 * mounted inside the main HTTP server (next to Next and socket.io) or on its own port.
 *
 * Per request: method (405), content type (415), content coding (415), body size (413), then the
 * fault injector decides; an accepted body is decoded (400 if it cannot be) and answered 200
 * after any injected latency. Spans count as received only when the 200 is written.
 *
 * Nothing a client sends can throw out of `handle`: every path ends in an answer, a destroyed
 * socket (reset fault, or an internal error after headers went out), or a held request.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { decodeExportRequest } from "./otlp-decode";
import type { OtlpEncoding, ReceivedSpan } from "./otlp-decode";
import { DEFAULT_MAX_BODY_BYTES, decompressBody, encodingOf, isGzip, readWireBody } from "./http-body";
import { sendExportError, sendExportSuccess } from "./otlp-responses";
import { FaultInjector } from "./fault-injection";
import type { FaultDecision, FaultPatch, FaultSettings, SetFaultsResult } from "./fault-injection";
import { ReceiverStatsRecorder } from "./receiver-stats";
import type { ReceiverStats } from "./receiver-stats";

export interface OtlpReceiverOptions {
  /** Path served; default "/v1/traces". */
  path?: string;
  /** Body limit, on the wire and after decompression; default 16 MiB. */
  maxBodyBytes?: number;
  /** Size of the recent-spans ring; default 200. */
  recentSpans?: number;
  /** Initial faults (validated like setFaults; an invalid one throws at construction). */
  faults?: FaultPatch;
  /** Random source for errorRate decisions (tests inject a deterministic one). */
  random?: () => number;
}

export type SpansListener = (spans: ReceivedSpan[], meta: { encoding: OtlpEncoding; gzip: boolean }) => void;

export interface OtlpReceiver {
  /** Serve the request if its path is ours; returns false (touching nothing) otherwise. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  stats(): ReceiverStats;
  reset(): void;
  setFaults(patch: unknown): SetFaultsResult;
  faults(): FaultSettings;
  /** Called with each accepted request's spans (attributes decoded); returns an unsubscribe. */
  onSpans(fn: SpansListener): () => void;
  /** Refuse new requests (503) and drop held ones (their sockets are destroyed). */
  close(): void;
  readonly path: string;
}

/** One request between reading its body and settling. */
interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  wire: Buffer;
  encoding: OtlpEncoding;
  gzip: boolean;
  settled: boolean;
  hung: boolean;
  timer: NodeJS.Timeout | null;
}

export function createOtlpReceiver(options: OtlpReceiverOptions = {}): OtlpReceiver {
  const path = options.path ?? "/v1/traces";
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const recorder = new ReceiverStatsRecorder(options.recentSpans ?? 200);
  const injector = new FaultInjector(options.random);
  const listeners = new Set<SpansListener>();
  /** Requests held by a hang or by injected latency, so faults changes and close() can reach them. */
  const held = new Set<Exchange>();
  let closed = false;

  if (options.faults) {
    const initial = injector.apply(options.faults);
    if (!initial.ok) throw new Error(initial.error);
  }

  // Leaving hang mode releases hung requests into normal handling under the new settings.
  injector.onChange((faults) => {
    if (faults.mode === "hang") return;
    for (const ex of [...held]) {
      if (!ex.hung) continue;
      ex.hung = false;
      held.delete(ex);
      respond(ex).catch(() => ex.res.destroy());
    }
  });

  function settleAbandoned(ex: Exchange): void {
    if (ex.settled) return;
    ex.settled = true;
    if (ex.timer) clearTimeout(ex.timer);
    held.delete(ex);
    recorder.abandoned();
  }

  function clientGone(ex: Exchange): boolean {
    return ex.res.destroyed || ex.req.socket.destroyed;
  }

  /** Wait out the injected latency; false if the request was abandoned meanwhile. */
  function delay(ex: Exchange): Promise<boolean> {
    const ms = injector.latencyMs;
    if (ms <= 0) return Promise.resolve(!ex.settled);
    return new Promise((resolve) => {
      held.add(ex);
      ex.timer = setTimeout(() => {
        ex.timer = null;
        held.delete(ex);
        resolve(!ex.settled && !clientGone(ex));
      }, ms);
      ex.res.once("close", () => resolve(false));
    });
  }

  async function respond(ex: Exchange): Promise<void> {
    if (ex.settled) return;
    if (clientGone(ex)) return settleAbandoned(ex);
    const decision: FaultDecision = injector.decide();
    if (decision.action === "hang") {
      if (!ex.hung) recorder.faulted("hang");
      ex.hung = true;
      held.add(ex);
      return;
    }
    if (decision.action === "accept") return accept(ex);
    if (!(await delay(ex))) return settleAbandoned(ex);
    ex.settled = true;
    if (decision.action === "reset") {
      recorder.faulted("reset");
      ex.req.socket.destroy();
      return;
    }
    const headers: Record<string, string> = {};
    if (decision.retryAfterSec !== null && (decision.status === 429 || decision.status === 503)) {
      headers["Retry-After"] = String(decision.retryAfterSec);
    }
    recorder.faulted(decision.kind);
    const message = decision.kind === "outage" ? "collector outage (injected)" : `injected error ${decision.status}`;
    sendExportError(ex.res, decision.status, ex.encoding, message, headers);
  }

  async function accept(ex: Exchange): Promise<void> {
    const body = await decompressBody(ex.wire, ex.gzip, maxBodyBytes);
    if (!body.ok) {
      ex.settled = true;
      recorder.refused(body.status === 413 ? "tooLarge" : "badRequest");
      if (body.status === 413) ex.res.setHeader("Connection", "close");
      sendExportError(ex.res, body.status, ex.encoding, body.message);
      return;
    }
    let decoded;
    try {
      decoded = decodeExportRequest(body.body, ex.encoding, { withAttributes: listeners.size > 0 });
    } catch (error) {
      ex.settled = true;
      recorder.refused("badRequest");
      sendExportError(ex.res, 400, ex.encoding, `undecodable ${ex.encoding} ExportTraceServiceRequest: ${(error as Error).message}`);
      return;
    }
    if (!(await delay(ex))) return settleAbandoned(ex);
    ex.settled = true;
    recorder.accepted(decoded.spans, decoded.rejected, body.body.length);
    sendExportSuccess(ex.res, ex.encoding, decoded.rejected, decoded.rejectReason);
    for (const fn of listeners) {
      try {
        fn(decoded.spans, { encoding: ex.encoding, gzip: ex.gzip });
      } catch {
        // A listener's failure is its own; the collector already accepted the spans.
      }
    }
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    recorder.requestStarted();
    if (closed) {
      recorder.refused("closed");
      req.resume();
      return sendExportError(res, 503, "json", "receiver is closed", { Connection: "close" });
    }
    if (req.method !== "POST") {
      recorder.refused("methodNotAllowed");
      req.resume();
      return sendExportError(res, 405, "json", `method ${req.method} not allowed; use POST`, { Allow: "POST" });
    }
    const encoding = encodingOf(req.headers["content-type"]);
    const gzip = isGzip(req.headers["content-encoding"]);
    if (encoding === null || gzip === null) {
      recorder.refused("unsupportedMediaType");
      req.resume();
      const message =
        encoding === null
          ? `unsupported content type "${req.headers["content-type"] ?? ""}"; use application/x-protobuf or application/json`
          : `unsupported content encoding "${req.headers["content-encoding"]}"; use gzip or none`;
      return sendExportError(res, 415, encoding ?? "json", message, { Connection: "close" });
    }
    const wire = await readWireBody(req, maxBodyBytes);
    if (!wire.ok) {
      if (wire.reason === "aborted") return recorder.abandoned();
      recorder.bodyRead(wire.wireBytes, encoding, gzip);
      recorder.refused("tooLarge");
      return sendExportError(res, 413, encoding, `request body exceeds ${maxBodyBytes} bytes`, { Connection: "close" });
    }
    recorder.bodyRead(wire.wire.length, encoding, gzip);
    const ex: Exchange = { req, res, wire: wire.wire, encoding, gzip, settled: false, hung: false, timer: null };
    // A client that gives up while we hold its request settles as abandoned right away.
    res.once("close", () => {
      if (!res.writableFinished) settleAbandoned(ex);
    });
    await respond(ex);
  }

  return {
    path,
    handle(req, res) {
      const url = req.url ?? "";
      const q = url.indexOf("?");
      if ((q === -1 ? url : url.slice(0, q)) !== path) return false;
      serve(req, res).catch((error: unknown) => {
        // Unreachable by design; if it happens, fail this request only.
        if (!res.headersSent && !res.destroyed) sendExportError(res, 500, "json", `receiver error: ${(error as Error).message}`);
        else res.destroy();
      });
      return true;
    },
    stats: () => recorder.snapshot(),
    reset: () => recorder.reset(),
    setFaults: (patch) => injector.apply(patch),
    faults: () => injector.settings,
    onSpans(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    close() {
      closed = true;
      for (const ex of [...held]) {
        settleAbandoned(ex);
        ex.req.socket.destroy();
      }
    },
  };
}
