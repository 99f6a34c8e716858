/**
 * The checker against bundles built by the project's own engine: a good bundle passes, and each deliberate
 * break gives exactly the expected finding on the expected page.
 */
import { PDFDocument, PDFName } from '@cantoo/pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkPdf } from '../../../../../electron/services/checker/check';
import type { CheckFinding, CheckResult } from '../../../../../shared/domain/checker';
import {
  breakLink,
  buildEngineBundle,
  DEFAULT_DOCUMENTS,
  dropBookmarks,
  encryptWithQpdf,
  removeNumber,
  retargetLink,
  swapPages,
  textPdfWithImagePage,
  textPdfWithLandscapePage,
  textPdfWithSidewaysPage,
  type BuiltBundle,
} from '../../../../helpers/checkerBundles';

async function withoutPageLabels(bytes: Uint8Array): Promise<Uint8Array> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  doc.catalog.delete(PDFName.of('PageLabels'));
  return doc.save({ useObjectStreams: false });
}

const check = (bytes: Uint8Array) => checkPdf(bytes, { rules: 'send', fileName: 'bundle.pdf' });

const codes = (r: CheckResult, severity?: CheckFinding['severity']) =>
  r.findings.filter((f) => !severity || f.severity === severity).map((f) => f.code);

function only(r: CheckResult, code: string): CheckFinding {
  const found = r.findings.filter((f) => f.code === code);
  expect(found, `${code} in ${JSON.stringify(r.findings, null, 1)}`).toHaveLength(1);
  return found[0];
}

describe('checker on engine-built bundles', () => {
  let continuous: BuiltBundle;
  let bySection: BuiltBundle;

  beforeAll(async () => {
    continuous = await buildEngineBundle({ numbering: 'continuous' });
    bySection = await buildEngineBundle({ numbering: 'section', dividers: true });
  });

  it('passes a good bundle with no findings at all (continuous numbering)', async () => {
    const r = await check(continuous.bytes);
    expect(r.findings).toEqual([]);
    expect(r.summary).toMatchObject({
      opened: true,
      pageCount: continuous.pageCount,
      numbering: 'continuous',
      pageLabels: true,
      title: 'Hearing bundle: Test case',
      indexPages: continuous.indexPages,
      partsFrom: 'bookmarks',
    });
    expect(r.summary.indexEntries).toBe(DEFAULT_DOCUMENTS.length + 4);
    expect(r.summary.parts.map((p) => [p.letter, p.documents.length])).toEqual([
      ['A', 5],
      ['B', 2],
      ['C', 2],
      ['D', 1],
    ]);
    const core = r.summary.limits.find((l) => l.partId === 'core')!;
    expect(core).toMatchObject({ pages: 12, limit: 100, status: 'ok' });
  });

  it('passes a good bundle numbered by section with divider pages', async () => {
    const r = await check(bySection.bytes);
    expect(r.findings).toEqual([]);
    expect(r.summary.numbering).toBe('section');
    // Divider pages count towards their section's pages but not towards its limit.
    const sectionA = r.summary.parts[0];
    expect(sectionA.firstLabel).toBe('A1');
    expect(sectionA.firstPage).toBe(bySection.starts.get('Appeal form')! - 1);
    expect(r.summary.limits.find((l) => l.partId === 'core')!.pages).toBe(12);
  });

  it('accepts late inserts numbered 12a, 12b', async () => {
    const late = await buildEngineBundle({
      numbering: 'continuous',
      lateDocuments: [['A', 'Late letter from the school', 2]],
    });
    expect(late.labels).toContain('12a');
    expect(late.labels).toContain('12b');
    const r = await check(late.bytes);
    expect(r.findings).toEqual([]);
  });

  it('finds the page with its number removed', async () => {
    const page = continuous.starts.get('EHC plan')! + 2;
    const r = await check(await removeNumber(continuous.bytes, page));
    expect(codes(r)).toEqual(['page-number-missing']);
    expect(only(r, 'page-number-missing')).toMatchObject({ severity: 'error', pages: [page] });
  });

  it('finds two pages swapped (and the page labels that no longer match them)', async () => {
    const first = continuous.starts.get('Local authority response')! + 1;
    const r = await check(await swapPages(continuous.bytes, first, first + 1));
    const swapped = only(r, 'page-out-of-order');
    expect(swapped).toMatchObject({ severity: 'error', pages: [first, first + 1] });
    expect(swapped.message).toContain(`Pages ${first} and ${first + 1} are the wrong way round`);
    // The PDF's page labels stay with the positions, so the printed numbers no longer match them there.
    expect(only(r, 'page-label-mismatch').pages).toEqual([first, first + 1]);
    expect(codes(r).sort()).toEqual(['page-label-mismatch', 'page-out-of-order']);
  });

  it('finds an index link pointing at the wrong page', async () => {
    // Row 0 is section A's heading; row 2 is the second document of section A (the decision letter).
    const indexPage = continuous.indexPages[0];
    const wrong = continuous.starts.get('EHC plan')!;
    const r = await check(await retargetLink(continuous.bytes, indexPage, 2, wrong));
    expect(codes(r)).toEqual(['index-link-wrong-page']);
    const f = only(r, 'index-link-wrong-page');
    expect(f).toMatchObject({ severity: 'error', pages: [indexPage] });
    expect(f.details).toMatchObject({
      title: 'Decision letter',
      target: wrong,
      expected: continuous.starts.get('Decision letter'),
    });
  });

  it('finds an index link that goes nowhere', async () => {
    const indexPage = continuous.indexPages[0];
    const r = await check(await breakLink(continuous.bytes, indexPage, 3));
    expect(codes(r)).toEqual(['index-link-broken']);
    const f = only(r, 'index-link-broken');
    expect(f).toMatchObject({
      severity: 'error',
      pages: [indexPage],
      details: { title: 'Mediation certificate' },
    });
  });

  it('finds missing bookmarks, and still finds the parts from the index', async () => {
    const r = await check(await dropBookmarks(continuous.bytes));
    expect(codes(r)).toEqual(['bookmarks-missing']);
    expect(only(r, 'bookmarks-missing')).toMatchObject({ severity: 'error', pages: [] });
    expect(r.summary.partsFrom).toBe('index');
    expect(r.summary.parts.map((p) => [p.letter, p.documents.length])).toEqual([
      ['A', 5],
      ['B', 2],
      ['C', 2],
      ['D', 1],
    ]);
  });

  it('finds a password-protected bundle', async (context) => {
    const encrypted = encryptWithQpdf(continuous.bytes);
    if (!encrypted) return context.skip('qpdf is not installed');
    const r = await check(encrypted);
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ code: 'password-protected', severity: 'error', pages: [] });
    expect(r.summary.opened).toBe(false);
  });

  it('finds a part over its page limit, on the pages over it', async () => {
    const documents = DEFAULT_DOCUMENTS.map((d) =>
      d[1] === 'Local authority response' ? (['A', d[1], 93, d[3]] as typeof d) : d,
    );
    // Section A: 3 + 2 + 1 + 2 + 93 = 101 pages, one over the core bundle's 100.
    const big = await buildEngineBundle({ numbering: 'continuous', documents });
    const r = await check(big.bytes);
    const lastPageOfA = big.starts.get('EHC plan')! - 1;
    expect(codes(r, 'error')).toEqual(['part-over-limit']);
    expect(only(r, 'part-over-limit')).toMatchObject({ severity: 'error', pages: [lastPageOfA] });
    expect(r.summary.limits.find((l) => l.partId === 'core')).toMatchObject({
      pages: 101,
      limit: 100,
      status: 'over',
    });
  });

  it('notes a landscape page that reads the right way up, without faulting it', async () => {
    const documents = [...DEFAULT_DOCUMENTS];
    documents[7] = [
      'C',
      'Educational psychologist report',
      await textPdfWithLandscapePage('EP report', 5, 3),
      'expert-report',
    ];
    const built = await buildEngineBundle({ documents });
    const page = built.starts.get('Educational psychologist report')! + 2;
    const r = await check(built.bytes);
    expect(codes(r)).toEqual(['landscape-page']);
    expect(only(r, 'landscape-page')).toMatchObject({ severity: 'note', pages: [page] });
  });

  it('does not call a scan whose number is part of the picture unnumbered, nor its index row wrong', async () => {
    // The first page of a document is a scan, stamped (by hand, or before scanning) in the picture only:
    // no number can be read there. Without page labels, the index row that starts there names a number on
    // no page as text.
    const documents = [...DEFAULT_DOCUMENTS];
    documents[9] = [
      'D',
      'Speech and language therapy report',
      await textPdfWithImagePage('SALT report', 4, 1),
      'expert-report',
    ];
    const built = await buildEngineBundle({ documents });
    const scan = built.starts.get('Speech and language therapy report')!;
    const unstamped = await withoutPageLabels(await removeNumber(built.bytes, scan));
    const r = await check(unstamped);
    expect(codes(r, 'error'), JSON.stringify(r.findings, null, 1)).toEqual([]);
    const unread = only(r, 'page-number-missing');
    expect(unread).toMatchObject({ severity: 'warning', pages: [scan] });
    expect(unread.message).toContain('it is a picture with no text');
    expect(only(r, 'needs-ocr').pages).toEqual([scan]);
  });

  it('finds a page whose text runs up the page (a landscape table printed across a portrait page)', async () => {
    const documents = [...DEFAULT_DOCUMENTS];
    documents[7] = [
      'C',
      'Educational psychologist report',
      await textPdfWithSidewaysPage('EP report', 5, 4),
      'expert-report',
    ];
    const built = await buildEngineBundle({ documents });
    const page = built.starts.get('Educational psychologist report')! + 3;
    const r = await check(built.bytes);
    expect(codes(r)).toEqual(['page-turned']);
    const f = only(r, 'page-turned');
    expect(f).toMatchObject({ severity: 'warning', pages: [page] });
    expect(f.message).toContain('its text runs up the page');
  });

  it('finds an image-only page (needs OCR) and a blank page', async () => {
    const documents = [...DEFAULT_DOCUMENTS];
    documents[9] = [
      'D',
      'Speech and language therapy report',
      await textPdfWithImagePage('SALT report', 4, 2, 4),
      'expert-report',
    ];
    const built = await buildEngineBundle({ documents });
    const start = built.starts.get('Speech and language therapy report')!;
    const r = await check(built.bytes);
    expect(codes(r).sort()).toEqual(['blank-page', 'needs-ocr']);
    expect(only(r, 'needs-ocr')).toMatchObject({ severity: 'warning', pages: [start + 1] });
    expect(only(r, 'blank-page')).toMatchObject({ severity: 'warning', pages: [start + 3] });
  });
});
