/**
 * The few ways the services read the database: one row or all rows of a query, typed by the schema
 * (electron/db/schema.ts), and JSON columns parsed with a zod schema, so a damaged or foreign value is
 * found where it is read instead of travelling on as the wrong type. Every SELECT and PRAGMA read goes
 * through here: the lint (eslint.config.js, "rows are read through electron/db/query.ts") refuses a
 * `prepare('SELECT …')` or a cast of a statement's result anywhere else.
 */
import type { z } from 'zod';
import type { Db } from './connection';

/** The first row of a query, or undefined. `T` is the row's shape: a schema row type or a pick of one. */
export function first<T>(db: Db, sql: string, ...params: unknown[]): T | undefined {
  return db.prepare(sql).get(...params) as T | undefined;
}

/** Every row of a query. */
export function all<T>(db: Db, sql: string, ...params: unknown[]): T[] {
  return db.prepare(sql).all(...params) as T[];
}

/** Whether a query returns any row (`SELECT 1 FROM … WHERE …`). */
export function exists(db: Db, sql: string, ...params: unknown[]): boolean {
  return db.prepare(sql).get(...params) !== undefined;
}

/** A query prepared once and run many times (in a loop over keys or files), read as first/all read. */
export function preparedQuery<T>(
  db: Db,
  sql: string,
): { first(...params: unknown[]): T | undefined; all(...params: unknown[]): T[] } {
  const statement = db.prepare(sql);
  return {
    first: (...params) => statement.get(...params) as T | undefined,
    all: (...params) => statement.all(...params) as T[],
  };
}

export class DamagedColumnError extends Error {}

/** A JSON column's value, checked against its schema. Throws DamagedColumnError naming the column. */
export function jsonColumn<S extends z.ZodType>(schema: S, text: string, column: string): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new DamagedColumnError(`The database's ${column} is not readable JSON.`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new DamagedColumnError(
      `The database's ${column} is not what the app wrote: ${parsed.error.message}`,
    );
  }
  return parsed.data;
}
