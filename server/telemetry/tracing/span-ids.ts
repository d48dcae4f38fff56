/**
 * Trace and span ids, as the hex strings the OpenTelemetry API carries.
 *
 * Why a pool: the SDK's RandomIdGenerator fills a small buffer with Math.random and decodes it
 * to hex on every id (a native call and a fresh string each time). Here one native call fills
 * 32 KiB of cryptographic randomness and decodes it to one hex string; an id is then a substring
 * of it (a few nanoseconds, no native call). V8 keeps such a substring as a slice that points
 * into the pool, so a pool's 64 KiB string lives as long as any id cut from it: with thousands
 * of spans queued that is a few pools, a few hundred KB at most (measured in the memory
 * benchmark's per-span figure).
 *
 * Invariant: never returns an all-zero id (invalid in W3C trace context and OTLP).
 */
import { randomFillSync } from "node:crypto";

const POOL_BYTES = 32 * 1024;
const bytes = Buffer.allocUnsafe(POOL_BYTES);
let pool = "";
let offset = 0;

const ZERO_TRACE_ID = "0".repeat(32);
const ZERO_SPAN_ID = "0".repeat(16);

function take(chars: number): string {
  if (offset + chars > pool.length) {
    randomFillSync(bytes);
    pool = bytes.toString("hex");
    offset = 0;
  }
  const id = pool.substring(offset, offset + chars);
  offset += chars;
  return id;
}

export function newTraceId(): string {
  let id = take(32);
  while (id === ZERO_TRACE_ID) id = take(32);
  return id;
}

export function newSpanId(): string {
  let id = take(16);
  while (id === ZERO_SPAN_ID) id = take(16);
  return id;
}
