/**
 * Comments a page holds whose words show only when opened: a sticky note, or a note added to a highlight,
 * a drawn shape, a stamp or a line (markup annotations with words in /Contents or /RC, ISO 32000-2 12.5.6.2).
 * They are someone's remarks on the document, not the document: a parent's notes to themself on the
 * council's report, an officer's on a draft. A typewriter comment (FreeText), whose words are on the page,
 * is not counted, nor a pop-up (it holds no words of its own).
 */
import type { PdfReader } from './document';
import { isDict, isName, PdfString } from './objects';
import { pagesWhere, type PdfPage } from './pages';

const COMMENT_TYPES = new Set([
  'Text',
  'Highlight',
  'Underline',
  'StrikeOut',
  'Squiggly',
  'Square',
  'Circle',
  'Line',
  'Polygon',
  'PolyLine',
  'Ink',
  'Stamp',
  'Caret',
]);

/** How many comments with words the page holds. */
export function commentCount(reader: PdfReader, page: PdfPage): number {
  const annots = reader.get(page.dict, 'Annots');
  if (!Array.isArray(annots)) return 0;
  let count = 0;
  for (const value of annots) {
    const annot = reader.resolve(value);
    if (!isDict(annot)) continue;
    const subtype = reader.get(annot, 'Subtype');
    if (!isName(subtype) || !COMMENT_TYPES.has(subtype.name)) continue;
    const words = [reader.get(annot, 'Contents'), reader.get(annot, 'RC')].some(
      (text) => text instanceof PdfString && /\S/.test(text.text),
    );
    if (words) count++;
  }
  return count;
}

/** The pages (1-based) of `pages` with comments, and how many in all; a page that cannot be read is passed over. */
export function commentPages(
  reader: PdfReader,
  pages: readonly PdfPage[],
  signal?: AbortSignal,
): { pages: number[]; comments: number } {
  let comments = 0;
  const found = pagesWhere(
    pages,
    (page) => {
      const count = commentCount(reader, page);
      comments += count;
      return count > 0;
    },
    signal,
  );
  return { pages: found, comments };
}
