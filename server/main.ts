/**
 * Composition root: one HTTP server and port for Next's pages and route handlers, socket.io and
 * the built-in OTLP receiver; the embedded runtime traces the synthetic agent workload and
 * exports to that receiver unless OTEL_EXPORTER_OTLP_* points elsewhere.
 *
 * Start-up order matters: storage first (migrations), then the runtime (so route handlers and
 * sockets never see a half-built service set), then Next, then listen.
 */
import http from "node:http";
import next from "next";
import { createTelemetryRuntime, configFromEnv, DEFAULT_CONFIG } from "./telemetry";
import { attachRealtime } from "./realtime/socket-server";
import { createOtlpReceiver } from "./receiver";
import { createAgentWorkload } from "./workload";
import { openStore } from "./store";
import { setServices } from "./services";
import { readServerEnv } from "./server-env";

async function main(): Promise<void> {
  const env = readServerEnv();
  const dev = env.NODE_ENV === "development";
  const store = await openStore({ databaseUrl: env.DATABASE_URL });

  // The receiver's address is only known after listen() when PORT=0, so the runtime starts
  // pointed at it through a late-bound endpoint (applied right after listen).
  const fromEnv = configFromEnv(process.env, DEFAULT_CONFIG);
  const exportsToBuiltIn = !fromEnv.used.some((v) => v.includes("ENDPOINT"));
  const runtime = createTelemetryRuntime(fromEnv.config, { serviceName: fromEnv.serviceName ?? "tracetune-demo-agent", otlpHeaders: fromEnv.otlpHeaders });
  runtime.register();

  const receiver = createOtlpReceiver();
  const workload = createAgentWorkload({
    tracerProvider: runtime.tracerProvider,
    runsPerSecond: env.TRACETUNE_WORKLOAD_RPS,
    waitWritable: () => runtime.whenWritable(),
  });
  const syncWorkload = () =>
    workload.configure({
      autoInstrumentTools: runtime.config.autoInstrumentTools,
      autoInstrumentMemory: runtime.config.autoInstrumentMemory,
      includeSystemMetrics: runtime.config.includeSystemMetrics,
    });
  syncWorkload();
  runtime.on("config", syncWorkload);
  setServices({ runtime, presets: store.presets, receiver, workload });

  const app = next({ dev, dir: process.cwd(), hostname: env.HOST, port: env.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  const upgradeNext = app.getUpgradeHandler();

  const server = http.createServer((req, res) => {
    if (receiver.handle(req, res)) return;
    handle(req, res).catch((e) => {
      console.error("[tracetune] request failed:", e);
      if (!res.headersSent) res.writeHead(500).end("Internal Server Error");
    });
  });
  const realtime = attachRealtime(server, runtime);
  // One upgrade listener: socket.io's engine takes /socket.io/, Next (hot reload) the rest.
  server.removeAllListeners("upgrade");
  server.on("upgrade", (req, socket, head) => {
    if (req.url?.startsWith("/socket.io/")) realtime.io.engine.handleUpgrade(req, socket, head);
    else upgradeNext(req, socket, head).catch(() => socket.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(env.PORT, env.HOST, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : env.PORT;
  const url = `http://${env.HOST.includes(":") ? `[${env.HOST}]` : env.HOST}:${port}`;
  if (exportsToBuiltIn) runtime.apply({ otlpEndpoint: `${url}/v1/traces` }, { source: "startup", actor: "server" });
  if (env.TRACETUNE_WORKLOAD === "on") workload.start();
  console.log(`Tracetune ready on ${url} (dashboard), OTLP receiver at ${url}/v1/traces, exporting to ${runtime.config.otlpEndpoint}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[tracetune] ${signal}: flushing telemetry and stopping`);
    const hardExit = setTimeout(() => process.exit(1), 15_000);
    hardExit.unref();
    await workload.stop();
    await runtime.shutdown({ deadlineMs: 5000 }).catch((e) => console.error("[tracetune] runtime shutdown:", e));
    const s = runtime.snapshot().spans;
    console.log(`[tracetune] final span accounting: ${JSON.stringify(s)}`);
    await realtime.close().catch(() => undefined);
    receiver.close();
    await store.close().catch(() => undefined);
    server.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((e) => {
  console.error(`[tracetune] failed to start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
