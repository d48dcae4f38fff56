import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "./config";
import { configFromEnv } from "./env-config";

/** The start-up error for `env`, or a test failure if it was accepted. */
function envError(env: Record<string, string>): string {
  try {
    configFromEnv(env);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`${JSON.stringify(env)} was accepted`);
}

describe("configFromEnv", () => {
  it("with no OTEL_* variables gives the defaults and uses nothing", () => {
    const r = configFromEnv({ PATH: "/usr/bin", HOME: "/root" });
    expect(r.config).toEqual(DEFAULT_CONFIG);
    expect(r.used).toEqual([]);
    expect(r.serviceName).toBeUndefined();
    expect(r.otlpHeaders).toBeUndefined();
  });

  it("maps the standard exporter and batch processor variables onto the config", () => {
    const r = configFromEnv({
      OTEL_SERVICE_NAME: " checkout ",
      OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318/",
      OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
      OTEL_EXPORTER_OTLP_COMPRESSION: "none",
      OTEL_EXPORTER_OTLP_TIMEOUT: "7000",
      OTEL_BSP_SCHEDULE_DELAY: "2000",
      OTEL_BSP_MAX_QUEUE_SIZE: "4096",
      OTEL_BSP_MAX_EXPORT_BATCH_SIZE: "512",
      OTEL_EXPORTER_OTLP_HEADERS: "api-key=abc%3D%3D, x-team = core",
    });
    expect(r.config).toMatchObject({
      otlpEndpoint: "http://collector:4318/v1/traces",
      otlpProtocol: "http/json",
      otlpCompression: "none",
      exportTimeoutMs: 7000,
      exportIntervalMs: 2000,
      maxQueueSize: 4096,
      batchSize: 512,
    });
    expect(r.serviceName).toBe("checkout");
    expect(r.otlpHeaders).toEqual({ "api-key": "abc==", "x-team": "core" });
    expect(r.used).toContain("OTEL_BSP_MAX_QUEUE_SIZE");
    expect(r.used).toContain("OTEL_SERVICE_NAME");
  });

  it("signal-specific TRACES variables win over the generic ones, and the traces endpoint is used as is", () => {
    const r = configFromEnv({
      OTEL_EXPORTER_OTLP_ENDPOINT: "http://generic:4318",
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://traces:9999/custom/path",
      OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
      OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: "http/protobuf",
      OTEL_EXPORTER_OTLP_COMPRESSION: "gzip",
      OTEL_EXPORTER_OTLP_TRACES_COMPRESSION: "none",
    });
    expect(r.config).toMatchObject({ otlpEndpoint: "http://traces:9999/custom/path", otlpProtocol: "http/protobuf", otlpCompression: "none" });
  });

  it.each([
    [{ OTEL_TRACES_SAMPLER: "always_on" }, 1],
    [{ OTEL_TRACES_SAMPLER: "always_off" }, 0],
    [{ OTEL_TRACES_SAMPLER: "parentbased_always_off" }, 0],
    [{ OTEL_TRACES_SAMPLER: "traceidratio", OTEL_TRACES_SAMPLER_ARG: "0.25" }, 0.25],
    [{ OTEL_TRACES_SAMPLER: "parentbased_traceidratio", OTEL_TRACES_SAMPLER_ARG: "0.1" }, 0.1],
    [{ OTEL_TRACES_SAMPLER: "traceidratio" }, 1],
  ])("maps the standard samplers to the ratio sampler's rate: %j -> %s", (env, rate) => {
    const r = configFromEnv(env);
    expect(r.config.sampler).toEqual({ type: "ratio" });
    expect(r.config.sampleRate).toBe(rate);
  });

  it("OTEL_SDK_DISABLED=true disables the runtime (case-insensitive)", () => {
    expect(configFromEnv({ OTEL_SDK_DISABLED: "TRUE" }).config.enabled).toBe(false);
    expect(configFromEnv({ OTEL_SDK_DISABLED: "false" }).config.enabled).toBe(true);
  });

  it("empty variables are ignored, as the spec asks", () => {
    expect(configFromEnv({ OTEL_BSP_MAX_QUEUE_SIZE: "", OTEL_TRACES_SAMPLER: "" }).config).toEqual(DEFAULT_CONFIG);
  });

  it.each([
    ["OTEL_BSP_MAX_QUEUE_SIZE", "lots"],
    ["OTEL_BSP_SCHEDULE_DELAY", "-5"],
    ["OTEL_EXPORTER_OTLP_TIMEOUT", "1.5"],
    ["OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"],
    ["OTEL_EXPORTER_OTLP_COMPRESSION", "brotli"],
    ["OTEL_EXPORTER_OTLP_ENDPOINT", "not a url"],
    ["OTEL_TRACES_SAMPLER", "sometimes"],
    ["OTEL_SDK_DISABLED", "yes"],
    ["OTEL_EXPORTER_OTLP_HEADERS", "novalue"],
  ])("an unreadable %s=%s is a start-up error naming the variable", (name, value) => {
    const message = envError({ [name]: value });
    expect(message).toContain("Invalid OpenTelemetry environment variables");
    expect(message).toContain(name);
  });

  it("reports every bad variable at once, not just the first", () => {
    const message = envError({ OTEL_BSP_MAX_QUEUE_SIZE: "x", OTEL_EXPORTER_OTLP_PROTOCOL: "grpc" });
    expect(message).toContain("OTEL_BSP_MAX_QUEUE_SIZE");
    expect(message).toContain("OTEL_EXPORTER_OTLP_PROTOCOL");
  });

  it.each([
    ["OTEL_BSP_MAX_QUEUE_SIZE", { OTEL_BSP_MAX_QUEUE_SIZE: "0" }],
    ["OTEL_BSP_MAX_EXPORT_BATCH_SIZE", { OTEL_BSP_MAX_EXPORT_BATCH_SIZE: "99999999" }],
    ["OTEL_TRACES_SAMPLER_ARG", { OTEL_TRACES_SAMPLER: "traceidratio", OTEL_TRACES_SAMPLER_ARG: "2" }],
    ["OTEL_EXPORTER_OTLP_ENDPOINT", { OTEL_EXPORTER_OTLP_ENDPOINT: "ftp://collector:21" }],
  ])("a readable but out-of-range value is also an error naming the variable (%s)", (name, env) => {
    expect(envError(env)).toContain(name);
  });
});
