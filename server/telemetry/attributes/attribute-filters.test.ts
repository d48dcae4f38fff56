import { describe, expect, it } from "vitest";
import { AttributeFilterSet, type AttributeFilter } from "./attribute-filters";

const GUIDE_FILTERS: AttributeFilter[] = [
  { action: "keep", attributes: ["agent.name", "error.type", "status", "provider", "model"] },
  { action: "remove", pattern: ".*" },
];
const kept = (set: AttributeFilterSet, keys: string[]) => keys.filter((k) => !set.removes(k));

describe("AttributeFilterSet", () => {
  it("the guide's example keeps exactly the five listed attributes", () => {
    const set = new AttributeFilterSet(GUIDE_FILTERS);
    const keys = ["agent.name", "llm.prompt", "error.type", "user.email", "status", "http.url", "provider", "model", "model.version", "Agent.Name", ""];
    expect(kept(set, keys)).toEqual(["agent.name", "error.type", "status", "provider", "model"]);
  });

  it("first match wins: a remove before a keep removes; a keep before a remove keeps", () => {
    const removeFirst = new AttributeFilterSet([{ action: "remove", pattern: "^user\\." }, { action: "keep", attributes: ["user.id"] }]);
    expect(removeFirst.removes("user.id")).toBe(true);
    const keepFirst = new AttributeFilterSet([{ action: "keep", attributes: ["user.id"] }, { action: "remove", pattern: "^user\\." }]);
    expect(keepFirst.removes("user.id")).toBe(false);
    expect(keepFirst.removes("user.email")).toBe(true);
  });

  it("remove patterns search the key (anchor with ^ and $ for whole keys)", () => {
    const search = new AttributeFilterSet([{ action: "remove", pattern: "secret" }]);
    expect(kept(search, ["db.secret.key", "secret", "public"])).toEqual(["public"]);
    const whole = new AttributeFilterSet([{ action: "remove", pattern: "^secret$" }]);
    expect(kept(whole, ["db.secret.key", "secret", "public"])).toEqual(["db.secret.key", "public"]);
  });

  it("keys no filter matches are kept; an empty set removes nothing", () => {
    const set = new AttributeFilterSet([{ action: "remove", pattern: "^tmp\\." }]);
    expect(set.removes("http.method")).toBe(false);
    const none = new AttributeFilterSet([]);
    expect(none.empty).toBe(true);
    expect(none.removes("anything")).toBe(false);
  });

  it("stays correct past its decision cache limit and on repeated lookups", () => {
    const set = new AttributeFilterSet([{ action: "remove", pattern: "^drop\\." }]);
    for (let round = 0; round < 2; round++)
      for (let i = 0; i < 12_000; i++) {
        if (set.removes(`keep.${i}`)) throw new Error(`keep.${i} removed`);
        if (!set.removes(`drop.${i}`)) throw new Error(`drop.${i} kept`);
      }
  });

  it("refuses an invalid regular expression", () => {
    expect(() => new AttributeFilterSet([{ action: "remove", pattern: "(open" }])).toThrow();
  });
});
