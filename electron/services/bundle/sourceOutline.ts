/**
 * A source document's own bookmarks, read before its pages are copied, to be kept under the document's
 * bookmark in the bundle. Outlines in the wild loop, point at pages that are not there, or nest without
 * end: loops and overlong lists are cut, an entry that goes nowhere is left out (its children move up),
 * and titles are cleaned like every title in the app.
 */
import { PDFHexString, PDFName, PDFString, type PDFDocument } from '@cantoo/pdf-lib';
import { cleanText } from '../../../shared/text/controls';
import { lookupDict, type SourceDestinations, type SourceTarget } from './sourceDestinations';

export interface SourceBookmark {
  title: string;
  target: SourceTarget;
  children: SourceBookmark[];
}

/** Limits that no real document's bookmarks reach. */
const MAX_DEPTH = 8;
const MAX_ITEMS = 2000;
const MAX_TITLE = 300;

export function readSourceOutline(source: PDFDocument, destinations: SourceDestinations): SourceBookmark[] {
  const { context } = source;
  const outlines = lookupDict(context, source.catalog.get(PDFName.of('Outlines')));
  if (!outlines) return [];
  const seen = new Set<unknown>();
  let items = 0;

  const readLevel = (firstValue: ReturnType<typeof outlines.get>, depth: number): SourceBookmark[] => {
    const level: SourceBookmark[] = [];
    let item = lookupDict(context, firstValue);
    while (item && !seen.has(item) && items < MAX_ITEMS) {
      seen.add(item);
      items++;
      const children = depth < MAX_DEPTH ? readLevel(item.get(PDFName.of('First')), depth + 1) : [];
      const rawTitle = item.get(PDFName.of('Title'));
      const decoded =
        rawTitle instanceof PDFString || rawTitle instanceof PDFHexString ? rawTitle.decodeText() : '';
      const title = cleanText(decoded).slice(0, MAX_TITLE) || 'Untitled';
      let target: SourceTarget | null = null;
      try {
        const dest = item.get(PDFName.of('Dest'));
        if (dest !== undefined) target = destinations.target(dest);
        else {
          const action = lookupDict(context, item.get(PDFName.of('A')));
          if (action) target = destinations.actionTarget(action);
        }
      } catch {
        target = null;
      }
      if (target) level.push({ title, target, children });
      else level.push(...children);
      item = lookupDict(context, item.get(PDFName.of('Next')));
    }
    return level;
  };

  try {
    return readLevel(outlines.get(PDFName.of('First')), 1);
  } catch {
    return [];
  }
}
