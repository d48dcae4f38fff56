import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../server/telemetry/config";
import { formatConfigValue, overwriteChanges } from "./config-value";
import { BUILTIN_RECEIVER_MARKER } from "./preset-match";

describe("config values in a diff", () => {
  it("shows scalars as they are, null as off, the marker as the built-in receiver", () => {
    expect(formatConfigValue(0.25)).toBe("0.25");
    expect(formatConfigValue(false)).toBe("false");
    expect(formatConfigValue("drop_oldest")).toBe("drop_oldest");
    expect(formatConfigValue(null)).toBe("off (null)");
    expect(formatConfigValue(undefined)).toBe("(not set)");
    expect(formatConfigValue(BUILTIN_RECEIVER_MARKER)).toBe("built-in receiver");
  });

  it("shows objects as compact JSON with sorted keys", () => {
    expect(formatConfigValue({ type: "adaptive", minRate: 0.1 })).toBe('{"minRate": 0.1, "type": "adaptive"}');
    expect(formatConfigValue([])).toBe("[]");
  });
});

describe("overwriting a preset with the running config", () => {
  const running = { ...DEFAULT_CONFIG, otlpEndpoint: "http://127.0.0.1:3000/v1/traces", sampleRate: 0.5 };

  it("lists the keys whose values change and the keys the preset will newly set", () => {
    const changes = overwriteChanges({ sampleRate: 0.1, batchSize: running.batchSize }, running);
    expect(changes.find((c) => c.key === "sampleRate")).toEqual({ key: "sampleRate", from: 0.1, to: 0.5 });
    expect(changes.find((c) => c.key === "batchSize")).toBeUndefined();
    expect(changes.find((c) => c.key === "maxQueueSize")).toEqual({ key: "maxQueueSize", from: undefined, to: running.maxQueueSize });
    expect(changes).toHaveLength(Object.keys(running).length - 1);
  });

  it("a preset saved from this very config changes nothing, the receiver marker included", () => {
    expect(overwriteChanges({ ...running, otlpEndpoint: BUILTIN_RECEIVER_MARKER }, running)).toEqual([]);
  });
});
