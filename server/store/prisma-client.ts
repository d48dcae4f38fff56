/**
 * The Prisma client over better-sqlite3 or PostgreSQL, and the shared plumbing of the three
 * sub-stores: the closed-store guard, warnings, unique-violation detection and row isolation.
 */
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "../../generated/prisma-postgres/client";
import type { DatabaseTarget } from "./database-url";
import { BUSY_TIMEOUT_MS } from "./migrate";

export type Prisma = PrismaClient;

export function createPrismaClient(target: DatabaseTarget): PrismaClient {
  if (target.kind === "postgres") {
    // Generated from prisma/postgres/schema.prisma, the same models with another provider: the
    // model API the stores use (String, Int, Boolean, DateTime columns; findMany, upsert,
    // updateManyAndReturn...) is identical, so the SQLite client's type describes it. A unit test
    // keeps the two schemas in sync.
    const client = new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: target.url, connectionTimeoutMillis: 5000 }) });
    return client as unknown as PrismaClient;
  }
  // The adapter strips "file:" and hands the rest to better-sqlite3: an absolute path, so the
  // working directory cannot change which file opens. `timeout` is better-sqlite3's busy timeout.
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: `file:${target.file}`, timeout: BUSY_TIMEOUT_MS }) });
}

/** What every sub-store gets from openStore. */
export interface StoreContext {
  readonly prisma: PrismaClient;
  warn(message: string): void;
  /** Throws once the store is closed: Prisma would otherwise silently reopen the file. */
  assertOpen(): void;
}

/** A unique-constraint violation (Prisma P2002), e.g. a preset name already taken. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/**
 * Reads many rows with one query, the fast path. If that query fails, the likely cause is one
 * row the driver cannot convert (text in an integer or boolean column written by something other
 * than this app): the rows are then re-read one id at a time, skipping (with a warning) those that
 * still fail, so one bad row cannot hide every other. If even the id-only query fails, the
 * database itself is the problem and the error propagates.
 */
export async function readIsolated<Row, Id>(
  ctx: StoreContext,
  what: string,
  bulk: () => Promise<Row[]>,
  ids: () => Promise<Id[]>,
  one: (id: Id) => Promise<Row | null>,
): Promise<Row[]> {
  try {
    return await bulk();
  } catch (bulkError) {
    const all = await ids();
    const rows: Row[] = [];
    for (const id of all) {
      try {
        const row = await one(id);
        if (row) rows.push(row);
      } catch (error) {
        ctx.warn(`[store] skipping unreadable ${what} ${String(id)}: ${shortMessage(error)}`);
      }
    }
    if (rows.length === all.length) throw bulkError; // no bad row found: not a row problem
    return rows;
  }
}

/**
 * Reads one row; a row the driver cannot convert is reported as unreadable (null plus a warning)
 * when an id-only probe shows the row exists and the database is fine.
 */
export async function readOneIsolated<Row>(
  ctx: StoreContext,
  what: string,
  id: unknown,
  read: () => Promise<Row | null>,
  exists: () => Promise<boolean>,
): Promise<Row | null> {
  try {
    return await read();
  } catch (error) {
    if (!(await exists())) throw error;
    ctx.warn(`[store] ${what} ${String(id)} is unreadable: ${shortMessage(error)}`);
    return null;
  }
}

/** The useful part of an error: Prisma puts the cause on the last line of a long message. */
export function shortMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.trim().split("\n").pop()?.trim() || text;
}
