import { describe, expect, it } from "vitest";
import { attemptedKeys, changedKeysSummary, formatAgo, formatEntryTime, sourceLabel } from "./history-format";

const at = (y: number, m: number, d: number, h = 0, min = 0, s = 0) => new Date(y, m - 1, d, h, min, s);

describe("history entry times", () => {
  const now = at(2026, 11, 24, 15, 0, 0);

  it("shows the clock with seconds today, the date otherwise", () => {
    expect(formatEntryTime(at(2026, 11, 24, 9, 5, 7).toISOString(), now)).toBe("09:05:07");
    expect(formatEntryTime(at(2026, 11, 23, 14, 3).toISOString(), now)).toBe("Nov 23, 14:03");
    expect(formatEntryTime(at(2025, 2, 1, 8, 0).toISOString(), now)).toBe("Feb 1 2025, 08:00");
    expect(formatEntryTime("not a date", now)).toBe("not a date");
  });

  it("says how long ago", () => {
    expect(formatAgo(new Date(now.getTime() - 2000).toISOString(), now)).toBe("just now");
    expect(formatAgo(new Date(now.getTime() - 42_000).toISOString(), now)).toBe("42 s ago");
    expect(formatAgo(new Date(now.getTime() - 5 * 60_000).toISOString(), now)).toBe("5 min ago");
    expect(formatAgo(new Date(now.getTime() - 3 * 3_600_000).toISOString(), now)).toBe("3 h ago");
    expect(formatAgo(new Date(now.getTime() - 50 * 3_600_000).toISOString(), now)).toBe("2 d ago");
  });
});

describe("history entry labels", () => {
  it("names sources in an operator's words, unknown ones as they are", () => {
    expect(sourceLabel("ui")).toBe("dashboard");
    expect(sourceLabel("startup")).toBe("server start");
    expect(sourceLabel("martian")).toBe("martian");
  });

  it("shortens long key lists and reads the keys a refused patch tried", () => {
    expect(changedKeysSummary(["a", "b", "c"], 2)).toEqual({ shown: ["a", "b"], more: 1 });
    expect(changedKeysSummary([], 2)).toEqual({ shown: [], more: 0 });
    expect(attemptedKeys({ sampleRate: 2, batchSize: 1 })).toEqual(["sampleRate", "batchSize"]);
    expect(attemptedKeys("not an object")).toEqual([]);
    expect(attemptedKeys(null)).toEqual([]);
  });
});
