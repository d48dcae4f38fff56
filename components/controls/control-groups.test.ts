import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../server/telemetry/config";
import { CONTROL_GROUPS, groupOfKey, groupOfPath } from "./control-groups";

describe("control groups", () => {
  it("give every config key exactly one tab", () => {
    const keys = CONTROL_GROUPS.flatMap((g) => [...g.keys]);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual(Object.keys(DEFAULT_CONFIG).sort());
  });

  it("find the tab of a key or an issue path", () => {
    expect(groupOfKey("otlpCompression")).toBe("export");
    expect(groupOfPath("circuitBreaker.timeoutDuration")).toBe("breaker");
    expect(groupOfPath("sampler.rules.0.rate")).toBe("sampling");
    expect(groupOfPath("(root)")).toBeNull();
  });
});
