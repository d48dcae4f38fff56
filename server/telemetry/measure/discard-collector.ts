/**
 * A loopback OTLP/HTTP sink for overhead measurements: reads each request body to the end and
 * answers 200 with an empty body (a full success in OTLP/HTTP, protobuf or JSON), counting bytes.
 *
 * Why not the built-in receiver: server/telemetry may not import server/receiver (arrows point
 * inward), and a measurement should pay for what the exporter does (serialize, compress, send),
 * not for a collector decoding spans in the same process. Reading bytes costs a few
 * microseconds per request; that is the only sink cost inside the measured process.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface DiscardCollector {
  /** Export URL, e.g. http://127.0.0.1:40123/v1/traces. */
  url: string;
  requests(): number;
  bytes(): number;
  close(): Promise<void>;
}

export async function startDiscardCollector(): Promise<DiscardCollector> {
  let requests = 0;
  let bytes = 0;
  const server = http.createServer((req, res) => {
    req.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
    });
    req.on("end", () => {
      requests++;
      res.writeHead(200, { "content-type": req.headers["content-type"] ?? "application/x-protobuf", "content-length": 0 });
      res.end();
    });
    req.on("error", () => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}/v1/traces`,
    requests: () => requests,
    bytes: () => bytes,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
