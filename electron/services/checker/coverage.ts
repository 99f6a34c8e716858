/**
 * Does the index account for every page? Each numbered page after the front matter must belong to one
 * document row (or to a section row with no documents under it). Pages that belong to none are a gap in
 * the index: an error on the index page, naming the rows on either side. (Rows that overlap are found with
 * the other index checks, in navigation.ts.) Worked in printed numbers, not file pages, so a page that is
 * out of place is reported once, by the pagination check, and does not make the index look wrong too.
 */
import type { CheckFinding } from '../../../shared/domain/checker';
import { describePages } from './describe';
import type { ResolvedEntry } from './navigation';
import { readPrintedNumber, type PrintedNumber } from './pageNumbers';
import { compareKeys, orderKey, type OrderKey } from './sequence';

function keyOf(label: string): OrderKey | null {
  const n = readPrintedNumber(label)?.number;
  return n?.kind === 'main' ? orderKey(n) : null;
}

function quote(text: string): string {
  return `“${text.length > 80 ? `${text.slice(0, 77)}…` : text}”`;
}

/** Rows that hold pages: documents, and sections with no document rows under them. */
function leafRows(entries: ResolvedEntry[]): ResolvedEntry[] {
  return entries.filter((e, i) => e.kind === 'document' || entries[i + 1]?.kind !== 'document');
}

interface Leaf {
  entry: ResolvedEntry;
  first: OrderKey;
  last: OrderKey;
}

export function checkCoverage(input: {
  entries: ResolvedEntry[];
  /** The number printed on each page (index 0 = page 1). */
  numbers: (PrintedNumber | null)[];
  /** Pages that divide sections: they belong to no document, rightly. */
  isDivider?: (page: number) => boolean;
}): CheckFinding[] {
  const leaves: Leaf[] = [];
  for (const entry of leafRows(input.entries)) {
    const first = keyOf(entry.first);
    const last = keyOf(entry.last);
    if (first && last) leaves.push({ entry, first, last });
  }
  // An index that does not match the page numbers is reported as such; its coverage means nothing. A row
  // whose first number is on no page (a page stamped wrongly, reported by the pagination check) still
  // holds the numbers of its range.
  const found = leaves.filter((l) => l.entry.startPage !== null).length;
  if (found < 2 || found * 4 < leafRows(input.entries).length * 3) return [];

  // Each printed number once, in order, with the page it is on.
  const printed: { label: string; printed: string; key: OrderKey; page: number }[] = [];
  const seen = new Set<string>();
  input.numbers.forEach((n, i) => {
    if (n?.kind !== 'main' || seen.has(n.label)) return;
    seen.add(n.label);
    printed.push({ label: n.label, printed: n.printed, key: orderKey(n), page: i + 1 });
  });
  printed.sort((a, b) => compareKeys(a.key, b.key));
  const start = leaves.reduce((min, l) => (compareKeys(l.first, min) < 0 ? l.first : min), leaves[0].first);
  const inLeaf = (key: OrderKey) =>
    leaves.some((l) => compareKeys(l.first, key) <= 0 && compareKeys(key, l.last) <= 0);

  // Runs of numbered pages that no row holds.
  const runs: (typeof printed)[] = [];
  let run: typeof printed = [];
  for (const p of printed) {
    if (compareKeys(p.key, start) < 0 || input.isDivider?.(p.page)) continue;
    if (!inLeaf(p.key)) {
      run.push(p);
      continue;
    }
    if (run.length) runs.push(run);
    run = [];
  }
  if (run.length) runs.push(run);

  return runs.map((r) => {
    const from = r[0];
    const to = r[r.length - 1];
    const before = [...leaves].reverse().find((l) => compareKeys(l.last, from.key) < 0) ?? null;
    const after = leaves.find((l) => compareKeys(l.first, to.key) > 0) ?? null;
    const numbersText =
      from === to
        ? `the page numbered ${quote(from.printed)}`
        : `the pages numbered ${quote(from.printed)} to ${quote(to.printed)}`;
    const filePages = r.map((p) => p.page);
    const around = [
      before ? `${quote(before.entry.title)} ends at ${quote(before.entry.printedLast)}` : null,
      after ? `${quote(after.entry.title)} starts at ${quote(after.entry.printedFirst)}` : null,
    ].filter(Boolean);
    return {
      code: 'index-gap',
      severity: 'error',
      pages: [
        ...new Set([before?.entry.page, after?.entry.page].filter((p): p is number => p !== undefined)),
      ],
      message:
        `The index lists no document for ${numbersText} (${describePages(filePages)} of the file)` +
        (around.length ? `: ${around.join(', and ')}.` : '.'),
      details: {
        labels: r.map((p) => p.label).slice(0, 50),
        filePages: filePages.slice(0, 50),
        before: before?.entry.title ?? null,
        after: after?.entry.title ?? null,
      },
    } satisfies CheckFinding;
  });
}
