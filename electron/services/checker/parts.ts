/**
 * The bundle's parts (sections and the documents in them) and their page counts against the rule pack's
 * limits. Parts come from the bookmarks (top level = sections, children = documents), else from the index,
 * else from section-prefixed page numbers (B12 is in section B).
 */
import { partCovers, partLimit } from '../../../shared/rules/index';
import type { PagePart, PartyId, RulePack } from '../../../shared/rules/types';
import type { AppealType } from '../../../shared/domain/case';
import type { CheckFinding, CheckLimit, CheckPart, CheckSummary } from '../../../shared/domain/checker';
import type { DocumentKind } from '../../../shared/domain/documents';
import type { BookmarkNode } from './destinations';
import { describePages } from './describe';
import type { IndexInfo } from './indexPages';
import type { PrintedNumber } from './pageNumbers';

/** Lower case, no tab or page range, letters and digits only: for matching bookmarks with index rows. */
export function normaliseTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(/\s*\((?:pages?\s+)?[a-z]{0,2}\d+[a-z]{0,2}(?:\s*[-–—]\s*[a-z]{0,2}\d+[a-z]{0,2})?\)\s*$/, '')
    .replace(/^(?:[a-z]{1,2}\d{1,4}[a-z]{0,2}|\d{1,4}[.)]?)\s+/, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function letterFromTitle(title: string): string | null {
  const m = /^section\s+([A-Z]{1,2})\b/i.exec(title) ?? /^([A-Z])[.):]\s/.exec(title);
  return m ? m[1].toUpperCase() : null;
}

/** The first (or last) bundle page number printed in a range of pages, passing over dividers. */
function labelIn(numbers: (PrintedNumber | null)[], from: number, to: number, last = false): string | null {
  for (let i = 0; i <= to - from; i++) {
    const n = numbers[(last ? to - i : from + i) - 1];
    if (n?.kind === 'main') return n.label;
  }
  return null;
}

function prefixOf(numbers: (PrintedNumber | null)[], from: number, to: number): string | null {
  for (let p = from; p <= to; p++) {
    const n = numbers[p - 1];
    if (n?.kind === 'main' && n.prefix) return n.prefix;
    if (n?.kind === 'divider') return n.section;
  }
  return null;
}

function makePart(
  kind: 'section' | 'document',
  title: string,
  letter: string | null,
  firstPage: number,
  lastPage: number,
  numbers: (PrintedNumber | null)[],
): CheckPart {
  return {
    kind,
    title,
    letter,
    firstPage,
    lastPage,
    pageCount: Math.max(0, lastPage - firstPage + 1),
    firstLabel: labelIn(numbers, firstPage, lastPage),
    lastLabel: labelIn(numbers, firstPage, lastPage, true),
    documents: [],
  };
}

function sectionLetterByTitle(pack: RulePack, title: string): string | null {
  const t = normaliseTitle(title);
  const match = pack.sections.find((s) => t.includes(normaliseTitle(s.title)));
  return match?.letter ?? null;
}

function partsFromBookmarks(
  bookmarks: BookmarkNode[],
  pageCount: number,
  numbers: (PrintedNumber | null)[],
  pack: RulePack,
): CheckPart[] {
  const usable = bookmarks.filter((b) => b.page !== null);
  const isSection = (b: BookmarkNode) => b.children.length > 0 || /^section\s+[A-Z]{1,2}\b/i.test(b.title);
  if (!usable.some(isSection)) return [];
  const parts: CheckPart[] = [];
  usable.forEach((b, i) => {
    if (!isSection(b)) return;
    const next = usable.slice(i + 1).find((n) => n.page! > b.page!);
    const last = next ? next.page! - 1 : pageCount;
    const section = makePart('section', b.title, null, b.page!, last, numbers);
    const children = b.children.filter((c) => c.page !== null && c.page >= b.page! && c.page <= last);
    children.forEach((c, j) => {
      const following = children.slice(j + 1).find((n) => n.page! > c.page!);
      section.documents.push(
        makePart('document', c.title, null, c.page!, following ? following.page! - 1 : last, numbers),
      );
    });
    section.letter =
      letterFromTitle(b.title) ?? prefixOf(numbers, b.page!, last) ?? sectionLetterByTitle(pack, b.title);
    section.documents.forEach((d) => (d.letter = section.letter));
    parts.push(section);
  });
  return parts;
}

function partsFromIndex(
  index: IndexInfo,
  labelToPage: Map<string, number>,
  numbers: (PrintedNumber | null)[],
  pack: RulePack,
): CheckPart[] {
  const parts: CheckPart[] = [];
  let current: CheckPart | null = null;
  for (const entry of index.entries) {
    const first = labelToPage.get(entry.first);
    const last = labelToPage.get(entry.last);
    if (first === undefined || last === undefined || last < first) continue;
    if (entry.kind === 'section') {
      current = makePart(
        'section',
        entry.title,
        entry.section ?? sectionLetterByTitle(pack, entry.title),
        first,
        last,
        numbers,
      );
      parts.push(current);
      continue;
    }
    if (!current || (entry.section && current.letter !== entry.section)) {
      current = makePart('section', `Section ${entry.section ?? '?'}`, entry.section, first, last, numbers);
      parts.push(current);
    }
    const doc = makePart('document', entry.title, current.letter, first, last, numbers);
    current.documents.push(doc);
    current.lastPage = Math.max(current.lastPage, last);
    current.pageCount = current.lastPage - current.firstPage + 1;
    current.lastLabel = labelIn(numbers, current.firstPage, current.lastPage, true);
  }
  return parts;
}

function partsFromNumbers(numbers: (PrintedNumber | null)[]): CheckPart[] {
  const parts: CheckPart[] = [];
  numbers.forEach((n, i) => {
    if (n?.kind !== 'main' || !n.prefix) return;
    const last = parts[parts.length - 1];
    if (last && last.letter === n.prefix) {
      last.lastPage = i + 1;
      last.pageCount = last.lastPage - last.firstPage + 1;
      last.lastLabel = n.label;
    } else {
      parts.push(makePart('section', `Section ${n.prefix}`, n.prefix, i + 1, i + 1, numbers));
    }
  });
  return parts;
}

export function identifyParts(input: {
  bookmarks: BookmarkNode[];
  index: IndexInfo | null;
  labelToPage: Map<string, number>;
  numbers: (PrintedNumber | null)[];
  pageCount: number;
  pack: RulePack;
}): { parts: CheckPart[]; from: CheckSummary['partsFrom'] } {
  const fromBookmarks = partsFromBookmarks(input.bookmarks, input.pageCount, input.numbers, input.pack);
  if (fromBookmarks.length > 0) return { parts: fromBookmarks, from: 'bookmarks' };
  if (input.index) {
    const fromIndex = partsFromIndex(input.index, input.labelToPage, input.numbers, input.pack);
    if (fromIndex.length > 0) return { parts: fromIndex, from: 'index' };
  }
  const fromNumbers = partsFromNumbers(input.numbers);
  if (fromNumbers.length > 0) return { parts: fromNumbers, from: 'page-numbers' };
  return { parts: [], from: null };
}

/** What the title says the document is, for the pack's parts that split a section by kind. */
function kindFromTitle(title: string): DocumentKind {
  return /working\s+doc/i.test(title) ? 'working-document' : 'other';
}

/** The pages (1-based, in order) that count towards a part: its documents', or the whole section's. */
function pagesOfPart(part: PagePart, sections: CheckPart[]): number[] {
  const pages: number[] = [];
  for (const section of sections) {
    if (section.letter !== part.section) continue;
    const docs =
      section.documents.length > 0 ? section.documents : [{ ...section, kind: 'document' as const }];
    for (const doc of docs) {
      if (!partCovers(part, { section: part.section, kind: kindFromTitle(doc.title) })) continue;
      for (let p = doc.firstPage; p <= doc.lastPage; p++) pages.push(p);
    }
  }
  return pages;
}

/** Words in a section's title that say whose evidence it is. */
const PARTY_WORDS: Record<PartyId, RegExp> = {
  appellant: /\b(?:appellant|parent|family|young person|mother|father|carer)s?(?:['’]s?)?\b/i,
  claimant: /\b(?:claimant|appellant|parent|family|young person)s?(?:['’]s?)?\b/i,
  la: /\b(?:local authority|la|council|respondent)(?:['’]s?)?\b/i,
  'responsible-body': /\b(?:responsible body|respondent|school|academy trust|governing body)(?:['’]s?)?\b/i,
  health: /\bhealth\b/i,
  'social-care': /\bsocial care\b/i,
};

/**
 * Whether the bundle says the sections counted for a party's limit are that party's: by their titles
 * ("Appellant's evidence"). A foreign bundle may letter its sections differently, so a section known only
 * by its letter does not prove whose evidence it holds.
 */
function partyConfirmed(part: PagePart, sections: CheckPart[]): boolean {
  if (!part.party) return true;
  const words = PARTY_WORDS[part.party];
  return sections.some((s) => s.letter === part.section && words.test(s.title));
}

/** Highest and lowest limit a part can have: for one appeal type when known, else across the pack's types. */
function limitRange(
  part: PagePart,
  pack: RulePack,
  appealType: AppealType | null,
): { high: number; low: number } | null {
  const types = appealType ? [appealType] : pack.appealTypes;
  const values: number[] = [];
  for (const t of types) {
    for (const placementOnly of [false, true]) {
      for (const areas of [1, 2]) {
        const v = partLimit(part, {
          appealType: t,
          placementOnly,
          extendedHealth: areas >= 1,
          extendedSocialCare: areas >= 2,
        });
        if (v !== null) values.push(v);
      }
    }
  }
  if (values.length === 0) return null;
  return { high: Math.max(...values), low: Math.min(...values) };
}

export function checkLimits(
  parts: CheckPart[],
  pack: RulePack,
  appealType: AppealType | null,
): { limits: CheckLimit[]; findings: CheckFinding[] } {
  const limits: CheckLimit[] = [];
  const findings: CheckFinding[] = [];
  for (const part of pack.parts) {
    const range = limitRange(part, pack, appealType);
    if (!range) continue;
    const pages = pagesOfPart(part, parts);
    if (pages.length === 0) continue;
    const status: CheckLimit['status'] =
      pages.length > range.high ? 'over' : pages.length > range.low ? 'over-for-some-appeals' : 'ok';
    limits.push({
      partId: part.id,
      label: part.label,
      section: part.section,
      pages: pages.length,
      limit: range.high,
      lowestLimit: range.low !== range.high ? range.low : null,
      status,
    });
    if (status === 'over') {
      const extra = pages.slice(range.high);
      const confirmed = partyConfirmed(part, parts);
      findings.push({
        code: 'part-over-limit',
        // Over a party's limit is an error only when the bundle shows the section is that party's.
        severity: confirmed ? 'error' : 'warning',
        pages: extra,
        message:
          `${part.label} (section ${part.section}) has ${pages.length} pages; the limit is ${range.high}` +
          (confirmed
            ? '. '
            : `, if section ${part.section} holds the ${part.label.toLowerCase()} (its title does not say whose evidence it is). `) +
          `The ${extra.length} page${extra.length === 1 ? '' : 's'} over the limit ${extra.length === 1 ? 'is' : 'are'} ${describePages(extra)}. ` +
          'Take pages out, or send a note explaining why the extra pages are needed.',
        details: { partId: part.id, pages: pages.length, limit: range.high, citation: part.citation },
      });
    } else if (status === 'over-for-some-appeals') {
      findings.push({
        code: 'part-over-limit-for-some-appeals',
        severity: 'warning',
        pages: pages.slice(range.low),
        message:
          `${part.label} (section ${part.section}) has ${pages.length} pages: within ${range.high} but over ` +
          `${range.low}, the limit for some appeals. Check the limit for this appeal.`,
        details: {
          partId: part.id,
          pages: pages.length,
          limit: range.high,
          lowestLimit: range.low,
          citation: part.citation,
        },
      });
    }
  }
  return { limits, findings };
}

/** Documents whose titles say they are witness statements or reports, against the pack's length limits. */
export function checkDocumentLengths(parts: CheckPart[], pack: RulePack): CheckFinding[] {
  const findings: CheckFinding[] = [];
  for (const doc of parts.flatMap((s) => s.documents)) {
    const pages = Array.from({ length: doc.pageCount }, (_, i) => doc.firstPage + i);
    if (/\bstatement\b/i.test(doc.title) && doc.pageCount > pack.witnessStatement.maxPages) {
      findings.push({
        code: 'statement-over-limit',
        severity: 'warning',
        pages: pages.slice(pack.witnessStatement.maxPages),
        message: `“${doc.title}” looks like a witness statement and has ${doc.pageCount} pages; statements are limited to ${pack.witnessStatement.maxPages} pages unless a note explains why.`,
        details: {
          title: doc.title,
          pages: doc.pageCount,
          limit: pack.witnessStatement.maxPages,
          citation: pack.witnessStatement.citation,
        },
      });
    } else if (
      /\b(report|assessment)\b/i.test(doc.title) &&
      !/\b(response|decision|annual review|school report)\b/i.test(doc.title) &&
      doc.pageCount > pack.expertReport.maxPages
    ) {
      findings.push({
        code: 'report-over-limit',
        severity: 'warning',
        pages: pages.slice(pack.expertReport.maxPages),
        message: `“${doc.title}” looks like an expert report and has ${doc.pageCount} pages; expert reports are limited to ${pack.expertReport.maxPages} pages.`,
        details: {
          title: doc.title,
          pages: doc.pageCount,
          limit: pack.expertReport.maxPages,
          citation: pack.expertReport.citation,
        },
      });
    }
  }
  return findings;
}
