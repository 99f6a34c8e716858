/**
 * Bundle references in letters (#19): `[EP report p.2]` typed in a letter becomes the bundle page of that
 * page of the document, in the PDF and the DOCX, and follows the bundle when a rebuild shifts its pages.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { resolveBundleReferences } from '../../../../shared/bundle/references';
import { tempServices } from '../../../helpers/context';
import { makeTextPdf, seedDocument } from '../../../helpers/seed';
import { FIXTURES } from '../../../helpers/letterFixtures';

describe('bundle references in letters', () => {
  it('resolve by title and page, and leave what they cannot resolve as typed', () => {
    const sources = {
      documents: [
        { id: 1, title: 'EP report' },
        { id: 2, title: 'School report' },
      ],
      pages: [1, 2, 3].map((n) => ({ label: `C${n + 4}`, documentId: 1, sourcePage: n - 1 })),
    };
    expect(resolveBundleReferences('See [EP report p.2] and [ep report pp.1-3].', sources)).toEqual({
      text: 'See EP report p.2 (C6) and ep report pp.1–3 (C5–C7).',
      unresolved: [],
    });
    // Two documents match "report"; the school report is not in the bundle; page 9 does not exist.
    expect(
      resolveBundleReferences('[report p.1] [School report p.1] [EP report p.9]', sources).unresolved,
    ).toEqual(['[report p.1]', '[School report p.1]', '[EP report p.9]']);
  });

  it('follow the pages after a rebuild that shifts them, in the PDF and the DOCX', async () => {
    const e = tempServices();
    try {
      const c = e.services.cases.create({
        title: 'Refs',
        role: 'parent',
        appealType: 'refusal-to-assess',
        decisionDate: '2026-06-15',
      });
      const ep = await seedDocument(e.ctx, c.id, 'C', await makeTextPdf('EP report', 3), {
        title: 'EP report',
        date: '2026-05-10',
      });
      const fields = {
        ...FIXTURES['reasons-for-appeal'].fields,
        reasons: 'The psychologist says an assessment is needed [EP report p.2].',
      };
      const labelOfPage2 = (version: number) =>
        e.services.bundle
          .versionPlan(c.id, version)
          .pages.find((p) => p.documentId === ep.id && p.sourcePage === 1)!.label;
      const texts = async () => {
        const letter = await e.services.letters.render(c.id, 'reasons-for-appeal', fields, ['pdf', 'docx']);
        const pdf = execFileSync('pdftotext', [letter.files.find((f) => f.format === 'pdf')!.path, '-'], {
          encoding: 'utf8',
        });
        const zip = await JSZip.loadAsync(readFileSync(letter.files.find((f) => f.format === 'docx')!.path));
        return { pdf: pdf.replace(/\s+/g, ' '), docx: await zip.file('word/document.xml')!.async('string') };
      };

      const v1 = await e.services.bundle.build(c.id, { compiledDate: '2026-08-01' });
      const first = labelOfPage2(v1.version);
      let made = await texts();
      expect(made.pdf).toContain(`an assessment is needed EP report p.2 (${first}).`);
      expect(made.docx).toContain(`EP report p.2 (${first})`);

      await seedDocument(e.ctx, c.id, 'A', await makeTextPdf('Appeal form', 4), {
        title: 'Appeal form',
        kind: 'appeal-form',
      });
      const v2 = await e.services.bundle.build(c.id, { compiledDate: '2026-08-02' });
      const second = labelOfPage2(v2.version);
      expect(second).not.toBe(first);
      made = await texts();
      expect(made.pdf).toContain(`EP report p.2 (${second}).`);
      expect(made.docx).toContain(`EP report p.2 (${second})`);
      expect(made.docx).not.toContain(`(${first})`);
    } finally {
      e.dispose();
    }
  }, 120_000);
});
