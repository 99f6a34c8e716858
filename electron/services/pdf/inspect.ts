/**
 * What pdf.js (the reader the app's preview uses) sees in a PDF: how many pages, each page's size and
 * rotation, which pages have text (our own content reader answers first where it is sure: QuickText), and
 * which pages it cannot show at all.
 */
import type { PageSize } from '../../../shared/domain/documents';
import {
  closePdfjs,
  openWithPdfjs,
  pageTextOf,
  type PageText,
  type PdfjsDocument,
  type TextItem,
} from './pdfjs';
import { PdfFile } from './read';
import { ContentTextReader } from './read/contentText';
import { commentPages } from './read/comments';
import { pagesWhere } from './read/pages';
import { photoLocationPages } from './read/photoLocation';
import { redactionMarkPages } from './read/redactionMarks';

/**
 * What the document says about itself, read in the same pass (import proposes a title and a date from it:
 * documents/facts.ts): the titles in its metadata (XMP first, then the document information) and the
 * text of page 1 with positions.
 */
export interface SelfDescription {
  titles: string[];
  firstPage: PageText | null;
}

export interface PdfInspection {
  pageCount: number;
  /** As a reader shows the page before rotation: the crop box, in points. */
  pageSizes: PageSize[];
  /** 1-based pages with no extractable text (scans, photos): they need OCR to be searchable. */
  pagesWithoutText: number[];
  /** 1-based pages pdf.js could not load at all (a broken page tree or page object). */
  unreadablePages: number[];
  about: SelfDescription;
  /** How many pages pdf.js read the text of (the others: QuickText below found their text first). */
  pdfjsTextPages: number;
}

/** An item of text whose every letter is known (a code without known text reads as U+FFFD). */
const surelyText = (item: TextItem) => item.text.trim() !== '' && !item.text.includes('\ufffd');

/**
 * Whether a page has text, answered by our own content reader (read/contentText.ts) where it can be sure:
 * it reads the page's text operators and fonts' ToUnicode maps, many times faster than pdf.js, which lays
 * out every glyph and parses every font program (a 200-page report took 5 of its 9 seconds of import in
 * pdf.js's text extraction, only to learn that each page has text). It answers yes only for a page whose
 * displayed area is the one pdf.js gives the page of the same number and on which it finds, before any
 * doubt (a font it cannot read), an item of known letters inside that area (it leaves out text outside the
 * page, as pdf.js does); it stops reading the page there. Every other page, scans among them, is read by
 * pdf.js as before, so a page is never taken to have text that pdf.js would not find.
 */
class QuickText {
  private constructor(
    private readonly file: PdfFile,
    private readonly reader: ContentTextReader,
  ) {}

  /** Null when our reader cannot open the file or counts other pages than pdf.js: pdf.js reads them all. */
  static open(bytes: Uint8Array, pageCount: number): QuickText | null {
    let file: PdfFile;
    try {
      file = PdfFile.open({ bytes });
    } catch {
      return null;
    }
    if (file.pageCount !== pageCount) {
      file.close();
      return null;
    }
    return new QuickText(file, new ContentTextReader(file.reader));
  }

  /** True when page `n` (1-based), shown as `view` by pdf.js, surely has text; false when not sure. */
  hasText(n: number, view: number[]): boolean {
    const page = this.file.pages[n - 1];
    if (!page || page.view.some((v, i) => Math.abs(v - (view[i] ?? NaN)) > 0.01)) return false;
    try {
      // The first item of known letters is enough (those letters pdf.js reads too, from the same maps).
      const read = this.reader.read(page, { until: surelyText });
      return !read.uncertain && read.items.some(surelyText);
    } catch {
      return false;
    }
  }

  close(): void {
    this.file.close();
  }
}

async function metadataTitles(doc: PdfjsDocument): Promise<string[]> {
  try {
    const meta = await doc.getMetadata();
    const xmpTitle: unknown = meta.metadata?.get('dc:title');
    const infoTitle = (meta.info as { Title?: unknown } | undefined)?.Title;
    return [xmpTitle, infoTitle].filter((t): t is string => typeof t === 'string');
  } catch {
    // Broken metadata: the page says what it is instead.
    return [];
  }
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * The pages (1-based) with words under a box painted over them that are still in the file (read/coveredText.ts:
 * a redaction that did not take the words out). Read by our own content reader; a page it cannot read, or a
 * file it cannot open, is passed over. Checks `signal` between pages.
 */
export function pagesWithCoveredText(bytes: Uint8Array, signal?: AbortSignal): number[] {
  return pagesFound(bytes, (file) => {
    const reader = new ContentTextReader(file.reader);
    // A page our reader cannot read: pdf.js shows it as it can; nothing said of it here.
    return pagesWhere(file.pages, (page) => !!reader.read(page, { covered: true }).covered?.length, signal);
  });
}

/** `read` over the file as our own reader opens it; `[]` when it cannot open it. */
function pagesFound(bytes: Uint8Array, read: (file: PdfFile) => number[]): number[] {
  let file: PdfFile;
  try {
    file = PdfFile.open({ bytes });
  } catch {
    return [];
  }
  try {
    return read(file);
  } finally {
    file.close();
  }
}

/**
 * The pages (1-based) that draw a photo holding where it was taken (read/photoLocation.ts: a phone's photo
 * put into the PDF as it was); none when our reader cannot open the file. Checks `signal` between pages.
 */
export function pagesWithPhotoLocation(bytes: Uint8Array, signal?: AbortSignal): number[] {
  return pagesFound(bytes, (file) => photoLocationPages(file.reader, file.pages, signal));
}

/**
 * The pages (1-based) with areas marked for redaction that were never redacted (read/redactionMarks.ts);
 * none when our reader cannot open the file. Checks `signal` between pages.
 */
export function pagesWithRedactionMarks(bytes: Uint8Array, signal?: AbortSignal): number[] {
  return pagesFound(bytes, (file) => redactionMarkPages(file.reader, file.pages, signal));
}

/**
 * The pages (1-based) with comments whose words show only when opened (read/comments.ts), and how many
 * comments in all; none when our reader cannot open the file. Checks `signal` between pages.
 */
export function commentsIn(bytes: Uint8Array, signal?: AbortSignal): { pages: number[]; comments: number } {
  let comments = 0;
  const pages = pagesFound(bytes, (file) => {
    const found = commentPages(file.reader, file.pages, signal);
    comments = found.comments;
    return found.pages;
  });
  return { pages, comments };
}

/**
 * Opens the bytes with pdf.js and reads every page (and the metadata and page 1's text: `about`). Throws PdfOpenError when the file cannot be opened
 * (password or damage). Checks `signal` between pages so a cancelled import stops promptly.
 */
export async function inspectPdf(bytes: Uint8Array, signal?: AbortSignal): Promise<PdfInspection> {
  const doc = await openWithPdfjs(bytes);
  const quick = doc.numPages > 1 ? QuickText.open(bytes, doc.numPages) : null;
  try {
    const result: PdfInspection = {
      pageCount: doc.numPages,
      pageSizes: [],
      pagesWithoutText: [],
      unreadablePages: [],
      about: { titles: await metadataTitles(doc), firstPage: null },
      pdfjsTextPages: 0,
    };
    for (let n = 1; n <= doc.numPages; n++) {
      signal?.throwIfAborted();
      let page;
      try {
        page = await doc.getPage(n);
      } catch {
        result.unreadablePages.push(n);
        result.pageSizes.push({ width: 0, height: 0, rotate: 0 });
        result.pagesWithoutText.push(n);
        continue;
      }
      try {
        const [x1, y1, x2, y2] = page.view;
        result.pageSizes.push({
          width: round2(Math.abs(x2 - x1)),
          height: round2(Math.abs(y2 - y1)),
          rotate: ((page.rotate % 360) + 360) % 360,
        });
        let hasText = false;
        try {
          if (n === 1) {
            result.pdfjsTextPages++;
            result.about.firstPage = await pageTextOf(page);
            hasText = result.about.firstPage.items.length > 0;
          } else if (quick?.hasText(n, page.view)) {
            hasText = true;
          } else {
            result.pdfjsTextPages++;
            const content = await page.getTextContent();
            hasText = content.items.some((item) => 'str' in item && item.str.trim() !== '');
          }
        } catch {
          // A page whose text cannot be read still shows; it just is not searchable.
        }
        if (!hasText) result.pagesWithoutText.push(n);
      } finally {
        page.cleanup();
      }
    }
    return result;
  } finally {
    quick?.close();
    await closePdfjs(doc, bytes.length);
  }
}
