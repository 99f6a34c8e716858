/**
 * A supplementary pack: after a version has been sent, only the pages of the next version that are new or
 * changed, with an instruction sheet saying where each goes ("Insert pages 39a–39c after page 39"; "Replace
 * index page ii with the index pages ii–iii of this pack"), so everyone turns the copy they hold into the
 * new version without the whole bundle being sent again. Pure: the plan of the pack from the two versions'
 * plans, compared as `diffPlans` compares them (same number, same content).
 */
import { formatRange } from './format';
import type { SupplementStep } from './delivery';
import type { BundlePlan, PlannedPage } from './types';

export type { SupplementStep, SupplementStepKind } from './delivery';

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
  return `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`;
}

const pagesWord = (labels: string[]) => (labels.length === 1 ? 'page' : 'pages');
const range = (labels: string[]) => (labels.length ? formatRange(labels[0], labels[labels.length - 1]) : '');

/**
 * The pack that turns `from` (the version sent) into `to`. Pages are compared by number and content: a page
 * whose number is new, or whose content changed, goes in the pack; numbers no longer used are taken out.
 */
export function planSupplement(from: BundlePlan, to: BundlePlan): SupplementPlan {
  const before = new Map(from.pages.map((p) => [p.label, p]));
  const after = new Set(to.pages.map((p) => p.label));
  const changed = to.pages.map((p) => {
    const old = before.get(p.label);
    return !old || old.fingerprint !== p.fingerprint;
  });

  const steps: SupplementStep[] = [];
  const pages: number[] = [];
  for (let i = 0; i < to.pages.length;) {
    if (!changed[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < to.pages.length && changed[j]) j++;
    const run = to.pages.slice(i, j);
    for (let k = i; k < j; k++) pages.push(k);
    const labels = run.map((p) => p.label);
    const replaces = labels.filter((l) => before.has(l));
    const what = describeRun(to, run);
    if (replaces.length === 0) {
      const previous = i > 0 ? to.pages[i - 1].label : null;
      steps.push({
        kind: 'insert',
        labels,
        replaces,
        after: previous,
        what,
        text:
          `Insert ${pagesWord(labels)} ${range(labels)} (${what}) ` +
          (previous ? `after page ${previous}.` : 'at the front of the bundle.'),
        bookmark: `Insert after ${previous ?? 'the front'}: ${range(labels)} ${what}`,
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
          ? `Replace ${pagesWord(labels)} ${range(labels)} (${what}) with ${labels.length === 1 ? 'the page' : 'the pages'} of the same ${labels.length === 1 ? 'number' : 'numbers'} in this pack.`
          : `Replace ${pagesWord(replaces)} ${range(replaces)} (${what}) with ${pagesWord(labels)} ${range(labels)} of this pack.`,
        bookmark: `Replace ${range(replaces)}: ${range(labels)} ${what}`,
      });
    }
    i = j;
  }

  // Numbers of the sent version no longer in the new one, in runs of the sent version's order.
  for (let i = 0; i < from.pages.length;) {
    if (after.has(from.pages[i].label)) {
      i++;
      continue;
    }
    let j = i;
    while (j < from.pages.length && !after.has(from.pages[j].label)) j++;
    const run = from.pages.slice(i, j);
    const replaces = run.map((p) => p.label);
    const what = describeRun(from, run);
    steps.push({
      kind: 'remove',
      labels: [],
      replaces,
      after: null,
      what,
      text: `Take out ${pagesWord(replaces)} ${range(replaces)} (${what}): ${replaces.length === 1 ? 'it is' : 'they are'} no longer in the bundle.`,
      bookmark: '',
    });
    i = j;
  }

  return {
    fromVersion: from.version,
    toVersion: to.version,
    pages,
    labels: pages.map((p) => to.pages[p].label),
    steps,
    toPageCount: to.pageCount,
    fromPageCount: from.pageCount,
  };
}

/** Page labels of the pack's own pages (its cover and instruction sheets): never a bundle number. */
export function supplementFrontLabel(n: number): string {
  return `Supp. ${n}`;
}
