/**
 * A stand-in for a user's service in the fleet tests: the library runtime (`tracetune/runtime`,
 * through the package export), a steady trickle of spans (50/s), and the agent link to
 * TRACETUNE_URL. It reports its own state on stdout, one JSON line every 250 ms, so a test can
 * check what the agent itself runs, not only what the server says about it:
 *   {"link":"connected","version":2,"hash":"...","sampleRate":0.2,"started":123,"notSampled":40}
 */
import { trace } from "@opentelemetry/api";
import { createTelemetryRuntime } from "tracetune/runtime";

const url = process.env.TRACETUNE_URL!;
const runtime = createTelemetryRuntime({ exporterType: "otlp", otlpEndpoint: `${url}/v1/traces`, exportIntervalMs: 500 }, { env: false, serviceName: process.env.AGENT_SERVICE });
runtime.register();
const link = runtime.connect({ url, token: process.env.TRACETUNE_TOKEN ?? "", service: process.env.AGENT_SERVICE, instance: process.env.AGENT_INSTANCE, onError: () => undefined });

const tracer = trace.getTracer("fleet-agent");
const work = setInterval(() => tracer.startActiveSpan("work", (span) => span.end()), 20);
const report = setInterval(() => {
  const s = runtime.snapshot();
  const line = { link: link.status, version: runtime.version, hash: runtime.hash, sampleRate: runtime.config.sampleRate, started: s.spans.started, notSampled: s.spans.notSampled };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}, 250);

process.on("SIGTERM", () => {
  clearInterval(work);
  clearInterval(report);
  void runtime.shutdown({ deadlineMs: 1000 }).finally(() => process.exit(0));
});
