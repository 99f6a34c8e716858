/**
 * `send-bundle working-document` (#19): start from the plan's text, a change from each side with
 * evidence, one agreed, the page count, a version made (DOCX and PDF in section B), the versions listed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../../cli/main';

const dir = mkdtempSync(join(tmpdir(), 'wd-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await main([...args, '--data-dir', join(dir, 'data')], {
    out: (l) => lines.push(l),
    err: (l) => lines.push(l),
  });
  return { code, out: lines.join('\n') };
}

describe('send-bundle working-document', () => {
  it('starts, takes changes, counts pages and makes a version', async () => {
    const made = await cli(
      'case',
      'new',
      '--title',
      'Sam',
      '--role',
      'la',
      '--appeal-type',
      'contents-of-plan',
      '--decision-date',
      '2026-01-10',
      '--json',
    );
    expect(made.code, made.out).toBe(0);
    const caseId = String(JSON.parse(made.out).id);
    writeFileSync(join(dir, 'plan.txt'), 'Section F: Provision\nSam will receive therapy once a term.\n');
    expect((await cli('working-document', 'start', caseId, '--text', join(dir, 'plan.txt'))).out).toBe(
      'Working document started: 1 sections, 1 paragraphs.',
    );
    const la = await cli(
      'working-document',
      'propose',
      caseId,
      '--paragraph',
      '1.1',
      '--by',
      'la',
      '--delete',
      'once a term',
      '--add',
      'every week',
      '--evidence',
      'SALT report p.4',
    );
    expect(la.code, la.out).toBe(0);
    expect(la.out).toContain(
      '1.1.1  LA: delete “once a term”, add “every week”  (evidence: SALT report p.4)',
    );
    const wrong = await cli(
      'working-document',
      'propose',
      caseId,
      '--paragraph',
      '1.1',
      '--by',
      'parent',
      '--delete',
      'twice a day',
    );
    expect(wrong.code).toBe(2);
    expect(wrong.out).toMatch(/“twice a day”, are not in the paragraph/);
    expect((await cli('working-document', 'agree', caseId, '--change', '1.1.1')).out).toContain(
      '1.1.1  agreed:',
    );
    expect((await cli('working-document', 'pages', caseId)).out).toBe('1 of 25 pages');
    const version = await cli('working-document', 'version', caseId, '--date', '2026-04-01');
    expect(version.code, version.out).toBe(0);
    expect(version.out).toMatch(/^Version 1, 2026-04-01: 1 pages, in section B as document \d+\./);
    expect((await cli('working-document', 'versions', caseId)).out).toMatch(
      /^1\t2026-04-01\t1 pages\t.*working-document-v1-2026-04-01\.docx$/,
    );
    expect((await cli('docs', caseId)).out).toContain('Working document (version 1, 2026-04-01)');
  }, 120_000);
});
