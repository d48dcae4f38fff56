import { describe, expect, it } from "vitest";
import { decodeExportRequest } from "./otlp-decode";
import { jsonBody, makeSpans, protobufBody } from "./test-fixtures";

const ATTRS = {
  "llm.model": "gpt-4o",
  "llm.tokens": 1234,
  "big.int": 2 ** 40,
  temperature: 0.7,
  streaming: true,
  tags: ["a", "b"],
};

describe("decodeExportRequest", () => {
  for (const encoding of ["protobuf", "json"] as const) {
    it(`decodes what the OpenTelemetry ${encoding} serializer produces`, async () => {
      const spans = await makeSpans("checkout", 3, ATTRS);
      const body = encoding === "json" ? jsonBody(spans) : protobufBody(spans);
      const decoded = decodeExportRequest(body, encoding, { withAttributes: true });

      expect(decoded.rejected).toBe(0);
      expect(decoded.spans).toHaveLength(3);
      const root = decoded.spans.find((s) => s.name === "op.root")!;
      const children = decoded.spans.filter((s) => s.name === "op.child");
      expect(root.parentSpanId).toBe("");
      expect(root.service).toBe("checkout");
      expect(root.scope).toBe("receiver-test");
      expect(root.attributes).toEqual(ATTRS);
      expect(root.attributeCount).toBe(6);
      expect(root.traceId).toBe(spans.find((s) => s.name === "op.root")!.spanContext().traceId);
      for (const child of children) {
        expect(child.parentSpanId).toBe(root.spanId);
        expect(child.traceId).toBe(root.traceId);
        expect(child.eventNames).toEqual(["step"]);
        expect(child.attributeCount).toBe(7);
      }
      expect(children.map((c) => c.statusCode).sort()).toEqual([0, 2]);
      expect(children.find((c) => c.statusCode === 2)!.statusMessage).toBe("boom");
      expect(root.durationMs).toBeGreaterThanOrEqual(0);
      expect(Math.abs(root.startTimeMs - Date.now())).toBeLessThan(60_000);
    });
  }

  it("keeps attribute counts but skips decoding values when not asked", async () => {
    const decoded = decodeExportRequest(protobufBody(await makeSpans("svc", 1, ATTRS)), "protobuf", { withAttributes: false });
    expect(decoded.spans[0].attributes).toEqual({});
    expect(decoded.spans[0].attributeCount).toBe(6);
  });

  it("rejects spans with invalid ids instead of counting them", async () => {
    const payload = JSON.parse(jsonBody(await makeSpans("svc", 3)).toString());
    const spans = payload.resourceSpans[0].scopeSpans[0].spans;
    spans[0].traceId = "00000000000000000000000000000000";
    spans[1].spanId = "abcd";
    const decoded = decodeExportRequest(Buffer.from(JSON.stringify(payload)), "json", { withAttributes: false });
    expect(decoded.spans).toHaveLength(1);
    expect(decoded.rejected).toBe(2);
    expect(decoded.rejectReason).toMatch(/2 span\(s\) rejected/);
  });

  it("decodes nested, int64 and bytes values from OTLP/JSON", () => {
    const body = {
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                {
                  traceId: "0af7651916cd43dd8448eb211c80319c",
                  spanId: "b7ad6b7169203331",
                  name: "nested",
                  startTimeUnixNano: "1700000000000000000",
                  endTimeUnixNano: "1700000000250000000",
                  attributes: [
                    { key: "huge", value: { intValue: "9007199254740993" } },
                    { key: "bytes", value: { bytesValue: Buffer.from([1, 2, 3]).toString("base64") } },
                    { key: "map", value: { kvlistValue: { values: [{ key: "k", value: { arrayValue: { values: [{ intValue: 1 }] } } }] } } },
                  ],
                  unknownFieldFromTheFuture: 42,
                },
              ],
            },
          ],
        },
      ],
    };
    const [span] = decodeExportRequest(Buffer.from(JSON.stringify(body)), "json", { withAttributes: true }).spans;
    expect(span.service).toBe("unknown_service");
    expect(span.durationMs).toBe(250);
    expect(span.attributes.huge).toBe("9007199254740993");
    expect(Array.from(span.attributes.bytes as Uint8Array)).toEqual([1, 2, 3]);
    expect(span.attributes.map).toEqual({ k: [1] });
  });

  it("throws on undecodable input of either encoding", () => {
    const bad: [string, "protobuf" | "json"][] = [
      ["this is not protobuf", "protobuf"],
      ["\x0a\xff\xff\xff\x0f", "protobuf"],
      ["{not json", "json"],
      ["[1,2,3]", "json"],
      ['{"resourceSpans": "nope"}', "json"],
      ['{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"zz"}]}]}]}', "json"],
    ];
    for (const [text, encoding] of bad) {
      expect(() => decodeExportRequest(Buffer.from(text, "latin1"), encoding, { withAttributes: true }), text).toThrow();
    }
  });
});
