/**
 * Comparing two bundles (send-bundle compare; shared/bundle/compare.ts): one case built three times —
 * version 1 (sent), version 2 with a late document numbered as an insert after page 119, version 3 with the
 * same document renumbered, so it is page 120 and every page after it moves up one — plus copies of
 * version 1 re-saved by qpdf and with two pages swapped. Run through the command itself, in this process.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../../cli/main';
import type { CompareResult } from '../../../../shared/bundle/compare';
import type { BundleVersion } from '../../../../shared/bundle/types';
import { compareFiles } from '../../../../electron/services/compare/service';
import { closeIdleWorkers } from '../../../../electron/services/untrusted/runner';
import { tempServices } from '../../../helpers/context';
import { makeTextPdf, seedDocument } from '../../../helpers/seed';

const HAVE_QPDF = spawnSync('qpdf', ['--version'], { stdio: 'ignore' }).error === undefined;
const HAVE_POPPLER = spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).error === undefined;

const env = tempServices();
let v1: BundleVersion;
let v2: BundleVersion;
let v3: BundleVersion;
/** 0-based place in version 1's file of the page numbered 120. */
let at120: number;

async function compare(
  a: string,
  b: string,
  ...more: string[]
): Promise<{ code: number; result: CompareResult }> {
  const out: string[] = [];
  const code = await main(['--json', 'compare', a, b, ...more], { out: (l) => out.push(l), err: () => {} });
  return { code, result: JSON.parse(out.join('\n')) as CompareResult };
}

beforeAll(async () => {
  const c = env.services.cases.create({
    title: 'Appeal for Sam Example',
    role: 'parent',
    appealType: 'contents-of-plan',
    childName: 'Sam Example',
    laName: 'Northshire Council',
  });
  // Document 1 has one page, the rest two: document 60 ends on page 119.
  for (let i = 1; i <= 64; i++)
    await seedDocument(env.ctx, c.id, 'D', await makeTextPdf(`Report number ${i}`, i === 1 ? 1 : 2), {
      title: `Report number ${i}`,
      date: '2025-09-01',
    });
  const settings = { numbering: 'continuous' as const, compiledDate: '2026-02-01' };
  v1 = await env.services.bundle.build(c.id, settings);
  env.services.bundle.issue(c.id, 1);
  const late = await seedDocument(env.ctx, c.id, 'D', await makeTextPdf('Late letter from the school', 1), {
    title: 'Late letter from the school',
    date: '2026-01-20',
  });
  const order = env.services.documents
    .list(c.id)
    .map((d) => d.id)
    .filter((id) => id !== late.id);
  order.splice(60, 0, late.id);
  env.services.documents.reorder(c.id, 'D', order);
  v2 = await env.services.bundle.build(c.id, settings);
  v3 = await env.services.bundle.build(c.id, { ...settings, lateInsertMode: 'renumber' });
  at120 = env.services.bundle.versionPlan(c.id, 1).pages.findIndex((p) => p.label === '120');
}, 240_000);

afterAll(async () => {
  await closeIdleWorkers();
  env.dispose();
});

describe('send-bundle compare', () => {
  it('finds a bundle the same as itself, and as a copy re-saved by qpdf (exit 0)', async () => {
    const same = await compare(v1.path, v1.path);
    expect(same.code).toBe(0);
    expect(same.result).toMatchObject({ same: true, identical: true, findings: [] });
    expect(same.result.yours.fingerprint).toBe(v1.fingerprint);
    expect(same.result.yours.statedFingerprint).toBe(v1.fingerprint);
    if (!HAVE_QPDF) return;
    const copy = join(env.dir, 'resaved.pdf');
    execFileSync('qpdf', ['--object-streams=generate', '--compress-streams=y', v1.path, copy]);
    const resaved = await compare(v1.path, copy);
    expect(resaved.code).toBe(0);
    expect(resaved.result.identical).toBe(true);
    expect(resaved.result.theirs.fingerprint).toBe(v1.fingerprint);
  });

  it.skipIf(!HAVE_QPDF)(
    'notes a copy encrypted to stop printing, its pages read the same (exit 0)',
    async () => {
      const locked = join(env.dir, 'no-print.pdf');
      execFileSync('qpdf', ['--encrypt', '', 'owner', '256', '--print=none', '--', v1.path, locked]);
      const { code, result } = await compare(v1.path, locked);
      expect(code).toBe(0);
      expect(result).toMatchObject({ same: true, identical: true });
      expect(result.theirs.fingerprint).toBe(v1.fingerprint);
      expect(result.theirs.encryption).toEqual({
        encrypted: true,
        restrictions: { print: true, copy: false, annotate: false },
      });
      expect(result.findings.map((f) => [f.code, f.severity, f.message])).toEqual([
        [
          'encryption-differs',
          'note',
          'Yours is not encrypted; theirs is encrypted: it opens without a password but stops people printing it. The pages are compared as they read; the tribunal should be sent a copy without encryption.',
        ],
      ]);
    },
  );

  it('says a page was inserted at 120 and that every number from there on is 1 higher (exit 1)', async () => {
    const { code, result } = await compare(v1.path, v3.path);
    expect(code).toBe(1);
    expect(result.same).toBe(false);
    const added = result.findings.filter((f) => f.code === 'pages-added');
    expect(added.map((f) => f.theirs)).toEqual([['120']]);
    expect(added[0].message).toContain('after your page 119');
    const shift = result.findings.filter((f) => f.code === 'numbering-shift');
    expect(shift).toHaveLength(1);
    expect(shift[0].message).toContain('your page 120 is their page 121');
    expect(shift[0].message).toContain('from your page 120 on, their numbers are 1 higher');
    expect(result.counts.onlyYours).toBe(0);
    expect(
      result.findings.some((f) => f.code === 'documents-added' && f.message.includes('Late letter')),
    ).toBe(true);
    expect(result.findings.find((f) => f.code === 'index-differs')?.lines?.length).toBeGreaterThan(4);
  });

  it('names exactly the inserted and changed pages of a late insert, as the build does', async () => {
    const { code, result } = await compare(v1.path, v2.path);
    expect(code).toBe(1);
    const diff = env.services.bundle.diff(v1.caseId, 1, 2);
    const added = result.findings.filter((f) => f.code === 'pages-added').flatMap((f) => f.theirs);
    const changed = result.findings.filter((f) => f.code === 'pages-changed').flatMap((f) => f.theirs);
    expect(added).toEqual(diff.added);
    expect(added).toEqual(['119a']);
    expect(changed).toEqual(diff.changed);
    expect(result.findings.some((f) => f.code === 'numbering-shift' || f.code === 'pages-removed')).toBe(
      false,
    );
    expect(result.counts.onlyTheirs + result.counts.changed).toBe(diff.added.length + diff.changed.length);
  });

  it.skipIf(!HAVE_QPDF)('names both pages of two swapped pages', async () => {
    const swapped = join(env.dir, 'swapped.pdf');
    const n = at120 + 1; // 1-based
    execFileSync('qpdf', [v1.path, '--pages', v1.path, `1-${n - 1},${n + 1},${n},${n + 2}-z`, '--', swapped]);
    const { code, result } = await compare(v1.path, swapped);
    expect(code).toBe(1);
    const moved = result.findings.filter((f) => f.code === 'pages-moved');
    expect(moved).toHaveLength(1);
    // Either of the two is the one out of place; the message names it and the one it now follows.
    const [mover, other] = moved[0].yours[0] === '120' ? ['120', '121'] : ['121', '120'];
    expect(moved[0].message).toContain(`Your page ${mover} `);
    expect(moved[0].message).toContain(`after your page ${other}`);
    expect(result.counts.onlyYours + result.counts.onlyTheirs + result.counts.changed).toBe(0);
  });

  it.skipIf(!HAVE_POPPLER)('writes a report PDF with the findings in it', async () => {
    const report = join(env.dir, 'comparison.pdf');
    const { result } = await compare(v1.path, v3.path, '--report', report);
    const text = execFileSync('pdftotext', [report, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Comparison of two copies of a bundle');
    expect(text).toContain(result.verdict.replace(/\s+/g, ' ').slice(0, 40));
    expect(text).toContain('your page 120 is their page 121');
    expect(text).toContain('Late letter from the school');
    expect(text).toContain(`${v1.fingerprint}`);
  });

  it.skipIf(!HAVE_POPPLER)(
    "sets the report's file names in the fonts they need (Bengali, Chinese)",
    async () => {
      // Set in DejaVu Sans alone, the names were boxes.
      const yours = join(env.dir, 'আমার বান্ডেল.pdf');
      const theirs = join(env.dir, '王小明 bundle.pdf');
      copyFileSync(v1.path, yours);
      copyFileSync(v3.path, theirs);
      const report = join(env.dir, 'comparison-names.pdf');
      await compare(yours, theirs, '--report', report);
      const fonts = execFileSync('pdffonts', [report], { encoding: 'utf8' });
      expect(fonts).toContain('NotoSansBengali');
      expect(fonts).toContain('DroidSansFallback');
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', report, '-'], { encoding: 'utf8' });
      expect(text).toContain('আমার বান্ডেল.pdf');
      expect(text).toContain('王小明 bundle.pdf');
    },
  );

  it('reads both files at once, and says plainly which one cannot be read (the other reading stopped)', async () => {
    const notPdf = join(env.dir, 'notes.pdf');
    writeFileSync(notPdf, 'These are my notes, not a PDF.\n');
    const progress: { done: number; total: number }[] = [];
    await expect(
      compareFiles(
        {
          files: [
            { name: 'v1.pdf', path: v1.path },
            { name: 'notes.pdf', path: notPdf },
          ],
        },
        { onProgress: (e) => progress.push(e) },
      ),
    ).rejects.toThrow('“notes.pdf” is not a PDF file, so it cannot be compared.');
    const stop = new AbortController();
    const stopped = compareFiles(
      {
        files: [
          { name: 'v1.pdf', path: v1.path },
          { name: 'v3.pdf', path: v3.path },
        ],
      },
      { signal: stop.signal },
    );
    stop.abort();
    await expect(stopped).rejects.toThrow('The comparison was stopped.');
    // Progress counts both files' pages together.
    const both = await compareFiles(
      {
        files: [
          { name: 'v1.pdf', path: v1.path },
          { name: 'v3.pdf', path: v3.path },
        ],
      },
      { onProgress: (e) => progress.push(e) },
    );
    expect(both.same).toBe(false);
    const last = progress[progress.length - 1];
    expect(last.total).toBe(both.yours.pageCount + both.theirs.pageCount);
    expect(last.done).toBe(last.total);
  });
});
