/**
 * Comparing copies encrypted differently, from a third-party fixture: qpdf's qpdf-V4-aes.pdf (encrypted with
 * an owner password, allowing everything) against a copy qpdf makes of it that forbids printing. Read in the
 * untrusted-file workers, as the app and the command line do, and written into the comparison report. And a
 * copy that is damaged but readable (its pointer to its cross-reference table wrong), noted as such.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareFiles, writeCompareReport } from '../../../../../electron/services/compare/service';
import { closeIdleWorkers } from '../../../../../electron/services/untrusted/runner';
import { FIXTURES } from '../../../../helpers/context';
import { HAS_PDFTOTEXT, HAS_QPDF } from '../../../../helpers/importChecks';

const ENCRYPTED = join(FIXTURES, 'encrypted/qpdf-V4-aes.pdf');
const dir = mkdtempSync(join(tmpdir(), 'send-bundle-compare-'));

afterAll(async () => {
  await closeIdleWorkers();
  rmSync(dir, { recursive: true, force: true });
});

describe('comparing copies encrypted differently', () => {
  it.skipIf(!HAS_QPDF)(
    'notes what one copy forbids that the other allows, and the report says it',
    async () => {
      const noPrint = join(dir, 'no-print.pdf');
      execFileSync('qpdf', ['--encrypt', '', 'owner', '256', '--print=none', '--', ENCRYPTED, noPrint]);
      const result = await compareFiles({
        files: [
          { name: 'yours.pdf', path: ENCRYPTED },
          { name: 'theirs.pdf', path: noPrint },
        ],
      });
      expect(result).toMatchObject({ identical: true, same: true });
      expect(result.findings.map((f) => [f.code, f.severity, f.message])).toEqual([
        [
          'encryption-differs',
          'note',
          'Yours is encrypted, though it opens without a password and allows printing, copying and notes; theirs is encrypted: it opens without a password but stops people printing it. The pages are compared as they read; the tribunal should be sent a copy without encryption.',
        ],
      ]);
      if (!HAS_PDFTOTEXT) return;
      const report = join(dir, 'comparison.pdf');
      await writeCompareReport(result, new Date('2026-02-01T10:00:00Z'), report);
      const text = execFileSync('pdftotext', [report, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(text).toContain('Encrypted: it opens without a password but stops people printing it');
      expect(text).toContain('theirs is encrypted: it opens without a password but stops people printing it');
    },
  );
});

describe('comparing a copy that is damaged but readable', () => {
  it('finds the pages the same, and says that theirs is damaged, in the verdict, a note and the report', async () => {
    const original = readFileSync(join(FIXTURES, 'valid/pdflib-normal.pdf'));
    const at = original.lastIndexOf('startxref');
    const damaged = Buffer.concat([original.subarray(0, at), Buffer.from('startxref\n12\n%%EOF\n')]);
    const result = await compareFiles({
      files: [
        { name: 'yours.pdf', data: new Uint8Array(original) },
        { name: 'theirs.pdf', data: new Uint8Array(damaged) },
      ],
    });
    expect(result).toMatchObject({ identical: true, same: true });
    expect(result.verdict).toMatch(
      /^The two bundles are the same: .* But theirs is damaged: see the note\.$/,
    );
    expect(result.theirs.damage).toBe('the file does not point at its cross-reference table');
    expect(result.findings.map((f) => [f.code, f.severity])).toEqual([['file-damaged', 'note']]);
    if (!HAS_PDFTOTEXT) return;
    const report = join(dir, 'damaged.pdf');
    await writeCompareReport(result, new Date('2026-02-01T10:00:00Z'), report);
    const text = execFileSync('pdftotext', [report, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain(
      'the file does not point at its cross-reference table: read as far as it could be',
    );
    expect(text).toContain('Theirs is damaged (the file does not point at its cross-reference table).');
  });
});
