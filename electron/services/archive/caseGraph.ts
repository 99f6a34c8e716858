import type { Db } from '../../db/connection';
import { all, preparedQuery } from '../../db/query';

/**
 * Which tables hold a case's data, found from the schema's foreign keys rather than a hand-written list,
 * so a table added by a later migration (bundle parts, deadlines, ...) is exported and imported without
 * anyone remembering to update the archive code.
 */
interface ForeignKey {
  /** Column in this table. */
  from: string;
  /** Referenced table and column. */
  table: string;
  to: string;
}

export interface CaseTable {
  name: string;
  columns: string[];
  /** The rowid-alias integer primary key (`id`), renumbered on import when the ids are taken. */
  idColumn: string | null;
  foreignKeys: ForeignKey[];
  /** The foreign key that ties a row to the case (directly, or through a table that is). */
  owner: ForeignKey | null;
}

/** A value as SQLite gives it back: TEXT, INTEGER or REAL, BLOB, NULL. */
type Cell = string | number | Uint8Array<ArrayBuffer> | null;
export type Row = Record<string, Cell>;

/** Tables in insert order: `cases` first, every table after the tables it references. */
export function caseTables(db: Db): CaseTable[] {
  const names = all<{ name: string }>(
    db,
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  ).map((r) => r.name);

  const info = new Map<string, { columns: string[]; idColumn: string | null; foreignKeys: ForeignKey[] }>();
  for (const name of names) {
    const cols = all<{ name: string; type: string; pk: number }>(
      db,
      `PRAGMA table_info(${quoteIdent(name)})`,
    );
    const pkCols = cols.filter((c) => c.pk > 0);
    const fks = all<{ table: string; from: string; to: string | null }>(
      db,
      `PRAGMA foreign_key_list(${quoteIdent(name)})`,
    ).map((fk) => ({ from: fk.from, table: fk.table, to: fk.to ?? 'id' }));
    // A key that is also a reference (report_details.document_id) follows its parent, it is not renumbered.
    const idColumn =
      pkCols.length === 1 &&
      pkCols[0].type.toUpperCase() === 'INTEGER' &&
      !fks.some((fk) => fk.from === pkCols[0].name)
        ? pkCols[0].name
        : null;
    info.set(name, { columns: cols.map((c) => c.name), idColumn, foreignKeys: fks });
  }

  const ordered: CaseTable[] = [];
  const included = new Set<string>();
  const casesInfo = info.get('cases');
  if (!casesInfo) throw new Error('The database has no cases table.');
  ordered.push({ name: 'cases', ...casesInfo, owner: null });
  included.add('cases');

  // Add tables whose every reference to a case table is already placed, owned through the first such key.
  let added = true;
  while (added) {
    added = false;
    for (const name of names) {
      if (included.has(name)) continue;
      const t = info.get(name)!;
      const linked = t.foreignKeys.filter((fk) => fk.table !== name && isLinked(fk.table, info, new Set()));
      if (linked.length === 0) continue;
      if (!linked.every((fk) => included.has(fk.table))) continue;
      const owner = linked.find((fk) => fk.table === 'cases') ?? linked[0];
      ordered.push({ name, ...t, owner });
      included.add(name);
      added = true;
    }
  }
  return ordered;
}

/** Whether a table reaches `cases` through foreign keys. */
function isLinked(
  table: string,
  info: Map<string, { foreignKeys: ForeignKey[] }>,
  seen: Set<string>,
): boolean {
  if (table === 'cases') return true;
  if (seen.has(table)) return false;
  seen.add(table);
  return (info.get(table)?.foreignKeys ?? []).some((fk) => isLinked(fk.table, info, seen));
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Every row belonging to one case, table by table, in insert order. */
export function readCaseRows(db: Db, tables: CaseTable[], caseId: number): Record<string, Row[]> {
  const out: Record<string, Row[]> = {};
  // Values of referenced columns per table, to select the rows owned through them.
  const keys = new Map<string, Map<string, Set<unknown>>>();
  const remember = (table: string, rows: Row[], columns: string[]) => {
    const perColumn = new Map<string, Set<unknown>>();
    for (const column of columns) perColumn.set(column, new Set(rows.map((r) => r[column])));
    keys.set(table, perColumn);
  };
  for (const t of tables) {
    let rows: Row[];
    if (!t.owner) {
      rows = all<Row>(db, 'SELECT * FROM cases WHERE id = ?', caseId);
    } else {
      const parentKeys = [...(keys.get(t.owner.table)?.get(t.owner.to) ?? [])];
      rows = [];
      const order = t.idColumn ? ` ORDER BY ${quoteIdent(t.idColumn)}` : ' ORDER BY rowid';
      const owned = preparedQuery<Row>(
        db,
        `SELECT * FROM ${quoteIdent(t.name)} WHERE ${quoteIdent(t.owner.from)} = ?${order}`,
      );
      for (const key of parentKeys) rows.push(...owned.all(key));
    }
    out[t.name] = rows;
    const referenced = new Set<string>();
    for (const other of tables)
      for (const fk of other.foreignKeys) if (fk.table === t.name) referenced.add(fk.to);
    remember(t.name, rows, [...referenced]);
  }
  return out;
}
