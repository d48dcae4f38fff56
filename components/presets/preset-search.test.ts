import { describe, expect, it } from "vitest";
import { matchesSearch } from "./preset-search";

describe("preset search", () => {
  const cafe = { name: "Café rush", description: "Lunch peak, 5 % sampling" };

  it("ignores case and accents and matches name or description", () => {
    expect(matchesSearch(cafe, "cafe")).toBe(true);
    expect(matchesSearch(cafe, "LUNCH")).toBe(true);
    expect(matchesSearch(cafe, "dinner")).toBe(false);
  });

  it("needs every word, in any order; an empty query matches everything", () => {
    expect(matchesSearch(cafe, "peak café")).toBe(true);
    expect(matchesSearch(cafe, "peak dinner")).toBe(false);
    expect(matchesSearch(cafe, "   ")).toBe(true);
    expect(matchesSearch({ name: "Debug", description: null }, "deb")).toBe(true);
  });
});
