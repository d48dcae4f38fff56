/**
 * Presets: named configs. Optimistic concurrency: update and delete name the version they read,
 * and the write's WHERE clause checks it, so a stale edit can never overwrite a newer one.
 */
import { canonicalJson } from "../telemetry/config";
import { issuesText, parsePresetConfigJson, presetNameSchema } from "./preset-fields";
import { expectedVersionSchema, newPresetSchema, presetPatchSchema, toPresetRecord } from "./preset-row";
import { isUniqueViolation, readIsolated, readOneIsolated, shortMessage, type StoreContext } from "./prisma-client";
import { StoreError, type NewPreset, type PresetPatch, type PresetRecord, type PresetStore } from "./types";

type PresetRow = Awaited<ReturnType<StoreContext["prisma"]["preset"]["findFirstOrThrow"]>>;

export function createPresetStore(ctx: StoreContext, close: () => Promise<void>): PresetStore {
  const { prisma } = ctx;

  /** A row as a record, or null with a warning when it fails validation. */
  function readable(row: PresetRow | null): PresetRecord | null {
    if (!row) return null;
    const parsed = toPresetRecord(row);
    if (parsed.ok) return parsed.value;
    ctx.warn(`[store] preset ${row.id} is unreadable, skipped: ${parsed.error}`);
    return null;
  }

  async function getRow(id: string): Promise<PresetRow | null> {
    return readOneIsolated(
      ctx,
      "preset",
      id,
      () => prisma.preset.findUnique({ where: { id } }),
      async () => (await prisma.preset.findUnique({ where: { id }, select: { id: true } })) !== null,
    );
  }

  /** A new preset as its row, or StoreError("invalid") (for createAll: naming the item). */
  function newRow(preset: NewPreset, index?: number): { name: string; description: string | null; builtIn: boolean; config: string } {
    const input = newPresetSchema.safeParse(preset);
    if (!input.success) throw new StoreError("invalid", index === undefined ? issuesText(input.error) : `preset ${index + 1}: ${issuesText(input.error)}`, index);
    const { name, description, config, builtIn } = input.data;
    return { name, description, builtIn, config: JSON.stringify(config) };
  }

  /** A row just written, as a record: it was validated on the way in, so a failure is a bug. */
  function written(row: PresetRow): PresetRecord {
    const record = toPresetRecord(row);
    if (!record.ok) throw new Error(`stored preset failed validation: ${record.error}`);
    return record.value;
  }

  function duplicate(name: string, index?: number): StoreError {
    return new StoreError("duplicate_name", `A preset named "${name}" already exists`, index);
  }

  const store: PresetStore = {
    async list() {
      ctx.assertOpen();
      const rows = await readIsolated(
        ctx,
        "preset",
        () => prisma.preset.findMany(),
        async () => (await prisma.preset.findMany({ select: { id: true } })).map((r) => r.id),
        (id) => prisma.preset.findUnique({ where: { id } }),
      );
      return rows
        .map(readable)
        .filter((r): r is PresetRecord => r !== null)
        .sort((a, b) => Number(b.builtIn) - Number(a.builtIn) || a.name.localeCompare(b.name));
    },

    async get(id) {
      ctx.assertOpen();
      if (typeof id !== "string" || id === "") return null;
      return readable(await getRow(id));
    },

    async findByName(name) {
      ctx.assertOpen();
      const parsed = presetNameSchema.safeParse(name);
      if (!parsed.success) return null;
      const id = await prisma.preset.findUnique({ where: { name: parsed.data }, select: { id: true } });
      return id ? readable(await getRow(id.id)) : null;
    },

    async create(preset: NewPreset) {
      ctx.assertOpen();
      const data = newRow(preset);
      try {
        return written(await prisma.preset.create({ data }));
      } catch (error) {
        if (isUniqueViolation(error)) throw duplicate(data.name);
        throw error;
      }
    },

    async createAll(presets: NewPreset[]) {
      ctx.assertOpen();
      const rows: ReturnType<typeof newRow>[] = [];
      const names = new Set<string>();
      for (const [i, preset] of presets.entries()) {
        const row = newRow(preset, i);
        if (names.has(row.name)) throw duplicate(row.name, i);
        names.add(row.name);
        rows.push(row);
      }
      let created: PresetRow[];
      try {
        // One batch transaction: all rows or, on any error (or a crash), none.
        created = await prisma.$transaction(rows.map((data) => prisma.preset.create({ data })));
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // A name taken since the caller checked: say which (the violation does not).
        for (const [i, { name }] of rows.entries()) if (await prisma.preset.findUnique({ where: { name }, select: { id: true } })) throw duplicate(name, i);
        throw new StoreError("duplicate_name", "A preset name is already taken");
      }
      return created.map(written);
    },

    async update(id: string, patch: PresetPatch, expectedVersion: number) {
      ctx.assertOpen();
      const input = presetPatchSchema.safeParse(patch);
      if (!input.success) throw new StoreError("invalid", issuesText(input.error));
      const version = expectedVersionSchema.safeParse(expectedVersion);
      if (!version.success) throw new StoreError("invalid", issuesText(version.error));

      const current = await getRow(id);
      if (!current) {
        if (await prisma.preset.findUnique({ where: { id }, select: { id: true } })) {
          throw new StoreError("invalid", `Preset ${id} is unreadable (a column has the wrong type); delete it`);
        }
        throw new StoreError("not_found", `No preset with id ${id}`);
      }
      if (current.builtIn) throw new StoreError("forbidden", `"${current.name}" is a built-in preset and cannot be changed; save a copy under a new name`);
      if (current.version !== version.data) throw stale(current.name, current.version, version.data);

      const { name, description, config } = input.data;
      const next = {
        ...(name !== undefined && { name }),
        ...(description !== undefined && { description }),
        ...(config !== undefined && { config: JSON.stringify(config) }),
      };
      // The stored row may be corrupted (bad JSON config): the result must be whole, so an update
      // that repairs it (sends a config) goes through and one that does not is refused.
      const merged = toPresetRecord({ ...current, ...next, version: current.version + 1 });
      if (!merged.ok) throw new StoreError("invalid", `Preset ${id} is stored corrupted (${merged.error}); send a complete config to repair it`);

      let rows: PresetRow[];
      try {
        rows = await prisma.preset.updateManyAndReturn({
          where: { id, version: version.data, builtIn: false },
          data: { ...next, version: { increment: 1 } },
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw duplicate(name ?? current.name);
        throw error;
      }
      const row = rows[0];
      if (!row) throw stale(current.name, undefined, version.data); // changed between our read and write
      const record = toPresetRecord(row);
      if (!record.ok) throw new Error(`updated preset failed validation: ${record.error}`);
      return record.value;
    },

    async delete(id: string, expectedVersion: number) {
      ctx.assertOpen();
      const version = expectedVersionSchema.safeParse(expectedVersion);
      if (!version.success) throw new StoreError("invalid", issuesText(version.error));
      // Only the columns the decision needs: a preset with a corrupted config can still be deleted.
      let current: { name: string; builtIn: boolean; version: number } | null;
      try {
        current = await prisma.preset.findUnique({ where: { id }, select: { name: true, builtIn: true, version: true } });
      } catch (error) {
        throw new StoreError("invalid", `Preset ${id} is unreadable: ${shortMessage(error)}`);
      }
      if (!current) throw new StoreError("not_found", `No preset with id ${id}`);
      if (current.builtIn) throw new StoreError("forbidden", `"${current.name}" is a built-in preset and cannot be deleted`);
      if (current.version !== version.data) throw stale(current.name, current.version, version.data);
      const { count } = await prisma.preset.deleteMany({ where: { id, version: version.data, builtIn: false } });
      if (count === 0) throw stale(current.name, undefined, version.data);
    },

    async ensureBuiltIns(presets: NewPreset[]) {
      ctx.assertOpen();
      const out: PresetRecord[] = [];
      for (const preset of presets) {
        const input = newPresetSchema.safeParse({ ...preset, builtIn: true });
        if (!input.success) throw new StoreError("invalid", `built-in preset "${preset.name}": ${issuesText(input.error)}`);
        const { name, description, config } = input.data;
        let existing: PresetRow | null;
        try {
          existing = await prisma.preset.findUnique({ where: { name } });
        } catch (error) {
          ctx.warn(`[store] built-in preset "${name}" not refreshed: its row is unreadable (${shortMessage(error)})`);
          continue;
        }
        if (!existing) {
          try {
            out.push(await store.create({ name, description, config, builtIn: true }));
            continue;
          } catch (error) {
            // Another server starting against the same (PostgreSQL) database created it first:
            // carry on with its row as if it had been there.
            if (!(error instanceof StoreError && error.code === "duplicate_name")) throw error;
            existing = await prisma.preset.findUnique({ where: { name } });
            if (!existing) throw error;
          }
        }
        if (!existing.builtIn) {
          ctx.warn(`[store] built-in preset "${name}" not installed: a user preset already has that name`);
          continue;
        }
        const stored = parsePresetConfigJson(existing.config);
        const same = stored.ok && canonicalJson(stored.value) === canonicalJson(config) && existing.description === description;
        if (same) {
          const record = readable(existing);
          if (record) out.push(record);
          continue;
        }
        // A newer release changed (or a corrupted row broke) a built-in: refresh it in place.
        const rows = await prisma.preset.updateManyAndReturn({
          where: { id: existing.id, builtIn: true },
          data: { description, config: JSON.stringify(config), version: { increment: 1 } },
        });
        const record = rows[0] ? readable(rows[0]) : null;
        if (record) out.push(record);
      }
      return out;
    },

    close,
  };
  return store;
}

function stale(name: string, current: number | undefined, expected: number): StoreError {
  const now = current === undefined ? "changed meanwhile" : `is at version ${current}`;
  return new StoreError("conflict", `Preset "${name}" ${now}, not ${expected}: someone saved it first; reload and try again`);
}
