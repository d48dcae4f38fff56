/**
 * The guide's attribute filters, evaluated in order with first-match-wins per attribute key:
 * a `keep` filter matches the keys it lists (the attribute is kept and later filters are not
 * consulted); a `remove` filter matches keys its regular expression finds (search semantics:
 * anchor with ^ and $ for whole-key matches) and removes the attribute; a key no filter matches
 * is kept. So the guide's example ("keep" five names, then "remove" `.*`) keeps exactly those five.
 *
 * Keys are few and repeat, so each decision is cached; the cache is bounded and rebuilt whenever
 * the filters change (a new compiled instance per apply).
 */
export type AttributeFilter = { action: "keep"; attributes: string[] } | { action: "remove"; pattern: string };

type Compiled = { keep: Set<string> } | { remove: RegExp };

const CACHE_LIMIT = 10_000;

export class AttributeFilterSet {
  private readonly compiled: Compiled[];
  private readonly cache = new Map<string, boolean>();

  /** Throws on an invalid regular expression (the config schema refuses those first). */
  constructor(filters: readonly AttributeFilter[]) {
    this.compiled = filters.map((f) => (f.action === "keep" ? { keep: new Set(f.attributes) } : { remove: new RegExp(f.pattern) }));
  }

  get empty(): boolean {
    return this.compiled.length === 0;
  }

  /** True when the attribute with this key is to be removed. */
  removes(key: string): boolean {
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    let verdict = false;
    for (const f of this.compiled) {
      if ("keep" in f) {
        if (f.keep.has(key)) break;
      } else if (f.remove.test(key)) {
        verdict = true;
        break;
      }
    }
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(key, verdict);
    return verdict;
  }
}
