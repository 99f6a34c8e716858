/**
 * electron/db/schema.ts says what the migrations make: every table, every column, its type, whether it
 * may be NULL, and the values a CHECK allows. A migration that changes a column must change it too.
 */
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrate } from '../../../../electron/db/migrations';
import { rowSchema, TABLES, type ColumnSpec } from '../../../../electron/db/schema';
import { tempServices } from '../../../helpers/context';
import { makeTextPdf, seedDocument } from '../../../helpers/seed';

interface ColumnInfo {
  name: string;
  type: string;
  notnull: number;
  pk: number;
}

function migrated() {
  const db = new Database(':memory:');
  migrate(db);
  return db;
}

const kind = (spec: ColumnSpec) =>
  typeof spec === 'string'
    ? { type: spec.replace('?', ''), nullable: spec.endsWith('?') }
    : { type: 'text', nullable: spec.nullable };

describe('database schema', () => {
  const db = migrated();
  const tables = (
    db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as {
      name: string;
      sql: string;
    }[]
  ).sort((a, b) => a.name.localeCompare(b.name));

  it('has exactly the tables the schema lists', () => {
    expect(tables.map((t) => t.name)).toEqual(Object.keys(TABLES).sort());
  });

  it.each(tables)('$name: every column with its type, NULL-ability and allowed values', ({ name, sql }) => {
    const spec = TABLES[name as keyof typeof TABLES] as Record<string, ColumnSpec>;
    const columns = db.prepare(`PRAGMA table_info(${name})`).all() as ColumnInfo[];
    const described = Object.fromEntries(Object.entries(spec).map(([column, s]) => [column, kind(s)]));
    const found = Object.fromEntries(
      columns.map((c) => [
        c.name,
        {
          type: c.type === 'INTEGER' ? 'int' : c.type.toLowerCase(),
          nullable: c.notnull === 0 && c.pk === 0,
        },
      ]),
    );
    expect(found, `electron/db/schema.ts does not match table ${name} as the migrations leave it`).toEqual(
      described,
    );
    for (const [column, s] of Object.entries(spec)) {
      if (typeof s === 'string') continue;
      const check = new RegExp(`\\b${column} IN \\(([^)]*)\\)`).exec(sql);
      if (!check) continue; // No CHECK in the table: the app alone writes the column, after validating it.
      const allowed = check[1].split(',').map((v) => v.trim().replace(/^'|'$/g, ''));
      expect([...allowed].sort(), `${name}.${column}`).toEqual([...s.oneOf].sort());
    }
  });
});

describe('rows kept as JSON', () => {
  it('a removed document comes back with every column it had, and its row matches the schema', async () => {
    const t = tempServices();
    try {
      const { services, ctx } = t;
      const c = services.cases.create({ title: 'T', role: 'parent', appealType: 'refusal-to-issue' });
      const doc = await seedDocument(ctx, c.id, 'C', await makeTextPdf('Report', 2), { title: 'Report' });
      ctx.db
        .prepare(
          `UPDATE documents SET suggested_title = 'Speech report', suggested_date = '2026-01-02',
             details_confirmed = 0, import_notes = '["Repaired its cross-reference table."]' WHERE id = ?`,
        )
        .run(doc.id);
      const before = ctx.db.prepare('SELECT * FROM documents WHERE id = ?').get(doc.id);
      expect(rowSchema('documents').safeParse(before).success).toBe(true);
      services.documents.remove(doc.id);
      const restored = services.documents.restore(doc.id);
      expect(ctx.db.prepare('SELECT * FROM documents WHERE id = ?').get(restored.id)).toEqual(before);
      expect(restored).toMatchObject({
        suggestedTitle: 'Speech report',
        detailsConfirmed: false,
        importNotes: ['Repaired its cross-reference table.'],
      });
    } finally {
      t.dispose();
    }
  });
});
