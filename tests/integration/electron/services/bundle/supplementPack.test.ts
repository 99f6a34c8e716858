/**
 * The supplementary pack (shared/bundle/supplement.ts, electron/services/bundle/supplementPack.ts): after
 * version 1 is marked as sent and a late document arrives, building version 2 with the pack gives a PDF
 * of only the new and changed pages (their stamps, no others) behind its cover and instructions, verified
 * like a bundle; with nothing sent yet, it is refused before anything is built.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundleVersion } from '../../../../../shared/bundle/types';
import type { SupplementDetails } from '../../../../../shared/bundle/delivery';
import { tempServices } from '../../../../helpers/context';
import { makeTextPdf, seedDocument } from '../../../../helpers/seed';

const HAVE_POPPLER = spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).error === undefined;
const env = tempServices();
let caseId = 0;
let v2: BundleVersion;
const settings = { numbering: 'continuous' as const, compiledDate: '2026-02-01' };

beforeAll(async () => {
  caseId = env.services.cases.create({
    title: 'Appeal for Sam Example',
    role: 'la',
    appealType: 'contents-of-plan',
    childName: 'Sam Example',
  }).id;
  for (let i = 1; i <= 6; i++)
    await seedDocument(env.ctx, caseId, 'D', await makeTextPdf(`Report number ${i}`, 2), {
      title: `Report number ${i}`,
      date: '2025-09-01',
    });
  await env.services.bundle.build(caseId, settings);
  // Nothing sent yet: refused, and no version built.
  await expect(env.services.bundle.build(caseId, settings, { supplement: true })).rejects.toThrow(
    /No earlier version has been marked as sent/,
  );
  expect(env.services.bundle.versions(caseId)).toHaveLength(1);
  env.services.bundle.issue(caseId, 1);
  const late = await seedDocument(env.ctx, caseId, 'D', await makeTextPdf('Late letter from the school', 2), {
    title: 'Late letter from the school',
    date: '2026-01-20',
  });
  const order = env.services.documents
    .list(caseId)
    .map((d) => d.id)
    .filter((id) => id !== late.id);
  order.splice(3, 0, late.id);
  env.services.documents.reorder(caseId, 'D', order);
  v2 = await env.services.bundle.build(caseId, settings, { supplement: true });
}, 120_000);

afterAll(() => env.dispose());

describe('supplementary pack', () => {
  it('holds exactly the new and changed pages behind its cover and instructions, and passed its check', () => {
    const diff = env.services.bundle.diff(caseId, 1, 2);
    expect(diff.added).toEqual(['6a', '6b']);
    const [pack] = v2.files;
    expect(pack.kind).toBe('supplement');
    const details = pack.details as SupplementDetails;
    const expected = [...diff.changed, ...diff.added];
    expect([...details.labels].sort()).toEqual([...expected].sort());
    expect(pack.pageCount).toBe(details.frontPages + expected.length);
    expect(details.steps.map((s) => s.text).join('\n')).toContain('Insert pages 6a–6b');
    expect(details.summary).toContain('after page 6');
  });

  it.skipIf(!HAVE_POPPLER)('shows those pages with their stamps and no other bundle page (pdftotext)', () => {
    const [pack] = v2.files;
    const details = pack.details as SupplementDetails;
    const pages = Array.from({ length: pack.pageCount }, (_, i) =>
      execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), '-layout', pack.path, '-'], {
        encoding: 'utf8',
      }),
    );
    const front = pages.slice(0, details.frontPages).join('\n');
    expect(front).toContain('Supplementary pack');
    expect(front).toMatch(/Insert pages 6a–6b/);
    expect(front).toContain(`Bundle ${v2.fingerprint}`);
    // Each copied page ends with its own bundle number; no page of version 2 outside the pack is there.
    const stamps = pages.slice(details.frontPages).map((t) => t.trim().split(/\s+/).pop());
    expect(stamps).toEqual(details.labels);
    expect(pages.join('\n')).toContain('Late letter from the school - page 2 of 2');
    expect(pages.join('\n')).not.toContain('Report number 4 - page 1 of 2');
    const info = execFileSync('pdfinfo', [pack.path], { encoding: 'utf8' });
    expect(info).toMatch(/Title:\s+Supplementary pack/);
  });

  it.skipIf(!HAVE_POPPLER)(
    'is named by the covering letter, with the version it brings up to date',
    async () => {
      const [pack] = v2.files;
      const details = pack.details as SupplementDetails;
      const prefill = env.services.letters.prefill(caseId, 'bundle-covering-letter').fields;
      expect(prefill).toMatchObject({
        sending: 'supplement',
        supplementSummary: details.summary,
        supplementPages: String(pack.pageCount),
        sentVersion: '1',
        bundleVersion: '2',
      });
      expect(prefill.emailSubject).toMatch(
        /Sam Example \| Supplementary pack to the hearing bundle, version 2$/,
      );
      const letter = await env.services.letters.render(
        caseId,
        'bundle-covering-letter',
        {
          laName: 'Northshire Council',
          officerName: 'Ada Lovelace',
          officerEmail: 'ada@northshire.example',
          appellantName: 'Jo Example',
          tribunalRef: 'EH999/25/01234',
        },
        ['pdf'],
        { usePrefill: true },
      );
      const text = execFileSync('pdftotext', [letter.files[0].path, '-'], { encoding: 'utf8' }).replace(
        /\s+/g,
        ' ',
      );
      expect(text).toContain('I enclose a supplementary pack to the hearing bundle (version 2)');
      expect(text).toContain('changed since version 1 you already have');
      expect(text).toContain(details.summary.replace(/\s+/g, ' '));
      expect(text).toContain(`Supplementary pack to the hearing bundle, version 2 (${pack.pageCount} pages)`);
    },
  );
});
