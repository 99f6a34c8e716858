/**
 * What a document says about itself, proposed at import for the user to confirm: a title (the PDF's own
 * title when it is a real one, else the first heading on page 1) and a date (the first full date on
 * page 1). Never a camera or scanner file name, a program's placeholder ("Untitled", "Document1") or a
 * file name dressed up as a title ("Microsoft Word - report.docx" becomes "report").
 */
import { cleanText } from '../../../shared/text/controls';
import { collapseWhiteSpace } from '../../../shared/text/whiteSpace';
import { inspectPdf, type SelfDescription } from '../pdf/inspect';
import type { TextItem } from '../pdf/pdfjs';

export interface DocumentFacts {
  title: string | null;
  /** YYYY-MM-DD. */
  date: string | null;
}

/** Names cameras, phones and scanners give files: IMG_20261112_0931, DSC01234, PXL_2026…, Scan 12 … */
const CAMERA_NAME =
  /^(img|image|dsc[nf]?|pxl|mvimg|vid|photo|pic|screenshot|screen shot|scan|scanned|ccf|cam|dcim|whatsapp image|wp)[\s_-]*\d{3,}/i;
/** Only digits, separators and perhaps an extension or a short prefix: a timestamp or a counter. */
const NUMBERS_ONLY = /^[a-z]{0,3}[\d\s_.:-]{6,}[a-z]{0,4}$/i;
const PLACEHOLDER =
  /^(untitled|untitled document|document\s?\d*|doc\d+|title|no title|new document|microsoft word|powerpoint presentation|presentation\d*|slide \d+|book\d*|sheet\d*|print|printout|scan|pdf|file|adobe acrobat|noname|unknown|none|blank|\(?anonymous\)?)$/i;
const FILE_EXTENSION =
  /\.(pdf|docx?|odt|rtf|txt|xlsx?|pptx?|jpe?g|png|tiff?|heic|heif|webp|gif|bmp|html?|msg|eml)$/i;
/** What Word, Excel and others put in front of a file name when they print to PDF. */
const PROGRAM_PREFIX =
  /^(microsoft (word|excel|powerpoint)|word|excel|libreoffice writer|writer)\s*[-–:]\s*/i;

const MIN_TITLE_LETTERS = 3;
const MAX_TITLE_LENGTH = 150;

/** A title import may propose, or null when `raw` is missing, a placeholder, or a machine-made name. */
export function usableTitle(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let title = cleanText(raw).replace(PROGRAM_PREFIX, '');
  if (FILE_EXTENSION.test(title)) title = title.replace(FILE_EXTENSION, '').replace(/[_]+/g, ' ').trim();
  title = title.replace(/\s+/g, ' ').trim();
  if (title.length > MAX_TITLE_LENGTH) return null;
  if ((title.match(/\p{L}/gu) ?? []).length < MIN_TITLE_LETTERS) return null;
  if (CAMERA_NAME.test(title) || NUMBERS_ONLY.test(title) || PLACEHOLDER.test(title)) return null;
  // A path or a random identifier, not a title.
  if (/[\\/]/.test(title) && !/\s/.test(title)) return null;
  if (/^[0-9a-f-]{16,}$/i.test(title)) return null;
  return title;
}

/** Whether a file name is one a camera, phone or scanner made (so it says nothing about the document). */
export function isMachineFileName(stem: string): boolean {
  return usableTitle(stem) === null;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '(\\d{4})';
/** The forms a full date takes in letters and reports written in England, day before month. */
const DATE_PATTERNS: Array<{ re: RegExp; parts: (m: RegExpExecArray) => [number, number, number] }> = [
  // 12 November 2026, 12th Nov. 2026, Thursday 12 November, 2026
  {
    re: new RegExp(`\\b${DAY}\\s+(?:of\\s+)?${MONTH},?\\s+${YEAR}\\b`, 'i'),
    parts: (m) => [Number(m[3]), monthNumber(m[2]), Number(m[1])],
  },
  // November 12, 2026
  {
    re: new RegExp(`\\b${MONTH}\\s+${DAY},?\\s+${YEAR}\\b`, 'i'),
    parts: (m) => [Number(m[3]), monthNumber(m[1]), Number(m[2])],
  },
  // 2026-11-12
  { re: /\b(\d{4})-(\d{2})-(\d{2})\b/, parts: (m) => [Number(m[1]), Number(m[2]), Number(m[3])] },
  // 12/11/2026, 12.11.2026, 12-11-2026 (day first, as in the UK)
  {
    re: /\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b/,
    parts: (m) => [Number(m[3]), Number(m[2]), Number(m[1])],
  },
];

function monthNumber(name: string): number {
  const start = name.toLowerCase().replace('.', '').slice(0, 3);
  return MONTHS.findIndex((m) => m.startsWith(start)) + 1;
}

function isoIfValid(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The first full, real date in `text` (reading order), as YYYY-MM-DD. */
export function firstFullDate(text: string): string | null {
  let best: { at: number; iso: string } | null = null;
  for (const { re, parts } of DATE_PATTERNS) {
    const global = new RegExp(re.source, `${re.flags}g`);
    let match: RegExpExecArray | null;
    while ((match = global.exec(text))) {
      if (best && match.index >= best.at) break;
      const iso = isoIfValid(...parts(match));
      if (iso) {
        best = { at: match.index, iso };
        break;
      }
    }
  }
  return best?.iso ?? null;
}

interface Line {
  text: string;
  /** Distance from the top of the page (as displayed). */
  top: number;
  size: number;
}

/** Text items grouped into lines, top of the page first. */
export function linesOf(items: TextItem[], pageHeight: number): Line[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Array<Line & { y: number }> = [];
  for (const item of sorted) {
    const last = lines[lines.length - 1];
    const size = Math.abs(item.height) || 0;
    if (last && Math.abs(last.y - item.y) <= Math.max(2, Math.min(size, last.size) * 0.4)) {
      last.text += (/\s$/.test(last.text) ? '' : ' ') + item.text;
      last.size = Math.max(last.size, size);
    } else lines.push({ text: item.text, y: item.y, top: pageHeight - item.y, size });
  }
  return lines.map(({ text, top, size }) => ({ text: collapseWhiteSpace(text), top, size }));
}

/**
 * The first heading on a page: the topmost line set clearly larger than the page's body text (the size
 * most of its characters have), in the upper half of the page. Null when nothing stands out.
 */
function firstHeading(lines: Line[], pageHeight: number): string | null {
  const weights = new Map<number, number>();
  for (const line of lines) {
    const size = Math.round(line.size * 2) / 2;
    weights.set(size, (weights.get(size) ?? 0) + line.text.length);
  }
  const body = [...weights.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!body) return null;
  const headings = lines.filter(
    (l) => l.size >= body * 1.15 && l.top <= pageHeight * 0.5 && usableTitle(l.text) !== null,
  );
  if (headings.length === 0) return null;
  const first = headings[0];
  // A heading set over two lines in the same size reads as one title.
  const next = lines[lines.indexOf(first) + 1];
  const joined =
    next && Math.abs(next.size - first.size) < 0.5 && next.top - first.top < first.size * 1.8
      ? `${first.text} ${next.text}`
      : first.text;
  return usableTitle(joined.replace(/[:.]+$/, '')) ?? usableTitle(first.text);
}

/** The title and date a document proposes for itself, from what import's inspection read (inspect.ts). */
export function factsFrom(about: SelfDescription): DocumentFacts {
  const metadataTitle = about.titles.map(usableTitle).find((t) => t !== null) ?? null;
  let heading: string | null = null;
  let date: string | null = null;
  const page = about.firstPage;
  if (page) {
    const lines = linesOf(page.items, page.height);
    heading = firstHeading(lines, page.height);
    date = firstFullDate(lines.map((l) => l.text).join('\n'));
  }
  return { title: metadataTitle ?? heading, date };
}

/** Reads the metadata and page 1 of a PDF the app has already accepted. Never throws: null facts instead. */
export async function findDocumentFacts(pdf: Uint8Array): Promise<DocumentFacts> {
  try {
    return factsFrom((await inspectPdf(pdf)).about);
  } catch {
    return { title: null, date: null };
  }
}
