/**
 * `send-bundle hidden-words DOCUMENT`: takes out words hidden by a box, saying what it did, with progress on
 * standard error and no text recognition left running behind it; a document with nothing hidden, or no
 * document number, is refused in words.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../helpers/cli';
import { makeRedactedPdf, makeTextPdf } from '../../../helpers/seed';

let dir: string;
let data: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'send-bundle-cli-'));
  data = join(dir, 'data');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (...args: string[]) => runCli(['--data-dir', data, ...args]);

describe('send-bundle hidden-words', () => {
  it('turns the pages that hide words into pictures, and refuses where nothing is hidden', async () => {
    writeFileSync(join(dir, 'report.pdf'), await makeRedactedPdf('The child lives at 12 Acacia Avenue'));
    writeFileSync(join(dir, 'plain.pdf'), await makeTextPdf('Nothing hidden', 1));
    const made = await cli(
      'case',
      'new',
      '--json',
      '--title',
      'T',
      '--role',
      'la',
      '--appeal-type',
      'refusal-to-assess',
    );
    const caseId = String(JSON.parse(made.stdout).id);
    const added = await cli(
      'import',
      caseId,
      join(dir, 'report.pdf'),
      join(dir, 'plain.pdf'),
      '--section',
      'C',
      '--json',
    );
    const [report, plain] = added.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { documentId: number });

    const r = await cli('hidden-words', String(report.documentId));
    expect(r.code).toBe(0);
    expect(r.stderr.trim()).toBe('Turning page 1 of “report” into a picture');
    expect(r.stdout).toContain('report: the hidden words are taken out.');
    expect(r.stdout).toContain('Page 1 was turned into a picture of itself');
    const json = await cli('--json', 'docs', caseId);
    const listed = JSON.parse(json.stdout) as { id: number; coveredTextPages: number[] }[];
    expect(listed.find((d) => d.id === report.documentId)?.coveredTextPages).toEqual([]);

    const again = await cli('hidden-words', String(report.documentId));
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(
      'No words hidden by a box, nor redactions marked and never applied, were found in “report”. Nothing has changed.',
    );
    const none = await cli('hidden-words', String(plain.documentId));
    expect(none.stderr).toContain('No words hidden by a box, nor redactions marked');
    const missing = await cli('hidden-words');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Give the document number');
  });
});
