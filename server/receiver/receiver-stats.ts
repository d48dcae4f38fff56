/**
 * The receiver's counters and its ring of recent spans.
 *
 * Invariants:
 * - `spansReceived` counts only spans in requests answered 200 (accepted by the collector);
 *   spans in faulted or refused requests are never in it.
 * - Every request settles exactly once: accepted, refused, faulted (error, outage, reset) or
 *   abandoned (client gone, or receiver closed, before the answer); until then it is pending.
 *   So requests = accepted + sum(refused) + faults.error + faults.outage + faults.reset
 *   + abandoned + pending (after a reset, requests that were already pending are the exception).
 *   `faults.hang` counts requests a hang held; they settle later like any other.
 * - Per-key maps hold at most `maxKeys` names; further names are counted under "(other)" so a
 *   hostile or runaway client cannot grow memory without bound.
 */
import type { ReceivedSpan } from "./otlp-decode";

export type RefusalKind = "badRequest" | "unsupportedMediaType" | "methodNotAllowed" | "tooLarge" | "closed";
export type FaultKind = "error" | "outage" | "hang" | "reset";

/** A span as the "recent spans" view shows it: small, without attribute values. */
export interface RecentSpan {
  receivedAt: number;
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  service: string;
  attributeCount: number;
  durationMs: number;
  statusCode: number;
}

export interface ReceiverStats {
  since: number;
  lastRequestAt: number | null;
  requests: number;
  accepted: number;
  /** Requests in flight: held by injected latency or a hang, or still being read. */
  pending: number;
  /** The client went away before we answered (its export timed out or was cancelled). */
  abandoned: number;
  refused: Record<RefusalKind, number>;
  /** Requests answered (or not) by fault injection; their spans are not in spansReceived. */
  faults: Record<FaultKind, number> & { total: number };
  spansReceived: number;
  /** Spans refused for invalid ids (reported to the sender as partial success). */
  spansRejected: number;
  /** Bytes as they came over the wire (compressed if gzip), for every request that was read. */
  bytesReceived: number;
  /** Bytes after decompression, for accepted requests. */
  bytesDecoded: number;
  gzipRequests: number;
  jsonRequests: number;
  protobufRequests: number;
  spansByService: Record<string, number>;
  spansByName: Record<string, number>;
  /** Newest first. */
  recentSpans: RecentSpan[];
}

const OTHER = "(other)";

export class ReceiverStatsRecorder {
  private state!: Omit<ReceiverStats, "recentSpans" | "spansByService" | "spansByName">;
  private byService = new Map<string, number>();
  private byName = new Map<string, number>();
  private ring: (RecentSpan | undefined)[];
  private ringNext = 0;

  constructor(
    private readonly recentCapacity = 200,
    private readonly maxKeys = 1000,
  ) {
    this.ring = new Array(recentCapacity);
    this.reset();
  }

  reset(): void {
    const pending = this.state?.pending ?? 0;
    this.state = {
      since: Date.now(),
      lastRequestAt: null,
      requests: 0,
      accepted: 0,
      // Requests still held survive a reset: they are real and will settle into a counter.
      pending,
      abandoned: 0,
      refused: { badRequest: 0, unsupportedMediaType: 0, methodNotAllowed: 0, tooLarge: 0, closed: 0 },
      faults: { total: 0, error: 0, outage: 0, hang: 0, reset: 0 },
      spansReceived: 0,
      spansRejected: 0,
      bytesReceived: 0,
      bytesDecoded: 0,
      gzipRequests: 0,
      jsonRequests: 0,
      protobufRequests: 0,
    };
    this.byService.clear();
    this.byName.clear();
    this.ring = new Array(this.recentCapacity);
    this.ringNext = 0;
  }

  requestStarted(): void {
    this.state.requests++;
    this.state.pending++;
    this.state.lastRequestAt = Date.now();
  }

  /** Every request settles exactly once; pending never goes below zero (a reset may have zeroed it). */
  private settle(): void {
    if (this.state.pending > 0) this.state.pending--;
  }

  bodyRead(wireBytes: number, encoding: "protobuf" | "json", gzip: boolean): void {
    this.state.bytesReceived += wireBytes;
    if (gzip) this.state.gzipRequests++;
    if (encoding === "json") this.state.jsonRequests++;
    else this.state.protobufRequests++;
  }

  refused(kind: RefusalKind): void {
    this.state.refused[kind]++;
    this.settle();
  }

  faulted(kind: FaultKind): void {
    this.state.faults[kind]++;
    this.state.faults.total++;
    // A hang is counted when it starts; the request stays pending until released or closed.
    if (kind !== "hang") this.settle();
  }

  abandoned(): void {
    this.state.abandoned++;
    this.settle();
  }

  accepted(spans: ReceivedSpan[], rejected: number, decodedBytes: number): void {
    const s = this.state;
    s.accepted++;
    s.spansReceived += spans.length;
    s.spansRejected += rejected;
    s.bytesDecoded += decodedBytes;
    const now = Date.now();
    for (const span of spans) {
      this.bump(this.byService, span.service);
      this.bump(this.byName, span.name);
      this.ring[this.ringNext] = {
        receivedAt: now,
        name: span.name,
        traceId: span.traceId,
        spanId: span.spanId,
        parentSpanId: span.parentSpanId,
        service: span.service,
        attributeCount: span.attributeCount,
        durationMs: span.durationMs,
        statusCode: span.statusCode,
      };
      this.ringNext = (this.ringNext + 1) % this.recentCapacity;
    }
    this.settle();
  }

  private bump(map: Map<string, number>, key: string): void {
    const existing = map.get(key);
    if (existing !== undefined) map.set(key, existing + 1);
    else if (map.size < this.maxKeys) map.set(key, 1);
    else map.set(OTHER, (map.get(OTHER) ?? 0) + 1);
  }

  snapshot(): ReceiverStats {
    const recentSpans: RecentSpan[] = [];
    for (let i = 1; i <= this.recentCapacity; i++) {
      const span = this.ring[(this.ringNext - i + this.recentCapacity) % this.recentCapacity];
      if (span) recentSpans.push(span);
    }
    return {
      ...this.state,
      refused: { ...this.state.refused },
      faults: { ...this.state.faults },
      spansByService: Object.fromEntries(this.byService),
      spansByName: Object.fromEntries(this.byName),
      recentSpans,
    };
  }
}
