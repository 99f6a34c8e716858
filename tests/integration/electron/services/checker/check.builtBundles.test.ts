/**
 * Every bundle the engine builds passes the checker with no error findings: the demo (and its version 2
 * with a late document), a case made of the third-party fixtures (rotated, cropped, odd-sized, annotated
 * pages), continuous and section numbering with and without dividers, late inserts, and a disability
 * discrimination claim checked against its own rules. Both read the file with the same PDF reading layer,
 * so this is also where the two must agree.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { degrees, PDFDocument } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../../../cli/main';
import { checkFile } from '../../../../../electron/services/checker/service';
import { checkPdf } from '../../../../../electron/services/checker/check';
import { findIndex } from '../../../../../electron/services/checker/indexPages';
import { PdfFile } from '../../../../../electron/services/pdf/read';
import { ContentTextReader } from '../../../../../electron/services/pdf/read/contentText';
import type { BundleSettings } from '../../../../../shared/bundle/settings';
import type { CheckResult, CheckRules } from '../../../../../shared/domain/checker';
import { FIXTURES, tempServices } from '../../../../helpers/context';
import { makeTextPdf, seedDocument } from '../../../../helpers/seed';

const dir = mkdtempSync(join(tmpdir(), 'checker-passes-'));
const envs: ReturnType<typeof tempServices>[] = [];
afterAll(() => {
  envs.forEach((e) => e.dispose());
  rmSync(dir, { recursive: true, force: true });
});

const CONTENT_CODES: string[] = [
  'blank-page',
  'email-thread',
  'duplicate-document',
  'report-too-old',
  'out-of-date-order',
  'small-type',
  'paragraphs-not-numbered',
  'summary-over-limit',
];

function errors(result: CheckResult): string[] {
  return result.findings.filter((f) => f.severity === 'error').map((f) => `${f.code}: ${f.message}`);
}

async function check(path: string, rules: CheckRules = 'send'): Promise<CheckResult> {
  const result = await checkPdf({ path }, { rules, fileName: 'bundle.pdf' });
  expect(result.summary.opened).toBe(true);
  return result;
}

let sources: Record<string, Uint8Array>;
beforeAll(async () => {
  const rotated = await PDFDocument.load(readFileSync(join(FIXTURES, 'valid', 'pdflib-with_cropbox.pdf')), {
    updateMetadata: false,
  });
  for (const page of rotated.getPages()) page.setRotation(degrees(270));
  sources = {
    appeal: await makeTextPdf('Appeal form', 3),
    decision: await makeTextPdf('Decision letter', 2),
    plan: await makeTextPdf('EHC plan', 7),
    rot90: await makeTextPdf('Rotated ninety', 2, { rotate: 90 }),
    qpdf90: readFileSync(join(FIXTURES, 'structure', 'qpdf-annotations-rotated-90.pdf')),
    qpdf180: readFileSync(join(FIXTURES, 'structure', 'qpdf-annotations-rotated-180.pdf')),
    labelled: readFileSync(join(FIXTURES, 'structure', 'qpdf-11-pages-with-labels.pdf')),
    cropbox: readFileSync(join(FIXTURES, 'valid', 'pdflib-with_cropbox.pdf')),
    cropRotated: await rotated.save(),
    oddSize: readFileSync(join(FIXTURES, 'valid', 'pdflib-standard_fonts_demo.pdf')),
    constitution: readFileSync(join(FIXTURES, 'valid', 'pdflib-us_constitution.pdf')),
    annots: readFileSync(join(FIXTURES, 'valid', 'pdflib-with_annots.pdf')),
    // A timetable whose every line ends in something like a page number (once read as more index rows).
    timetable: readFileSync(join(FIXTURES, 'structure', 'pdflib-stuff_following_header.pdf')),
    // An outline of its own that does not follow its pages (once an error in the bundle's bookmarks).
    outlines: readFileSync(join(FIXTURES, 'structure', 'qpdf-direct-outlines.pdf')),
    report: await makeTextPdf('Educational psychologist report', 4),
    late: await makeTextPdf('Late letter from the school', 2),
  };
});

/** A case of real-world PDFs in sections A–D; `dd` makes it a disability discrimination claim. */
async function fixtureCase(dd = false) {
  const e = tempServices();
  envs.push(e);
  const c = e.services.cases.create({
    title: dd ? 'Claim for Sam Example' : 'Appeal for Sam Example',
    role: 'la',
    appealType: dd ? 'disability-discrimination' : 'contents-of-plan',
    childName: 'Sam Example',
    laName: 'Example Council',
    tribunalRef: 'EH123/26/00001',
    hearingDate: '2026-05-20',
  });
  const add = (section: string, key: string, title: string) =>
    seedDocument(e.ctx, c.id, section, sources[key], { title, date: '2026-01-15' });
  // First, so that with continuous numbering it is the page straight after the index.
  await add('A', 'timetable', 'Timetable for the week');
  await add('A', 'appeal', dd ? 'Claim form' : 'Appeal form');
  await add('A', 'decision', dd ? 'Response to the claim' : 'Decision letter');
  await add('A', 'qpdf90', 'Annotated page drawn rotated');
  await add('B', 'plan', dd ? 'School policies' : 'EHC plan');
  await add('B', 'rot90', 'Pages with /Rotate 90');
  await add('B', 'labelled', 'A document with its own page labels');
  await add('C', 'cropbox', 'CV with a crop box');
  await add('C', 'cropRotated', 'CV with a crop box, turned');
  await add('C', 'oddSize', 'Odd-sized pages');
  await add('C', 'annots', 'A form with annotations');
  await add('D', 'qpdf180', 'Annotated page upside down');
  await add('D', 'constitution', 'A long text document');
  await add('D', 'report', 'Educational psychologist report');
  await add('D', 'outlines', 'A report with its own bookmarks');
  return { e, caseId: c.id };
}

describe('the checker passes every bundle the engine builds', () => {
  it('the demo: version 1, and version 2 with a late document numbered around it', async () => {
    const out = join(dir, 'demo');
    const lines: string[] = [];
    const code = await main(['demo', '--out', out], { out: (l) => lines.push(l), err: (l) => lines.push(l) });
    expect(code, lines.join('\n')).toBe(0);
    for (const version of [1, 2]) {
      const path = join(out, `hearing-bundle-v${version}.pdf`);
      // Through the service, as the app and `send-bundle check` do (in the untrusted-file worker).
      const result = await checkFile({ file: { name: `v${version}.pdf`, path }, rules: 'send' });
      expect(errors(result), `version ${version}`).toEqual([]);
      expect(result.summary.partsFrom).toBe('bookmarks');
      // The Practice Direction's content rules (#19): the demo has a speech and language report of
      // November 2022 and section C out of date order (as its case file says), and nothing else.
      const content = result.findings.filter((f) => CONTENT_CODES.includes(f.code));
      expect(content.map((f) => f.code).sort(), `version ${version}`).toEqual([
        'out-of-date-order',
        'report-too-old',
      ]);
      expect(content.find((f) => f.code === 'report-too-old')?.message).toMatch(
        /Speech and language therapy report.*1 November 2022/,
      );
      expect(content.find((f) => f.code === 'out-of-date-order')?.details?.section).toBe('C');
    }
  });

  const layouts: [string, BundleSettings][] = [
    ['continuous numbering', { numbering: 'continuous', dividers: false }],
    ['section numbering with dividers', { numbering: 'section', dividers: true }],
  ];
  it.each(layouts)('real-world documents, %s', async (_, settings) => {
    const { e, caseId } = await fixtureCase();
    const v = await e.services.bundle.build(caseId, { ...settings, compiledDate: '2026-03-01' });
    const result = await check(v.path);
    expect(errors(result)).toEqual([]);
    expect(result.summary.pageCount).toBe(v.pageCount);
    expect(result.summary.numbering).toBe(settings.numbering);
    expect(result.summary.bookmarks).toBeGreaterThan(13);
    expect(result.summary.indexPages).toEqual([2]);
    // The report's own bookmarks are carried in as it has them, and are a note, not an error.
    const own = result.findings.filter((f) => f.code === 'document-bookmarks-out-of-order');
    expect(own.map((f) => [f.severity, f.details?.document])).toEqual([
      ['note', 'A report with its own bookmarks'],
    ]);
  });

  it.each([
    ['continuous', false, /^\d+a$/],
    ['section', true, /^B\d+a$/],
  ] as const)('late inserts numbered 12a, %s numbering', async (numbering, dividers, label) => {
    const { e, caseId } = await fixtureCase();
    const settings: BundleSettings = {
      numbering,
      lateInsertMode: 'sub-number',
      dividers,
      compiledDate: '2026-03-01',
    };
    await e.services.bundle.build(caseId, settings);
    e.services.bundle.issue(caseId, 1);
    const late = await seedDocument(e.ctx, caseId, 'B', sources.late, {
      title: 'Late letter',
      date: '2026-03-05',
    });
    // Straight after the first document of section B, so it is numbered around the pages already sent.
    const order = e.services.documents
      .list(caseId)
      .filter((d) => d.section === 'B' && d.id !== late.id)
      .map((d) => d.id);
    order.splice(1, 0, late.id);
    e.services.documents.reorder(caseId, 'B', order);
    const v2 = await e.services.bundle.build(caseId, settings);
    const plan = e.services.bundle.versionPlan(caseId, 2);
    expect(plan.documents.find((d) => d.title === 'Late letter')?.firstLabel).toMatch(label);
    expect(errors(await check(v2.path))).toEqual([]);
  });

  it('documents of which only some pages go in: their own bookmarks, links and page labels to other pages left behind', async () => {
    const { e, caseId } = await fixtureCase();
    const byTitle = new Map(e.services.documents.list(caseId).map((d) => [d.title, d]));
    const keep = (title: string, keptPages: number[]) =>
      e.services.documents.update(byTitle.get(title)!.id, { keptPages });
    keep('A report with its own bookmarks', [1, 2, 3, 20]);
    keep('A long text document', [2, 3, 4]);
    keep('A form with annotations', [2]);
    keep('A document with its own page labels', [3, 4, 5]);
    const v = await e.services.bundle.build(caseId, {
      numbering: 'section',
      dividers: true,
      compiledDate: '2026-03-01',
    });
    expect(v.verification.ok, JSON.stringify(v.verification)).toBe(true);
    const plan = e.services.bundle.versionPlan(caseId, v.version);
    expect(plan.documents.filter((d) => d.keptPages).map((d) => d.title)).toEqual([
      'A document with its own page labels (extract: pages 3–5 of 11)',
      'A form with annotations (extract: page 2 of 2)',
      'A long text document (extract: pages 2–4 of 19)',
      'A report with its own bookmarks (extract: pages 1–3, 20 of 30)',
    ]);
    expect(errors(await check(v.path))).toEqual([]);
  });

  it('a disability discrimination claim, checked against the DD rules', async () => {
    const { e, caseId } = await fixtureCase(true);
    const v = await e.services.bundle.build(caseId, { numbering: 'section', compiledDate: '2026-03-01' });
    const result = await check(v.path, 'dd');
    expect(result.summary.rules.id).toMatch(/^dd-/);
    expect(errors(result)).toEqual([]);
  });
  it('names and titles in Chinese, Bengali and Urdu, set in fallback fonts on the cover and in the index', async () => {
    const e = tempServices();
    envs.push(e);
    const c = e.services.cases.create({
      title: 'Appeal for 王小明',
      role: 'parent',
      appealType: 'refusal-to-assess',
      childName: '王小明 (Wang Xiaoming)',
      laName: 'Example Council',
    });
    await seedDocument(e.ctx, c.id, 'A', sources.decision, { title: 'Decision letter', date: '2026-01-15' });
    await seedDocument(e.ctx, c.id, 'C', sources.report, {
      title: '学校报告 (school report)',
      date: '2026-01-10',
    });
    await seedDocument(e.ctx, c.id, 'C', sources.appeal, {
      title: 'ছেলের বক্তব্য (son’s statement)',
      date: '2026-01-12',
    });
    // Urdu's ہ is in no font but the Arabic one.
    await seedDocument(e.ctx, c.id, 'D', sources.plan, { title: 'والدہ کا بیان', date: '2026-01-13' });
    const v = await e.services.bundle.build(c.id, {
      numbering: 'section',
      dividers: true,
      compiledDate: '2026-03-01',
    });
    expect(v.verification.ok, JSON.stringify(v.verification)).toBe(true);
    const plan = e.services.bundle.versionPlan(c.id, v.version);
    expect(plan.findings.filter((f) => f.rule === 'unprintable-text')).toEqual([]);
    expect(errors(await check(v.path))).toEqual([]);
    // Read by poppler: the cover names the child, the index lists the titles, as written.
    const text = execFileSync('pdftotext', ['-l', '3', v.path, '-'], { encoding: 'utf8' });
    expect(text).toContain('王小明 (Wang Xiaoming)');
    expect(text).toContain('学校报告 (school report)');
    // Bengali's vowel signs and conjuncts are drawn in another order than they are written, and marked
    // with what they are: poppler and the checker's own reader read the title as written.
    expect(text).toContain('ছেলের বক্তব্য (son’s statement)');
    const file = PdfFile.open({ bytes: new Uint8Array(readFileSync(v.path)) });
    try {
      const reader = new ContentTextReader(file.reader);
      const pages = file.pages.slice(0, 4).map((page, i) => ({ page: i + 1, ...reader.read(page) }));
      expect(findIndex(pages)?.entries.map((entry) => entry.title)).toContain(
        'ছেলের বক্তব্য (son’s statement)',
      );
    } finally {
      file.close();
    }
    expect(text.replace(/[\u202a-\u202e]/g, '')).toContain('والدہ کا بیان');
    const fonts = execFileSync('pdffonts', [v.path], { encoding: 'utf8' });
    expect(fonts).toMatch(/BNDLKA\+DroidSansFallback/);
    expect(fonts).toMatch(/BNDLAA\+NotoSansBengali/);
    expect(fonts).toMatch(/BNDLLA\+NotoSansArabic/);
  });
});
