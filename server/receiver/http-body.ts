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

export type DecodedBody = { ok: true; body: Buffer } | { ok: false; status: 400 | 413; message: string };

/** Undo the content coding, within the same size limit. */
export async function decompressBody(wire: Buffer, gzip: boolean, maxBytes: number): Promise<DecodedBody> {
  if (!gzip) return { ok: true, body: wire };
  try {
    return { ok: true, body: await gunzipAsync(wire, { maxOutputLength: maxBytes }) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ERR_BUFFER_TOO_LARGE" || error instanceof RangeError) {
      return { ok: false, status: 413, message: `decompressed body exceeds ${maxBytes} bytes` };
    }
    return { ok: false, status: 400, message: `invalid gzip body: ${(error as Error).message}` };
  }
}
