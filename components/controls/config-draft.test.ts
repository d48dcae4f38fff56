import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../server/telemetry/config";
import { changedKeys, changesSince, formatValue, isStaleRefusal, prune, setAt, setField, validateDraft, valueAt, type Draft } from "./config-draft";

const running = DEFAULT_CONFIG;

describe("config draft", () => {
  it("shows the running value until a field is edited, then the draft's", () => {
    let d: Draft = {};
    expect(valueAt(running, d, ["batchSize"])).toBe(2048);
    d = setField(running, d, ["batchSize"], 1024);
    expect(valueAt(running, d, ["batchSize"])).toBe(1024);
    expect(changedKeys(d)).toEqual(["batchSize"]);
  });

  it("copies a nested key whole, and forgets it when edited back", () => {
    let d = setField(running, {}, ["circuitBreaker", "timeoutDuration"], 5);
    expect(d.circuitBreaker).toEqual({ ...running.circuitBreaker, timeoutDuration: 5 });
    d = setField(running, d, ["circuitBreaker", "timeoutDuration"], 60);
    expect(d).toEqual({});
  });

  it("edits array items without touching the running config", () => {
    const base = { ...running, sampler: { type: "priority" as const, rules: [{ attribute: "priority", value: "high", rate: 0.5 }], defaultRate: 0.1 } };
    const d = setField(base, {}, ["sampler", "rules", 0, "rate"], 0.9);
    expect(valueAt(base, d, ["sampler", "rules", 0, "rate"])).toBe(0.9);
    expect(base.sampler.rules[0].rate).toBe(0.5);
    expect(Array.isArray((d.sampler as { rules: unknown }).rules)).toBe(true);
    expect(setAt(undefined, [0, "a"], 1)).toEqual([{ a: 1 }]);
  });

  it("validates with the server's schema and keys errors by field path", () => {
    const zero = validateDraft(running, setField(running, {}, ["batchSize"], 0));
    expect(zero.ok).toBe(false);
    expect(zero.errors.batchSize).toBe("must be at least 1");
    const cross = validateDraft(running, setField(running, {}, ["maxQueueSize"], 100));
    expect(cross.errors.batchSize).toBe("batchSize must not exceed maxQueueSize");
    const nested = validateDraft(running, setField(running, {}, ["circuitBreaker", "failureThreshold"], 2));
    expect(nested.errors["circuitBreaker.failureThreshold"]).toBe("must be at most 1");
    const typed = validateDraft(running, setField(running, {}, ["exportTimeoutMs"], "abc"));
    expect(typed.ok).toBe(false);
    expect(typed.errors.exportTimeoutMs).toBeDefined();
    expect(validateDraft(running, {}).ok).toBe(true);
    expect(validateDraft(running, setField(running, {}, ["otlpCompression"], "none")).ok).toBe(true);
  });

  it("prunes keys the running config caught up with", () => {
    const d = setField(running, setField(running, {}, ["batchSize"], 1024), ["otlpCompression"], "none");
    const after = prune({ ...running, batchSize: 1024 }, d);
    expect(changedKeys(after)).toEqual(["otlpCompression"]);
    expect(prune(running, d)).toBe(d);
  });

  it("recognises a stale refusal and lists what moved on meanwhile", () => {
    expect(isStaleRefusal({ status: "failed", error: "Stale edit: it was based on config v3, but v4 is running now.", issues: [{ path: "(root)", message: "stale baseVersion" }] })).toBe(true);
    expect(isStaleRefusal({ status: "failed", error: "Invalid config: batchSize: must be at least 1", issues: [] })).toBe(false);
    expect(changesSince(running, { ...running, sampleRate: 0.5 })).toEqual([{ key: "sampleRate", from: 1, to: 0.5 }]);
    expect(formatValue(null)).toBe("off");
    expect(formatValue({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });
});
