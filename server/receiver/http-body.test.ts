import { describe, expect, it } from "vitest";
import { gzipSync } from "node:zlib";
import { decompressBody, gunzipChunkSize } from "./http-body";
import { makeSpans, protobufBody } from "./test-fixtures";

const LIMIT = 16 * 1024 * 1024;

describe("decompressBody's output chunk", () => {
  it("after a few bodies, sizes the chunk so that a like body inflates in one piece", async () => {
    const raw = protobufBody(await makeSpans("svc", 400, { prompt: "word ".repeat(60), n: 3 }));
    const wire = gzipSync(raw);
    // This body inflates ~17x; the learned ratio at most doubles per body (from 6).
    for (let i = 0; i < 3; i++) expect(await decompressBody(wire, true, LIMIT)).toEqual({ ok: true, body: raw });
    const chunk = gunzipChunkSize(wire.length, LIMIT);
    expect(chunk).toBeGreaterThanOrEqual(raw.length);
    expect(chunk).toBeLessThan(raw.length * 2);
  });

  it("learns from a gzip bomb only up to a bounded ratio, and still refuses it with 413", async () => {
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024));
    for (let i = 0; i < 20; i++) expect(await decompressBody(bomb, true, LIMIT)).toMatchObject({ ok: true });
    expect(gunzipChunkSize(bomb.length, LIMIT)).toBeLessThanOrEqual(Math.ceil(bomb.length * 16 * 1.25) + 1024);
    expect(await decompressBody(bomb, true, 1024 * 1024)).toMatchObject({ ok: false, status: 413 });
  });
});
