/**
 * What letters prefill from the latest bundle: the non-compliance note's table from the bundle's findings.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { letterText } from '../../../../../electron/services/letters/model';
import { buildLetter } from '../../../../../electron/services/letters/service';
import type { ComplianceFinding } from '../../../../../shared/bundle/types';
import { tempServices } from '../../../../helpers/context';
import { makeTextPdf, seedDocument } from '../../../../helpers/seed';

let dispose: (() => void) | undefined;
afterEach(() => {
  dispose?.();
  dispose = undefined;
});

describe("the non-compliance note's findings, from the latest bundle", () => {
  it('name the document, its pages and what is over the limit, with the limit and the excess in words', async () => {
    const t = tempServices({ clock: () => new Date('2026-12-01T10:00:00Z') });
    dispose = t.dispose;
    const { services, ctx } = t;
    const c = services.cases.create({
      title: 'Case',
      role: 'la',
      appealType: 'contents-of-plan',
      childName: 'Sam Smith',
      laName: 'Anytown Borough Council',
      tribunalRef: 'EH123/26/00042',
      hearingDate: '2026-06-16',
    });
    const report = await seedDocument(ctx, c.id, 'C', await makeTextPdf('SALT report', 2), {
      title: 'Speech and language therapy report',
      date: '2022-11-01',
    });
    // The findings as the bundle engine stores them in its plan (shared/bundle/compliance.ts).
    const findings: ComplianceFinding[] = [
      {
        id: `expert-report-length:${report.id}`,
        rule: 'expert-report-length',
        severity: 'breach',
        message:
          'The expert report "Speech and language therapy report" has 17 pages; expert reports should be at most 15 pages.',
        documentIds: [report.id],
        pages: ['C13–C29'],
        limit: 15,
        actual: 17,
        needsNote: true,
      },
      {
        id: `report-age:${report.id}`,
        rule: 'report-age',
        severity: 'breach',
        message:
          'The expert report "Speech and language therapy report" is dated 1 November 2022, more than 3 years before the hearing (16 June 2026).',
        documentIds: [report.id],
        pages: ['C13–C29'],
        limit: 3,
        needsNote: true,
      },
    ];
    ctx.db
      .prepare(
        `INSERT INTO bundles (case_id, version, created_at, compiled_date, page_count, sha256, path, rule_pack, numbering,
           plan, compliance_summary, verification) VALUES (?, 2, '2026-05-25', '2026-05-25', 93, 'x', 'x', 'send', 'continuous', ?, '{}', '{}')`,
      )
      .run(
        c.id,
        JSON.stringify({
          documents: [
            {
              documentId: report.id,
              title: 'Speech and language therapy report',
              firstLabel: 'C13',
              lastLabel: 'C29',
            },
          ],
          meters: [],
          findings,
        }),
      );

    const pre = services.letters.prefill(c.id, 'non-compliance-note');
    expect(pre.fields.findings).toEqual([
      {
        part: 'Length of the expert report “Speech and language therapy report” (pages C13–C29)',
        limit: '15 pages',
        actual: '17 pages',
      },
      {
        part: 'Age of the expert report “Speech and language therapy report” (pages C13–C29)',
        limit: 'No more than 3 years old',
        actual: 'More than 3 years old',
      },
    ]);
    // Only the reasons are left to write.
    expect(pre.missing).toEqual(['officerName', 'findings[1].explanation', 'findings[2].explanation']);

    const findingsWithReasons = (pre.fields.findings as Record<string, unknown>[]).map((f) => ({
      ...f,
      explanation: ['The report covers four areas of need.'],
    }));
    const text = letterText(
      buildLetter('non-compliance-note', {
        ...pre.fields,
        officerName: 'Priya Shah',
        findings: findingsWithReasons,
      }).letter,
    );
    expect(text).toContain(
      'Length of the expert report “Speech and language therapy report” (pages C13–C29): why it is necessary',
    );
    expect(text.some((line) => line.includes('.:'))).toBe(false);
  });
});
