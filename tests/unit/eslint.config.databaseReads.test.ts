/**
 * The lint wall that keeps database reads in electron/db/query.ts (eslint.config.js, DATABASE_READ_WALL):
 * it must refuse each way a row used to be cast, and leave writes and the typed helpers alone.
 */
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { DATABASE_READ_WALL, JSON_COLUMN_WALL } from '../../eslint.config.js';

const linter = new Linter({ configType: 'flat' });
const config: Linter.Config[] = [
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    rules: { 'no-restricted-syntax': ['error', ...DATABASE_READ_WALL, ...JSON_COLUMN_WALL] },
  },
];
const problems = (code: string) =>
  linter.verify(code, config, { filename: 'electron/services/probe.ts' }).map((m) => m.message);

describe('database reads go through electron/db/query.ts', () => {
  it.each([
    ["const row = db.prepare('SELECT id FROM cases WHERE id = ?').get(1);"],
    ['const rows = db.prepare(`SELECT * FROM ${table}`).all();'],
    ['const info = ctx.db.prepare(`PRAGMA table_info(${name})`).all();'],
    ["const stmt = db\n  .prepare(\n    '  select path from bundles',\n  );"],
    ['const row = db.prepare(sql).get(1) as CaseRow;'],
    ['const rows = <CaseRow[]>db.prepare(sql).all();'],
    ['const n = db.prepare(sql).pluck().get() as number;'],
    ["const v = db.pragma('user_version', { simple: true }) as number;"],
    ['const changes = JSON.parse(row.changes) as WdChange[];'],
    ['const plan = <BundlePlan>JSON.parse(version.plan);'],
  ])('refuses %s', (code) => {
    expect(problems(code)).not.toEqual([]);
    expect(problems(code)[0]).toMatch(/electron\/db\/query\.ts/);
  });

  it.each([
    ["db.prepare('UPDATE cases SET title = ? WHERE id = ?').run('t', 1);"],
    ['db.prepare(`INSERT INTO drafts (key, value) VALUES (?, ?)`).run(k, v);'],
    ["const row = first<CaseRow>(db, 'SELECT * FROM cases WHERE id = ?', 1);"],
    ["const purpose = url.searchParams.get('for') as Purpose;"],
    ["db.pragma('foreign_keys = ON');"],
    ["const plan = jsonColumn(BundlePlanJson, row.plan, 'bundles.plan');"],
    ["const pkg = JSON.parse(readFileSync(file, 'utf8')) as { version?: string };"],
  ])('allows %s', (code) => {
    expect(problems(code)).toEqual([]);
  });
});
