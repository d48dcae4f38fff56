/**
 * Reading an OTLP/HTTP request body: content negotiation, a size limit, gzip.
 *
 * The limit holds for the bytes on the wire and again after decompression, so a small gzip
 * bomb is refused (413) without ever holding more than `maxBytes` of decompressed data.
 */
import type { IncomingMessage } from "node:http";
import { gunzip } from "node:zlib";
import { promisify } from "node:util";
import type { OtlpEncoding } from "./otlp-decode";

const gunzipAsync = promisify(gunzip);

export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

/** application/x-protobuf or application/json (parameters such as charset ignored), else null. */
export function encodingOf(contentType: string | undefined): OtlpEncoding | null {
  const media = (contentType ?? "").split(";")[0].trim().toLowerCase();
  if (media === "application/x-protobuf") return "protobuf";
  if (media === "application/json") return "json";
  return null;
}

/** true for gzip, false for none/identity, null for a coding we do not speak. */
export function isGzip(contentEncoding: string | undefined): boolean | null {
  const coding = (contentEncoding ?? "").trim().toLowerCase();
  if (coding === "" || coding === "identity") return false;
  if (coding === "gzip" || coding === "x-gzip") return true;
  return null;
}

export type WireBody =
  | { ok: true; wire: Buffer }
  | { ok: false; reason: "too_large"; wireBytes: number }
  | { ok: false; reason: "aborted"; wireBytes: number };

/** Read the raw body, refusing it as soon as it passes `maxBytes` (declared or actual). */
export function readWireBody(req: IncomingMessage, maxBytes: number): Promise<WireBody> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume();
    return Promise.resolve({ ok: false, reason: "too_large", wireBytes: 0 });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: WireBody) => {
      if (done) return;
      done = true;
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("aborted", onError);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        // Keep draining (discarding) so the client can still read our 413; the caller closes the connection.
        chunks.length = 0;
        req.resume();
        finish({ ok: false, reason: "too_large", wireBytes: size });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish({ ok: true, wire: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size) });
    const onError = () => finish({ ok: false, reason: "aborted", wireBytes: size });
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("aborted", onError);
  });
}

const MIN_CHUNK = 16 * 1024;
/**
 * Learning from a gzip bomb must not make every later request allocate huge output chunks: the
 * learned ratio stays under 16 (OTLP protobuf inflates ~5.5x, JSON ~10x) and at most doubles per
 * body, so one body of zeros moves the next chunk from ~7x to ~15x the wire size, not 40x.
 */
const MAX_LEARNED_INFLATION = 16;
/**
 * Decompressed / wire size, learned from every body decompressed: up quickly to a higher ratio
 * (an underestimate costs round trips), down slowly (an overestimate only a larger transient
 * buffer).
 */
let inflation = 6;

/**
 * gunzip's output chunk for a body of `wireBytes`: the expected decompressed size plus 25%, so a
 * typical export decompresses into one chunk. Why: zlib's default chunk is 16 KB, and every full
 * chunk is a round trip from the thread pool back to the event loop. A 2048-span export (~110 KB
 * gzip, ~580 KB raw) took 36 of them: 0.85-1.35 ms of main-thread CPU and 2.1-3.5 ms of process
 * CPU, against 0.1 ms and 0.77 ms in one chunk (measured on these machines). Too small a guess only
 * costs more round trips; the size limit holds either way (maxOutputLength).
 */
export function gunzipChunkSize(wireBytes: number, maxBytes: number): number {
  return Math.min(Math.max(MIN_CHUNK, Math.ceil(wireBytes * inflation * 1.25) + 1024), Math.max(MIN_CHUNK, maxBytes));
}

function learnInflation(wireBytes: number, bodyBytes: number): void {
  if (wireBytes < 1024) return;
  const seen = Math.min(MAX_LEARNED_INFLATION, bodyBytes / wireBytes);
  inflation = seen > inflation ? Math.min(seen, 2 * inflation) : 0.9 * inflation + 0.1 * seen;
}

export type DecodedBody = { ok: true; body: Buffer } | { ok: false; status: 400 | 413; message: string };

/** Undo the content coding, within the same size limit. */
export async function decompressBody(wire: Buffer, gzip: boolean, maxBytes: number): Promise<DecodedBody> {
  if (!gzip) return { ok: true, body: wire };
  try {
    const body = await gunzipAsync(wire, { maxOutputLength: maxBytes, chunkSize: gunzipChunkSize(wire.length, maxBytes) });
    learnInflation(wire.length, body.length);
    return { ok: true, body };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ERR_BUFFER_TOO_LARGE" || error instanceof RangeError) {
      return { ok: false, status: 413, message: `decompressed body exceeds ${maxBytes} bytes` };
    }
    return { ok: false, status: 400, message: `invalid gzip body: ${(error as Error).message}` };
  }
}
