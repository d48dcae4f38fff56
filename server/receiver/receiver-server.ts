/**
 * A standalone loopback HTTP server around one receiver, for tests and benchmarks. The app mounts
 * the receiver inside its main server instead (`receiver.handle(req, res)`).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createOtlpReceiver } from "./otlp-receiver";
import type { OtlpReceiver, OtlpReceiverOptions } from "./otlp-receiver";

export interface OtlpReceiverServerOptions extends OtlpReceiverOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1: loopback only. */
  host?: string;
}

export interface OtlpReceiverServer {
  /** Full export URL, e.g. http://127.0.0.1:43210/v1/traces. */
  url: string;
  port: number;
  receiver: OtlpReceiver;
  close(): Promise<void>;
}

export async function startOtlpReceiverServer(options: OtlpReceiverServerOptions = {}): Promise<OtlpReceiverServer> {
  const { port = 0, host = "127.0.0.1", ...receiverOptions } = options;
  const receiver = createOtlpReceiver(receiverOptions);
  const server = http.createServer((req, res) => {
    if (receiver.handle(req, res)) return;
    res.writeHead(404, { "Content-Type": "text/plain" }).end("not found: the OTLP receiver serves " + receiver.path);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${urlHost}:${address.port}${receiver.path}`,
    port: address.port,
    receiver,
    close() {
      closing ??= new Promise<void>((resolve) => {
        receiver.close();
        server.close(() => resolve());
        // Keep-alive clients would otherwise hold close() open until their sockets time out.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
