/**
 * Page labels (ISO 32000-1, 12.4.2): the numbers a reader shows for each page ("go to page B12"). Read from
 * the /PageLabels number tree as pdf.js reads them, so the app agrees with the reader users see.
 */
import { toRoman } from '../../../../shared/bundle/format';
import type { PdfReader } from './document';
import { isDict, isName, isNumber, PdfString } from './objects';
import { readNumberTree } from './trees';

function styled(style: string | null, index: number): string {
  switch (style) {
    case 'D':
      return String(index);
    case 'r':
      return toRoman(index);
    case 'R':
      return toRoman(index).toUpperCase();
    case 'a':
    case 'A': {
      const letter = String.fromCharCode((style === 'a' ? 0x61 : 0x41) + ((index - 1) % 26));
      return letter.repeat(Math.floor((index - 1) / 26) + 1);
    }
    default:
      return '';
  }
}

/**
 * The largest start of a range of labels written in letters or roman numerals: their labels grow with the
 * number ("AAAA…", "MMMM…"), and a start of a billion would make every label tens of millions of letters
 * long (enough to stop the program that reads them). No bundle numbers its pages that far.
 */
const MAX_SPELLED_START = 100_000;

/** The longest label prefix taken ("Section B – Local authority's evidence – " is 42): beyond it, malformed. */
const MAX_PREFIX_CHARS = 200;

/** Each page's labels, or why the file's page labels cannot be used (null labels either way). */
export interface PageLabelsRead {
  labels: string[] | null;
  /** Set when the file has page labels that readers refuse (pdf.js then shows plain page numbers). */
  malformed?: string;
}

/**
 * Each page's label, or null when the file has no page labels or they are malformed (a reader then shows
 * plain page numbers).
 */
export function readPageLabels(reader: PdfReader, pageCount: number): string[] | null {
  return readPageLabelsWithReason(reader, pageCount).labels;
}

/** As readPageLabels, saying what is wrong with page labels that are malformed. */
export function readPageLabelsWithReason(reader: PdfReader, pageCount: number): PageLabelsRead {
  const root = reader.catalog?.get('PageLabels');
  if (root === undefined) return { labels: null };
  const ranges = new Map(readNumberTree(reader, root));
  if (ranges.size === 0) return { labels: null };
  const malformed = (why: string): PageLabelsRead => ({ labels: null, malformed: why });
  const labels: string[] = [];
  let style: string | null = null;
  let prefix = '';
  let index = 1;
  for (let i = 0; i < pageCount; i++) {
    const entry = ranges.get(i);
    if (entry !== undefined) {
      const where = `the range from page ${i + 1}`;
      const dict = reader.resolve(entry);
      if (!isDict(dict)) return malformed(`${where} is not a label dictionary`);
      const s = reader.get(dict, 'S');
      if (s !== undefined && !isName(s))
        return malformed(`${where} has a numbering style that is not a name`);
      style = isName(s) ? s.name : null;
      if (style !== null && !['D', 'r', 'R', 'a', 'A'].includes(style))
        return malformed(`${where} is numbered in the style /${style}, which is not one of D, r, R, a or A`);
      const p = reader.get(dict, 'P');
      if (p !== undefined && !(p instanceof PdfString))
        return malformed(`${where} has a prefix that is not text`);
      prefix = p instanceof PdfString ? p.text : '';
      if (prefix.length > MAX_PREFIX_CHARS)
        return malformed(`${where} has a prefix ${prefix.length.toLocaleString('en-GB')} characters long`);
      const st = reader.get(dict, 'St');
      if (st !== undefined && !(isNumber(st) && Number.isInteger(st) && st >= 1))
        return malformed(
          `${where} starts at ${isNumber(st) ? String(st) : 'something that is not a number'}, where a range must start at 1 or more`,
        );
      index = isNumber(st) ? st : 1;
      if (style !== null && style !== 'D' && index > MAX_SPELLED_START)
        return malformed(
          `${where} is numbered in ${style === 'a' || style === 'A' ? 'letters' : 'roman numerals'} from ${index.toLocaleString('en-GB')}`,
        );
    }
    labels.push(prefix + styled(style, index));
    index++;
  }
  return { labels };
}
