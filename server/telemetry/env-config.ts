/**
 * Standard OpenTelemetry environment variables as starting values (live changes then override).
 * Every value is checked: a bad one is a clear start-up error naming the variable, never a
 * silently ignored setting.
 */
import { z } from "zod";
import { DEFAULT_CONFIG, mergeAndValidate, type ConfigPatch, type TelemetryConfig } from "./config";

export interface EnvConfig {
  config: TelemetryConfig;
  serviceName?: string;
  otlpHeaders?: Record<string, string>;
  /** Which variables were used, for the start-up log. */
  used: string[];
}

const intVar = z.string().trim().regex(/^\d+$/, "must be a whole number").transform(Number);
const numVar = z.string().trim().refine((v) => v !== "" && Number.isFinite(Number(v)), "must be a number").transform(Number);
const boolVar = z.string().trim().toLowerCase().pipe(z.enum(["true", "false"], { message: "must be true or false" })).transform((v) => v === "true");

const SAMPLERS = ["always_on", "always_off", "traceidratio", "parentbased_always_on", "parentbased_always_off", "parentbased_traceidratio"] as const;

type Env = Record<string, string | undefined>;

export function configFromEnv(env: Env = process.env, base: TelemetryConfig = DEFAULT_CONFIG): EnvConfig {
  const patch: Record<string, unknown> = {};
  const errors: string[] = [];
  const used: string[] = [];
  /** Which variable set each config key, so a value the schema refuses names its variable. */
  const setBy = new Map<string, string>();
  let current = "";
  const set = (key: string, value: unknown) => {
    patch[key] = value;
    setBy.set(key, current);
  };
  const read = <T>(name: string, schema: z.ZodType<T>, apply: (v: T) => void) => {
    const raw = env[name];
    if (raw === undefined || raw === "") return;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      errors.push(`${name}=${JSON.stringify(raw)}: ${parsed.error.issues[0]?.message ?? "invalid"}`);
      return;
    }
    used.push(name);
    current = name;
    apply(parsed.data);
  };

  read("OTEL_SDK_DISABLED", boolVar, (v) => set("enabled", !v));
  read("OTEL_EXPORTER_OTLP_ENDPOINT", z.string().url("must be a URL"), (v) => set("otlpEndpoint", `${v.replace(/\/+$/, "")}/v1/traces`));
  read("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", z.string().url("must be a URL"), (v) => set("otlpEndpoint", v));
  for (const name of ["OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"])
    read(name, z.enum(["http/protobuf", "http/json"], { message: "must be http/protobuf or http/json (grpc is not supported)" }), (v) => set("otlpProtocol", v));
  for (const name of ["OTEL_EXPORTER_OTLP_COMPRESSION", "OTEL_EXPORTER_OTLP_TRACES_COMPRESSION"])
    read(name, z.enum(["gzip", "none"], { message: "must be gzip or none" }), (v) => set("otlpCompression", v));
  for (const name of ["OTEL_EXPORTER_OTLP_TIMEOUT", "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "OTEL_BSP_EXPORT_TIMEOUT"]) read(name, intVar, (v) => set("exportTimeoutMs", v));
  read("OTEL_BSP_SCHEDULE_DELAY", intVar, (v) => set("exportIntervalMs", v));
  read("OTEL_BSP_MAX_QUEUE_SIZE", intVar, (v) => set("maxQueueSize", v));
  read("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", intVar, (v) => set("batchSize", v));

  let sampler: (typeof SAMPLERS)[number] | undefined;
  read("OTEL_TRACES_SAMPLER", z.enum(SAMPLERS, { message: `must be one of ${SAMPLERS.join(", ")}` }), (v) => (sampler = v));
  let samplerArg: number | undefined;
  read("OTEL_TRACES_SAMPLER_ARG", numVar, (v) => (samplerArg = v));
  if (sampler) {
    // Tracetune's ratio sampler is parent-based and trace-id consistent: both families map to it.
    current = samplerArg !== undefined ? "OTEL_TRACES_SAMPLER_ARG" : "OTEL_TRACES_SAMPLER";
    set("sampler", { type: "ratio" });
    if (sampler.endsWith("always_on")) set("sampleRate", 1);
    else if (sampler.endsWith("always_off")) set("sampleRate", 0);
    else set("sampleRate", samplerArg ?? 1);
  }

  let otlpHeaders: Record<string, string> | undefined;
  read("OTEL_EXPORTER_OTLP_HEADERS", z.string(), (v) => {
    otlpHeaders = {};
    for (const pair of v.split(",")) {
      const at = pair.indexOf("=");
      if (at <= 0) {
        errors.push(`OTEL_EXPORTER_OTLP_HEADERS: "${pair}" is not key=value`);
        continue;
      }
      otlpHeaders[decodeURIComponent(pair.slice(0, at).trim())] = decodeURIComponent(pair.slice(at + 1).trim());
    }
  });

  const serviceName = env.OTEL_SERVICE_NAME?.trim() || undefined;
  if (serviceName) used.push("OTEL_SERVICE_NAME");
  const merged = mergeAndValidate(base, patch as ConfigPatch);
  if (!merged.ok) {
    for (const i of merged.issues) {
      const key = i.path.split(".")[0];
      const name = setBy.get(key);
      errors.push(name ? `${name}=${JSON.stringify(env[name])}: ${key} ${i.message}` : `${i.path}: ${i.message}`);
    }
  }
  if (errors.length > 0) throw new Error(`Invalid OpenTelemetry environment variables:\n  - ${errors.join("\n  - ")}`);
  return { config: (merged as { config: TelemetryConfig }).config, serviceName, otlpHeaders, used };
}
