/**
 * A supplementary pack: after a version has been sent, only the pages of the next version that are new or
 * changed, with an instruction sheet saying where each goes ("Insert pages 39a–39c after page 39"; "Replace
 * index page ii with the index pages ii–iii of this pack"), so everyone turns the copy they hold into the
 * new version without the whole bundle being sent again. Pure: the plan of the pack from the two versions'
 * plans, compared as `diffPlans` compares them (same number, same content).
 */
import { formatLabelRange } from './format';
import type { SupplementStep } from './delivery';
import type { BundlePlan, PlannedPage } from './types';

export interface SupplementPlan {
  fromVersion: number;
  toVersion: number;
  /** 0-based pages of the new version copied into the pack, in order. */
  pages: number[];
  /** Their bundle numbers. */
  labels: string[];
  steps: SupplementStep[];
  /** Pages of the new version, and of the sent one, for the record. */
  toPageCount: number;
  fromPageCount: number;
}

function pageWhat(plan: BundlePlan, page: PlannedPage): string {
  if (page.kind === 'cover') return 'the cover';
  if (page.kind === 'index') return 'index';
  if (page.kind === 'divider') return `the divider of section ${page.section}`;
  const doc = plan.documents.find((d) => d.documentId === page.documentId);
  return doc ? `${doc.tab} ${doc.title}` : 'document';
}

/** What a run of pages is, for the instruction: "the cover and index", "C1a Addendum…". */
function describeRun(plan: BundlePlan, pages: PlannedPage[]): string {
  const parts: string[] = [];
  for (const page of pages) {
    const what = pageWhat(plan, page);
    if (parts[parts.length - 1] !== what) parts.push(what);
  }
  const named = parts.map((p, i) =>
    p === 'index' ? (i === 0 && parts.length === 1 ? 'the index' : 'index') : p,
  );
  if (named.length <= 2) return named.join(' and ');
  const last = named.pop() ?? '';
  return `${named.join(', ')} and ${last}`;
}

const pagesWord = (labels: string[]) => (labels.length === 1 ? 'page' : 'pages');

interface Run<T> {
  /** Index of the run's first item. */
  start: number;
  items: T[];
  /** The item just before the run, if any. */
  previous: T | undefined;
}

/** The longest runs of consecutive items that pass `test`, in order. */
function runsOf<T>(items: readonly T[], test: (item: T) => boolean): Run<T>[] {
  const runs: Run<T>[] = [];
  let current: Run<T> | null = null;
  let previous: T | undefined;
  for (const [index, item] of items.entries()) {
    if (!test(item)) current = null;
    else if (current) current.items.push(item);
    else {
      current = { start: index, items: [item], previous };
      runs.push(current);
    }
    previous = item;
  }
  return runs;
}

/**
 * The pack that turns `from` (the version sent) into `to`. Pages are compared by number and content: a page
 * whose number is new, or whose content changed, goes in the pack; numbers no longer used are taken out.
 */
export function planSupplement(from: BundlePlan, to: BundlePlan): SupplementPlan {
  const before = new Map(from.pages.map((p) => [p.label, p]));
  const after = new Set(to.pages.map((p) => p.label));
  const changed = (p: PlannedPage) => {
    const old = before.get(p.label);
    return !old || old.fingerprint !== p.fingerprint;
  };

  const steps: SupplementStep[] = [];
  const pages: number[] = [];
  const packLabels: string[] = [];
  for (const { start, items: run, previous: pageBefore } of runsOf(to.pages, changed)) {
    const labels = run.map((p) => p.label);
    pages.push(...labels.map((_, k) => start + k));
    packLabels.push(...labels);
    const replaces = labels.filter((l) => before.has(l));
    const what = describeRun(to, run);
    if (replaces.length === 0) {
      const previous = pageBefore?.label ?? null;
      steps.push({
        kind: 'insert',
        labels,
        replaces,
        after: previous,
        what,
        text:
          `Insert ${pagesWord(labels)} ${formatLabelRange(labels)} (${what}) ` +
          (previous ? `after page ${previous}.` : 'at the front of the bundle.'),
        bookmark: `Insert after ${previous ?? 'the front'}: ${formatLabelRange(labels)} ${what}`,
      });
    } else {
      const same = replaces.length === labels.length;
      steps.push({
        kind: 'replace',
        labels,
        replaces,
        after: null,
        what,
        text: same
          ? `Replace ${pagesWord(labels)} ${formatLabelRange(labels)} (${what}) with ${labels.length === 1 ? 'the page' : 'the pages'} of the same ${labels.length === 1 ? 'number' : 'numbers'} in this pack.`
          : `Replace ${pagesWord(replaces)} ${formatLabelRange(replaces)} (${what}) with ${pagesWord(labels)} ${formatLabelRange(labels)} of this pack.`,
        bookmark: `Replace ${formatLabelRange(replaces)}: ${formatLabelRange(labels)} ${what}`,
      });
    }
  }

  // Numbers of the sent version no longer in the new one, in runs of the sent version's order.
  for (const { items: run } of runsOf(from.pages, (p) => !after.has(p.label))) {
    const replaces = run.map((p) => p.label);
    const what = describeRun(from, run);
    steps.push({
      kind: 'remove',
      labels: [],
      replaces,
      after: null,
      what,
      text: `Take out ${pagesWord(replaces)} ${formatLabelRange(replaces)} (${what}): ${replaces.length === 1 ? 'it is' : 'they are'} no longer in the bundle.`,
      bookmark: '',
    });
  }

  return {
    fromVersion: from.version,
    toVersion: to.version,
    pages,
    labels: packLabels,
    steps,
    toPageCount: to.pageCount,
    fromPageCount: from.pageCount,
  };
}

/** Page labels of the pack's own pages (its cover and instruction sheets): never a bundle number. */
export function supplementFrontLabel(n: number): string {
  return `Supp. ${n}`;
}
