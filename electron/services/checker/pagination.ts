/**
 * Is the printed pagination continuous and in order? Works on the numbers chosen for each page
 * (pageNumbers.ts): finds the longest run of pages in order, then explains every page outside it (out of
 * order, repeated) and every jump inside it (numbers missing), so one swapped page gives one finding, not
 * a cascade.
 */
import { letterSuffix, suffixIndex } from '../../../shared/bundle/format';
import type { CheckFinding } from '../../../shared/domain/checker';
import { describePages } from './describe';
import { normaliseRef, writtenLike, type PrintedNumber } from './pageNumbers';
import { compareKeys, longestIncreasing, orderKey, type OrderKey } from './sequence';

type Main = Extract<PrintedNumber, { kind: 'main' }>;

interface Numbered {
  /** 1-based page of the file. */
  page: number;
  n: Main;
  key: OrderKey;
}

const MAX_LISTED = 200;

/**
 * Labels that should come strictly between two printed numbers (capped: a huge jump is counted, not
 * listed): in the checker's form, for comparing, and written as `b` is printed ("A/4"), for findings.
 */
function labelsBetween(a: Main | null, b: Main): { labels: string[]; printed: string[]; count: number } {
  const labels: string[] = [];
  const printed: string[] = [];
  let count = 0;
  const list = (number: number, suffix = '') => {
    labels.push(`${b.prefix}${number}${suffix}`);
    printed.push(writtenLike(b, number, suffix));
  };
  const add = (number: number, suffix = '') => {
    count++;
    if (labels.length < MAX_LISTED) list(number, suffix);
  };
  const bSuffix = suffixIndex(b.suffix);
  const samePrefix = a !== null && a.prefix === b.prefix;
  if (samePrefix && a.number === b.number) {
    for (let s = suffixIndex(a.suffix) + 1; s < bSuffix; s++) add(b.number, letterSuffix(s));
    return { labels, printed, count };
  }
  // Numbers of b's section below b: from after a (same section) or from 1 (a new section begins at 1).
  const from = samePrefix ? a.number + 1 : 1;
  const upTo = bSuffix > 0 ? b.number : b.number - 1;
  if (upTo - from + 1 > MAX_LISTED) {
    count += upTo - from + 1;
    list(from);
    labels.push('…');
    printed.push('…');
    list(upTo);
  } else {
    for (let n = from; n <= upTo; n++) add(n);
  }
  for (let s = 1; s < bSuffix; s++) add(b.number, letterSuffix(s));
  return { labels, printed, count };
}

/**
 * The numbers due on pages that carry none: for each run of such pages between two numbered pages, the
 * numbers between those two, when there are no more of them than pages in the run.
 */
function numbersDueOn(numbered: Numbered[], unnumbered: number[]): Map<number, string[]> {
  const due = new Map<number, string[]>();
  for (let k = 1; k < numbered.length; k++) {
    const a = numbered[k - 1];
    const b = numbered[k];
    const run = unnumbered.filter((p) => p > a.page && p < b.page);
    if (run.length === 0) continue;
    const between = labelsBetween(a.n, b.n);
    if (between.count === 0 || between.count > run.length || between.labels.includes('…')) continue;
    between.labels.forEach((label, i) => due.set(run[i], [label]));
  }
  return due;
}

/**
 * Pages where the numbers start again at 1 (the same prefix, after a higher number), when the numbers are
 * documents' own rather than the bundle's: they restart at least twice, and no run in order holds half of
 * them (one stamp repeated by mistake is not this). Null for a bundle numbered through.
 */
export function numberingRestarts(numbers: (PrintedNumber | null)[]): number[] | null {
  const numbered: Numbered[] = [];
  numbers.forEach((n, i) => {
    if (n?.kind === 'main') numbered.push({ page: i + 1, n, key: orderKey(n) });
  });
  const restarts = numbered
    .filter((item, k) => {
      const before = numbered[k - 1];
      return (
        before &&
        item.n.number === 1 &&
        !item.n.suffix &&
        item.n.prefix === before.n.prefix &&
        before.n.number > 1
      );
    })
    .map((item) => item.page);
  if (restarts.length < 2) return null;
  const inOrder = longestIncreasing(numbered.map((item) => item.key)).size;
  return inOrder * 2 < numbered.length ? restarts : null;
}

interface PaginationInput {
  numbers: (PrintedNumber | null)[];
  /** Pages (1-based) that may go without a number: the cover and index before the numbered pages. */
  frontMatter: Set<number>;
  /** Pages (1-based) that divide sections without a number of their own. */
  dividers?: Set<number>;
  /** The PDF's page labels (pdf.js getPageLabels), or null when it has none. */
  pageLabels: string[] | null;
  /** What is wrong with the PDF's page labels when it has some that readers refuse (pageLabels then null). */
  pageLabelsMalformed?: string;
  /**
   * Pages (1-based) that are pictures with no text (scans not run through OCR): a number on them is part
   * of the picture, which the checker cannot read, so a number not found there is not known to be missing.
   */
  pictures?: Set<number>;
  /** The count the numbers give ("Page 12 of 240": 240), when most of them give the same one. */
  total?: number | null;
  /** Where the documents' own numbers start again at 1 (numberingRestarts), when the bundle has no others. */
  restartsAt?: number[] | null;
}

function quote(label: string): string {
  return `“${label}”`;
}

function listLabels(labels: string[]): string {
  if (labels.length <= 1) return labels.join('');
  return `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}

export function checkPagination(input: PaginationInput): CheckFinding[] {
  const findings: CheckFinding[] = [];
  const { numbers } = input;
  const numbered: Numbered[] = [];
  numbers.forEach((n, i) => {
    if (n?.kind === 'main') numbered.push({ page: i + 1, n, key: orderKey(n) });
  });
  const pictures = input.pictures ?? new Set<number>();
  if (numbered.length === 0 && input.restartsAt) {
    const pages = input.restartsAt;
    findings.push({
      code: 'no-pagination',
      severity: 'error',
      pages,
      message:
        `The pages carry their documents' own page numbers, not the bundle's: the numbers start again at 1 on ${describePages(pages)}. ` +
        'Number the pages through the bundle (1, 2, 3 … to the last page, usually in the bottom-right corner), and give ' +
        'those numbers in the index; until then the index cannot be checked against the pages.',
      details: { restartsAt: pages },
    });
    return findings;
  }
  if (numbered.length === 0) {
    const unread = numbers.flatMap((_, i) => (pictures.has(i + 1) ? [i + 1] : []));
    const pagesOfText = numbers.some(
      (_, i) => !pictures.has(i + 1) && !input.frontMatter.has(i + 1) && !input.dividers?.has(i + 1),
    );
    findings.push(
      unread.length > 0 && !pagesOfText
        ? {
            code: 'no-pagination',
            severity: 'warning',
            pages: [],
            message:
              `No bundle page numbers could be read: ${describePages(unread)} ${unread.length === 1 ? 'is a picture' : 'are pictures'} ` +
              'with no text (scans), so a number shown on them is part of the picture. Run text recognition (OCR) ' +
              'on the bundle, or stamp the page numbers on it, and check it again.',
          }
        : {
            code: 'no-pagination',
            severity: 'error',
            pages: [],
            message:
              'No bundle page numbers were found: the pages need a number printed on each of them (usually in the ' +
              'bottom-right corner), running in order through the bundle.',
          },
    );
    return findings;
  }

  // Pages with no number: allowed for the cover and index (before the first number) and for dividers.
  const firstNumbered = numbered[0].page;
  const missing: number[] = [];
  numbers.forEach((n, i) => {
    const page = i + 1;
    if (n !== null) return;
    if (page < firstNumbered && input.frontMatter.has(page)) return;
    if (input.dividers?.has(page)) return;
    missing.push(page);
  });
  const unread = missing.filter((p) => pictures.has(p));
  const unnumbered = missing.filter((p) => !pictures.has(p));
  // The numbers due on pages without one (for the index checks: rows naming them are not wrong too).
  const dueOn = numbersDueOn(numbered, missing);
  if (unnumbered.length > 0) {
    findings.push({
      code: 'page-number-missing',
      severity: 'error',
      pages: unnumbered,
      message: `${describePages(unnumbered, true)} ${unnumbered.length === 1 ? 'has' : 'have'} no bundle page number printed on ${unnumbered.length === 1 ? 'it' : 'them'}.`,
      details: { missing: unnumbered.flatMap((p) => dueOn.get(p) ?? []) },
    });
  }
  if (unread.length > 0) {
    const one = unread.length === 1;
    findings.push({
      code: 'page-number-missing',
      severity: 'warning',
      pages: unread,
      message:
        `No bundle page number could be read on ${describePages(unread)}: ${one ? 'it is a picture' : 'they are pictures'} with no text (${one ? 'a scan' : 'scans'}), ` +
        `so a number shown on ${one ? 'it' : 'them'} is part of the picture. Check ${one ? 'it' : 'them'} by eye, or run text recognition (OCR) and check again.`,
      details: { missing: unread.flatMap((p) => dueOn.get(p) ?? []) },
    });
  }

  const kept = longestIncreasing(numbered.map((i) => i.key));
  const inOrder = numbered.filter((_, i) => kept.has(i));
  const outside = numbered.filter((_, i) => !kept.has(i));

  // Repeats: the same number on more than one page.
  const byLabel = new Map<string, Numbered[]>();
  for (const item of numbered) byLabel.set(item.n.label, [...(byLabel.get(item.n.label) ?? []), item]);
  const repeated = new Set<number>();
  for (const [label, items] of byLabel) {
    if (items.length < 2) continue;
    const pages = items.map((i) => i.page);
    pages.forEach((p) => repeated.add(p));
    findings.push({
      code: 'page-number-repeated',
      severity: 'error',
      pages,
      message: `The page number ${quote(items[0].n.printed)} is printed on more than one page (${describePages(pages)}).`,
      details: { label },
    });
  }

  // Out of order: pages outside the longest in-order run (other than repeats).
  const keptPages = inOrder.map((i) => i.page);
  const reported = new Set<number>();
  for (const item of outside) {
    if (repeated.has(item.page) || reported.has(item.page)) continue;
    // The in-order page it should come just before.
    const successor = inOrder.find((k) => compareKeys(k.key, item.key) > 0) ?? null;
    const predecessor = [...inOrder].reverse().find((k) => compareKeys(k.key, item.key) < 0) ?? null;
    const neighbour = [item.page - 1, item.page + 1]
      .map((p) => inOrder.find((k) => k.page === p))
      .find(
        (k) =>
          k !== undefined &&
          ((k.page < item.page && successor?.page === k.page) ||
            (k.page > item.page && predecessor?.page === k.page)),
      );
    if (neighbour) {
      // Two neighbouring pages the wrong way round.
      const pair = [neighbour.page, item.page].sort((a, b) => a - b);
      const [first, second] = pair.map((p) => numbered.find((x) => x.page === p)!.n);
      pair.forEach((p) => reported.add(p));
      findings.push({
        code: 'page-out-of-order',
        severity: 'error',
        pages: pair,
        message: `Pages ${pair[0]} and ${pair[1]} are the wrong way round: they are numbered ${quote(first.printed)} and ${quote(second.printed)}.`,
        details: { labels: [first.label, second.label] },
      });
      continue;
    }
    reported.add(item.page);
    const where = successor
      ? `it belongs before page ${successor.page} (numbered ${quote(successor.n.printed)})`
      : predecessor
        ? `it belongs after page ${predecessor.page} (numbered ${quote(predecessor.n.printed)})`
        : 'it does not fit the order of the other pages';
    findings.push({
      code: 'page-out-of-order',
      severity: 'error',
      pages: [item.page],
      message: `Page ${item.page} is numbered ${quote(item.n.printed)}, out of order: ${where}.`,
      details: { label: item.n.label },
    });
  }

  // Gaps along the in-order run: numbers that should be there but are on no page.
  const present = new Set(numbered.map((i) => i.n.label));
  const unnumberedBetween = (from: number, to: number) =>
    numbers.slice(from, to - 1).filter((n) => n === null).length;
  for (let k = 0; k < inOrder.length; k++) {
    const b = inOrder[k];
    const a = k > 0 ? inOrder[k - 1] : null;
    // Numbering may start at 1 or count the unnumbered front pages (first number = its page).
    if (!a && b.n.prefix === '' && b.n.suffix === '' && b.n.number === b.page) continue;
    const between = labelsBetween(a?.n ?? null, b.n);
    const isAbsent = (l: string) => l === '…' || !present.has(l);
    const absent = between.labels.filter(isAbsent);
    const absentPrinted = between.printed.filter((_, i) => isAbsent(between.labels[i]));
    const absentCount = between.count - (between.labels.length - absent.length);
    const slack = a ? unnumberedBetween(a.page, b.page) : 0;
    if (absentCount === 0 || absentCount <= slack) continue;
    const missing = `${listLabels(absentPrinted.map(quote))} ${absentCount === 1 ? 'is' : 'are'} missing`;
    findings.push({
      code: 'page-number-gap',
      severity: 'error',
      pages: [b.page],
      message: a
        ? `The page numbers jump from ${quote(a.n.printed)} (page ${a.page}) to ${quote(b.n.printed)} (page ${b.page}): ${missing}.`
        : `The page numbers start at ${quote(b.n.printed)} on page ${b.page}: ${missing}.`,
      details: { missing: absent, count: absentCount, from: a?.n.label ?? null, to: b.n.label },
    });
  }
  void keptPages;

  // "Page 239 of 240" on the last page: the numbers themselves say that pages are missing at the end. (A
  // count of the file's pages is not: Acrobat's "Page 1 of n" counts the unnumbered index pages too.)
  const last = inOrder[inOrder.length - 1];
  if (input.total && input.total !== numbers.length && last.n.prefix === '' && last.n.number < input.total) {
    const labels = labelsBetween(last.n, {
      ...last.n,
      label: String(input.total + 1),
      printed: writtenLike(last.n, input.total + 1),
      number: input.total + 1,
      suffix: '',
    });
    findings.push({
      code: 'page-number-gap',
      severity: 'error',
      pages: [last.page],
      message:
        `The page numbers count ${input.total} pages (“of ${input.total}”), but the last is numbered ${quote(last.n.printed)} (page ${last.page}): ` +
        `${listLabels(labels.printed.map(quote))} ${labels.count === 1 ? 'is' : 'are'} missing from the end, or the count is wrong.`,
      details: { missing: labels.labels, count: labels.count, from: last.n.label, to: null },
    });
  }

  findings.push(...checkPageLabels(input));
  return findings;
}

/** Printed numbers against the PDF's page labels (what "go to page" in a reader uses). */
export function checkPageLabels(input: PaginationInput): CheckFinding[] {
  const { numbers, pageLabels } = input;
  if (pageLabels && pageLabels.some((l) => l !== '')) {
    const mismatched: { page: number; printed: string; label: string }[] = [];
    numbers.forEach((n, i) => {
      if (!n) return;
      const label = (pageLabels[i] ?? '').replace(/\s+/g, ' ').trim();
      if (label.replace(/\s/g, '') !== n.label.replace(/\s/g, '') && normaliseRef(label) !== n.label) {
        mismatched.push({ page: i + 1, printed: n.printed, label });
      }
    });
    if (mismatched.length === 0) return [];
    const first = mismatched[0];
    return [
      {
        code: 'page-label-mismatch',
        severity: 'error',
        pages: mismatched.map((m) => m.page),
        message:
          `The PDF's page labels do not match the printed page numbers on ${describePages(mismatched.map((m) => m.page))}` +
          ` (for example page ${first.page} is printed ${quote(first.printed)} but labelled ${quote(first.label || '(no label)')}),` +
          ' so “go to page” in a reader opens the wrong page.',
        details: { pages: mismatched.slice(0, 50) },
      },
    ];
  }
  // No labels: only a problem when the printed numbers differ from the file's own page count.
  const differing = numbers
    .map((n, i) => ({ n, page: i + 1 }))
    .filter(({ n, page }) => n !== null && n.label !== String(page));
  if (differing.length === 0) return [];
  const example = differing.find((d) => d.n?.kind === 'main') ?? differing[0];
  return [
    {
      code: 'page-labels-missing',
      severity: 'warning',
      pages: [],
      message:
        (input.pageLabelsMalformed
          ? `The PDF's page labels are malformed (${input.pageLabelsMalformed}): readers may show none, and then “go to page” counts pages from the start of the file: `
          : 'The PDF has no page labels, so “go to page” in a reader counts pages from the start of the file: ') +
        `for example the page numbered ${quote(example.n!.printed)} is page ${example.page} of the file.`,
    },
  ];
}
