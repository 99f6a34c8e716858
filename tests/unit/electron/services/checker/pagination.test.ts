import { describe, expect, it } from 'vitest';
import {
  choosePageNumbers,
  numberCandidates,
  parsePrintedNumber,
  parseRoman,
  readPrintedNumber,
  type PrintedNumber,
} from '../../../../../electron/services/checker/pageNumbers';
import {
  checkPageLabels,
  checkPagination,
  numberingRestarts,
} from '../../../../../electron/services/checker/pagination';
import { describePages, formatRuns } from '../../../../../electron/services/checker/describe';
import type { TextItem } from '../../../../../electron/services/pdf/pdfjs';

const A4 = { width: 595.28, height: 841.89 };

/** Printed numbers from labels: "" = no number on that page. */
function nums(labels: string[]): (PrintedNumber | null)[] {
  return labels.map((l) => (l === '' ? null : parsePrintedNumber(l)));
}

/** Checks pagination; the PDF's page labels default to the printed numbers (so they agree). */
function run(labels: string[], front: number[] = [], pageLabels: string[] | null = labels) {
  return checkPagination({ numbers: nums(labels), frontMatter: new Set(front), pageLabels });
}

const seq = (from: number, to: number, prefix = '') =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`);

describe('reading printed page numbers', () => {
  it('reads the forms bundles use', () => {
    expect(parsePrintedNumber('12')).toMatchObject({
      kind: 'main',
      label: '12',
      prefix: '',
      number: 12,
      suffix: '',
    });
    expect(parsePrintedNumber('B12')).toMatchObject({ kind: 'main', label: 'B12', prefix: 'B' });
    expect(parsePrintedNumber('B 12')).toMatchObject({ label: 'B12' });
    expect(parsePrintedNumber('B-12')).toMatchObject({ label: 'B12' });
    expect(parsePrintedNumber('12a')).toMatchObject({ label: '12a', number: 12, suffix: 'a' });
    expect(parsePrintedNumber('Page 7')).toMatchObject({ label: '7' });
    expect(parsePrintedNumber('Page C7 of 300')).toMatchObject({ label: 'C7' });
    expect(parsePrintedNumber('iv')).toMatchObject({ kind: 'front', value: 4 });
    expect(parsePrintedNumber('Section B')).toMatchObject({ kind: 'divider', section: 'B' });
  });

  it('keeps the number as printed beside the form it is compared in', () => {
    expect(parsePrintedNumber('A/12')).toMatchObject({
      label: 'A12',
      printed: 'A/12',
      prefix: 'A',
      number: 12,
    });
    expect(parsePrintedNumber('Page B-3 of 40')).toMatchObject({ label: 'B3', printed: 'B-3' });
    expect(parsePrintedNumber('[C 7]')).toMatchObject({ label: 'C7', printed: 'C 7' });
    expect(parsePrintedNumber('12A')).toMatchObject({ label: '12a', printed: '12A' });
    expect(parsePrintedNumber('HB000012')).toMatchObject({ label: 'HB12', printed: 'HB000012' });
    // "12/40" is still page 12 of 40, not a section "12".
    expect(readPrintedNumber('12/40')).toMatchObject({ number: { label: '12', printed: '12' }, total: 40 });
  });

  it('refuses what is not a page number', () => {
    for (const text of ['Decision letter', '12/03/2026', '0', '-12', 'iiii', 'vx', '2026-01-01', 'page', ''])
      expect(parsePrintedNumber(text), text).toBeNull();
  });

  it('reads roman numerals strictly', () => {
    expect(parseRoman('xiv')).toBe(14);
    expect(parseRoman('mcmxc')).toBe(1990);
    expect(parseRoman('iiv')).toBeNull();
    expect(parseRoman('XIV')).toBeNull();
  });

  it('prefers the number in the bottom-right corner over others on the page', () => {
    const items: TextItem[] = [
      { text: '3', x: 290, y: 30, width: 6, height: 10 }, // the document's own page number, bottom centre
      { text: '14', x: 540, y: 18, width: 12, height: 10 }, // the bundle stamp
      { text: 'Report', x: 60, y: 760, width: 40, height: 12 },
    ];
    const [best] = numberCandidates(items, A4.width, A4.height);
    expect(best.number.label).toBe('14');
  });

  it('joins a number split over two text items', () => {
    const items: TextItem[] = [
      { text: 'Page', x: 500, y: 20, width: 22, height: 10 },
      { text: '9', x: 525, y: 20, width: 6, height: 10 },
    ];
    expect(numberCandidates(items, A4.width, A4.height).map((c) => c.number.label)).toContain('9');
  });

  it("ignores a page's own number when the bundle's stamp is missing from it", () => {
    const stamp = (label: string): TextItem => ({ text: label, x: 550, y: 18, width: 10, height: 10 });
    const own: TextItem = { text: '2', x: 295, y: 40, width: 6, height: 10 };
    const pages = [[stamp('1')], [stamp('2')], [own], [stamp('4')], [stamp('5')]].map((items) => ({
      candidates: numberCandidates(items, A4.width, A4.height),
    }));
    const chosen = choosePageNumbers(pages);
    expect(chosen.numbers.map((n) => n?.label ?? null)).toEqual(['1', '2', null, '4', '5']);
    expect(chosen.style).toBe('continuous');
  });

  it("takes the bundle's numbers over documents' own numbers nearer the corner, which restart", () => {
    // Each document numbers its pages 1, 2, 3 at the bottom right; the bundle stamps 1–9 at the top right.
    const pages = Array.from({ length: 9 }, (_, i) => ({
      candidates: numberCandidates(
        [
          { text: `Page ${(i % 3) + 1} of 3`, x: 500, y: 20, width: 60, height: 9 },
          { text: String(i + 1), x: 555, y: 810, width: 10, height: 10 },
        ],
        A4.width,
        A4.height,
      ),
    }));
    const chosen = choosePageNumbers(pages);
    expect(chosen.numbers.map((n) => n?.label)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('takes the majority style: section numbers (B12) over stray plain numbers', () => {
    const at = (label: string, x = 550): TextItem => ({ text: label, x, y: 18, width: 14, height: 10 });
    const pages = [[at('A1')], [at('A2')], [at('7', 549)], [at('B1')]].map((items) => ({
      candidates: numberCandidates(items, A4.width, A4.height),
    }));
    const chosen = choosePageNumbers(pages);
    expect(chosen.style).toBe('section');
    expect(chosen.numbers.map((n) => n?.label ?? null)).toEqual(['A1', 'A2', null, 'B1']);
  });
});

describe("reading other tools' page numbers", () => {
  const LANDSCAPE = { width: 841.89, height: 595.28 };
  /** A number of `w` points' width, its position given by a function of the page's size. */
  const item = (text: string, x: number, y: number, w = text.length * 5.5, dir?: number): TextItem => ({
    text,
    x,
    y,
    width: w,
    height: 10,
    ...(dir ? { dir } : {}),
  });
  const choose = (pages: { items: TextItem[]; size?: { width: number; height: number } }[]) =>
    choosePageNumbers(
      pages.map((p) => ({
        candidates: numberCandidates(p.items, (p.size ?? A4).width, (p.size ?? A4).height),
      })),
    );

  it('reads the usual forms, and how each is written', () => {
    const read = (t: string) => {
      const r = readPrintedNumber(t);
      return r && [r.number.label, r.form, r.total];
    };
    expect(read('12')).toEqual(['12', '{n}', null]);
    expect(read('Page 12 of 240')).toEqual(['12', 'page {n} of {N}', 240]);
    expect(read('p. 12')).toEqual(['12', 'p {n}', null]);
    expect(read('[12]')).toEqual(['12', '[{n}]', null]);
    expect(read('- 12 -')).toEqual(['12', '-{n}-', null]);
    expect(read('A12')).toEqual(['A12', '{P}{n}', null]);
    expect(read('A-12')).toEqual(['A12', '{P}-{n}', null]);
    expect(read('A 12')).toEqual(['A12', '{P} {n}', null]);
    expect(read('A/12')).toEqual(['A12', '{P}/{n}', null]);
    expect(read('Page A/12 of 40')).toEqual(['A12', 'page {P}/{n} of {N}', 40]);
    expect(read('A/12/40')).toEqual(['A12', '{P}/{n}/{N}', 40]);
    expect(read('12 of 240')).toEqual(['12', '{n} of {N}', 240]);
    expect(read('Page 3/10')).toEqual(['3', 'page {n}/{N}', 10]);
    expect(read('HB000012')).toEqual(['HB12', '{P}{n}', null]);
    for (const text of ['Page 12 of 9', '12/03/2026', '[-3]', 'Tab 3', 'Page'])
      expect(readPrintedNumber(text), text).toBeNull();
  });

  it('finds centred numbers on portrait and landscape pages alike (as Word prints them)', () => {
    const pages = Array.from({ length: 8 }, (_, i) => {
      const size = i % 3 === 2 ? LANDSCAPE : A4;
      const label = String(i + 1);
      return { size, items: [item(label, size.width / 2 - label.length * 2.75, 30)] };
    });
    const chosen = choose(pages);
    expect(chosen.numbers.map((n) => n?.label)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(chosen.place).toMatchObject({ edge: 'bottom', align: 'centre' });
  });

  it('names the corner of numbers that are all as wide as each other (a short bundle, A1 to D2)', () => {
    const labels = ['A1', 'A2', 'A3', 'B1', 'B2', 'C1', 'D1', 'D2'];
    const chosen = choose(labels.map((l) => ({ items: [item(l, A4.width - 40 - l.length * 5.5, 30)] })));
    expect(chosen.numbers.map((n) => n?.label)).toEqual(labels);
    expect(chosen.place).toMatchObject({ edge: 'bottom', align: 'right' });
    const centred = choose(seq(1, 9).map((l) => ({ items: [item(l, A4.width / 2 - l.length * 2.75, 30)] })));
    expect(centred.place).toMatchObject({ edge: 'bottom', align: 'centre' });
  });

  it('finds section numbers at the top right (as CaseLines shows them)', () => {
    const labels = ['A8', 'A9', 'A10', 'A11', 'B1', 'B2', 'C1'];
    const chosen = choose(
      labels.map((l) => ({ items: [item(l, A4.width - 36 - l.length * 5.5, A4.height - 30)] })),
    );
    expect(chosen.numbers.map((n) => n?.label)).toEqual(labels);
    expect(chosen).toMatchObject({ style: 'section', place: { edge: 'top', align: 'right' } });
  });

  it("tells the bundle's “Page N of 240” from a document's own “Page 2 of 5” at the same place", () => {
    const pages = Array.from({ length: 10 }, (_, i) => ({
      items: [item(`Page ${i + 1} of 240`, 250, 30, 80), item(`Page ${(i % 5) + 1} of 5`, 255, 44, 70)],
    }));
    const chosen = choose(pages);
    expect(chosen.numbers.map((n) => n?.label)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(chosen.form).toBe('page {n} of {N}');
  });

  it('reads a number running up a rotated page in its own frame', () => {
    // Pages 1, 2 and 4 upright; page 3 turned a quarter, its stamp drawn along the long edge, running up.
    const upright = (n: number) => ({ items: [item(String(n), A4.width - 50, 20)] });
    const turned = {
      size: LANDSCAPE,
      // In its frame (the portrait page) the stamp is at the bottom right, like the others.
      items: [item('3', LANDSCAPE.width - 20, A4.width - 50, 5.5, 90)],
    };
    const chosen = choose([upright(1), upright(2), turned, upright(4)]);
    expect(chosen.numbers.map((n) => n?.label)).toEqual(['1', '2', '3', '4']);
    const box = chosen.chosen[2]!.box;
    expect(box.x).toBeGreaterThan(LANDSCAPE.width - 40);
  });

  it('takes a number printed away from its place when it is the very one due, and says where it went', () => {
    const at = (label: string, x: number, y: number) => ({ items: [item(label, x, y)] });
    const pages = [at('1', 540, 20), at('2', 540, 20), at('3', 40, 800), at('4', 540, 20), at('5', 540, 20)];
    const chosen = choose(pages);
    expect(chosen.numbers.map((n) => n?.label)).toEqual(['1', '2', '3', '4', '5']);
    expect(chosen.moved).toEqual([3]);
    // A number elsewhere that is not the one due (a document's own page 1) is not taken.
    const own = choose([at('1', 540, 20), at('2', 540, 20), at('1', 290, 40), at('4', 540, 20)]);
    expect(own.numbers.map((n) => n?.label ?? null)).toEqual(['1', '2', null, '4']);
    expect(own.moved).toEqual([]);
  });

  it('finds “Page N” inside a longer footer line', () => {
    const pages = [1, 2, 3].map((n) => ({
      items: [item(`EH123/26/00001 Hearing bundle Page ${n} of 3`, 60, 30, 240)],
    }));
    expect(choose(pages).numbers.map((n) => n?.label)).toEqual(['1', '2', '3']);
  });

  it('reads section numbers written with a slash (“A/12”), alone or inside a footer line', () => {
    const stamps = choose(['A/1', 'A/2', 'B/1'].map((t) => ({ items: [item(t, 540, 20)] })));
    expect(stamps.style).toBe('section');
    expect(stamps.numbers.map((n) => [n?.label, n?.printed])).toEqual([
      ['A1', 'A/1'],
      ['A2', 'A/2'],
      ['B1', 'B/1'],
    ]);
    const footers = choose(
      ['A/1', 'A/2', 'A/3'].map((t) => ({ items: [item(`Hearing bundle EH123/26 Page ${t}`, 60, 30, 200)] })),
    );
    expect(footers.numbers.map((n) => n?.label)).toEqual(['A1', 'A2', 'A3']);
  });
});

describe('pagination', () => {
  it('accepts continuous numbers, section numbers, late inserts and unnumbered front matter', () => {
    expect(run(seq(1, 20))).toEqual([]);
    expect(run(['', '', ...seq(1, 10)], [1, 2])).toEqual([]);
    expect(run(['i', 'ii', ...seq(1, 10)])).toEqual([]);
    expect(run(['', '', ...seq(3, 10)], [1, 2])).toEqual([]); // counts the cover and index
    expect(run([...seq(1, 5, 'A'), 'Section B', ...seq(1, 5, 'B')])).toEqual([]);
    expect(run(['1', '2', '3', '3a', '3b', '4', '5'])).toEqual([]);
    expect(run(['A1', 'A2', 'A2a', 'B1'])).toEqual([]);
  });

  it('reads late inserts lettered in capitals (12A, 12B) as 12a, 12b', () => {
    expect(parsePrintedNumber('12A')).toMatchObject({ label: '12a', number: 12, suffix: 'a' });
    expect(parsePrintedNumber('Page B7C of 90')).toMatchObject({ label: 'B7c', prefix: 'B', suffix: 'c' });
    // Printed in capitals, labelled in capitals: they agree; no page is unnumbered, none missing.
    const printed = [...seq(1, 12), '12A', '12B', '13'];
    expect(run(printed)).toEqual([]);
    expect(run([...seq(1, 12), '12A', '12C', '13'])).toEqual([
      expect.objectContaining({
        code: 'page-number-gap',
        details: expect.objectContaining({ missing: ['12b'] }),
      }),
    ]);
  });

  it('reports no pagination at all', () => {
    const [f] = run(['', '', '']);
    expect(f).toMatchObject({ code: 'no-pagination', severity: 'error', pages: [] });
  });

  it('says the numbers of a bundle of scans could not be read, rather than that it has none', () => {
    const pictures = new Set([1, 2, 3]);
    const [f] = checkPagination({
      numbers: nums(['', '', '']),
      frontMatter: new Set(),
      pageLabels: null,
      pictures,
    });
    expect(f).toMatchObject({ code: 'no-pagination', severity: 'warning' });
    expect(f.message).toContain('pages 1–3 are pictures with no text (scans)');
    // A page of text without a number among them: then the bundle has none.
    const mixed = checkPagination({
      numbers: nums(['', '', '', '']),
      frontMatter: new Set(),
      pageLabels: null,
      pictures,
    });
    expect(mixed).toEqual([expect.objectContaining({ code: 'no-pagination', severity: 'error' })]);
  });

  it('warns that a scan has no number that can be read, and names the numbers due on it', () => {
    const labels = seq(1, 10);
    labels[3] = '';
    labels[4] = '';
    labels[6] = '';
    const found = checkPagination({
      numbers: nums(labels),
      frontMatter: new Set(),
      pageLabels: null,
      pictures: new Set([4, 5]),
    });
    expect(found.map((f) => [f.code, f.severity, f.pages, f.details?.missing])).toEqual([
      ['page-number-missing', 'error', [7], ['7']],
      ['page-number-missing', 'warning', [4, 5], ['4', '5']],
    ]);
  });

  it('reports pages missing from the end, by the count the numbers give (“Page 26 of 27” last)', () => {
    const numbers = nums(seq(1, 26));
    const input = { numbers, frontMatter: new Set<number>(), pageLabels: null };
    const [f] = checkPagination({ ...input, total: 27 });
    expect(f).toMatchObject({
      code: 'page-number-gap',
      severity: 'error',
      pages: [26],
      details: { missing: ['27'] },
    });
    expect(f.message).toBe(
      'The page numbers count 27 pages (“of 27”), but the last is numbered “26” (page 26): “27” is missing from the end, or the count is wrong.',
    );
    expect(checkPagination({ ...input, total: 26 })).toEqual([]);
    // A count of the file's pages, the unnumbered index included (as Acrobat's “Page 1 of n” counts).
    expect(
      checkPagination({
        numbers: nums(['', ...seq(1, 25)]),
        frontMatter: new Set([1]),
        pageLabels: null,
        total: 26,
      }),
    ).toEqual([expect.objectContaining({ code: 'page-labels-missing' })]);
  });

  it("tells documents' own numbers (1, 2, 3, then 1 again) from a bundle's, and says so once", () => {
    const own = nums(['1', '2', '3', '1', '2', '1', '2', '3', '4']);
    expect(numberingRestarts(own)).toEqual([4, 6]);
    // A bundle numbered through, with one stamp repeated, or numbered by section: not restarts.
    expect(numberingRestarts(nums([...seq(1, 8), '1', '10']))).toBeNull();
    expect(numberingRestarts(nums([...seq(1, 3, 'A'), ...seq(1, 3, 'B'), ...seq(1, 3, 'C')]))).toBeNull();
    const [f] = checkPagination({
      numbers: own.map(() => null),
      frontMatter: new Set(),
      pageLabels: null,
      restartsAt: [4, 6],
    });
    expect(f).toMatchObject({ code: 'no-pagination', severity: 'error', pages: [4, 6] });
    expect(f.message).toMatch(
      /^The pages carry their documents' own page numbers, not the bundle's: the numbers start again at 1 on pages 4 and 6\./,
    );
  });

  it('reports a page without a number', () => {
    const labels = seq(1, 10);
    labels[6] = '';
    expect(run(labels)).toEqual([expect.objectContaining({ code: 'page-number-missing', pages: [7] })]);
  });

  it('reports two neighbouring pages swapped as one finding on both pages', () => {
    const f = run(['1', '2', '3', '4', '6', '5', '7', '8']);
    expect(f).toEqual([expect.objectContaining({ code: 'page-out-of-order', pages: [5, 6] })]);
    expect(f[0].message).toBe('Pages 5 and 6 are the wrong way round: they are numbered “6” and “5”.');
  });

  it('reports one page moved far away on that page only', () => {
    const f = run(['1', '2', '9', '3', '4', '5', '6', '7', '8', '10']);
    expect(f).toEqual([expect.objectContaining({ code: 'page-out-of-order', pages: [3] })]);
    expect(f[0].message).toContain('it belongs before page 10 (numbered “10”)');
  });

  it('reports a gap on the page after it, naming the missing numbers', () => {
    const f = run(['1', '2', '3', '6', '7']);
    expect(f).toEqual([expect.objectContaining({ code: 'page-number-gap', pages: [4] })]);
    expect(f[0].details).toMatchObject({ missing: ['4', '5'], count: 2 });
    expect(run(['1', '2', '2b', '3'])[0]).toMatchObject({
      code: 'page-number-gap',
      details: { missing: ['2a'] },
    });
    expect(run(['A1', 'A2', 'B2'])[0]).toMatchObject({
      code: 'page-number-gap',
      details: { missing: ['B1'] },
    });
  });

  it('reports numbering that starts late', () => {
    const [f] = run(['', '5', '6', '7'], [1]);
    expect(f).toMatchObject({ code: 'page-number-gap', pages: [2], details: { count: 4 } });
  });

  it('reports a repeated number on every page carrying it', () => {
    const f = run(['1', '2', '3', '3', '4']);
    expect(f).toEqual([expect.objectContaining({ code: 'page-number-repeated', pages: [3, 4] })]);
  });

  it('does not call a missing stamp a gap as well', () => {
    expect(run(['1', '2', '', '4']).map((f) => f.code)).toEqual(['page-number-missing']);
  });

  it('compares printed numbers with the page labels', () => {
    expect(run(seq(1, 4), [], ['1', '2', '3', '4'])).toEqual([]);
    const [f] = run(seq(1, 4), [], ['1', '2', '4', '4']);
    expect(f).toMatchObject({ code: 'page-label-mismatch', pages: [3] });
  });

  it('warns when there are no page labels and the numbers are not the page order', () => {
    expect(checkPageLabels({ numbers: nums(seq(1, 3)), frontMatter: new Set(), pageLabels: null })).toEqual(
      [],
    );
    const [f] = checkPageLabels({
      numbers: nums(['', '1', '2']),
      frontMatter: new Set([1]),
      pageLabels: null,
    });
    expect(f).toMatchObject({ code: 'page-labels-missing', severity: 'warning' });
    expect(f.message).toMatch(/^The PDF has no page labels, so “go to page” in a reader counts pages/);
    // Labels the file has but a reader refuses: said so, with what is wrong.
    const [malformed] = checkPageLabels({
      numbers: nums(['', '1', '2']),
      frontMatter: new Set([1]),
      pageLabels: null,
      pageLabelsMalformed: 'the range from page 1 starts at -5, where a range must start at 1 or more',
    });
    expect(malformed).toMatchObject({ code: 'page-labels-missing', severity: 'warning' });
    expect(malformed.message).toBe(
      "The PDF's page labels are malformed (the range from page 1 starts at -5, where a range must start at 1 or more): " +
        'readers may show none, and then “go to page” counts pages from the start of the file: for example the page numbered “1” is page 2 of the file.',
    );
  });

  it('quotes page numbers as they are printed (“A/3”, “A-3”), not in the form they are compared in', () => {
    const swapped = run(['A/1', 'A/2', 'A/4', 'A/3', 'A/5']);
    expect(swapped.map((f) => f.message)).toEqual([
      'Pages 3 and 4 are the wrong way round: they are numbered “A/4” and “A/3”.',
    ]);
    expect(swapped[0].details).toMatchObject({ labels: ['A4', 'A3'] });

    const gap = run(['A-1', 'A-2', 'A-5', 'A-6']);
    expect(gap.map((f) => f.message)).toEqual([
      'The page numbers jump from “A-2” (page 2) to “A-5” (page 3): “A-3” and “A-4” are missing.',
    ]);
    // The details stay in the checker's form: the index checks compare them with the index's rows.
    expect(gap[0].details).toMatchObject({ missing: ['A3', 'A4'], from: 'A2', to: 'A5' });
    expect(run(['HB000001', 'HB000003'])[0].message).toContain('“HB000002” is missing');
    expect(run([...seq(1, 12), '12A', '12C'])[0].message).toContain('“12B” is missing');

    const repeated = run(['B/1', 'B/2', 'B/2', 'B/3']);
    expect(repeated.map((f) => f.message)).toEqual([
      'The page number “B/2” is printed on more than one page (pages 2–3).',
    ]);

    const moved = run(['A/1', 'A/2', 'A/9', 'A/3', 'A/4', 'A/5', 'A/6', 'A/7', 'A/8', 'A/10']);
    expect(moved[0].message).toBe(
      'Page 3 is numbered “A/9”, out of order: it belongs before page 10 (numbered “A/10”).',
    );

    const [label] = run(['A/1', 'A/2'], [], ['A/1', 'A/3']);
    expect(label.message).toContain('page 2 is printed “A/2” but labelled “A/3”');
    expect(run(['A/1', 'A/2'], [], ['A/1', 'A/2'])).toEqual([]);
  });

  it('copes with a very long jump without listing every number', () => {
    const [f] = run(['1', '2', '90000']);
    expect(f.code).toBe('page-number-gap');
    expect((f.details as { count: number }).count).toBe(89997);
    expect(f.message.length).toBeLessThan(400);
  });
});

describe('page lists in words', () => {
  it('joins runs', () => {
    expect(formatRuns([9, 3, 5, 6, 7])).toBe('3, 5–7 and 9');
    expect(describePages([4])).toBe('page 4');
    expect(describePages([1, 2], true)).toBe('Pages 1–2');
    expect(
      formatRuns(
        Array.from({ length: 30 }, (_, i) => i * 2),
        3,
      ),
    ).toBe('0, 2, 4 and 27 more');
  });
});
