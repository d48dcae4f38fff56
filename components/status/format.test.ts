import { describe, expect, it } from "vitest";
import { formatBytes, formatCoreShare, formatCount, formatDuration, formatPercent, shortHash } from "./format";

describe("format", () => {
  it("formats span rates for a glance", () => {
    expect(formatCount(0)).toBe("0.0");
    expect(formatCount(4.26)).toBe("4.3");
    expect(formatCount(1234.4)).toBe("1,234");
    expect(formatCount(45_600)).toBe("45.6k");
    expect(formatCount(12_300_000)).toBe("12.3M");
    expect(formatCount(Number.NaN)).toBe("–");
  });

  it("formats bytes in binary units", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(3.5 * 1024)).toBe("3.5 KB");
    expect(formatBytes(187.25 * 1024 * 1024)).toBe("187.3 MB");
    expect(formatBytes(1.5 * 1024 ** 3)).toBe("1.50 GB");
    expect(formatBytes(-1)).toBe("–");
  });

  it("formats CPU ms per second as a share of one core", () => {
    expect(formatCoreShare(0.4)).toBe("0.04 %");
    expect(formatCoreShare(32)).toBe("3.2 %");
    expect(formatCoreShare(850)).toBe("85 %");
    expect(formatCoreShare(Number.NaN)).toBe("–");
  });

  it("formats fractions, hashes and durations", () => {
    expect(formatPercent(0.4523)).toBe("45.2 %");
    expect(shortHash("0123456789abcdef")).toBe("0123456");
    expect(formatDuration(42.9)).toBe("42 s");
    expect(formatDuration(754)).toBe("12 min");
    expect(formatDuration(3 * 3600 + 5 * 60)).toBe("3 h 5 min");
  });
});
