import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../../../cli/main';
import { tempServices } from '../../../helpers/context';
import { makeTextPdf, seedDocument } from '../../../helpers/seed';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bundle-cli-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('send-bundle build', () => {
  it('builds a bundle to --out and reports pages, sections, findings, verification and sha256 as JSON', async () => {
    const e = tempServices();
    cleanups.push(e.dispose);
    const c = e.services.cases.create({ title: 'CLI case', role: 'parent', appealType: 'refusal-to-assess' });
    await seedDocument(e.ctx, c.id, 'A', await makeTextPdf('Decision letter', 2), {
      title: 'Decision letter',
      kind: 'decision-letter',
    });
    await seedDocument(e.ctx, c.id, 'C', await makeTextPdf('Parent statement', 11), {
      title: 'Statement of the parent',
      kind: 'witness-statement',
    });
    const out = join(tempDir(), 'bundle.pdf');
    const { io, out: lines } = capture();
    const code = await main(
      ['--data-dir', e.dir, 'build', String(c.id), '--out', out, '--numbering', 'section', '--json'],
      io,
    );
    expect(code).toBe(0);
    const result = JSON.parse(lines.join('\n'));
    expect(result).toMatchObject({ caseId: c.id, version: 1, pageCount: 15, numbering: 'section', out });
    expect(result.sections).toEqual([
      { letter: 'A', title: 'Appeal papers', pages: 'A1–A2', pageCount: 2 },
      { letter: 'C', title: "Appellant's evidence", pages: 'C1–C11', pageCount: 11 },
    ]);
    expect(result.verification.ok).toBe(true);
    expect(result.findings.map((f: { rule: string }) => f.rule)).toContain('witness-statement-length');
    expect(result.nonComplianceNote.items).toHaveLength(1);
    expect(result.sha256).toBe(createHash('sha256').update(readFileSync(out)).digest('hex'));
    expect(existsSync(result.path)).toBe(true);
  });

  it('prints a plain summary, and refuses mistyped options with the usage (exit 2)', async () => {
    const e = tempServices();
    cleanups.push(e.dispose);
    const c = e.services.cases.create({ title: 'CLI case', role: 'la', appealType: 'contents-of-plan' });
    await seedDocument(e.ctx, c.id, 'B', await makeTextPdf('EHC plan', 3), {
      title: 'EHC plan',
      kind: 'ehc-plan',
    });
    const plain = capture();
    expect(await main(['--data-dir', e.dir, 'build', String(c.id)], plain.io)).toBe(0);
    expect(plain.out[0]).toBe('Built version 1: 5 pages.');
    expect(plain.out.join('\n')).toContain('Section B  The EHC plan and working document');
    expect(plain.out.join('\n')).toContain('Not in the bundle yet: The working document');

    const bad = capture();
    expect(await main(['--data-dir', e.dir, 'build', String(c.id), '--numbering', 'pages'], bad.io)).toBe(2);
    expect(bad.err[0]).toContain('--numbering must be continuous or section');
    const none = capture();
    expect(await main(['--data-dir', e.dir, 'build'], none.io)).toBe(2);
    const empty = e.services.cases.create({ title: 'Empty', role: 'la', appealType: 'contents-of-plan' });
    const refused = capture();
    expect(await main(['--data-dir', e.dir, 'build', String(empty.id)], refused.io)).toBe(1);
    expect(refused.err[0]).toContain('There are no documents in this case');
  });
});

describe('send-bundle demo', () => {
  it('creates the sample case and builds two versions with a late insert', { timeout: 180_000 }, async () => {
    const out = join(tempDir(), 'demo');
    const { io, out: lines } = capture();
    expect(await main(['demo', '--out', out, '--json'], io)).toBe(0);
    const result = JSON.parse(lines.join('\n'));
    expect(result.bundles.map((b: { version: number }) => b.version)).toEqual([1, 2]);
    expect(result.changedPages.added).toEqual(['C12a', 'C12b']);
    expect(result.changedPages.removed).toEqual([]);
    expect(result.findings.map((f: { id: string }) => f.id)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^expert-report-length:/),
        expect.stringMatching(/^report-age:/),
      ]),
    );
    for (const file of [
      'hearing-bundle-v1.pdf',
      'hearing-bundle-v2.pdf',
      'changed-pages.txt',
      'non-compliance-note.json',
    ])
      expect(existsSync(join(out, file)), file).toBe(true);
    expect(readFileSync(join(out, 'hearing-bundle-v2.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    // A second demo into the same folder is refused rather than mixed in.
    const again = capture();
    expect(await main(['demo', '--out', out], again.io)).toBe(2);
  });
});
