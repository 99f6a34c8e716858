/**
 * The checker on a small bundle numbered by section with a slash ("A/1", "A/2" …) and an index of ranges
 * "A/1 - A/4": read as any other bundle, and its findings quote the numbers as the pages and the index
 * print them.
 */
import { describe, expect, it } from 'vitest';
import { checkPdf } from '../../../../../electron/services/checker/check';
import type { CheckResult } from '../../../../../shared/domain/checker';
import { sectionStampedBundle, swapPages } from '../../../../helpers/checkerBundles';

const DOCUMENTS: [string, number][] = [
  ['Appeal form', 3],
  ['Decision letter', 2],
  ['Local authority response', 3],
];

const check = (bytes: Uint8Array) => checkPdf(bytes, { rules: 'send', fileName: 'bundle.pdf' });

const messages = (r: CheckResult, code: string) =>
  r.findings.filter((f) => f.code === code).map((f) => f.message);

describe('a bundle numbered “A/1”, “A/2” …', () => {
  it.each([
    ['“A/1 - A/3”', (first: string, last: string) => `${first} - ${last}`],
    ['“A/1-A/3”', (first: string, last: string) => `${first}-${last}`],
  ])('passes with no findings, its index giving ranges %s', async (_name, range) => {
    const bundle = await sectionStampedBundle({ documents: DOCUMENTS, separator: '/', range });
    const r = await check(bundle.bytes);
    expect(r.findings).toEqual([]);
    expect(r.summary).toMatchObject({
      numbering: 'section',
      numberExample: 'A/1',
      indexPages: [1],
      indexEntries: 3,
      partsFrom: expect.any(String),
    });
  });

  it('quotes the number the index prints when a row disagrees with where its document starts', async () => {
    // The decision letter starts on A/4, but the index says A/5.
    const bundle = await sectionStampedBundle({
      documents: DOCUMENTS,
      separator: '/',
      range: (first, last, row) => (row === 1 ? 'A/5 - A/5' : `${first} - ${last}`),
    });
    const r = await check(bundle.bytes);
    expect(messages(r, 'index-entry-mismatch')).toEqual([
      'The index says “Decision letter” starts on the page numbered “A/5” (page 6 of the file), but its bookmark opens page 5.',
    ]);
    expect(messages(r, 'index-gap')).toEqual([
      'The index lists no document for the page numbered “A/4” (page 5 of the file): “Appeal form” ends at “A/3”, and “Decision letter” starts at “A/5”.',
    ]);
    expect(messages(r, 'index-link-wrong-page')).toEqual([
      'The index link for “Decision letter” (on page 1) opens page 5, but the document starts on the page numbered “A/5” (page 6 of the file).',
    ]);
  });

  it('quotes the numbers as printed when two pages are the wrong way round', async () => {
    const bundle = await sectionStampedBundle({ documents: DOCUMENTS, separator: '/' });
    const r = await check(await swapPages(bundle.bytes, 3, 4));
    expect(messages(r, 'page-out-of-order')).toEqual([
      'Pages 3 and 4 are the wrong way round: they are numbered “A/3” and “A/2”.',
    ]);
  });

  it('quotes numbers printed “A-5” as “A-5”, not “A5”', async () => {
    const bundle = await sectionStampedBundle({
      documents: DOCUMENTS,
      separator: '-',
      range: (first, last, row) => (row === 1 ? 'A-5 to A-5' : `${first} to ${last}`),
    });
    const r = await check(bundle.bytes);
    expect(messages(r, 'index-entry-mismatch')).toEqual([
      'The index says “Decision letter” starts on the page numbered “A-5” (page 6 of the file), but its bookmark opens page 5.',
    ]);
  });
});
