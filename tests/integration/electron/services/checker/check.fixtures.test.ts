/**
 * The checker over every third-party PDF in the shared fixtures: it never crashes and always says something
 * sensible: the file is encrypted, damaged (repairable or not), has no pages, or has no bundle pagination.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPdf } from '../../../../../electron/services/checker/check';
import { CHECK_FINDING_CODES, type CheckFindingCode } from '../../../../../shared/domain/checker';
import { FIXTURES } from '../../../../helpers/context';
import { updatedPdf } from '../../../../helpers/damage';
import { HAS_QPDF } from '../../../../helpers/importChecks';
import { jpegScanPdf } from '../../../../helpers/scanPdf';

function pdfsUnder(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? pdfsUnder(path) : name.endsWith('.pdf') ? [path] : [];
    })
    .sort();
}

const files = pdfsUnder(FIXTURES);

/** Findings that say what is wrong with a file that is not a proper bundle. */
const SENSIBLE: CheckFindingCode[] = [
  'password-protected',
  'damaged',
  'damaged-repairable',
  'not-a-pdf',
  'no-pages',
  'page-unreadable',
  'no-pagination',
  'page-number-missing',
  'page-number-gap',
  'not-a-bundle',
];

/** Files that cannot be opened without a password (pdf.js asks for one). */
const NEEDS_PASSWORD = [
  'encrypted/pdflib-encrypted_new.pdf',
  'encrypted/pdflib-encrypted_old.pdf',
  'encrypted/qpdf-20-pages.pdf',
  'encrypted/qpdf-bad-encryption-length.pdf',
  'encrypted/qpdf-encrypted-40-bit-R3.pdf',
];

/** Damaged beyond what a forgiving reader repairs. */
const UNREADABLE = ['malformed/pdflib-missing_xref_trailer_dict.pdf', 'malformed/qpdf-bad7.pdf'];

describe('checker over every fixture PDF', () => {
  it('has fixtures to check', () => {
    expect(files.length).toBeGreaterThan(40);
  });

  it.each(files.map((f) => [relative(FIXTURES, f), f]))(
    '%s: no crash, a sensible finding',
    async (name, path) => {
      const result = await checkPdf(new Uint8Array(readFileSync(path)), { rules: 'send', fileName: name });
      expect(result.findings.length).toBeGreaterThan(0);
      for (const f of result.findings) {
        expect(CHECK_FINDING_CODES).toContain(f.code);
        expect(f.message.length).toBeGreaterThan(10);
        expect(
          f.pages.every((p) => Number.isInteger(p) && p >= 1 && p <= Math.max(1, result.summary.pageCount)),
        ).toBe(true);
      }
      const codes = result.findings.map((f) => f.code);
      expect(
        codes.some((c) => SENSIBLE.includes(c)),
        codes.join(', '),
      ).toBe(true);
      if (NEEDS_PASSWORD.includes(name)) {
        expect(codes).toEqual(['password-protected']);
      } else if (UNREADABLE.includes(name)) {
        expect(codes).toEqual(['damaged']);
        expect(result.findings[0].message).toContain('cannot be repaired');
      } else if (name === 'malformed/qpdf-bad1.pdf') {
        expect(codes).toEqual(['not-a-pdf']);
      } else {
        expect(result.summary.opened).toBe(true);
      }
    },
  );

  it('says an owner-password file opens but is restricted', async () => {
    const r = await checkPdf(new Uint8Array(readFileSync(join(FIXTURES, 'encrypted/qpdf-V4-aes.pdf'))), {
      rules: 'send',
    });
    expect(r.summary).toMatchObject({ opened: true, encrypted: true, pageCount: 30 });
    expect(r.findings.map((f) => f.code)).toContain('encrypted-restrictions');
    // Its flags allow everything (P = -4): the warning says so, rather than that it "may stop" anything.
    expect(r.findings.find((f) => f.code === 'encrypted-restrictions')?.message).toMatch(
      /is encrypted, though it opens without a password and allows printing, copying and notes\./,
    );
  });

  it.skipIf(!HAS_QPDF)('names what an encrypted file forbids, from its permission flags', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'send-bundle-restricted-'));
    try {
      const made = (name: string, ...permissions: string[]) => {
        const out = join(dir, name);
        const input = join(FIXTURES, 'structure/qpdf-11-pages-with-labels.pdf');
        execFileSync('qpdf', ['--encrypt', '', 'owner', '256', ...permissions, '--', input, out]);
        return new Uint8Array(readFileSync(out));
      };
      const message = async (bytes: Uint8Array) =>
        (await checkPdf(bytes, { rules: 'send' })).findings.find((f) => f.code === 'encrypted-restrictions')
          ?.message;
      expect(await message(made('no-print.pdf', '--print=none'))).toMatch(
        /opens without a password but stops people printing it\. Send the tribunal a copy without restrictions\./,
      );
      expect(await message(made('locked.pdf', '--print=none', '--extract=n', '--annotate=n'))).toMatch(
        /stops people printing it, copying its text and adding notes\./,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says a damaged file that readers open is repairable', async () => {
    const r = await checkPdf(new Uint8Array(readFileSync(join(FIXTURES, 'malformed/qpdf-bad-xref.pdf'))), {
      rules: 'send',
    });
    expect(r.findings.find((f) => f.code === 'damaged-repairable')).toMatchObject({ severity: 'warning' });
  });

  it('says a file whose last change was cut short is damaged: readers show different versions of it', async () => {
    const r = await checkPdf(updatedPdf(true), { rules: 'send' });
    expect(r.findings.find((f) => f.code === 'damaged-repairable')).toMatchObject({
      severity: 'warning',
      message: expect.stringMatching(
        /objects follow its end that no table lists: a change to it was cut short/,
      ),
    });
    const whole = await checkPdf(updatedPdf(), { rules: 'send' });
    expect(whole.findings.find((f) => f.code === 'damaged-repairable')).toBeUndefined();
  });

  it('reports an empty file as not a PDF, and a file with no pages', async () => {
    expect((await checkPdf(new Uint8Array(), { rules: 'send' })).findings.map((f) => f.code)).toEqual([
      'not-a-pdf',
    ]);
    const r = await checkPdf(new Uint8Array(readFileSync(join(FIXTURES, 'malformed/qpdf-empty.pdf'))), {
      rules: 'dd',
    });
    expect(r.findings.map((f) => f.code)).toEqual(['no-pages']);
    expect(r.summary.rules.id).toBe('dd-2025');
  });

  it('gives one verdict for a long document that is not a bundle (a tax booklet with a contents page)', async () => {
    const name = 'structure/pdflib-linearized_with_object_streams.pdf';
    const r = await checkPdf(new Uint8Array(readFileSync(join(FIXTURES, name))), {
      rules: 'send',
      fileName: name,
    });
    expect(r.summary.pageCount).toBe(206);
    expect(r.findings.map((f) => [f.code, f.severity, f.pages])).toEqual([['not-a-bundle', 'error', []]]);
    expect(r.verdict.kind).toBe('not-a-bundle');
    expect(r.verdict.message).toMatch(/^This does not look like a hearing bundle, because /);
    expect(r.verdict.reasons).toContain(
      'its first pages, title and bookmarks do not mention a tribunal or a bundle',
    );
    expect(r.findings[0].message).toContain(r.verdict.reasons[0]);
  });

  it('finds the scanned page whose JPEG picture is cut short (readers show it half blank)', async () => {
    const r = await checkPdf(await jpegScanPdf(3, [2]), { rules: 'send' });
    expect(r.findings.find((f) => f.code === 'page-unreadable')).toMatchObject({
      severity: 'error',
      pages: [2],
    });
    const whole = await checkPdf(await jpegScanPdf(3), { rules: 'send' });
    expect(whole.findings.find((f) => f.code === 'page-unreadable')).toBeUndefined();
  });

  it('finds the page it cannot read', async () => {
    const r = await checkPdf(new Uint8Array(readFileSync(join(FIXTURES, 'structure/qpdf-deep-pages.pdf'))), {
      rules: 'send',
    });
    expect(r.findings.find((f) => f.code === 'page-unreadable')).toMatchObject({
      severity: 'error',
      pages: [1],
    });
  });
});
