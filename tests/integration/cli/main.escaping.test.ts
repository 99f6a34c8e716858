/**
 * The CLI never prints a control or bidi formatting character as it is: titles stored by an older version,
 * file names and messages show them as visible escapes, and tab-separated output keeps one row per record.
 */
import { PDFDocument } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { main } from '../../../cli/main';
import { closeServiceContext } from '../../../electron/services/context';
import { tempServices } from '../../helpers/context';
import { seedDocument } from '../../helpers/seed';

let t: ReturnType<typeof tempServices>;
let caseId: number;
beforeAll(async () => {
  t = tempServices();
  caseId = t.services.cases.create({ title: 'Escapes', role: 'parent', appealType: 'refusal-to-assess' }).id;
  const pdf = await PDFDocument.create();
  pdf.addPage([595, 842]);
  const bytes = await pdf.save();
  const doc = await seedDocument(t.ctx, caseId, 'C', bytes, { title: 'placeholder' });
  // As an older version could have stored them (no cleaning on the way in).
  t.ctx.db
    .prepare('UPDATE documents SET title = ? WHERE id = ?')
    .run('Report\x1b[2J\tpart\none\u202e', doc.id);
  t.ctx.db.prepare('UPDATE cases SET title = ? WHERE id = ?').run('Sam\x9b\r\nSmith', caseId);
  closeServiceContext(t.ctx);
});
afterAll(() => t.dispose());

// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]/;

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['--data-dir', t.dir, ...args], {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

it('docs: one row per document, four fields, the title escaped', async () => {
  const { code, out } = await run(['docs', String(caseId)]);
  expect(code).toBe(0);
  const rows = out.split('\n');
  expect(rows).toHaveLength(1);
  expect(rows[0].split('\t')).toHaveLength(4);
  expect(rows[0]).toContain('Report\\e[2J\\tpart\\none\\u202e');
  expect(out).not.toMatch(RAW_CONTROL);
});

it('case list and show: escaped; --json stays valid JSON with the exact text', async () => {
  const list = await run(['case', 'list']);
  expect(list.out.split('\n')).toHaveLength(1);
  expect(list.out).toContain('Sam\\u009b\\r\\nSmith');
  const json = await run(['--json', 'docs', String(caseId)]);
  expect(json.out).not.toMatch(RAW_CONTROL);
  expect(JSON.parse(json.out)[0].title).toBe('Report\x1b[2J\tpart\none\u202e');
});
