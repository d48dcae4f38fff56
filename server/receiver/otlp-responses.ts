/**
 * OTLP/HTTP answers (OTLP spec, "OTLP/HTTP Response"): a success carries an
 * ExportTraceServiceResponse, a failure a google.rpc.Status, both in the request's encoding.
 * Errors for requests whose encoding we could not determine are answered in JSON.
 */
import type { ServerResponse } from "node:http";
import type { OtlpEncoding } from "./otlp-decode";
import { ExportTraceServiceResponse, RpcCode, RpcStatus } from "./otlp-proto";

const CONTENT_TYPE: Record<OtlpEncoding, string> = {
  protobuf: "application/x-protobuf",
  json: "application/json",
};

function send(res: ServerResponse, status: number, encoding: OtlpEncoding, body: Uint8Array, headers: Record<string, string>): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { ...headers, "Content-Type": CONTENT_TYPE[encoding], "Content-Length": String(body.byteLength) });
  res.end(body);
}

export function sendExportSuccess(res: ServerResponse, encoding: OtlpEncoding, rejectedSpans: number, errorMessage: string): void {
  const partialSuccess = rejectedSpans > 0 ? { rejectedSpans, errorMessage } : undefined;
  const body =
    encoding === "json"
      ? Buffer.from(JSON.stringify(partialSuccess ? { partialSuccess } : {}))
      : ExportTraceServiceResponse.encode(ExportTraceServiceResponse.fromObject(partialSuccess ? { partialSuccess } : {})).finish();
  send(res, 200, encoding, body, {});
}

/** The gRPC code that goes with an HTTP status, for the google.rpc.Status body. */
export function rpcCodeFor(status: number): number {
  if (status === 429 || status === 413) return RpcCode.RESOURCE_EXHAUSTED;
  if (status === 502 || status === 503 || status === 504) return RpcCode.UNAVAILABLE;
  if (status >= 500) return RpcCode.INTERNAL;
  return RpcCode.INVALID_ARGUMENT;
}

export function sendExportError(
  res: ServerResponse,
  status: number,
  encoding: OtlpEncoding,
  message: string,
  headers: Record<string, string> = {},
): void {
  const status_ = { code: rpcCodeFor(status), message };
  const body =
    encoding === "json" ? Buffer.from(JSON.stringify(status_)) : RpcStatus.encode(RpcStatus.fromObject(status_)).finish();
  send(res, status, encoding, body, headers);
}
