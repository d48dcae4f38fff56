/**
 * Composition root: one HTTP server and port for Next's pages and route handlers, socket.io and
 * the built-in OTLP receiver; the embedded runtime traces the synthetic agent workload and
 * exports to that receiver unless OTEL_EXPORTER_OTLP_* points elsewhere.
 *
 * Order: storage (migrations, built-in presets), Next, listen (requests wait for readiness), then
 * the runtime, because its default endpoint is this server's own address, known only after
 * listen when PORT=0. The starting config is the persisted one if there is one (a restart comes
 * back as it was), else the defaults with the OpenTelemetry environment variables applied.
 */
import http from "node:http";
import next from "next";
import { createTelemetryRuntime, configFromEnv, DEFAULT_CONFIG } from "./telemetry";
import { attachRealtime } from "./realtime/socket-server";
import { connectRedisAdapter } from "./realtime/redis-adapter";
import { replicateConfigChanges } from "./realtime/config-replication";
import { attachFleet } from "./fleet/attach-fleet";
import { createOtlpReceiver } from "./receiver";
import { createAgentWorkload } from "./workload";
import { openStore } from "./store";
import { setServices } from "./services";
import { readServerEnv, redactUrl } from "./server-env";
import { ControlService, resolveBuiltInReceiver } from "./control/control-service";
import { BUILT_IN_PRESETS } from "./control/built-in-presets";
import { OperatorAuth } from "./auth/operator-auth";
import { handleSignIn } from "./auth/sign-in";
import { createMetricsRegistry, handleMetricsRequest } from "./metrics";
import { BenchmarkRunner } from "./benchmark/benchmark-runner";
import { PEER_HEADER } from "./http/peer-header";
import type { Registry } from "prom-client";

async function main(): Promise<void> {
  const env = readServerEnv();
  const dev = env.NODE_ENV === "development";
  const fromEnv = configFromEnv(process.env, DEFAULT_CONFIG);
  const store = await openStore({ databaseUrl: env.DATABASE_URL });
  await store.presets.ensureBuiltIns(BUILT_IN_PRESETS.map((p) => ({ ...p, builtIn: true })));
  // Several servers (README "Running several Tracetune servers"): fail now if Redis is away.
  const redis = env.TRACETUNE_REDIS_URL ? await connectRedisAdapter(env.TRACETUNE_REDIS_URL) : null;

  const app = next({ dev, dir: process.cwd(), hostname: env.HOST, port: env.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  const upgradeNext = app.getUpgradeHandler();
  const receiver = createOtlpReceiver();
  const auth = new OperatorAuth(env.TRACETUNE_OPERATOR_TOKEN);

  let metrics: Registry | undefined;
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const server = http.createServer((req, res) => {
    if (receiver.handle(req, res)) return;
    req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "unknown"; // never the client's own say
    if (handleSignIn(req, res, auth)) return;
    ready
      .then(() => (metrics && handleMetricsRequest(req, res, metrics) ? undefined : handle(req, res)))
      .catch((e) => {
        console.error("[tracetune] request failed:", e);
        if (!res.headersSent) res.writeHead(500).end("Internal Server Error");
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(env.PORT, env.HOST, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : env.PORT;
  const url = `http://${env.HOST.includes(":") ? `[${env.HOST}]` : env.HOST}:${port}`;
  const builtInEndpoint = `${url}/v1/traces`;

  const exportsToBuiltIn = !fromEnv.used.some((v) => v.includes("ENDPOINT"));
  const active = await store.activeConfig.load();
  const restored = active ? resolveBuiltInReceiver(active.config, builtInEndpoint) : null;
  const initial = restored ?? (exportsToBuiltIn ? { ...fromEnv.config, otlpEndpoint: builtInEndpoint } : fromEnv.config);

  const serviceName = fromEnv.serviceName ?? "tracetune-demo-agent";
  const runtime = createTelemetryRuntime(initial, { serviceName, otlpHeaders: fromEnv.otlpHeaders });
  // The workload is traced through runtime.tracerProvider; the provider is not made global, or
  // Next.js would trace the dashboard's own page and API requests into the demo agent's data.
  runtime.register({ globalTracerProvider: false });
  metrics = createMetricsRegistry(runtime);
  const control = new ControlService(runtime, store, builtInEndpoint);
  await control.recordStartup(restored !== null);

  const workload = createAgentWorkload({
    tracerProvider: runtime.tracerProvider,
    runsPerSecond: env.TRACETUNE_WORKLOAD_RPS,
    enabled: false,
    waitWritable: () => runtime.whenWritable(),
  });
  // `autoInstrument` is the master switch of automatic instrumentation: off, the workload keeps
  // only the spans its own code starts (agent runs, LLM calls), as hand-instrumented code would.
  const syncWorkload = () => {
    const c = runtime.config;
    workload.configure({
      autoInstrumentTools: c.autoInstrument && c.autoInstrumentTools,
      autoInstrumentMemory: c.autoInstrument && c.autoInstrumentMemory,
      includeSystemMetrics: c.includeSystemMetrics,
    });
  };
  syncWorkload();
  runtime.on("config", syncWorkload);

  const realtime = attachRealtime(server, runtime, control, auth, { adapter: redis?.adapter });
  if (redis) replicateConfigChanges(realtime.io, control, url, redis.onReconnect);
  const fleet = attachFleet({ io: realtime.io, control, presets: store.presets, history: store.history, operatorAuth: auth, agentToken: env.TRACETUNE_AGENT_TOKEN, embeddedService: serviceName, shareDepartures: redis !== null });
  // One upgrade listener: socket.io's engine takes /socket.io/, Next (hot reload) the rest.
  server.removeAllListeners("upgrade");
  server.on("upgrade", (req, socket, head) => {
    if (req.url?.startsWith("/socket.io/")) realtime.io.engine.handleUpgrade(req, socket, head);
    else upgradeNext(req, socket, head).catch(() => socket.destroy());
  });

  // Benchmarks run on private runtimes; the running config is only read, to benchmark a copy.
  const benchmark = new BenchmarkRunner(() => runtime.config);
  setServices({ runtime, presets: store.presets, receiver, workload, control, history: store.history, realtime: realtime.notify, auth, benchmark, fleet: fleet.fleet });
  markReady();
  if (env.TRACETUNE_WORKLOAD === "on") workload.start();
  console.log(`Tracetune ready on ${url} (dashboard), OTLP receiver at ${builtInEndpoint}, exporting to ${runtime.config.otlpEndpoint}${restored ? " (restored config)" : ""}`);
  if (redis) console.log(`Shared with other Tracetune servers: broadcasts through Redis ${redactUrl(env.TRACETUNE_REDIS_URL!)}, ${store.databaseKind === "postgres" ? `database ${store.databaseFile}` : "SQLite database (use PostgreSQL for servers on several machines)"}`);
  console.log(
    auth.generated
      ? `Operator sign-in (open this to change settings; without it the dashboard is read-only):\n    ${url}/?token=${auth.token}`
      : "Operator token: from TRACETUNE_OPERATOR_TOKEN (sign in at /?token=<token>)",
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[tracetune] ${signal}: flushing telemetry and stopping`);
    const hardExit = setTimeout(() => process.exit(1), 15_000);
    hardExit.unref();
    await workload.stop();
    benchmark.cancel();
    await benchmark.whenIdle();
    await runtime.shutdown({ deadlineMs: 5000 }).catch((e) => console.error("[tracetune] runtime shutdown:", e));
    console.log(`[tracetune] final span accounting: ${JSON.stringify(runtime.snapshot().spans)}`);
    fleet.close();
    await realtime.close().catch(() => undefined);
    await redis?.close();
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
