import { describe, expect, it } from "vitest";
import { lastSeenText, parseRatePercent, parseTargetValue, resultText, targetValue } from "./fleet-format";
import { appendThroughput, sparklinePoints } from "./throughput-history";

describe("fleet view formatting", () => {
  it("says what each target answered", () => {
    expect(resultText({ status: "applied", version: 4, hash: "h", changed: ["sampleRate"] })).toBe("applied v4");
    expect(resultText({ status: "applied", version: 4, hash: "h", changed: [] })).toBe("applied v4 (already running)");
    expect(resultText({ status: "failed", error: "sampleRate: too big", issues: [] })).toBe("failed: sampleRate: too big");
    expect(resultText({ status: "unreachable", error: "no answer within 5 s" })).toBe("unreachable: no answer within 5 s");
  });

  it("round-trips targets through a select value, service names with slashes included", () => {
    for (const t of [{ kind: "all" } as const, { kind: "service", service: "a/b" } as const, { kind: "instance", service: "a/b", instance: "pod-1" } as const])
      expect(parseTargetValue(targetValue(t))).toEqual(t);
    expect(parseTargetValue("bogus")).toBeNull();
  });

  it("reads a typed percent and refuses what is not one", () => {
    expect(parseRatePercent("12.5")).toEqual({ ok: true, rate: 0.125 });
    expect(parseRatePercent(" 20 % ")).toEqual({ ok: true, rate: 0.2 });
    expect(parseRatePercent("101").ok).toBe(false);
    expect(parseRatePercent("abc").ok).toBe(false);
    expect(parseRatePercent("").ok).toBe(false);
  });

  it("tells how long ago a runtime was seen", () => {
    expect(lastSeenText(10_000, 11_000)).toBe("now");
    expect(lastSeenText(0, 42_000)).toBe("42 s ago");
    expect(lastSeenText(0, 600_000)).toBe("10 min ago");
  });
});

describe("per-service throughput history", () => {
  const list = (ts: number, services: [string, number][]) => ({ ts, services: services.map(([service, exportedPerSec]) => ({ service, members: [], hashMismatch: false, exportedPerSec })) });

  it("keeps the last points per service and forgets services that left", () => {
    let h = appendThroughput({}, list(1, [["a", 1], ["b", 2]]), 2);
    h = appendThroughput(h, list(2, [["a", 3], ["b", 4]]), 2);
    h = appendThroughput(h, list(3, [["a", 5]]), 2);
    expect(h).toEqual({ a: [{ ts: 2, value: 3 }, { ts: 3, value: 5 }] });
  });

  it("draws the peak at the top and zero at the bottom", () => {
    expect(sparklinePoints([0, 10, 5], 100, 20)).toBe("0.0,20.0 50.0,0.0 100.0,10.0");
    expect(sparklinePoints([], 100, 20)).toBe("");
  });
});
