/**
 * The checker on bundles made by other tools (tests/integration/electron/services/checker/foreignBundles.ts): every correct bundle
 * passes with no error, every bundle broken in one way fails, naming the page of the defect (within one).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { checkPdf } from '../../../../../electron/services/checker/check';
import type { CheckResult } from '../../../../../shared/domain/checker';
import {
  buildForeignBundle,
  buildManual,
  CONVENTIONS,
  type Defect,
  type ForeignBundle,
} from './foreignBundles';

type Convention = keyof typeof CONVENTIONS;

const check = (b: ForeignBundle) => checkPdf(b.bytes, { rules: 'send', fileName: `${b.name}.pdf` });

function errors(r: CheckResult) {
  return r.findings.filter((f) => f.severity === 'error');
}

function describeFindings(r: CheckResult): string {
  return r.findings.map((f) => `${f.severity} ${f.code} [${f.pages.join(',')}]: ${f.message}`).join('\n');
}

/** One defect per broken bundle, in a tool's conventions. Documents by their place in the case's list. */
const BROKEN: [Convention, Defect][] = [
  ['word', { kind: 'stamp-missing', docPage: [5, 6] }], // the EHC plan's landscape page, unnumbered
  ['acrobat', { kind: 'pages-swapped', docPage: [7, 2] }],
  ['bundledocs', { kind: 'range-ends-early', doc: 8 }],
  ['hmcts', { kind: 'range-overlaps-next', doc: 1 }],
  ['caselines', { kind: 'bookmark-wrong', doc: 11 }],
  ['scans', { kind: 'stamp-repeated', docPage: [9, 2] }],
  ['zylpha', { kind: 'row-starts-late', doc: 4 }],
  ['rotated', { kind: 'stamp-missing', docPage: [6, 2] }], // a turned page, unnumbered
  ['unheaded', { kind: 'link-wrong', doc: 3 }],
  ['word', { kind: 'page-removed', docPage: [7, 3] }],
  ['caselines', { kind: 'labels-shifted', docPage: [12, 1] }],
  ['acrobat', { kind: 'document-unlisted', doc: 10 }],
  ['hmcts', { kind: 'number-skipped', docPage: [8, 2] }],
  ['bundledocs', { kind: 'stamp-missing', docPage: [7, 1] }],
  ['hmcts', { kind: 'rows-shifted', doc: 7 }],
  ['hmctsCounts', { kind: 'range-ends-early', doc: 8 }], // a page count one short
  ['word', { kind: 'content-damaged', docPage: [9, 2] }], // shows blank: unreadable, not a blank page
  ['hmcts', { kind: 'page-removed', docPage: [13, 2] }], // the last page: "Page 41 of 42" ends the file
  ['word', { kind: 'numbers-restart' }], // files merged as they were: each numbered from 1, said once
];

/** Faults of style, not substance: warnings, naming the page, and no error. */
const STYLE: [Convention, Defect, string][] = [
  ['acrobat', { kind: 'stamp-moved', docPage: [8, 2] }, 'page-number-position'],
];

const correct = new Map<Convention, { bundle: ForeignBundle; result: CheckResult }>();
const broken: { bundle: ForeignBundle; result: CheckResult }[] = [];
const styled: { bundle: ForeignBundle; result: CheckResult }[] = [];

beforeAll(async () => {
  for (const name of Object.keys(CONVENTIONS)) {
    const bundle = await buildForeignBundle(name);
    correct.set(name, { bundle, result: await check(bundle) });
  }
  for (const [name, defect] of BROKEN) {
    const bundle = await buildForeignBundle(name, defect);
    broken.push({ bundle, result: await check(bundle) });
  }
  for (const [name, defect] of STYLE) {
    const bundle = await buildForeignBundle(name, defect);
    styled.push({ bundle, result: await check(bundle) });
  }
}, 300_000);

describe('the checker on bundles made by other tools', () => {
  it('has a corpus of at least 8 correct bundles and 10 broken ones', () => {
    expect(correct.size).toBeGreaterThanOrEqual(8);
    expect(broken.length).toBeGreaterThanOrEqual(10);
  });

  it.each(Object.keys(CONVENTIONS))('passes a correct bundle made in the %s style', (name) => {
    const { bundle, result } = correct.get(name)!;
    expect(errors(result), describeFindings(result)).toEqual([]);
    expect(result.verdict.kind).toBe('no-errors');
    expect(result.summary.pageCount).toBe(bundle.pageCount);
    expect(result.summary.indexPages).toEqual(bundle.indexPages);
    expect(result.summary.indexEntries).toBe(bundle.indexRows);
    expect(result.summary.numbering).not.toBe('none');
  });

  it.each(BROKEN.map(([name, defect], i) => [`${name}, ${defect.kind}`, i] as const))(
    'fails %s, naming the page',
    (_label, i) => {
      const { bundle, result } = broken[i];
      const found = errors(result);
      expect(result.verdict.kind, describeFindings(result)).toBe('errors');
      const near = (p: number) => bundle.defectPages.some((d) => Math.abs(d - p) <= 1);
      // The defect is named on its page, and no error is reported anywhere else.
      expect(
        found.some((f) => f.pages.some(near)),
        `expected an error on page ${bundle.defectPages.join(' or ')}:\n${describeFindings(result)}`,
      ).toBe(true);
      for (const f of found)
        expect(
          f.pages.length === 0 || f.pages.some(near),
          `unrelated error:\n${describeFindings(result)}`,
        ).toBe(true);
      if (bundle.defect?.kind === 'numbers-restart') {
        // One finding, not one per repeated number, index row and link (nor documents taken for copies).
        const faults = result.findings.filter((f) => f.severity !== 'note');
        expect(faults.map((f) => f.code)).toEqual(['no-pagination']);
      }
      if (bundle.defect?.kind === 'content-damaged') {
        expect(found.find((f) => f.code === 'page-unreadable')?.pages).toEqual(bundle.defectPages);
        expect(result.findings.filter((f) => f.code === 'blank-page')).toEqual([]);
      }
    },
  );

  it.each(STYLE.map(([name, defect, code], i) => [`${name}, ${defect.kind}`, code, i] as const))(
    'warns about %s (%s), on its page, with no error',
    (_label, code, i) => {
      const { bundle, result } = styled[i];
      expect(errors(result), describeFindings(result)).toEqual([]);
      expect(result.findings.find((f) => f.code === code)).toMatchObject({
        severity: 'warning',
        pages: bundle.defectPages,
      });
    },
  );

  it('gives one verdict for a user guide with a contents page: not a bundle', async () => {
    const r = await checkPdf(await buildManual(), { rules: 'send', fileName: 'guide.pdf' });
    expect(r.findings.map((f) => f.code)).toEqual(['not-a-bundle']);
    expect(r.verdict.kind).toBe('not-a-bundle');
  });
});
