/** The server's own environment variables, validated once at start-up with clear errors. */
import { z } from "zod";

const serverEnvSchema = z.object({
  PORT: z.coerce.number().int().min(0, "PORT must be 0-65535").max(65535, "PORT must be 0-65535").default(3000),
  HOST: z.string().trim().min(1).default("127.0.0.1"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  DATABASE_URL: z.string().trim().min(1).optional(),
  TRACETUNE_WORKLOAD: z.enum(["on", "off"], { message: "TRACETUNE_WORKLOAD must be on or off" }).default("on"),
  TRACETUNE_OPERATOR_TOKEN: z.string().trim().min(16, "TRACETUNE_OPERATOR_TOKEN must be at least 16 characters").max(512).optional(),
  /** Lets a runtime join the fleet (and nothing else); agents may always use the operator token too. */
  TRACETUNE_AGENT_TOKEN: z.string().trim().min(16, "TRACETUNE_AGENT_TOKEN must be at least 16 characters").max(512).optional(),
  TRACETUNE_WORKLOAD_RPS: z.coerce.number().min(0).max(5000).default(50),
  /** Set on every server of a multi-server deployment: socket.io broadcasts go through Redis. */
  TRACETUNE_REDIS_URL: z
    .string()
    .trim()
    .refine((u) => /^rediss?:\/\//i.test(u) && URL.canParse(u) && new URL(u).hostname !== "", "TRACETUNE_REDIS_URL must be a Redis URL such as redis://127.0.0.1:6379 (or rediss:// for TLS)")
    .optional(),
});

export type ServerEnv = z.infer<typeof serverEnvSchema>;

export function readServerEnv(env: Record<string, string | undefined> = process.env): ServerEnv {
  const parsed = serverEnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n  - ${lines.join("\n  - ")}`);
  }
  return parsed.data;
}

/** A URL with its password replaced, for logs and error messages. */
export function redactUrl(value: string): string {
  if (!URL.canParse(value)) return "(unparseable URL)";
  const url = new URL(value);
  if (url.password) url.password = "***";
  return url.toString();
}
