/**
 * The checker's one-line answer, and the judgement that comes before the rest: is this a hearing bundle at
 * all? A manual with a table of contents, a single letter or a report checked by mistake would otherwise
 * give a flood of bundle findings (no index, pages unnumbered, ranges not found) that contradict each other.
 * Pure: takes what the checker read.
 */
import type { CheckFinding, CheckSummary, CheckVerdict } from '../../../shared/domain/checker';

/** What the checker found that makes a file look like a bundle, or not. */
export interface BundleSignals {
  pageCount: number;
  /** Pages whose text could be read (an unreadable file cannot be judged). */
  readablePages: number;
  /** Pages with any text at all (a file of scans without OCR cannot be judged by its words). */
  pagesWithText: number;
  /** Rows of the index found near the front, how many name pages the file has, how many give a range. */
  indexRows: number;
  indexRowsResolved: number;
  indexRowsWithRanges: number;
  /** Pages carrying a bundle page number, and the longest run of them in order. */
  numberedPages: number;
  numberedInOrder: number;
  /** Bookmarks that open a page of the file. */
  bookmarksToPages: number;
  /** Bundle words found on the first pages, the index, the title and the bookmarks (see bundleTerms). */
  terms: string[];
}

/**
 * Words a hearing bundle's cover, index or bookmarks use. "Appeal" and "hearing" turn up in any official
 * booklet ("you can appeal"), so alone they do not make a file speak of a bundle (see isWorded).
 */
const GENERIC_TERMS = new Set(['appeal', 'hearing']);
const TERMS: [string, RegExp][] = [
  ['bundle', /\bbundles?\b/i],
  ['tribunal', /\btribunal\b/i],
  ['appeal', /\bappeal(?:s|ed|ing)?\b|\bappellants?\b/i],
  ['hearing', /\bhearings?\b/i],
  ['special educational needs', /special educational needs|\bSEND(?:IST)?\b/],
  ['EHC plan', /\bEHCP?\b|education,? health and care/i],
  ['local authority', /\blocal authority\b/i],
  ['disability discrimination', /disability discrimination|\bresponsible body\b|\bclaimant\b/i],
  ['witness statement', /\bwitness statements?\b/i],
];

/** The bundle words (by name) that occur in a text. */
export function bundleTerms(text: string): string[] {
  return TERMS.filter(([, pattern]) => pattern.test(text)).map(([name]) => name);
}

/** Whether the words found speak of a bundle: one specific word, or both generic ones. */
function isWorded(terms: string[]): boolean {
  const generic = terms.filter((t) => GENERIC_TERMS.has(t)).length;
  return terms.length > generic || generic >= 2;
}

function listClauses(clauses: string[]): string {
  if (clauses.length <= 1) return clauses.join('');
  return `${clauses.slice(0, -1).join(', ')} and ${clauses[clauses.length - 1]}`;
}

/**
 * Null when the file looks like a hearing bundle (however broken); else the reasons it does not. A file is
 * not a bundle when nothing on its cover, index, title or bookmarks speaks of a tribunal or a bundle, unless
 * it has an index of page ranges matching page numbers that run through it; or when it has none of a
 * bundle's structure (no index, no running page numbers, no bookmarks) and does not call itself a bundle.
 */
export function notABundleReasons(s: BundleSignals): string[] | null {
  // Nothing read, or only pictures: no grounds for a judgement (the page findings say what is wrong).
  if (s.readablePages === 0 || s.pagesWithText * 2 < s.readablePages) return null;
  const index = s.indexRows >= 2 && s.indexRowsResolved * 2 >= s.indexRows;
  const numbered = s.numberedPages * 2 >= s.pageCount && s.numberedInOrder * 2 >= s.pageCount;
  const bookmarks = s.bookmarksToPages >= 2;
  const structure = [index, numbered, bookmarks].filter(Boolean).length;
  const worded = isWorded(s.terms);
  // A bundle from elsewhere may use none of these words; its index still gives each document's range of
  // running page numbers (a manual's contents page gives only where each chapter starts).
  const rangedIndex = index && s.indexRowsWithRanges >= 3 && s.indexRowsWithRanges * 2 >= s.indexRows;
  const unworded = !worded && !(rangedIndex && numbered);
  const unstructured = structure === 0 && !s.terms.includes('bundle');
  if (!unworded && !unstructured) return null;

  const reasons: string[] = [];
  if (!worded) reasons.push('its first pages, title and bookmarks do not mention a tribunal or a bundle');
  if (!index)
    reasons.push(
      s.indexRows >= 2
        ? 'its contents list does not match the page numbers on its pages'
        : 'it has no index listing documents and the pages they are on',
    );
  if (!numbered)
    reasons.push(
      s.numberedPages * 2 >= s.pageCount
        ? 'its page numbers do not run in order through the file (they restart, as a document’s own numbers do)'
        : 'most of its pages carry no page number of a bundle',
    );
  if (!bookmarks && structure === 0) reasons.push('it has no bookmarks');
  return reasons;
}

export function notABundleFinding(reasons: string[], name: string): CheckFinding {
  return {
    code: 'not-a-bundle',
    severity: 'error',
    pages: [],
    message:
      `${name} does not look like a hearing bundle, because ${listClauses(reasons)}. ` +
      'Check that this is the right file; the bundle itself was not checked.',
    details: { reasons },
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The verdict of a check, from its summary and findings. */
export function verdictFor(summary: CheckSummary, findings: CheckFinding[]): CheckVerdict {
  const { error, warning, note } = summary.counts;
  const counts = `${plural(error, 'error')}, ${plural(warning, 'warning')}, ${plural(note, 'note')}`;
  const notABundle = findings.find((f) => f.code === 'not-a-bundle');
  if (notABundle) {
    const reasons = (notABundle.details?.reasons as string[] | undefined) ?? [];
    return {
      kind: 'not-a-bundle',
      message: `This does not look like a hearing bundle, because ${listClauses(reasons)}.`,
      reasons,
    };
  }
  if (!summary.opened)
    return { kind: 'not-opened', message: `The file could not be checked (${counts}).`, reasons: [] };
  return error > 0
    ? {
        kind: 'errors',
        message: `Not ready to send: ${counts}. Correct the errors, or explain them in a note to the tribunal.`,
        reasons: [],
      }
    : {
        kind: 'no-errors',
        message: `No errors found (${plural(warning, 'warning')}, ${plural(note, 'note')}).`,
        reasons: [],
      };
}
