/**
 * Shared helpers for the telemetry runtime's unit tests (imported by *.test.ts only):
 * a seeded PRNG and trace-id generator (so statistical tests are deterministic), a loopback
 * OTLP/HTTP collector with scripted answers, a reader for the file exporter's OTLP JSON lines,
 * and small span factories.
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import type { AddressInfo } from "node:net";
import { ROOT_CONTEXT, TraceFlags, type Attributes, type Tracer } from "@opentelemetry/api";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type IdGenerator, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { createTelemetryRuntime, type TelemetryRuntime } from "./runtime";

/** mulberry32: a tiny, well-mixed 32-bit PRNG; same seed, same sequence. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomHex(rand: () => number, chars: number): string {
  let out = "";
  while (out.length < chars) out += Math.floor(rand() * 0x100000000).toString(16).padStart(8, "0");
  out = out.slice(0, chars);
  return /^0+$/.test(out) ? randomHex(rand, chars) : out; // all-zero ids are invalid
}

/** `n` random 32-hex W3C trace ids from a seeded PRNG. */
export function traceIds(n: number, seed: number): string[] {
  const rand = seededRandom(seed);
  return Array.from({ length: n }, () => randomHex(rand, 32));
}

export class SeededIdGenerator implements IdGenerator {
  private readonly rand: () => number;
  constructor(seed: number) {
    this.rand = seededRandom(seed);
  }
  generateTraceId(): string {
    return randomHex(this.rand, 32);
  }
  generateSpanId(): string {
    return randomHex(this.rand, 16);
  }
}

/** A tracer of `runtime` whose new traces get seeded trace ids. */
export function seededTracer(runtime: TelemetryRuntime, seed: number, name = "test"): Tracer {
  const tracer = runtime.tracerProvider.getTracer(name);
  tracer.idGenerator = new SeededIdGenerator(seed);
  return tracer;
}

/** The independent reference for consistent sampling: low 52 bits of the trace id as a fraction. */
export function traceFraction(traceId: string): number {
  return Number.parseInt(traceId.slice(-13), 16) / 2 ** 52;
}

/** Asserts `kept` of `n` trials is within `sigmas` standard deviations of rate `p`. */
export function withinBinomial(kept: number, n: number, p: number, sigmas = 5): boolean {
  const sd = Math.sqrt(n * p * (1 - p));
  return Math.abs(kept - n * p) <= sigmas * sd + 1;
}

export const isSampled = (flags: number) => (flags & TraceFlags.SAMPLED) !== 0;

/** A runtime with no exporter (spans end as `no_exporter` drops) and the given overrides. */
export function quietRuntime(config: Record<string, unknown> = {}, options: Parameters<typeof createTelemetryRuntime>[1] = {}): TelemetryRuntime {
  return createTelemetryRuntime({ exporterType: "none", exportIntervalMs: 600_000, ...config }, options);
}

/** Start and end `n` root spans; returns how many were sampled. */
export function endRoots(tracer: Tracer, n: number, attributes: Attributes = {}, name = "op"): number {
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const span = tracer.startSpan(name, { attributes: { ...attributes } }, ROOT_CONTEXT);
    if (isSampled(span.spanContext().traceFlags)) kept++;
    span.end();
  }
  return kept;
}

/** Finished spans from a plain SDK provider (not our runtime), for exporter tests. */
export async function sdkSpans(count: number, attributes: Attributes = {}): Promise<ReadableSpan[]> {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = provider.getTracer("exporter-test");
  for (let i = 0; i < count; i++) tracer.startSpan(`span-${i}`, { attributes }).end();
  await provider.forceFlush();
  const spans = exporter.getFinishedSpans();
  await provider.shutdown();
  return [...spans];
}

export interface CollectedRequest {
  at: number;
  headers: http.IncomingHttpHeaders;
  /** Body as sent on the wire. */
  raw: Buffer;
  /** Body after content-encoding (gunzipped when gzip). */
  body: Buffer;
}

export type CollectorAnswer = { status: number; headers?: Record<string, string>; body?: string | Buffer; delayMs?: number } | "hang";

export interface Collector {
  url: string;
  requests: CollectedRequest[];
  close(): Promise<void>;
}

/** A loopback OTLP/HTTP collector on a free port; `answer` decides each response (default 200, empty). */
export async function startCollector(answer: (req: CollectedRequest, index: number) => CollectorAnswer = () => ({ status: 200 })): Promise<Collector> {
  const requests: CollectedRequest[] = [];
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const body = req.headers["content-encoding"] === "gzip" ? zlib.gunzipSync(raw) : raw;
      const record: CollectedRequest = { at: Date.now(), headers: req.headers, raw, body };
      requests.push(record);
      const a = answer(record, requests.length - 1);
      if (a === "hang") {
        hanging.add(res);
        return;
      }
      const send = () => {
        res.writeHead(a.status, a.headers ?? {});
        res.end(a.body ?? "");
      };
      if (a.delayMs) setTimeout(send, a.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1/traces`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function tempDir(prefix = "tracetune-telemetry-"): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export interface OtlpJsonSpan {
  name: string;
  attributes: Record<string, unknown>;
  droppedAttributesCount: number;
  events: { name: string }[];
  droppedEventsCount: number;
  links: unknown[];
  droppedLinksCount: number;
}

type AnyValue = { stringValue?: string; intValue?: number | string; doubleValue?: number; boolValue?: boolean; arrayValue?: { values?: AnyValue[] } };

function plainValue(v: AnyValue): unknown {
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (v.doubleValue !== undefined) return v.doubleValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.arrayValue) return (v.arrayValue.values ?? []).map(plainValue);
  return undefined;
}

/** Every span in an OTLP JSON lines file (the file exporter's format), attributes as plain values. */
export function readOtlpJsonLines(file: string): OtlpJsonSpan[] {
  if (!fs.existsSync(file)) return [];
  const out: OtlpJsonSpan[] = [];
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const req = JSON.parse(line) as { resourceSpans: { scopeSpans: { spans: Record<string, unknown>[] }[] }[] };
    for (const rs of req.resourceSpans)
      for (const ss of rs.scopeSpans)
        for (const s of ss.spans) {
          const attrs = (s.attributes ?? []) as { key: string; value: AnyValue }[];
          out.push({
            name: s.name as string,
            attributes: Object.fromEntries(attrs.map((a) => [a.key, plainValue(a.value)])),
            droppedAttributesCount: Number(s.droppedAttributesCount ?? 0),
            events: (s.events ?? []) as { name: string }[],
            droppedEventsCount: Number(s.droppedEventsCount ?? 0),
            links: (s.links ?? []) as unknown[],
            droppedLinksCount: Number(s.droppedLinksCount ?? 0),
          });
        }
  }
  return out;
}

/** Poll `check` until it is true or `timeoutMs` passes (for outcomes that settle asynchronously). */
export async function eventually(check: () => boolean, timeoutMs = 5000, stepMs = 10): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, stepMs));
  }
  return true;
}
