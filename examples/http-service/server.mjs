// A plain Node HTTP service (JavaScript, no TypeScript loader) traced by Tracetune's runtime and
// tuned live from a Tracetune server.
// Run: TRACETUNE_URL=http://127.0.0.1:3000 TRACETUNE_TOKEN=<token> OTEL_SERVICE_NAME=hello node examples/http-service/server.mjs
import { createRequire } from "node:module";
import { HttpInstrumentation } from "@opentelemetry/instrumentation-http";
import { registerInstrumentations } from "@opentelemetry/instrumentation";
import { createTelemetryRuntime } from "tracetune/runtime";

const runtime = createTelemetryRuntime(); // the OTEL_* variables give the starting config
runtime.register(); // the global tracer provider: instrumentation-http and your own spans use it
registerInstrumentations({ instrumentations: [new HttpInstrumentation()] });
if (process.env.TRACETUNE_URL) runtime.connect({ url: process.env.TRACETUNE_URL, token: process.env.TRACETUNE_TOKEN ?? "" });

// Loaded after registering, through require: instrumentation-http patches `http` as it is required.
const http = createRequire(import.meta.url)("node:http");
http.createServer((_req, res) => res.end("hello\n")).listen(Number(process.env.PORT ?? 8080), () => console.log(`listening on ${process.env.PORT ?? 8080}`));
process.on("SIGTERM", () => void runtime.shutdown().finally(() => process.exit(0)));
