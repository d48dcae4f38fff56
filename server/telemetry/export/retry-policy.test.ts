import { describe, expect, it } from "vitest";
import { seededRandom } from "../test-support";
import { backoffDelayMs, isRetryableStatus, parseRetryAfter, sleep } from "./retry-policy";

const NOW = Date.parse("2025-06-01T12:00:00Z");

describe("parseRetryAfter", () => {
  it("reads delay-seconds, whole or fractional, from a string or the first of an array", () => {
    expect(parseRetryAfter("5", NOW)).toBe(5000);
    expect(parseRetryAfter(" 2 ", NOW)).toBe(2000);
    expect(parseRetryAfter("1.5", NOW)).toBe(1500);
    expect(parseRetryAfter("0", NOW)).toBe(0);
    expect(parseRetryAfter(["3", "9"], NOW)).toBe(3000);
  });

  it("reads an HTTP date as the time left until it (0 when already past)", () => {
    expect(parseRetryAfter("Sun, 01 Jun 2025 12:00:30 GMT", NOW)).toBe(30_000);
    expect(parseRetryAfter("Sun, 01 Jun 2025 11:00:00 GMT", NOW)).toBe(0);
  });

  it("returns undefined when absent or unreadable", () => {
    for (const v of [undefined, "", "soon", "1e3", "5 s", "12abc", []]) expect(parseRetryAfter(v as string | undefined, NOW)).toBeUndefined();
  });

  it("does not read garbage as a date just because V8's lenient Date.parse accepts it", () => {
    // Date.parse("-1") is 2001-01-01 and Date.parse("later 5") is 2001-05-01 in V8: these are not
    // HTTP dates, and must not turn into "retry now" (0 ms) and skip the exponential backoff.
    for (const v of ["-1", "later 5", "Retry 1", "abc 2030"]) expect(parseRetryAfter(v, NOW), v).toBeUndefined();
  });
});

describe("backoffDelayMs", () => {
  it("uses the server's Retry-After when given, as is", () => {
    expect(backoffDelayMs(1, 1234)).toBe(1234);
    expect(backoffDelayMs(5, 0)).toBe(0);
  });

  it("is exponential with jitter in [cap/2, cap], capped at 5 s", () => {
    const caps = [100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000];
    caps.forEach((cap, i) => {
      const attempt = i + 1;
      expect(backoffDelayMs(attempt, undefined, () => 0)).toBe(cap / 2);
      expect(backoffDelayMs(attempt, undefined, () => 0.999999)).toBe(cap);
    });
    const rand = seededRandom(3);
    for (let i = 0; i < 1000; i++) {
      const attempt = 1 + (i % 10);
      const cap = Math.min(5000, 100 * 2 ** (attempt - 1));
      const d = backoffDelayMs(attempt, undefined, rand);
      expect(d).toBeGreaterThanOrEqual(cap / 2);
      expect(d).toBeLessThanOrEqual(cap);
    }
  });
});

describe("retryable statuses and sleep", () => {
  it("retries only 429, 502, 503 and 504 (OTLP/HTTP spec)", () => {
    expect([429, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([200, 400, 401, 403, 404, 413, 500, 501].some(isRetryableStatus)).toBe(false);
  });

  it("sleep ends early when its signal aborts, and at once when already aborted", async () => {
    const ac = new AbortController();
    const t0 = Date.now();
    const waiting = sleep(10_000, ac.signal);
    setTimeout(() => ac.abort(), 20);
    await waiting;
    expect(Date.now() - t0).toBeLessThan(5000);
    await sleep(10_000, ac.signal);
    expect(Date.now() - t0).toBeLessThan(5000);
  });
});
