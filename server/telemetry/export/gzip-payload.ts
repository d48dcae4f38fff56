/**
 * gzip of one export payload on libuv's thread pool, with the output in one chunk.
 *
 * Why not plain `zlib.gzip(raw)`: its output chunk is 16 KB, and every full chunk is a round trip
 * between the pool and the application thread, with a stream callback (push, a fresh 16 KB
 * buffer, a new write) on the application thread each time. A 2048-span batch compresses to about
 * 110 KB: seven round trips, which measured 0.9-2.0 ms of application-thread CPU per batch against
 * 0.25-0.5 ms with one chunk (scratch A/B on 480 KB protobuf batches; the remainder is zlib's own
 * set-up). That is about 0.4 us per exported span on the thread the host application runs on.
 *
 * The chunk is sized from the compression ratio seen so far, with a margin: too small costs one
 * more round trip (still correct, zlib continues in a second chunk), too large holds memory the
 * compressed body does not need while the request is in flight.
 */
import zlib from "node:zlib";
import { promisify } from "node:util";

const gzip = promisify(zlib.gzip);

const MIN_CHUNK = 16 * 1024;
/** gzip's header and trailer, and deflate's block overhead on a small payload. */
const SLACK_BYTES = 1024;
/** Compressed / raw size per level, learned from every payload (moving average); starts pessimistic. */
const ratios = new Map<number, number>();
const INITIAL_RATIO = 0.5;

/** The output chunk size for a payload of `rawBytes` at `level`: the expected compressed size plus 25%. */
export function gzipChunkSize(rawBytes: number, level: number): number {
  const ratio = ratios.get(level) ?? INITIAL_RATIO;
  return Math.max(MIN_CHUNK, Math.ceil(rawBytes * Math.min(1, ratio * 1.25)) + SLACK_BYTES);
}

export async function gzipPayload(raw: Uint8Array, level: number): Promise<Buffer> {
  const body = await gzip(raw, { level, chunkSize: gzipChunkSize(raw.byteLength, level) });
  if (raw.byteLength >= MIN_CHUNK) ratios.set(level, 0.75 * (ratios.get(level) ?? INITIAL_RATIO) + 0.25 * (body.byteLength / raw.byteLength));
  return body;
}
