/**
 * The presets file: what GET /api/presets/export writes and POST /api/presets/import reads.
 *
 *   { "format": "tracetune-presets", "formatVersion": 1, "exportedAt": "...",
 *     "presets": [{ "name": "...", "description": "..." | null, "config": { ...patch } }] }
 *
 * Import also takes a bare list of presets or one preset `{ name, config }`, and configs written
 * with the guide's snake_case names (`sample_rate`, `export_interval_ms`, nested ones too), which
 * are mapped to ours. The guide's constructor-style objects are completed where unambiguous: a
 * sampler without `type` (rules: priority; levels: tiered; min/max rate or target: adaptive)
 * and an attribute processor without `type` (the limiter). Unknown keys are refused, named as
 * the file wrote them. Pure: no I/O, so the route handler decides what to store.
 */
import { z } from "zod";
import { validatePresetConfig, type PresetConfig } from "../../../../server/telemetry/config";
import type { PresetRecord } from "../../../../server/store/types";
import { apiPresetDescriptionSchema, apiPresetNameSchema, friendlyIssueMessage } from "./preset-input";
import type { Issue } from "./api-responses";

export const PRESET_FILE_FORMAT = "tracetune-presets";
export const PRESET_FILE_VERSION = 1;
export const IMPORT_MAX_PRESETS = 500;

export interface PresetFileEntry {
  name: string;
  description: string | null;
  config: PresetConfig;
}

export interface PresetFile {
  format: typeof PRESET_FILE_FORMAT;
  formatVersion: typeof PRESET_FILE_VERSION;
  exportedAt: string;
  presets: PresetFileEntry[];
}

export function presetFile(presets: PresetRecord[], now: Date): PresetFile {
  return {
    format: PRESET_FILE_FORMAT,
    formatVersion: PRESET_FILE_VERSION,
    exportedAt: now.toISOString(),
    presets: presets.map((p) => ({ name: p.name, description: p.description, config: p.config })),
  };
}

/** One preset of an import file, valid (ready to store) or with what is wrong with it. */
export type ImportCandidate =
  | { index: number; name: string | null; ok: true; preset: PresetFileEntry }
  | { index: number; name: string | null; ok: false; issues: Issue[] };

export type ParsedImport = { ok: true; candidates: ImportCandidate[] } | { ok: false; issues: Issue[] };

const documentSchema = z
  .object({
    format: z.literal(PRESET_FILE_FORMAT, { error: `format must be "${PRESET_FILE_FORMAT}"` }).optional(),
    formatVersion: z.literal(PRESET_FILE_VERSION, { error: `formatVersion ${PRESET_FILE_VERSION} is the only one this server reads` }).optional(),
    exportedAt: z.string().optional(),
    presets: z.array(z.unknown(), { error: "presets must be a list" }),
  })
  .strict();

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** The entries of whichever accepted shape the file has. */
function entriesOf(file: unknown): { ok: true; entries: unknown[] } | { ok: false; issues: Issue[] } {
  if (Array.isArray(file)) return { ok: true, entries: file };
  if (isObject(file) && "presets" in file) {
    const doc = documentSchema.safeParse(file);
    if (!doc.success) {
      return {
        ok: false,
        issues: doc.error.issues.map((i) => ({
          path: i.path.map(String).join(".") || "(file)",
          message: i.code === "unrecognized_keys" ? `unknown key${i.keys.length > 1 ? "s" : ""}: ${i.keys.join(", ")}` : i.message,
        })),
      };
    }
    return { ok: true, entries: doc.data.presets };
  }
  if (isObject(file) && ("name" in file || "config" in file)) return { ok: true, entries: [file] };
  return {
    ok: false,
    issues: [{ path: "(file)", message: 'expected a Tracetune presets file { "presets": [...] }, a list of presets, or one preset { "name": ..., "config": {...} }' }],
  };
}

export function parseImportFile(file: unknown): ParsedImport {
  const found = entriesOf(file);
  if (!found.ok) return found;
  const { entries } = found;
  if (entries.length === 0) return { ok: false, issues: [{ path: "presets", message: "the file holds no presets" }] };
  if (entries.length > IMPORT_MAX_PRESETS) return { ok: false, issues: [{ path: "presets", message: `at most ${IMPORT_MAX_PRESETS} presets per import (got ${entries.length})` }] };

  const candidates = entries.map((entry, index) => parseEntry(entry, index));
  // The same name twice in one file: the later ones are refused (names are unique).
  const firstIndex = new Map<string, number>();
  return {
    ok: true,
    candidates: candidates.map((c) => {
      if (c.name === null) return c;
      const first = firstIndex.get(c.name);
      if (first === undefined) {
        firstIndex.set(c.name, c.index);
        return c;
      }
      const issue = { path: "name", message: `the file has "${c.name}" twice (first at index ${first})` };
      return { index: c.index, name: c.name, ok: false, issues: c.ok ? [issue] : [...c.issues, issue] };
    }),
  };
}

const entryKeys = new Set(["name", "description", "config"]);

function parseEntry(entry: unknown, index: number): ImportCandidate {
  if (!isObject(entry)) return { index, name: null, ok: false, issues: [{ path: "(preset)", message: "a preset must be an object { name, description?, config }" }] };
  const issues: Issue[] = [];
  for (const key of Object.keys(entry)) if (!entryKeys.has(key)) issues.push({ path: key, message: "unknown key (a preset has name, description and config)" });

  const name = apiPresetNameSchema.safeParse(entry.name);
  if (!name.success) for (const i of name.error.issues) issues.push({ path: "name", message: i.message });
  const description = apiPresetDescriptionSchema.optional().safeParse(entry.description);
  if (!description.success) for (const i of description.error.issues) issues.push({ path: "description", message: i.message });

  let config: PresetConfig | null = null;
  if (!("config" in entry)) issues.push({ path: "config", message: "config is required" });
  else if (!isObject(entry.config)) issues.push({ path: "config", message: "config must be an object of settings" });
  else {
    const mapped = camelize(entry.config, []);
    issues.push(...mapped.issues.map((i) => ({ ...i, path: `config.${i.path}` })));
    completeGuideObjects(mapped.value as Record<string, unknown>);
    const valid = validatePresetConfig(mapped.value);
    if (valid.ok) config = valid.config;
    else for (const i of valid.issues) issues.push({ path: ["config", ...originalPath(mapped.names, i.path)].join("."), message: friendlyIssueMessage(i.message) });
  }

  const shownName = name.success ? name.data : typeof entry.name === "string" ? entry.name.slice(0, 80) : null;
  if (issues.length > 0 || config === null || !name.success || !description.success) return { index, name: shownName, ok: false, issues };
  return { index, name: name.data, ok: true, preset: { name: name.data, description: description.data ?? null, config } };
}

/** How each converted key was written in the file, to name it that way in errors. */
interface Names {
  keys?: Map<string, { original: string; node: Names }>;
  items?: Names[];
}

export const snakeToCamel = (key: string) => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Object keys from snake_case to camelCase at every level (values untouched). */
function camelize(value: unknown, at: string[]): { value: unknown; names: Names; issues: Issue[] } {
  if (Array.isArray(value)) {
    const out = value.map((v, i) => camelize(v, [...at, String(i)]));
    return { value: out.map((o) => o.value), names: { items: out.map((o) => o.names) }, issues: out.flatMap((o) => o.issues) };
  }
  if (!isObject(value)) return { value, names: {}, issues: [] };
  const result: Record<string, unknown> = {};
  const keys = new Map<string, { original: string; node: Names }>();
  const issues: Issue[] = [];
  for (const [original, v] of Object.entries(value)) {
    const key = snakeToCamel(original);
    const twin = keys.get(key);
    if (twin) {
      issues.push({ path: [...at, original].join("."), message: `the same setting is given twice (as "${twin.original}" and "${original}")` });
      continue;
    }
    const inner = camelize(v, [...at, original]);
    result[key] = inner.value;
    keys.set(key, { original, node: inner.names });
    issues.push(...inner.issues);
  }
  return { value: result, names: { keys }, issues };
}

function originalPath(names: Names, path: string): string[] {
  if (path === "(root)") return [];
  const out: string[] = [];
  let node: Names | undefined = names;
  for (const segment of path.split(".")) {
    const byKey: { original: string; node: Names } | undefined = node?.keys?.get(segment);
    if (byKey) {
      out.push(byKey.original);
      node = byKey.node;
    } else {
      out.push(segment);
      node = /^\d+$/.test(segment) ? node?.items?.[Number(segment)] : undefined;
    }
  }
  return out;
}

/** The guide builds samplers and limiters with constructors; in JSON they arrive without `type`. */
function completeGuideObjects(config: Record<string, unknown>): void {
  const sampler = config.sampler;
  if (isObject(sampler) && !("type" in sampler)) {
    const type = "rules" in sampler || "defaultRate" in sampler ? "priority" : "levels" in sampler ? "tiered" : "minRate" in sampler || "maxRate" in sampler || "targetRps" in sampler ? "adaptive" : null;
    if (type) config.sampler = { type, ...sampler };
  }
  if (Array.isArray(config.attributeProcessors)) {
    config.attributeProcessors = config.attributeProcessors.map((p) => (isObject(p) && !("type" in p) ? { type: "limiter", ...p } : p));
  }
}
