/**
 * A case, and the records that belong to one case and nothing else (parties, witnesses, recommendations,
 * tribunal orders): found, listed, added, changed and removed one way, always within their case.
 */
import { ApiError } from '../../shared/api/errors';
import type { Db } from './connection';
import { all, first } from './query';
import { TABLES, type CaseRow, type RowOf } from './schema';

/** The case's row; refuses a case number that is not in the database. */
export function requireCase(db: Db, caseId: number): CaseRow {
  const row = first<CaseRow>(db, 'SELECT * FROM cases WHERE id = ?', caseId);
  if (!row) throw new ApiError('not-found', `There is no case number ${caseId}.`);
  return row;
}

type CaseChildTable = 'parties' | 'witnesses' | 'recommendations' | 'tribunal_orders';

/** A record's own columns: what a service gives to save it. */
type ChildValues<T extends CaseChildTable> = Omit<RowOf<T>, 'id' | 'case_id'>;

interface CaseChildren<T extends CaseChildTable> {
  /** The case's records, in the table's order; refuses a case that does not exist. */
  list(caseId: number): RowOf<T>[];
  /** Adds (no id) or changes (an id of this case) a record; refuses an id that is not in the case. */
  save(caseId: number, id: number | undefined, values: ChildValues<T>): RowOf<T>;
  /** Removes a record of this case; refuses an id that is not in it. */
  remove(caseId: number, id: number): void;
}

export function caseChildren<T extends CaseChildTable>(
  db: Db,
  table: T,
  options: { orderBy: string; notInCase: string },
): CaseChildren<T> {
  // Column names come from the schema, never from a caller.
  const columns = Object.keys(TABLES[table]).filter(
    (c) => c !== 'id' && c !== 'case_id',
  ) as (keyof ChildValues<T> & string)[];
  const insert = db.prepare(
    `INSERT INTO ${table} (case_id, ${columns.join(', ')}) VALUES (?${', ?'.repeat(columns.length)})`,
  );
  const update = db.prepare(
    `UPDATE ${table} SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ? AND case_id = ?`,
  );
  const notInCase = () => new ApiError('not-found', options.notInCase);
  const valuesOf = (values: ChildValues<T>) => columns.map((c) => values[c]);

  return {
    list(caseId) {
      requireCase(db, caseId);
      return all<RowOf<T>>(
        db,
        `SELECT * FROM ${table} WHERE case_id = ? ORDER BY ${options.orderBy}`,
        caseId,
      );
    },
    save(caseId, id, values) {
      requireCase(db, caseId);
      let saved = id;
      if (saved === undefined) {
        saved = Number(insert.run(caseId, ...valuesOf(values)).lastInsertRowid);
      } else if (update.run(...valuesOf(values), saved, caseId).changes === 0) {
        throw notInCase();
      }
      const row = first<RowOf<T>>(db, `SELECT * FROM ${table} WHERE id = ?`, saved);
      if (!row) throw notInCase();
      return row;
    },
    remove(caseId, id) {
      if (db.prepare(`DELETE FROM ${table} WHERE id = ? AND case_id = ?`).run(id, caseId).changes === 0)
        throw notInCase();
    },
  };
}
