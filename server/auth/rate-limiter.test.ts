import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limiter";

/** A limiter on a clock the test moves. */
function limiter(perSecond: number, burst: number, maxClients?: number) {
  let now = 1_000_000;
  const l = new RateLimiter(perSecond, burst, () => now, maxClients);
  return { l, advance: (ms: number) => (now += ms), takeN: (client: string, n: number) => Array.from({ length: n }, () => l.take(client)).filter(Boolean).length };
}

describe("RateLimiter", () => {
  it("allows a burst, then refills at the sustained rate", () => {
    const { l, advance, takeN } = limiter(20, 40);
    expect(takeN("a", 50)).toBe(40);
    expect(l.take("a")).toBe(false);
    advance(100); // 2 tokens at 20/s
    expect(takeN("a", 5)).toBe(2);
    advance(10_000); // never more than the burst
    expect(takeN("a", 50)).toBe(40);
  });

  it("keeps one budget per client", () => {
    const { l, takeN } = limiter(20, 40);
    expect(takeN("script", 60)).toBe(40);
    expect(takeN("dashboard", 10)).toBe(10);
    expect(l.take("script")).toBe(false);
  });

  it("past its capacity forgets the client seen longest ago, not everyone", () => {
    const { l, advance, takeN } = limiter(1, 5, 3);
    expect(takeN("busy", 5)).toBe(5); // spent
    advance(10);
    takeN("b", 1);
    takeN("c", 1);
    expect(l.take("busy")).toBe(false); // "busy" used most recently now
    takeN("d", 1); // a fourth client: "b" (seen longest ago) is forgotten, "busy" stays spent
    expect(l.take("busy")).toBe(false);
    expect(takeN("b", 5)).toBe(5); // forgotten: starts with a full bucket
  });
});
