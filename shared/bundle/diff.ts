/**
 * Which pages changed between two versions of a bundle, by page number: so a parent re-checks only those.
 * A page is unchanged when the same number shows the same content (same source page, or the same generated
 * content for the cover, index and dividers).
 */
import { describePages } from './compliance';
import type { BundlePlan, PlannedPage } from './types';

interface PageChange {
  label: string;
  change: 'added' | 'removed' | 'changed';
  /** What is on the page now (or was, when removed). */
  what: string;
}

export interface BundleDiff {
  fromVersion: number;
  toVersion: number;
  added: string[];
  removed: string[];
  changed: string[];
  unchanged: number;
  pages: PageChange[];
  /** One plain-English paragraph. */
  summary: string;
}

function describe(plan: BundlePlan, page: PlannedPage): string {
  if (page.kind === 'cover') return 'Cover page';
  if (page.kind === 'index') return 'Index';
  if (page.kind === 'divider') return `Divider for section ${page.section}`;
  const doc = plan.documents.find((d) => d.documentId === page.documentId);
  return doc
    ? `${doc.title}, page ${(page.sourcePage ?? 0) + 1} of ${doc.filePageCount ?? doc.pageCount}`
    : 'Document page';
}

export function diffPlans(from: BundlePlan, to: BundlePlan): BundleDiff {
  const before = new Map(from.pages.map((p) => [p.label, p]));
  const after = new Set(to.pages.map((p) => p.label));
  const pages: PageChange[] = [];
  let unchanged = 0;
  for (const page of to.pages) {
    const previous = before.get(page.label);
    if (previous === undefined) pages.push({ label: page.label, change: 'added', what: describe(to, page) });
    else if (previous.fingerprint !== page.fingerprint)
      pages.push({ label: page.label, change: 'changed', what: describe(to, page) });
    else unchanged++;
  }
  for (const page of from.pages) {
    if (!after.has(page.label))
      pages.push({ label: page.label, change: 'removed', what: describe(from, page) });
  }
  const pick = (kind: PageChange['change']) => pages.filter((p) => p.change === kind).map((p) => p.label);
  const added = pick('added');
  const removed = pick('removed');
  const changed = pick('changed');
  const allTo = to.pages.map((p) => p.label);
  const allFrom = from.pages.map((p) => p.label);
  const parts: string[] = [];
  if (added.length) parts.push(`new ${added.length === 1 ? 'page' : 'pages'} ${describePages(added, allTo)}`);
  if (changed.length)
    parts.push(`changed ${changed.length === 1 ? 'page' : 'pages'} ${describePages(changed, allTo)}`);
  if (removed.length) parts.push(`taken out: ${describePages(removed, allFrom)}`);
  const summary = parts.length
    ? `From version ${from.version} to version ${to.version}: ${parts.join('; ')}. ${unchanged} ${unchanged === 1 ? 'page is' : 'pages are'} unchanged.`
    : `Versions ${from.version} and ${to.version} have the same pages.`;
  return {
    fromVersion: from.version,
    toVersion: to.version,
    added,
    removed,
    changed,
    unchanged,
    pages,
    summary,
  };
}
