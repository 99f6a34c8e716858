/**
 * One PDF reading layer, used by the build's verification and by the checker alike: the file's structure
 * (pages, page labels, bookmarks, destinations, links), read by our own parser independently of pdf-lib,
 * which writes the bundles; page text (pdf.js, see ../pdfjs.ts and ./pdfjsFile.ts); and the bundle's page
 * number stamps (./stamps.ts).
 */
import { PdfReader } from './document';
import { readPageLabelsWithReason, type PageLabelsRead } from './labels';
import { Destinations, readLinks, readOutline, type LinkAnnotation, type OutlineItem } from './navigation';
import { PdfStream, PdfString } from './objects';
import { readPages, type PdfPage } from './pages';
import type { ByteSource, PdfInput } from './source';

export { PdfReadError, PdfReader, type PdfReadFailure } from './document';
export type { LinkAnnotation, OutlineItem, Target } from './navigation';
export type { PdfPage } from './pages';
export { toDisplayed } from './pages';
export type { ByteSource, PdfInput } from './source';

/**
 * The text of the first <rdf:li> in the first <dc:title> of XMP metadata, or null. Found by indexOf: the
 * regular expression it replaces backtracked over every <dc:title>, 6 s for 300 KB of them (the metadata is
 * read up to 1 MB, and a few KB of Flate unpack to that).
 */
function xmpTitle(xml: string): string | null {
  const title = xml.indexOf('<dc:title>');
  if (title < 0) return null;
  const item = xml.indexOf('<rdf:li', title);
  const start = item < 0 ? -1 : xml.indexOf('>', item);
  const end = start < 0 ? -1 : xml.indexOf('</rdf:li>', start);
  return end < 0 ? null : xml.slice(start + 1, end);
}

export class PdfFile {
  readonly pages: PdfPage[];
  readonly destinations: Destinations;
  private labels: PageLabelsRead | undefined;

  private constructor(readonly reader: PdfReader) {
    let pages = readPages(reader);
    if (pages.length === 0 && reader.repair('the document has no pages where its index says'))
      pages = readPages(reader);
    this.pages = pages;
    this.destinations = new Destinations(reader, this.pages);
  }

  /** Opens a file or bytes; throws PdfReadError (not a PDF, password-protected, damaged beyond repair). */
  static open(input: PdfInput | ByteSource): PdfFile {
    const reader = PdfReader.open(input);
    try {
      return new PdfFile(reader);
    } catch (error) {
      reader.close();
      throw error;
    }
  }

  get pageCount(): number {
    return this.pages.length;
  }

  /** Each page's label as a reader shows it, or null when the file has none. */
  pageLabels(): string[] | null {
    return this.pageLabelsRead().labels;
  }

  /** Each page's label, or null, and what is wrong with page labels a reader would refuse. */
  pageLabelsRead(): PageLabelsRead {
    if (this.labels === undefined) this.labels = readPageLabelsWithReason(this.reader, this.pages.length);
    return this.labels;
  }

  outline(): OutlineItem[] {
    return readOutline(this.reader, this.destinations);
  }

  /** The links on a page (0-based). */
  links(page: number): LinkAnnotation[] {
    const p = this.pages[page];
    return p ? readLinks(this.reader, p, this.destinations) : [];
  }

  /** The title a reader shows: the document information's, else the XMP metadata's dc:title; or null. */
  title(): string | null {
    try {
      const info = this.reader.getDict(this.reader.trailer, 'Info');
      const title = this.reader.get(info, 'Title');
      const fromInfo = title instanceof PdfString ? title.text.trim() : '';
      if (fromInfo) return fromInfo;
      const metadata = this.reader.get(this.reader.catalog, 'Metadata');
      if (!(metadata instanceof PdfStream)) return null;
      const xml = Buffer.from(this.reader.streamData(metadata, 1024 * 1024)).toString('utf8');
      const text = xmpTitle(xml)
        ?.replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&')
        .trim();
      return text || null;
    } catch {
      return null;
    }
  }

  close(): void {
    this.reader.close();
  }
}
