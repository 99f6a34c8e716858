/**
 * The Practice Direction's content rules in the checker (#19), one case each, on a bundle the app builds
 * from PDFs made here: a blank page, the same report twice, an email thread, a 2022 report in a 2026
 * bundle, two documents out of date order, 10-point body text, a statement without numbered paragraphs,
 * an executive summary over 2 pages. Each finding is on the right page of the file.
 */
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPdf } from '../../../../../electron/services/checker/check';
import type { CheckFinding, CheckResult } from '../../../../../shared/domain/checker';
import type { BundlePlan } from '../../../../../shared/bundle/types';
import { tempServices } from '../../../../helpers/context';
import { seedDocument } from '../../../../helpers/seed';

const WORDS =
  'The child was seen in school over two mornings and the observations below were made in class, at play and in small group work with staff who know the child well.';

/** A document: each page's lines at a type size (numbered paragraphs optional), or a blank page. */
async function documentPdf(
  title: string,
  pages: ({ lines: string[]; size?: number } | 'blank')[],
  seed = 0,
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  pages.forEach((content, i) => {
    const page = doc.addPage([595.28, 841.89]);
    if (content === 'blank') return;
    const size = content.size ?? 12;
    let y = 770;
    if (i === 0) {
      page.drawText(title, { x: 60, y, size: 16, font: bold });
      y -= 30;
    }
    for (const line of content.lines) {
      const isHeading = /^executive summary$|^introduction$/i.test(line);
      page.drawText(line, { x: 60, y, size: isHeading ? 15 : size, font: isHeading ? bold : font });
      y -= size * 1.6;
    }
  });
  doc.setCreationDate(new Date(Date.UTC(2026, 0, 1, 0, 0, seed)));
  return doc.save();
}

function paragraphs(n: number, numbered: boolean, first = 1): string[] {
  return Array.from({ length: n }, (_, i) => `${numbered ? `${first + i}. ` : ''}${WORDS.slice(0, 80)}`);
}

const env = tempServices();
afterAll(() => env.dispose());
let plan: BundlePlan;
let result: CheckResult;
const firstPageOf = (title: string) => plan.documents.find((d) => d.title === title)!.firstPage + 1;
const found = (code: CheckFinding['code']) => result.findings.filter((f) => f.code === code);

beforeAll(async () => {
  const c = env.services.cases.create({
    title: 'Content rules',
    role: 'la',
    appealType: 'contents-of-plan',
    decisionDate: '2026-01-10',
    childName: 'Sam Smith',
  });
  const add = async (
    section: string,
    title: string,
    bytes: Uint8Array,
    date: string,
    kind = 'other' as const,
  ) => seedDocument(env.ctx, c.id, section, bytes, { title, date, kind });
  const numbered = (n: number) => ({ lines: paragraphs(n, true) });
  await add('A', 'Appeal form', await documentPdf('Appeal form', [numbered(10)]), '2026-01-20');
  await add('B', 'EHC plan', await documentPdf('EHC plan', [numbered(12), numbered(12)]), '2025-12-01');
  // C: a statement without numbered paragraphs; a report in 10-point type; a report copied again in D.
  await add(
    'C',
    'Witness statement of Ann Smith',
    await documentPdf('Witness statement', [{ lines: paragraphs(12, false) }]),
    '2026-02-01',
  );
  await add(
    'C',
    'Speech and language report',
    await documentPdf('SALT report', [{ lines: paragraphs(14, true), size: 10 }]),
    '2026-02-10',
  );
  const ot = (seed: number) => documentPdf('Occupational therapy report', [numbered(10), numbered(10)], seed);
  await add('C', 'Occupational therapy report', await ot(1), '2026-02-20');
  await add(
    'C',
    'School letter with a blank page',
    await documentPdf('Letter', [numbered(6), 'blank', numbered(6)]),
    '2026-02-25',
  );
  // D: emails, a 2022 report, the OT report again, two documents out of date order, a long summary.
  const email = [
    'From: Jo Bloggs <jo@example.org>',
    'Sent: 03 March 2026 10:14',
    'To: SEN Team',
    'Subject: RE: Sam',
    ...paragraphs(4, false),
  ];
  await add('D', 'Emails with the family', await documentPdf('Emails', [{ lines: email }]), '2026-03-03');
  await add(
    'D',
    'Educational psychology report',
    await documentPdf('EP report', [numbered(10)]),
    '2022-03-01',
  );
  await add('D', 'Copy of OT report', await ot(2), '2026-03-10');
  await add('D', 'Annual review minutes', await documentPdf('Minutes', [numbered(8)]), '2026-04-20');
  await add('D', 'Placement letter', await documentPdf('Placement', [numbered(8)]), '2026-04-02');
  const summary = (n: number) => ({ lines: paragraphs(n, true) });
  await add(
    'D',
    'Paediatric report',
    await documentPdf('Paediatric report', [
      { lines: ['Executive summary', ...paragraphs(20, true)] },
      summary(24),
      summary(24),
      { lines: ['Introduction', ...paragraphs(10, true, 70)] },
    ]),
    '2026-04-25',
  );
  const version = await env.services.bundle.build(c.id, { compiledDate: '2026-05-01' });
  plan = env.services.bundle.versionPlan(c.id, version.version);
  result = await checkPdf(
    { path: version.path },
    { rules: 'send', appealType: 'contents-of-plan', fileName: 'bundle.pdf' },
  );
}, 240_000);

describe('content rules in the checker', () => {
  it('a blank page', () => {
    expect(found('blank-page').flatMap((f) => f.pages)).toEqual([
      firstPageOf('School letter with a blank page') + 1,
    ]);
  });

  it('the same report twice', () => {
    const [f, ...more] = found('duplicate-document');
    expect(more).toEqual([]);
    const copy = firstPageOf('Copy of OT report');
    expect(f.pages).toEqual([copy, copy + 1]);
    expect(f.message).toMatch(/second copy of “(C\d+ )?Occupational therapy report/);
    expect(f.details?.citation).toMatch(/Practice Direction No\. 1 of 2025/);
  });

  it('an email thread', () => {
    expect(found('email-thread').map((f) => f.pages)).toEqual([[firstPageOf('Emails with the family')]]);
  });

  it('a 2022 report in a 2026 bundle', () => {
    const old = found('report-too-old');
    expect(old.map((f) => f.pages)).toEqual([[firstPageOf('Educational psychology report')]]);
    expect(old[0].message).toMatch(/1 March 2022.*1 May 2026/);
  });

  it('two documents out of date order, with the order to put them in', () => {
    const [f, ...more] = found('out-of-date-order');
    expect(more).toEqual([]);
    expect(f.details?.section).toBe('D');
    // Two are out of place (a 2022 report after March 2026 emails; April minutes before a letter of
    // 2 April): the finding names as few as need moving, and the rest of the section is in date order.
    const d = plan.documents.filter((x) => x.section === 'D');
    expect(f.pages).toHaveLength(2);
    const kept = d.filter((x) => !f.pages.includes(x.firstPage + 1)).map((x) => x.documentDate!);
    expect(kept).toEqual([...kept].sort());
    expect(f.pages.every((p) => d.some((x) => x.firstPage + 1 === p))).toBe(true);
    const order = (f.details?.order as { date: string }[]).map((d) => d.date);
    expect(order).toEqual([...order].sort());
  });

  it('10-point body text', () => {
    const small = found('small-type');
    expect(small.map((f) => f.pages)).toEqual([[firstPageOf('Speech and language report')]]);
    expect(small[0].message).toMatch(/10-point type/);
  });

  it('a statement without numbered paragraphs', () => {
    expect(found('paragraphs-not-numbered').map((f) => f.pages)).toEqual([
      [firstPageOf('Witness statement of Ann Smith')],
    ]);
  });

  it('an executive summary over 2 pages', () => {
    const start = firstPageOf('Paediatric report');
    expect(found('summary-over-limit').map((f) => f.pages)).toEqual([[start, start + 1, start + 2]]);
  });
});
