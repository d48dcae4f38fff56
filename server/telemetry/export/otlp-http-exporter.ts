/**
 * OTLP/HTTP exporter: protobuf (default) or JSON, gzip at a chosen level, a keep-alive agent whose
 * socket pool is the configured pool size, a per-attempt timeout, and retries per the OTLP spec.
 *
 * Protobuf payloads come from our own encoder (otlp-proto-encoder.ts, about 4x faster than the
 * generic serializer, same message); JSON from OpenTelemetry's serializer.
 * Compression runs through zlib's async API, i.e. on libuv's thread pool, not on the application
 * thread, in one output chunk (gzip-payload.ts). The response's partial_success is honoured:
 * rejected spans count as failed, so "exported" is exactly what the collector accepted.
 */
import http from "node:http";
import https from "node:https";
import zlib from "node:zlib";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { JsonTraceSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { adaptiveCompressionApplies, FAST_COMPRESSION_LEVEL } from "../config";
import { gzipPayload } from "./gzip-payload";
import { encodeTraceExportRequestInto } from "./otlp-proto-encoder";
import type { ProtoWriter } from "./proto-writer";
import { WriterPool } from "./writer-pool";
import { backoffDelayMs, isRetryableStatus, parseRetryAfter, sleep } from "./retry-policy";
import { failedOutcome, type ExportHints, type ExportOutcome, type SpanExporterStrategy } from "./span-exporter";

/** Encoding buffers shared by every OTLP exporter in the process (see WriterPool). */
const writers = new WriterPool();

/**
 * Microseconds of CPU per raw byte gzip spends at each level, measured on a real payload: once,
 * or twice when the first payload was too small to be representative (`final` false).
 */
const gzipUsPerByte = new Map<number, { rate: number; final: boolean }>();

/**
 * The calibration compresses at most this much of the payload, synchronously, on the
 * application thread: a whole batch (hundreds of KB) took 15-20 ms there, a visible stall of the
 * host's event loop at its first export. 64 KB takes about 1 ms and gives a per-byte rate within
 * about 15% of a whole batch's (measured on the benchmark's spans: 11.5 against 13.2 ns/byte).
 */
const CALIBRATION_BYTES = 64 * 1024;

/**
 * Below this a payload's cost is mostly zlib's set-up, not bytes: a rate measured on a smaller
 * first payload (a timer's few spans) is provisional, and the first payload of at least this size
 * measures the level again, or every later batch's cost would be overstated many times over.
 */
const MIN_CALIBRATION_BYTES = 16 * 1024;

function gzipCostUs(raw: Uint8Array, level: number): number {
  let known = gzipUsPerByte.get(level);
  if (!known || (!known.final && raw.byteLength >= MIN_CALIBRATION_BYTES)) {
    // Synchronous compression of a slice of this payload (best of two), at most twice per level per process.
    const sample = raw.subarray(0, Math.min(raw.byteLength, CALIBRATION_BYTES));
    let best = Infinity;
    for (let i = 0; i < 2; i++) {
      const t = performance.now();
      zlib.gzipSync(sample, { level });
      best = Math.min(best, (performance.now() - t) * 1000);
    }
    known = { rate: best / Math.max(1, sample.byteLength), final: sample.byteLength >= MIN_CALIBRATION_BYTES };
    gzipUsPerByte.set(level, known);
  }
  return known.rate * raw.byteLength;
}

export interface OtlpHttpSettings {
  endpoint: string;
  protocol: "http/protobuf" | "http/json";
  compression: "gzip" | "none";
  compressionLevel: number;
  /**
   * Gzip at FAST_COMPRESSION_LEVEL while export is behind: the scheduler says a full batch waits
   * behind this one, or a full batch starts while another batch of this exporter is still being
   * compressed (full batches arrive faster than compression finishes them; network latency
   * cannot cause that, as a batch is compressed before it is sent). A remainder sent by a timer
   * or a flush right after a full batch does not count as behind.
   */
  adaptiveCompression: boolean;
  timeoutMs: number;
  maxAttempts: number;
  poolSize: number;
  keepAlive: boolean;
  keepAliveMs: number;
  headers?: Record<string, string>;
}

interface AttemptResult {
  ok: boolean;
  retryable: boolean;
  status?: number;
  retryAfterMs?: number;
  body?: Buffer;
  error?: string;
}

export class OtlpHttpExporter implements SpanExporterStrategy {
  readonly type = "otlp" as const;
  readonly identity: string;
  private readonly agent: http.Agent;
  private readonly url: URL;
  private readonly closing = new AbortController();
  /** Payloads of this exporter being gzipped right now (on the thread pool). */
  private compressing = 0;
  /** adaptiveCompression is on and can change the level (gzip above the fast level). */
  private readonly adaptive: boolean;

  constructor(private readonly s: OtlpHttpSettings) {
    this.identity = JSON.stringify(["otlp", s]);
    this.adaptive = adaptiveCompressionApplies({ otlpCompression: s.compression, compressionLevel: s.compressionLevel, adaptiveCompression: s.adaptiveCompression });
    this.url = new URL(s.endpoint);
    const AgentClass = this.url.protocol === "https:" ? https.Agent : http.Agent;
    this.agent = new AgentClass({ keepAlive: s.keepAlive, keepAliveMsecs: s.keepAliveMs, maxSockets: s.poolSize, maxFreeSockets: s.poolSize });
  }

  async export(spans: ReadableSpan[], hints?: ExportHints): Promise<ExportOutcome> {
    const gzip = this.s.compression === "gzip";
    const fast = this.adaptive && (hints?.behind === true || (hints?.full === true && this.compressing > 0));
    const level = fast ? FAST_COMPRESSION_LEVEL : this.s.compressionLevel;
    // The protobuf payload is a view of a pooled writer's buffer, so it is read (gzip, or sent
    // as is) before the writer goes back to the pool: copied when it is to be sent uncompressed.
    let writer: ProtoWriter | undefined;
    let raw: Uint8Array | undefined;
    let body: Buffer;
    let cpuUs: number;
    let syncCpuUs: number;
    try {
      const t0 = performance.now();
      try {
        if (this.s.protocol === "http/json") raw = JsonTraceSerializer.serializeRequest(spans);
        else raw = encodeTraceExportRequestInto((writer = writers.acquire()), spans);
      } catch (e) {
        return failedOutcome(spans.length, `serialization failed: ${(e as Error).message}`);
      }
      if (!raw) return failedOutcome(spans.length, "serialization produced no payload");
      const t1 = performance.now();
      if (gzip) {
        this.compressing++;
        try {
          body = await gzipPayload(raw, level);
        } finally {
          this.compressing--;
        }
      } else body = writer ? Buffer.from(raw) : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
      // Serialization ran on this thread and is timed; gzip ran on the thread pool, where its wall
      // time includes queueing, so it is charged at a rate calibrated once per level instead.
      syncCpuUs = (t1 - t0) * 1000;
      cpuUs = syncCpuUs + (gzip ? gzipCostUs(raw, level) : 0);
    } finally {
      if (writer) writers.release(writer);
    }

    let retries = 0;
    let last: AttemptResult = { ok: false, retryable: false, error: "not attempted" };
    for (let attempt = 1; attempt <= this.s.maxAttempts; attempt++) {
      if (this.closing.signal.aborted) break;
      last = await this.send(body);
      if (last.ok) {
        const rejected = this.rejectedSpans(last.body);
        const accepted = Math.max(0, spans.length - rejected);
        return {
          accepted,
          failed: spans.length - accepted,
          bytesRaw: raw.byteLength,
          bytesSent: body.byteLength,
          retries,
          cpuUs,
          syncCpuUs,
          ...(fast ? { fastCompression: true } : {}),
          error: rejected > 0 ? `collector rejected ${rejected} spans` : undefined,
        };
      }
      if (!last.retryable || attempt === this.s.maxAttempts) break;
      const delay = backoffDelayMs(attempt, last.retryAfterMs);
      if (delay > this.s.timeoutMs) break; // Retry-After longer than we may wait: give up now.
      retries++;
      await sleep(delay, this.closing.signal);
    }
    const why = last.status ? `HTTP ${last.status}` : (last.error ?? "export failed");
    return { ...failedOutcome(spans.length, why, retries, raw.byteLength), cpuUs, syncCpuUs, ...(fast ? { fastCompression: true } : {}) };
  }

  private rejectedSpans(body: Buffer | undefined): number {
    if (!body || body.length === 0) return 0;
    try {
      if (this.s.protocol === "http/json") {
        const parsed = JSON.parse(body.toString("utf8")) as { partialSuccess?: { rejectedSpans?: number | string } };
        return Number(parsed.partialSuccess?.rejectedSpans ?? 0) || 0;
      }
      const parsed = ProtobufTraceSerializer.deserializeResponse(new Uint8Array(body));
      return Number(parsed.partialSuccess?.rejectedSpans ?? 0) || 0;
    } catch {
      return 0; // A success status with an unreadable body still means accepted.
    }
  }

  private send(body: Buffer): Promise<AttemptResult> {
    return new Promise((resolve) => {
      let settled = false;
      const finish = (r: AttemptResult) => {
        if (settled) return;
        settled = true;
        resolve(r);
      };
      const headers: Record<string, string | number> = {
        "content-type": this.s.protocol === "http/json" ? "application/json" : "application/x-protobuf",
        "content-length": body.byteLength,
        ...this.s.headers,
      };
      if (this.s.compression === "gzip") headers["content-encoding"] = "gzip";
      const req = (this.url.protocol === "https:" ? https : http).request(
        this.url,
        { method: "POST", agent: this.agent, headers, timeout: this.s.timeoutMs, signal: this.closing.signal },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("error", (e) => finish({ ok: false, retryable: true, error: e.message }));
          res.on("end", () => {
            const status = res.statusCode ?? 0;
            const ok = status >= 200 && status < 300;
            finish({
              ok,
              retryable: !ok && isRetryableStatus(status),
              status,
              retryAfterMs: parseRetryAfter(res.headers["retry-after"]),
              body: Buffer.concat(chunks),
            });
          });
        },
      );
      req.on("timeout", () => {
        req.destroy(new Error(`timed out after ${this.s.timeoutMs} ms`));
      });
      req.on("error", (e) => finish({ ok: false, retryable: !this.closing.signal.aborted, error: e.message }));
      req.end(body);
    });
  }

  async shutdown(): Promise<void> {
    this.closing.abort();
    this.agent.destroy();
  }
}
