import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../server/telemetry/config";
import { BUILTIN_RECEIVER_MARKER, presetHighlights, presetMatchesRunning } from "./preset-match";

describe("preset matching", () => {
  it("matches when every key the preset sets equals the running value", () => {
    expect(presetMatchesRunning({ sampleRate: 1, batchSize: 2048 }, DEFAULT_CONFIG)).toBe(true);
    expect(presetMatchesRunning({ sampleRate: 0.1 }, DEFAULT_CONFIG)).toBe(false);
    expect(presetMatchesRunning({ sampler: { type: "ratio" } }, DEFAULT_CONFIG)).toBe(true);
  });

  it("treats the built-in receiver marker as the running endpoint", () => {
    const running = { ...DEFAULT_CONFIG, otlpEndpoint: "http://127.0.0.1:3107/v1/traces" };
    expect(presetMatchesRunning({ ...running, otlpEndpoint: BUILTIN_RECEIVER_MARKER }, running)).toBe(true);
    expect(presetMatchesRunning({ otlpEndpoint: "http://elsewhere:4318/v1/traces" }, running)).toBe(false);
  });

  it("lists the key values a preset sets, in a fixed order", () => {
    expect(presetHighlights({ batchSize: 512, sampleRate: 0.05, exportIntervalMs: 2500 })).toEqual(["rate 5.00 %", "batch 512", "every 2.5 s"]);
    expect(presetHighlights({ enabled: false, exporterType: "console" })).toEqual(["telemetry off", "console exporter"]);
    expect(presetHighlights({})).toEqual([]);
  });
});
