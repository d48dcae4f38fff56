/**
 * `tracetune/runtime`: Tracetune's runtime as a library for your own Node services.
 *
 *   import { createTelemetryRuntime } from "tracetune/runtime";
 *   const runtime = createTelemetryRuntime({ sampleRate: 0.2 }, { serviceName: "checkout" });
 *   runtime.register();   // the global OpenTelemetry tracer provider; keep your @opentelemetry/api code
 *   runtime.connect({ url, token, service: "checkout", instance: os.hostname() });
 *
 * The standard OTEL_* variables give the starting values (OTEL_SERVICE_NAME, OTEL_TRACES_SAMPLER,
 * OTEL_BSP_*, OTEL_EXPORTER_OTLP_*; invalid values throw at start-up), then the config passed in,
 * then live changes from a Tracetune server. The core (server/telemetry) stays framework-free:
 * the link to the server is the socket.io adapter in server/agent-link.
 */
import os from "node:os";
import {
  createTelemetryRuntime as createCoreRuntime,
  configFromEnv,
  DEFAULT_CONFIG,
  type RuntimeOptions,
  type TelemetryRuntime,
} from "./telemetry";
import { connectAgent, type AgentLink, type AgentLinkOptions } from "./agent-link/agent-link";

export * from "./telemetry";
export { connectAgent, type AgentLink, type AgentLinkOptions, type AgentLinkStatus } from "./agent-link/agent-link";

export interface ConnectOptions extends Omit<AgentLinkOptions, "service" | "instance"> {
  /** Default: the runtime's service name. */
  service?: string;
  /** Default: hostname-pid. */
  instance?: string;
}

export type TracetuneRuntime = TelemetryRuntime & {
  /** Links this runtime to a Tracetune server; shutdown() closes the link. */
  connect(options: ConnectOptions): AgentLink;
};

export interface LibraryRuntimeOptions extends RuntimeOptions {
  /** Read OTEL_* starting values from this environment (default process.env; false to ignore it). */
  env?: Record<string, string | undefined> | false;
}

export function createTelemetryRuntime(config: Record<string, unknown> = {}, options: LibraryRuntimeOptions = {}): TracetuneRuntime {
  const { env = process.env, ...runtimeOptions } = options;
  const fromEnv = env === false ? null : configFromEnv(env, DEFAULT_CONFIG);
  const serviceName = runtimeOptions.serviceName ?? fromEnv?.serviceName ?? "unknown_service:node";
  const runtime = createCoreRuntime({ ...(fromEnv?.config ?? {}), ...config }, {
    ...runtimeOptions,
    serviceName,
    otlpHeaders: runtimeOptions.otlpHeaders ?? fromEnv?.otlpHeaders,
  });
  const links: AgentLink[] = [];
  const shutdown = runtime.shutdown.bind(runtime);
  return Object.assign(runtime, {
    connect(options: ConnectOptions): AgentLink {
      const link = connectAgent(runtime, {
        ...options,
        service: options.service ?? serviceName,
        instance: options.instance ?? defaultInstance(),
      });
      links.push(link);
      return link;
    },
    async shutdown(options?: { deadlineMs?: number }): Promise<void> {
      for (const link of links) link.close();
      await shutdown(options);
    },
  });
}

function defaultInstance(): string {
  const host = (os.hostname() || "host").replace(/[^\w.:@/-]/g, "-");
  return `${host}-${process.pid}`;
}
