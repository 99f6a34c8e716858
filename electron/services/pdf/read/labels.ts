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

/**
 * Each page's label, or null when the file has no page labels or they are malformed (a reader then shows
 * plain page numbers).
 */
export function readPageLabels(reader: PdfReader, pageCount: number): string[] | null {
  const root = reader.catalog?.get('PageLabels');
  if (root === undefined) return null;
  const ranges = new Map(readNumberTree(reader, root));
  if (ranges.size === 0) return null;
  const labels: string[] = [];
  let style: string | null = null;
  let prefix = '';
  let index = 1;
  for (let i = 0; i < pageCount; i++) {
    const entry = ranges.get(i);
    if (entry !== undefined) {
      const dict = reader.resolve(entry);
      if (!isDict(dict)) return null;
      const s = reader.get(dict, 'S');
      if (s !== undefined && !isName(s)) return null;
      style = isName(s) ? s.name : null;
      if (style !== null && !['D', 'r', 'R', 'a', 'A'].includes(style)) return null;
      const p = reader.get(dict, 'P');
      if (p !== undefined && !(p instanceof PdfString)) return null;
      prefix = p instanceof PdfString ? p.text : '';
      if (prefix.length > MAX_PREFIX_CHARS) return null;
      const st = reader.get(dict, 'St');
      if (st !== undefined && !(isNumber(st) && Number.isInteger(st) && st >= 1)) return null;
      index = isNumber(st) ? st : 1;
      if (style !== null && style !== 'D' && index > MAX_SPELLED_START) return null;
    }
    labels.push(prefix + styled(style, index));
    index++;
  }
  return labels;
}
