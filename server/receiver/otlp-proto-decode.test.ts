import { describe, expect, it } from "vitest";
import { decodeOtlpProtobuf } from "./otlp-proto-decode";
import { ProtoWireError } from "./proto-wire-reader";
import { flattenExportRequest } from "./otlp-decode";
import { ExportTraceServiceRequest } from "./otlp-proto";
import type { PbExportTraceServiceRequest } from "./otlp-proto";
import type { DecodedExport } from "./received-span";
import { makeSpans, protobufBody } from "./test-fixtures";

/** The reference path: protobufjs's full message tree, then the flattening the JSON path uses. */
function viaProtobufjs(body: Buffer, withAttributes: boolean): DecodedExport {
  return flattenExportRequest(ExportTraceServiceRequest.decode(body) as unknown as PbExportTraceServiceRequest, { withAttributes });
}

/** Bytes values compare by content (protobufjs hands out Buffer views, the wire decoder copies). */
function comparable(decoded: DecodedExport): unknown {
  return JSON.parse(JSON.stringify(decoded, (_k, v) => (v instanceof Uint8Array || v?.type === "Buffer" ? { bytes: Array.from(v.data ?? v) } : v)));
}

function expectSameAsProtobufjs(body: Buffer): DecodedExport {
  const ours = decodeOtlpProtobuf(body, { withAttributes: true });
  expect(comparable(ours)).toEqual(comparable(viaProtobufjs(body, true)));
  expect(comparable(decodeOtlpProtobuf(body, { withAttributes: false }))).toEqual(comparable(viaProtobufjs(body, false)));
  return ours;
}

function encode(request: object): Buffer {
  return Buffer.from(ExportTraceServiceRequest.encode(ExportTraceServiceRequest.fromObject(request)).finish());
}

/** A field's tag as varint bytes. */
function tag(field: number, wire: number): number[] {
  return varint((field << 3) | wire);
}

function varint(v: number): number[] {
  const bytes: number[] = [];
  for (; v > 0x7f; v >>>= 7) bytes.push((v & 0x7f) | 0x80);
  return [...bytes, v];
}

function lengthDelimited(field: number, bytes: number[]): number[] {
  return [...tag(field, 2), ...varint(bytes.length), ...bytes];
}

const TRACE_ID = Buffer.from("0af7651916cd43dd8448eb211c80319c", "hex");
const SPAN_ID = Buffer.from("b7ad6b7169203331", "hex");

function nested(depth: number): object {
  return depth === 0 ? { stringValue: "bottom" } : { arrayValue: { values: [nested(depth - 1)] } };
}

describe("decodeOtlpProtobuf (the receiver's one-pass protobuf decoder)", () => {
  it("matches protobufjs + flatten on what the OpenTelemetry serializer sends", async () => {
    const attrs = { "llm.model": "gpt-4o", tokens: 1234, big: 2 ** 40, neg: -7, t: 0.7, on: true, off: false, tags: ["a", "b"], nums: [1, 2.5], empty: "" };
    const spans = await makeSpans("checkout", 40, attrs);
    const decoded = expectSameAsProtobufjs(protobufBody(spans));
    expect(decoded.spans).toHaveLength(40);
    expect(decoded.spans[0].service).toBe("checkout");
  });

  it("matches protobufjs on every AnyValue kind, int64 extremes, nesting past the depth limit and unicode", () => {
    const values: [string, object][] = [
      ["s", { stringValue: "héllo wörld ✓ 𝄞 \uFFFD" }],
      ["i0", { intValue: 0 }],
      ["imax", { intValue: "9223372036854775807" }],
      ["imin", { intValue: "-9223372036854775808" }],
      ["isafe", { intValue: "9007199254740991" }],
      ["iunsafe", { intValue: "9007199254740993" }],
      ["i2p49", { intValue: 2 ** 49 }],
      ["ineg", { intValue: -1 }],
      ["d", { doubleValue: -1.5e300 }],
      ["b", { boolValue: true }],
      ["bytes", { bytesValue: Buffer.from([0, 1, 254, 255]) }],
      ["kv", { kvlistValue: { values: [{ key: "k", value: { arrayValue: { values: [{ intValue: 1 }, {}] } } }, { key: "none" }] } }],
      ["emptyValue", {}],
      ["deep", nested(40)],
      ["justDeepEnough", nested(32)],
    ];
    const body = encode({
      resourceSpans: [
        {
          resource: { attributes: [{ key: "service.name", value: { intValue: 5 } }, { key: "service.name", value: { stringValue: "svc" } }] },
          scopeSpans: [
            {
              scope: { name: "scope-a", version: "1" },
              spans: [
                {
                  traceId: TRACE_ID,
                  spanId: SPAN_ID,
                  parentSpanId: Buffer.from("0102030405060708", "hex"),
                  name: "all-values",
                  kind: 3,
                  startTimeUnixNano: "1700000000000000000",
                  endTimeUnixNano: "1700000000250000123",
                  attributes: [...values.map(([key, value]) => ({ key, value })), { value: { stringValue: "no key" } }],
                  events: [{ name: "first" }, { timeUnixNano: 5 }, { name: "third" }],
                  links: [{ traceId: TRACE_ID, spanId: SPAN_ID }, {}],
                  status: { code: 2, message: "boom" },
                  flags: 257,
                },
                { traceId: TRACE_ID, spanId: Buffer.from("0000000000000001", "hex"), endTimeUnixNano: 1, startTimeUnixNano: 5 },
              ],
            },
          ],
        },
        { scopeSpans: [{ spans: [{ traceId: TRACE_ID, spanId: SPAN_ID, name: "no resource, no scope" }] }] },
      ],
    });
    const decoded = expectSameAsProtobufjs(body);
    const [span, backwards, bare] = decoded.spans;
    expect(span.attributes.imax).toBe("9223372036854775807");
    expect(span.attributes.imin).toBe("-9223372036854775808");
    expect(span.attributes.ineg).toBe(-1);
    expect(span.attributes.isafe).toBe(9007199254740991);
    expect(span.attributes.s).toBe("héllo wörld ✓ 𝄞 \uFFFD");
    expect(JSON.stringify(span.attributes.deep)).toContain("[nested too deep]");
    expect(JSON.stringify(span.attributes.justDeepEnough)).toContain("bottom");
    expect(span.eventNames).toEqual(["first", "", "third"]);
    expect(span.durationMs).toBeCloseTo(250.000123, 9);
    expect(backwards.durationMs).toBe(0);
    expect(bare.service).toBe("unknown_service");
  });

  it("rejects spans with invalid ids and counts them, like the JSON path", () => {
    const body = encode({
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                { traceId: Buffer.alloc(16), spanId: SPAN_ID },
                { traceId: TRACE_ID, spanId: Buffer.from("abcd", "hex") },
                { spanId: SPAN_ID },
                { traceId: TRACE_ID, spanId: SPAN_ID, name: "ok" },
              ],
            },
          ],
        },
      ],
    });
    const decoded = expectSameAsProtobufjs(body);
    expect(decoded.spans.map((s) => s.name)).toEqual(["ok"]);
    expect(decoded.rejected).toBe(3);
    expect(decoded.rejectReason).toMatch(/3 span\(s\) rejected/);
  });

  it("accepts fields in any order and skips unknown fields of every wire type", () => {
    const spanBytes = [
      ...tag(99, 0), 0x96, 0x01, // unknown varint
      ...tag(98, 1), 1, 2, 3, 4, 5, 6, 7, 8, // unknown fixed64
      ...tag(97, 5), 1, 2, 3, 4, // unknown fixed32
      ...lengthDelimited(96, [1, 2, 3]), // unknown bytes
      ...lengthDelimited(5, [...Buffer.from("late-fields")]),
      ...lengthDelimited(2, [...SPAN_ID]),
      ...lengthDelimited(1, [...TRACE_ID]),
    ];
    const scopeSpans = [...lengthDelimited(2, spanBytes), ...lengthDelimited(1, lengthDelimited(1, [...Buffer.from("scope-after")]))];
    const resourceAttr = [...lengthDelimited(1, [...Buffer.from("service.name")]), ...lengthDelimited(2, lengthDelimited(1, [...Buffer.from("svc-after")]))];
    const resourceSpans = [...lengthDelimited(2, scopeSpans), ...lengthDelimited(1, lengthDelimited(1, resourceAttr))];
    const body = Buffer.from([...lengthDelimited(1, resourceSpans), ...tag(15, 0), 1]);
    const [span] = expectSameAsProtobufjs(body).spans;
    expect(span).toMatchObject({ name: "late-fields", scope: "scope-after", service: "svc-after" });
  });

  it("agrees with protobufjs on every truncation of a valid body: the same spans, or an error", async () => {
    const body = protobufBody(await makeSpans("svc", 3, { a: "x", n: 7, list: [1, 2] }));
    for (let cut = 0; cut < body.length; cut++) {
      const prefix = body.subarray(0, cut);
      let reference: DecodedExport | null = null;
      try {
        reference = viaProtobufjs(prefix, true);
      } catch {
        reference = null;
      }
      if (reference === null) expect(() => decodeOtlpProtobuf(prefix, { withAttributes: true }), `cut at ${cut}`).toThrow(ProtoWireError);
      else expect(comparable(decodeOtlpProtobuf(prefix, { withAttributes: true })), `cut at ${cut}`).toEqual(comparable(reference));
    }
  });

  it("fails only with ProtoWireError on corrupted bodies (never a crash, never a hang)", async () => {
    const body = protobufBody(await makeSpans("svc", 5, { a: "x", n: 7, list: [1, 2], nested: "y" }));
    let seed = 12345;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
    let failures = 0;
    for (let round = 0; round < 2000; round++) {
      const copy = Buffer.from(body);
      for (let flips = 1 + Math.floor(random() * 4); flips > 0; flips--) copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256);
      try {
        const decoded = decodeOtlpProtobuf(copy, { withAttributes: true });
        for (const span of decoded.spans) expect(span.traceId).toMatch(/^[0-9a-f]{32}$/);
      } catch (error) {
        expect(error).toBeInstanceOf(ProtoWireError);
        failures++;
      }
    }
    // Most corruptions land in string or id bytes and still decode; some must break the framing.
    expect(failures).toBeGreaterThan(0);
  });

  it("treats odd but legal encodings as protobufjs does: wrong wire types skipped, groups skipped, repeated messages merged, last oneof member wins", () => {
    const str = (field: number, text: string) => lengthDelimited(field, [...Buffer.from(text)]);
    const kv = (key: string, value: number[]) => lengthDelimited(1, [...str(1, key), ...lengthDelimited(2, value)]);
    const ids = [...lengthDelimited(1, [...TRACE_ID]), ...lengthDelimited(2, [...SPAN_ID])];
    const attribute = (key: string, ...values: number[][]) => lengthDelimited(9, [...str(1, key), ...values.flatMap((v) => lengthDelimited(2, v))]);
    const spanBytes = [
      ...ids,
      ...tag(5, 0), 7, // name sent as a varint: skipped
      ...tag(6, 2), 0, // kind sent length-delimited: skipped
      ...tag(20, 3), ...tag(1, 0), 1, ...tag(2, 3), ...tag(2, 4), ...tag(20, 4), // a group with a nested group: skipped
      ...str(5, "merged"),
      // the same attribute's value sent twice: the two arrays concatenate
      ...attribute("list", lengthDelimited(5, lengthDelimited(1, str(1, "a"))), lengthDelimited(5, lengthDelimited(1, str(1, "b")))),
      // one AnyValue with two members: the last one (an int) wins
      ...attribute("oneof", [...str(1, "text"), ...tag(3, 0), 5]),
      // a bool whose only set bit is bit 32
      ...attribute("flag", [...tag(2, 0), 0x80, 0x80, 0x80, 0x80, 0x10]),
      ...lengthDelimited(15, [...tag(3, 0), 2]),
      ...lengthDelimited(15, str(2, "second status message")), // merges: code 2 stays
    ];
    const scopeSpans = [...lengthDelimited(1, str(1, "first-scope")), ...lengthDelimited(1, str(2, "1.0")), ...lengthDelimited(2, spanBytes)];
    const resourceSpans = [
      // service.name holding an int, then the same key holding a string (a string sent first, then an int: no name)
      ...lengthDelimited(1, [...kv("service.name", tag(3, 0).concat([9])), ...kv("other", str(1, "x"))]),
      ...lengthDelimited(1, kv("service.name", [...str(1, "replaced"), ...tag(3, 0), 1])),
      ...lengthDelimited(1, kv("service.name", str(1, "svc"))),
      ...lengthDelimited(2, scopeSpans),
    ];
    const [span] = expectSameAsProtobufjs(Buffer.from(lengthDelimited(1, resourceSpans))).spans;
    expect(span).toMatchObject({ name: "merged", kind: 0, scope: "first-scope", service: "svc", statusCode: 2, statusMessage: "second status message" });
    expect(span.attributes).toEqual({ list: ["a", "b"], oneof: 5, flag: true });
  });

  it("refuses what protobufjs refuses: long tags, field 0, invalid UTF-8, stray group ends, wire types 6-7", () => {
    const ids = [...lengthDelimited(1, [...TRACE_ID]), ...lengthDelimited(2, [...SPAN_ID])];
    const inSpan = (bytes: number[]) => Buffer.from(lengthDelimited(1, lengthDelimited(2, lengthDelimited(2, [...ids, ...bytes]))));
    const bad: [string, Buffer][] = [
      ["six-byte tag", inSpan([0xaa, 0x80, 0x80, 0x80, 0x80, 0x00, 1, 0x61])],
      ["field number 0", inSpan([0x00, 1])],
      ["invalid UTF-8 in a name", inSpan(lengthDelimited(5, [0x61, 0xff]))],
      ["a group end without a start", inSpan(tag(7, 4))],
      ["an unterminated group", inSpan(tag(20, 3))],
      ["wire type 7", Buffer.from(tag(2, 7))],
    ];
    for (const [what, body] of bad) {
      expect(() => viaProtobufjs(body, true), `protobufjs: ${what}`).toThrow();
      expect(() => decodeOtlpProtobuf(body, { withAttributes: true }), what).toThrow(ProtoWireError);
    }
  });
});
