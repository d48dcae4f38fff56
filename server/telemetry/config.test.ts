import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_CONFIG, configHash, diffConfig, mergeAndValidate, validateConfig, type TelemetryConfig } from "./config";
import { createTelemetryRuntime, type TelemetryRuntime } from "./runtime";
import type { RuntimeEvent } from "./snapshot";
import type { ConfigChangedEvent } from "./types";

/** The failed result's error text, or a test failure if the patch was accepted. */
function refusal(patch: unknown, base: TelemetryConfig = DEFAULT_CONFIG): { error: string; paths: string[] } {
  const r = mergeAndValidate(base, patch);
  if (r.ok) throw new Error(`patch ${JSON.stringify(patch)} was accepted`);
  return { error: r.error, paths: r.issues.map((i) => i.path) };
}

const adaptive = { type: "adaptive", minRate: 0.01, maxRate: 1, targetRps: 100, adjustmentPeriod: 1 } as const;
const batching = { minBatchSize: 128, maxBatchSize: 4096, minIntervalMs: 1000, maxIntervalMs: 10000, targetQueueUtilization: 0.7 };
const memory = { warningThresholdMb: 100, criticalThresholdMb: 200, checkIntervalSeconds: 5 };

describe("config schema", () => {
  it("accepts the default config as it is", () => {
    const r = validateConfig(DEFAULT_CONFIG);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.config).toEqual(DEFAULT_CONFIG);
    expect(mergeAndValidate(DEFAULT_CONFIG, {}).ok).toBe(true);
  });

  it("accepts the guide's sampler, batching, attribute and guard examples", () => {
    const r = mergeAndValidate(DEFAULT_CONFIG, {
      sampleRate: 0.1,
      sampler: adaptive,
      dynamicBatching: batching,
      attributeProcessors: [{ type: "limiter", maxLength: 1024, maxArrayItems: 100, truncateMarker: "..." }],
      attributeFilters: [{ action: "keep", attributes: ["agent.name", "error.type", "status", "provider", "model"] }, { action: "remove", pattern: ".*" }],
      memoryMonitor: memory,
    });
    expect(r.ok).toBe(true);
    for (const sampler of [
      { type: "priority", rules: [{ attribute: "priority", value: "critical", rate: 1 }], defaultRate: 0.1 },
      { type: "tiered", levels: [{ level: "root", rate: 0.1 }, { level: "child", rate: 0.01 }, { level: "deep", minDepth: 5, rate: 0.001 }] },
    ])
      expect(mergeAndValidate(DEFAULT_CONFIG, { sampler }).ok).toBe(true);
  });

  it("refuses out-of-range and mistyped values with the key and a readable reason", () => {
    expect(refusal({ sampleRate: 2 }).error).toBe("Invalid config: sampleRate: must be between 0 and 1");
    expect(refusal({ sampleRate: -0.1 }).paths).toEqual(["sampleRate"]);
    const abc = refusal({ sampleRate: "abc" });
    expect(abc.paths).toEqual(["sampleRate"]);
    expect(abc.error).toMatch(/^Invalid config: sampleRate: .*number/i);
    expect(refusal({ maxQueueSize: -5 }).error).toBe("Invalid config: maxQueueSize: must be at least 1");
    expect(refusal({ maxQueueSize: 10.5 }).error).toBe("Invalid config: maxQueueSize: must be a whole number");
    expect(refusal({ otlpEndpoint: "ftp://collector" }).error).toContain("otlpEndpoint: must be an http(s) URL");
    expect(refusal({ queueOverflowStrategy: "panic" }).paths).toEqual(["queueOverflowStrategy"]);
  });

  it("refuses unknown keys, naming each one, at the top level and inside objects", () => {
    const top = refusal({ sampleRat: 0.5 });
    expect(top.error).toBe("Invalid config: sampleRat: unknown key");
    expect(refusal({ sampleRate: 0.5, bogus: 1, other: 2 }).paths.sort()).toEqual(["bogus", "other"]);
    expect(refusal({ sampler: { type: "ratio", rate: 0.5 } }).error).toContain("sampler.rate: unknown key");
    expect(refusal(null).error).toContain("must be a JSON object");
    expect(refusal([1, 2]).error).toContain("must be a JSON object");
  });

  it("enforces the cross-field rules with messages that say which rule", () => {
    expect(refusal({ sampler: { ...adaptive, minRate: 0.5, maxRate: 0.2 } }).error).toContain("sampler.minRate: minRate must not exceed maxRate");
    expect(refusal({ memoryMonitor: { ...memory, warningThresholdMb: 200 } }).error).toContain(
      "memoryMonitor.warningThresholdMb: warningThresholdMb must be below criticalThresholdMb",
    );
    expect(refusal({ dynamicBatching: { ...batching, minBatchSize: 5000 } }).error).toContain("minBatchSize must not exceed maxBatchSize");
    expect(refusal({ dynamicBatching: { ...batching, minIntervalMs: 20000 } }).error).toContain("minIntervalMs must not exceed maxIntervalMs");
    const regex = refusal({ attributeFilters: [{ action: "remove", pattern: "(unclosed" }] });
    expect(regex.paths).toEqual(["attributeFilters.0.pattern"]);
    expect(regex.error).toContain("invalid regular expression");
    expect(refusal({ sampler: { type: "tiered", levels: [{ level: "child", rate: 0.1, minDepth: 3 }] } }).error).toContain(
      "minDepth applies to the deep level only",
    );
    expect(refusal({ sampler: { type: "tiered", levels: [{ level: "root", rate: 0.1 }, { level: "root", rate: 0.2 }] } }).error).toContain(
      "each level may appear once",
    );
  });

  it("reads a stored config written before adaptiveCompression existed with its default, while a patch without the key leaves it alone", () => {
    const { adaptiveCompression: _added, ...older } = DEFAULT_CONFIG;
    const read = validateConfig(older);
    expect(read.ok && read.config.adaptiveCompression).toBe(true);
    const off = { ...DEFAULT_CONFIG, adaptiveCompression: false };
    const patched = mergeAndValidate(off, { sampleRate: 0.5 });
    expect(patched.ok && patched.config).toMatchObject({ sampleRate: 0.5, adaptiveCompression: false });
    expect(validateConfig({ ...DEFAULT_CONFIG, adaptiveCompression: "yes" }).ok).toBe(false);
  });

  it("configHash is stable across key order and changes with any value", () => {
    const reversed = Object.fromEntries(Object.entries(DEFAULT_CONFIG).reverse()) as TelemetryConfig;
    const nestedReordered = { ...DEFAULT_CONFIG, circuitBreaker: { minimumRequests: 5, windowSize: 20, halfOpenRequests: 10, timeoutDuration: 60, failureThreshold: 0.5 } };
    expect(configHash(reversed)).toBe(configHash(DEFAULT_CONFIG));
    expect(configHash(nestedReordered)).toBe(configHash(DEFAULT_CONFIG));
    expect(configHash(DEFAULT_CONFIG)).toMatch(/^[0-9a-f]{16}$/);
    expect(configHash({ ...DEFAULT_CONFIG, sampleRate: 0.99 })).not.toBe(configHash(DEFAULT_CONFIG));
  });

  it("diffConfig lists exactly the top-level keys that differ, with before and after", () => {
    expect(diffConfig(DEFAULT_CONFIG, { ...DEFAULT_CONFIG })).toEqual([]);
    const after = { ...DEFAULT_CONFIG, sampleRate: 0.25, circuitBreaker: null, sampler: { type: "ratio" as const } };
    expect(diffConfig(DEFAULT_CONFIG, after)).toEqual([
      { key: "sampleRate", from: 1, to: 0.25 },
      { key: "circuitBreaker", from: DEFAULT_CONFIG.circuitBreaker, to: null },
    ]);
  });
});

describe("runtime.apply", () => {
  let runtime: TelemetryRuntime;
  afterEach(async () => {
    await runtime?.shutdown({ deadlineMs: 100 });
  });

  it("a refused patch changes nothing: same config, version and hash, and says why", () => {
    runtime = createTelemetryRuntime({ exporterType: "none", sampleRate: 0.5 });
    const before = { config: structuredClone(runtime.config), version: runtime.version, hash: runtime.hash };
    const events: RuntimeEvent[] = [];
    const configs: ConfigChangedEvent[] = [];
    runtime.on("event", (e) => events.push(e));
    runtime.on("config", (c) => configs.push(c));
    // A valid key next to an invalid one: the valid one must not be applied either.
    for (const patch of [{ sampleRate: 0.1, maxQueueSize: -1 }, { sampleRate: 2 }, { nope: true }, { sampler: { ...adaptive, minRate: 0.9, maxRate: 0.1 } }]) {
      const r = runtime.apply(patch, { actor: "alice", source: "ui" });
      expect(r.status).toBe("failed");
      expect(runtime.config).toEqual(before.config);
      expect(runtime.version).toBe(before.version);
      expect(runtime.hash).toBe(before.hash);
      expect(runtime.getSampleRate()).toBe(0.5);
      expect(runtime.snapshot().sampler.configuredRate).toBe(0.5);
    }
    expect(configs).toEqual([]);
    expect(events.filter((e) => e.type === "config_rejected")).toHaveLength(4);
  });

  it("an accepted patch bumps the version, changes the hash and reports the changed keys", () => {
    runtime = createTelemetryRuntime({ exporterType: "none" });
    const v = runtime.version;
    const h = runtime.hash;
    const configs: ConfigChangedEvent[] = [];
    runtime.on("config", (c) => configs.push(c));
    const r = runtime.apply({ sampleRate: 0.25, batchSize: 512 }, { actor: "bob", source: "api" });
    expect(r).toEqual({ status: "applied", version: v + 1, hash: runtime.hash, changed: ["sampleRate", "batchSize"] });
    expect(runtime.hash).not.toBe(h);
    expect(runtime.hash).toBe(configHash(runtime.config));
    expect(runtime.config.sampleRate).toBe(0.25);
    expect(runtime.snapshot()).toMatchObject({ configVersion: v + 1, configHash: runtime.hash, batching: { batchSize: 512 } });
    expect(configs).toHaveLength(1);
    expect(configs[0].meta).toEqual({ actor: "bob", source: "api" });
    expect(configs[0].changes.map((c) => c.key)).toEqual(["sampleRate", "batchSize"]);
  });

  it("a patch that changes nothing keeps the version and hash", () => {
    runtime = createTelemetryRuntime({ exporterType: "none", sampleRate: 0.3 });
    const v = runtime.version;
    const h = runtime.hash;
    let configEvents = 0;
    runtime.on("config", () => configEvents++);
    for (const patch of [{}, { sampleRate: 0.3 }, { circuitBreaker: { ...DEFAULT_CONFIG.circuitBreaker } }]) {
      expect(runtime.apply(patch)).toEqual({ status: "applied", version: v, hash: h, changed: [] });
    }
    expect(runtime.version).toBe(v);
    expect(configEvents).toBe(0);
  });

  it("a listener that throws does not break the apply or the other listeners", () => {
    runtime = createTelemetryRuntime({ exporterType: "none" });
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    const seen: number[] = [];
    runtime.on("config", () => {
      throw new Error("dashboard bug");
    });
    runtime.on("config", (c) => seen.push(c.version));
    const r = runtime.apply({ sampleRate: 0.5 });
    quiet.mockRestore();
    expect(r.status).toBe("applied");
    expect(seen).toEqual([runtime.version]);
    expect(runtime.config.sampleRate).toBe(0.5);
  });

  it("createTelemetryRuntime refuses an invalid starting config", () => {
    expect(() => createTelemetryRuntime({ sampleRate: 7 })).toThrow(/sampleRate: must be between 0 and 1/);
    expect(() => createTelemetryRuntime({ samplerate: 1 })).toThrow(/samplerate: unknown key/);
  });
});
