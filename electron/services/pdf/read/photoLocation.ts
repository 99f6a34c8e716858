/**
 * Pages that draw a photo whose EXIF details give where it was taken. A phone's photo put into a PDF as it
 * was (Preview's "Export as PDF", img2pdf, many scanning apps) keeps its JPEG whole, GPS position and all:
 * hidden from whoever reads the page, there for anyone who looks into the file. Only each JPEG picture's
 * segments before its first scan are read (pdf/read/jpeg.ts), each picture once however many pages draw it.
 */
import { annotationAppearances } from './content';
import type { PdfReader } from './document';
import { jpegHoldsLocation } from './jpeg';
import { isName, PdfStream, type PdfDict } from './objects';
import { pagesWhere, type PdfPage } from './pages';

/** How deep into forms drawn by forms the pictures are looked for (a bundle page draws its document's page as one). */
const FORM_DEPTH = 6;

export class PhotoLocationFinder {
  private readonly pictures = new Map<PdfStream, boolean>();

  constructor(private readonly reader: PdfReader) {}

  /** Whether the page draws such a photo: in its resources, its forms' or an annotation's appearance. */
  page(page: PdfPage): boolean {
    const walked = new Set<PdfDict | PdfStream>();
    const inResources = (resources: PdfDict | null, depth: number): boolean => {
      if (!resources || depth > FORM_DEPTH || walked.has(resources)) return false;
      walked.add(resources);
      for (const value of this.reader.getDict(resources, 'XObject')?.map.values() ?? []) {
        const object = this.reader.resolve(value);
        if (!(object instanceof PdfStream) || walked.has(object)) continue;
        walked.add(object);
        const subtype = this.reader.get(object, 'Subtype');
        if (
          isName(subtype, 'Image')
            ? this.picture(object)
            : isName(subtype, 'Form') && inResources(this.reader.getDict(object, 'Resources'), depth + 1)
        )
          return true;
      }
      return false;
    };
    return (
      inResources(page.resources, 1) ||
      annotationAppearances(this.reader, page).some(({ appearance }) =>
        inResources(this.reader.getDict(appearance, 'Resources'), 1),
      )
    );
  }

  private picture(picture: PdfStream): boolean {
    let holds = this.pictures.get(picture);
    if (holds === undefined) {
      const filter = this.reader.resolve(picture.dict.get('Filter'));
      const only = Array.isArray(filter) && filter.length === 1 ? this.reader.resolve(filter[0]) : filter;
      holds =
        (isName(only, 'DCTDecode') || isName(only, 'DCT')) &&
        jpegHoldsLocation((offset, length) => this.reader.encodedRange(picture, offset, length));
      this.pictures.set(picture, holds);
    }
    return holds;
  }
}

/** The pages (1-based) of `pages` that draw a photo holding where it was taken; a page that cannot be read is passed over. */
export function photoLocationPages(
  reader: PdfReader,
  pages: readonly PdfPage[],
  signal?: AbortSignal,
): number[] {
  const finder = new PhotoLocationFinder(reader);
  return pagesWhere(pages, (page) => finder.page(page), signal);
}
