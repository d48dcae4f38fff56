import { describe, expect, it } from "vitest";
import { seededRandom } from "../test-support";
import { limitValue, truncateString, type LimiterSettings } from "./attribute-limiter";

const hasLoneSurrogate = (s: string) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

describe("truncateString", () => {
  it("cuts to maxLength including the marker", () => {
    expect(truncateString("hello world", 8, "...")).toBe("hello...");
    expect(truncateString("hello world", 8, "")).toBe("hello wo");
    expect(truncateString("hello", 5, "...")).toBe("hello");
  });

  it("drops a marker that does not fit instead of returning only the marker", () => {
    expect(truncateString("abcdefgh", 2, "...")).toBe("ab");
    expect(truncateString("abcdefgh", 3, "...")).toBe("abc");
    expect(truncateString("abcdefgh", 4, "...")).toBe("a...");
  });

  it("never splits a surrogate pair", () => {
    const s = "ab\u{1F600}cd"; // a b <high><low> c d
    expect(truncateString(s, 3, "")).toBe("ab");
    expect(truncateString(s, 4, "")).toBe("ab\u{1F600}");
    expect(truncateString(s, 4, "~")).toBe("ab~");
  });

  it("property: result is a prefix plus the marker, within maxLength, with no lone surrogate (2000 random cases)", () => {
    const rand = seededRandom(7);
    const pieces = ["a", "é", "\u{1F600}", "\u{1F9D1}\u{200D}\u{1F4BB}", "z", "\u{10348}"];
    for (let i = 0; i < 2000; i++) {
      let value = "";
      const n = Math.floor(rand() * 20);
      for (let j = 0; j < n; j++) value += pieces[Math.floor(rand() * pieces.length)];
      const max = 1 + Math.floor(rand() * 12);
      const marker = ["", "...", "…", "[cut]"][Math.floor(rand() * 4)];
      const out = truncateString(value, max, marker);
      expect(out.length).toBeLessThanOrEqual(Math.max(max, 0));
      expect(hasLoneSurrogate(out)).toBe(false);
      if (value.length <= max) expect(out).toBe(value);
      else {
        const body = marker.length < max && out.endsWith(marker) ? out.slice(0, out.length - marker.length) : out;
        expect(value.startsWith(body)).toBe(true);
        if (marker.length < max) expect(out.endsWith(marker)).toBe(true);
      }
    }
  });
});

describe("limitValue", () => {
  const s: LimiterSettings = { maxLength: 5, maxArrayItems: 3, truncateMarker: "~" };
  const counters = () => ({ valuesTruncated: 0, arraysTruncated: 0 });

  it("truncates long strings and counts them", () => {
    const c = counters();
    expect(limitValue("abcdefgh", s, c)).toBe("abcd~");
    expect(limitValue("abcde", s, c)).toBe("abcde");
    expect(c).toEqual({ valuesTruncated: 1, arraysTruncated: 0 });
  });

  it("keeps the first maxArrayItems of an array and cuts its long strings, without touching the original", () => {
    const c = counters();
    const original = ["abcdefgh", "ok", "xyzxyzxyz", "dropped"];
    expect(limitValue(original, s, c)).toEqual(["abcd~", "ok", "xyzx~"]);
    expect(original).toEqual(["abcdefgh", "ok", "xyzxyzxyz", "dropped"]);
    expect(c).toEqual({ valuesTruncated: 2, arraysTruncated: 1 });
    expect(limitValue([1, 2, 3, 4, 5], s, c)).toEqual([1, 2, 3]);
    expect(c.arraysTruncated).toBe(2);
  });

  it("returns the same reference when nothing changes", () => {
    const c = counters();
    const arr = ["a", "b"];
    expect(limitValue(arr, s, c)).toBe(arr);
    expect(limitValue(42, s, c)).toBe(42);
    expect(limitValue(true, s, c)).toBe(true);
    expect(c).toEqual({ valuesTruncated: 0, arraysTruncated: 0 });
  });
});
