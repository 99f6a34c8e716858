/**
 * The Practice Direction's content rules, read from the text of the bundle's pages (#19): email threads
 * (header blocks: From, Sent, To, Subject), a second copy of a document (the same text page for page,
 * bundle numbers left out), reports more than 3 years old, documents out of date order within an evidence
 * section, statements and reports in type under 12 point or without numbered paragraphs, and a report's
 * executive summary over 2 pages where its headings show where it ends. Blank pages are pageChecks.ts's.
 * Rules and their citations: shared/rules/practiceDirection.ts (PD_CONTENT_RULES).
 */
import { createHash } from 'node:crypto';
import { compareIsoDates, formatDate, yearsBefore } from '../../../shared/dates/isoDate';
import type { CheckFinding, CheckPart } from '../../../shared/domain/checker';
import { PD_CONTENT_RULES } from '../../../shared/rules/practiceDirection';
import type { RulePack } from '../../../shared/rules/types';
import type { TextItem } from '../pdf/pdfjs';
import { firstFullDate, linesOf } from '../documents/facts';
import { describePages } from './describe';
import { longestIncreasing } from './sequence';

/** What the content checks need of one page, kept instead of its text. */
export interface PageContent {
  /** The page's words (top and bottom margins, where bundle numbers go, left out), hashed; null with little text. */
  digest: string | null;
  /** A block of email headers: From, To, Subject, and Sent or Date. */
  emailHeader: boolean;
  /** The type size most characters are set in (points), with how many characters; null without text. */
  bodySize: number | null;
  bodyChars: number;
  lines: number;
  /** Lines that start with a paragraph number (1, 1., 1.2, (3)). */
  numberedLines: number;
  /** The first full date on the page, other than a date of birth. */
  firstDate: string | null;
  /** Headings (short lines in larger or bold-sized type), top of the page first; "Executive summary" among them. */
  headings: { text: string; top: number }[];
}

/** Margins (share of the page height) where bundle numbers and running heads are: left out of the digest. */
const MARGIN_SHARE = 0.07;
const MIN_DIGEST_CHARS = 40;
/** Less text than this in a document and two copies of it are not told from two short forms alike. */
const MIN_COPY_CHARS = 200;

export function pageContent(items: TextItem[], height: number): PageContent {
  const body = items.filter((i) => i.y > height * MARGIN_SHARE && i.y < height * (1 - MARGIN_SHARE));
  const words = body
    .map((i) => i.text)
    .join(' ')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  const sizes = new Map<number, number>();
  let chars = 0;
  for (const item of body) {
    const n = item.text.replace(/\s/g, '').length;
    if (!n || !item.height) continue;
    const size = Math.round(Math.abs(item.height) * 2) / 2;
    sizes.set(size, (sizes.get(size) ?? 0) + n);
    chars += n;
  }
  const bodySize = [...sizes.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? null;
  const lines = linesOf(body, height).filter((l) => l.text);
  const starts = new Set(
    lines.map((l) => /^(from|sent|date|to|subject)\s*:/i.exec(l.text)?.[1].toLowerCase()),
  );
  const numbered = lines.filter(
    (l) => /^(\(?\d{1,3}(\.\d{1,3})*[.)]?)\s+\S/.test(l.text) && !/^\d{1,3}\s*$/.test(l.text),
  );
  const headings = lines
    .filter(
      (l) =>
        /^executive summary\b/i.test(l.text) ||
        (bodySize !== null && l.size >= bodySize + 1.5 && l.text.length <= 80),
    )
    .map((l) => ({ text: l.text, top: l.top }));
  const firstDate = firstFullDate(
    lines
      .filter((l) => !/\b(birth|d\.?o\.?b)\b/i.test(l.text))
      .map((l) => l.text)
      .join('\n'),
  );
  return {
    digest:
      words.replace(/\s/g, '').length >= MIN_DIGEST_CHARS
        ? createHash('sha256').update(words).digest('hex').slice(0, 24)
        : null,
    emailHeader:
      starts.has('from') &&
      starts.has('to') &&
      starts.has('subject') &&
      (starts.has('sent') || starts.has('date')),
    bodySize,
    bodyChars: chars,
    lines: lines.length,
    numberedLines: numbered.length,
    firstDate,
    headings,
  };
}

const REPORT = /\b(report|assessment)\b/i;
const NOT_REPORT = /\b(response|decision|working document)\b/i;
const STATEMENT = /\bstatement\b/i;
const NOT_STATEMENT = /\b(statement of (special )?educational needs|case statement|position statement)\b/i;

function pagesOf(doc: CheckPart): number[] {
  return Array.from({ length: doc.pageCount }, (_, i) => doc.firstPage + i);
}

function isReport(doc: CheckPart): boolean {
  return REPORT.test(doc.title) && !NOT_REPORT.test(doc.title);
}
function isStatement(doc: CheckPart): boolean {
  return STATEMENT.test(doc.title) && !NOT_STATEMENT.test(doc.title);
}

/**
 * A document's date: one in its title (bookmark), else in its index row (by the page it starts on: indexes
 * give a date column), else the first on its first page.
 */
function documentDate(doc: CheckPart, pages: PageContent[], indexRows?: Map<number, string>): string | null {
  const row = indexRows?.get(doc.firstPage);
  return (
    firstFullDate(doc.title) ??
    (row ? firstFullDate(row) : null) ??
    pages[doc.firstPage - 1]?.firstDate ??
    null
  );
}

interface ContentInput {
  parts: CheckPart[];
  pages: PageContent[];
  pack: RulePack;
  /** The date the bundle speaks from (its cover's date, else the newest document's): for reports' ages. */
  asAt: string | null;
  /** The index's row for the document starting on each page (its words, dates included). */
  indexRows?: Map<number, string>;
}

export function checkContent({ parts, pages, pack, asAt, indexRows }: ContentInput): CheckFinding[] {
  const findings: CheckFinding[] = [];
  const documents = parts.flatMap((s) => s.documents.map((d) => ({ ...d, letter: d.letter ?? s.letter })));
  const rules = PD_CONTENT_RULES;

  // Email threads: the pages with header blocks, by document.
  for (const doc of documents) {
    const headed = pagesOf(doc).filter((p) => pages[p - 1]?.emailHeader);
    if (!headed.length) continue;
    findings.push({
      code: 'email-thread',
      severity: 'warning',
      pages: headed,
      message: `“${doc.title}” looks like an email thread (${describePages(headed, false)} ${headed.length === 1 ? 'has' : 'have'} From, Sent, To and Subject lines). Emails between the parties should only be in the bundle when they are relevant to a specific issue: take it out, or explain in the note why it is needed.`,
      details: {
        title: doc.title,
        citation: rules.emailThreads.citation,
        absolute: rules.emailThreads.absolute,
      },
    });
  }

  // A second copy: the same words page for page (bundle numbers left out).
  const seen = new Map<string, CheckPart>();
  for (const doc of documents) {
    const digests = pagesOf(doc).map((p) => pages[p - 1]?.digest ?? null);
    const chars = pagesOf(doc).reduce((a, p) => a + (pages[p - 1]?.bodyChars ?? 0), 0);
    if (digests.some((d) => d === null) || chars < MIN_COPY_CHARS) continue;
    const key = digests.join(',');
    const earlier = seen.get(key);
    if (!earlier) {
      seen.set(key, doc);
      continue;
    }
    findings.push({
      code: 'duplicate-document',
      // Found by text, not by the file: a warning to look at, not a certainty.
      severity: 'warning',
      pages: pagesOf(doc),
      message: `“${doc.title}” (${describePages(pagesOf(doc), false)}) is a second copy of “${earlier.title}” (${describePages(pagesOf(earlier), false)}): the same text page for page. A bundle holds one copy of each document.`,
      details: {
        title: doc.title,
        copyOf: earlier.title,
        copyOfPage: earlier.firstPage,
        citation: rules.duplicates.citation,
      },
    });
  }

  // Reports more than 3 years old at the bundle's date.
  if (asAt) {
    const oldest = yearsBefore(asAt, rules.oldReports.maxAgeYears);
    for (const doc of documents.filter(isReport)) {
      const date = documentDate(doc, pages, indexRows);
      if (!date || compareIsoDates(date, oldest) >= 0) continue;
      findings.push({
        code: 'report-too-old',
        severity: 'warning',
        pages: [doc.firstPage],
        message: `“${doc.title}” is dated ${formatDate(date, 'long')}, more than ${rules.oldReports.maxAgeYears} years before the bundle (${formatDate(asAt, 'long')}). Reports more than 3 years old are left out unless there are exceptional circumstances: explain them in the note.`,
        details: { title: doc.title, date, asAt, citation: rules.oldReports.citation },
      });
    }
  }

  // Date order within each evidence section.
  const evidenceLetters = new Set(
    pack.sections.filter((s) => /evidence/i.test(s.title)).map((s) => s.letter),
  );
  for (const section of parts) {
    if (!section.letter || !evidenceLetters.has(section.letter)) continue;
    const dated = section.documents
      .map((d) => ({ doc: d, date: documentDate(d, pages, indexRows) }))
      .filter((d): d is { doc: CheckPart; date: string } => d.date !== null);
    if (dated.length < 2) continue;
    // Equal dates keep their order: the position breaks ties, so the run is strictly increasing.
    const keep = longestIncreasing(dated.map((d, i) => [Number(d.date.replace(/-/g, '')), i, 0]));
    const out = dated.filter((_, i) => !keep.has(i));
    if (!out.length) continue;
    const order = [...dated].sort(
      (a, b) => compareIsoDates(a.date, b.date) || a.doc.firstPage - b.doc.firstPage,
    );
    findings.push({
      code: 'out-of-date-order',
      severity: 'warning',
      pages: out.map((d) => d.doc.firstPage),
      message: `In section ${section.letter}, ${out.map((d) => `“${d.doc.title}” (${formatDate(d.date, 'long')})`).join(', ')} ${out.length === 1 ? 'is' : 'are'} out of date order. Evidence goes in date order within each section, earliest first.`,
      details: {
        section: section.letter,
        order: order.map((d) => ({ title: d.doc.title, date: d.date, firstPage: d.doc.firstPage })),
        citation: rules.chronological.citation,
      },
    });
  }

  // Statements and reports: type size, numbered paragraphs, executive summary.
  for (const doc of documents.filter((d) => isReport(d) || isStatement(d))) {
    const own = pagesOf(doc)
      .map((p) => pages[p - 1])
      .filter(Boolean);
    const sizes = new Map<number, number>();
    for (const p of own) if (p.bodySize) sizes.set(p.bodySize, (sizes.get(p.bodySize) ?? 0) + p.bodyChars);
    const chars = [...sizes.values()].reduce((a, b) => a + b, 0);
    const body = [...sizes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    const kind = isStatement(doc) ? 'statement' : 'report';
    if (body !== undefined && chars >= 200 && body < rules.typeSize.minPoints - 0.25) {
      const small = pagesOf(doc).filter(
        (p) => (pages[p - 1]?.bodySize ?? 99) < rules.typeSize.minPoints - 0.25,
      );
      findings.push({
        code: 'small-type',
        severity: 'warning',
        pages: small.length ? small : [doc.firstPage],
        message: `“${doc.title}” is set in ${body}-point type; ${kind}s are to be in type of at least ${rules.typeSize.minPoints} point.`,
        details: { title: doc.title, points: body, citation: rules.typeSize.citation },
      });
    }
    const lines = own.reduce((a, p) => a + p.lines, 0);
    const numbered = own.reduce((a, p) => a + p.numberedLines, 0);
    if (lines >= 8 && numbered < 2) {
      findings.push({
        code: 'paragraphs-not-numbered',
        severity: 'warning',
        pages: [doc.firstPage],
        message: `“${doc.title}” looks like a ${kind} without numbered paragraphs; ${kind}s are to be set out in numbered paragraphs.`,
        details: { title: doc.title, citation: rules.numberedParagraphs.citation },
      });
    }
    if (isReport(doc)) {
      const headings = pagesOf(doc).flatMap((p) =>
        (pages[p - 1]?.headings ?? []).map((h) => ({ ...h, page: p })),
      );
      const start = headings.findIndex((h) => /^executive summary\b/i.test(h.text));
      const next = start >= 0 ? headings[start + 1] : undefined;
      if (start >= 0 && next) {
        const from = headings[start].page;
        // The summary runs to the page before the next heading, or onto that page when the heading is low on it.
        const to = next.top < 150 ? next.page - 1 : next.page;
        const length = to - from + 1;
        if (length > rules.executiveSummary.maxPages) {
          findings.push({
            code: 'summary-over-limit',
            severity: 'warning',
            pages: Array.from({ length }, (_, i) => from + i),
            message: `The executive summary of “${doc.title}” runs to ${length} pages; it is to be at most ${rules.executiveSummary.maxPages} pages.`,
            details: { title: doc.title, pages: length, citation: rules.executiveSummary.citation },
          });
        }
      }
    }
  }
  return findings;
}

/** The date the bundle speaks from: the latest full date on its cover, else its newest document's date. */
export function bundleDate(
  coverText: string,
  parts: CheckPart[],
  pages: PageContent[],
  indexRows?: Map<number, string>,
): string | null {
  const dates: string[] = [];
  let rest = coverText;
  for (let found = firstFullDate(rest); found; found = firstFullDate(rest)) {
    dates.push(found);
    // Go on after this date: drop text up to the first digit run of its year.
    const at = rest.indexOf(found.slice(0, 4));
    if (at < 0) break;
    rest = rest.slice(at + 4);
  }
  if (!dates.length)
    for (const doc of parts.flatMap((s) => s.documents)) {
      const date = documentDate(doc, pages, indexRows);
      if (date) dates.push(date);
    }
  return dates.sort(compareIsoDates).at(-1) ?? null;
}
