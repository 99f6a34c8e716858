/**
 * Copies a source document's pages into the bundle: what pdf-lib's copyPages does (each page with every
 * object it uses, each object copied once however often it is used, inherited page attributes written on
 * the page, the page's parent left behind), without two of its costs:
 * - pdf-lib copies recursively, one call per reference followed, so a document whose objects refer to
 *   each other a few thousand deep (forms inside forms) overflows the stack: this copier keeps its own
 *   list of work instead, and goes as deep as the document does;
 * - pdf-lib copies every stream's bytes (scanned pages: megabytes each); here the copy shares them with the
 *   source, which is never changed and is dropped once its pages are written.
 * And it leaves out what a page carries that no reader draws (HIDDEN_KEYS, and a JPEG's details:
 * pictureOnly), which went into every bundle.
 */
import {
  PDFArray,
  PDFDict,
  PDFName,
  PDFPageLeaf,
  PDFRawStream,
  PDFRef,
  PDFStream,
  type PDFDocument,
  PDFPage,
  type PDFObject,
} from '@cantoo/pdf-lib';
import { jpegCarriesDetails, jpegPictureOnly } from '../documents/jpegPicture';

type Container = PDFDict | PDFArray;

/**
 * Entries no reader draws, left out of the copy wherever they are (a page, a picture, a form): a page's
 * thumbnail (`Thumb`: a small picture of the page made when the file was, which can still show what was
 * since blacked out or changed, and which Acrobat shows in its page panel), an application's private data
 * (`PieceInfo`: Illustrator keeps a whole editable copy of the document there) and XMP details (`Metadata`:
 * authors, editing history, a photo's GPS position). The document as added keeps them.
 */
const HIDDEN_KEYS = new Set(['Thumb', 'PieceInfo', 'Metadata'].map((key) => PDFName.of(key)));

const FILTER = PDFName.of('Filter');
const JPEG_FILTERS = new Set(['DCTDecode', 'DCT'].map((name) => PDFName.of(name)));

/**
 * A stream's contents as the copy holds them: a JPEG picture (a phone photo put into a PDF as it was, by
 * Preview, img2pdf or a scanning app) without its EXIF and XMP details (where it was taken, to a few
 * metres), comments or a motion photo's video, as a photo added as a picture is put on its page
 * (documents/jpegPicture.ts); anything else, and a JPEG that cannot be walked to its end, as it is.
 */
function pictureOnly(stream: PDFRawStream): Uint8Array {
  const filter = stream.dict.get(FILTER);
  const codec = filter instanceof PDFArray && filter.size() === 1 ? filter.get(0) : filter;
  if (!(codec instanceof PDFName) || !JPEG_FILTERS.has(codec)) return stream.contents;
  if (!jpegCarriesDetails(stream.contents)) return stream.contents;
  return jpegPictureOnly(stream.contents)?.jpeg ?? stream.contents;
}

class IterativeCopier {
  private readonly copies = new Map<PDFObject, PDFObject>();
  /** Containers whose entries still have to be copied: [original, copy]. */
  private readonly work: Array<[Container, Container]> = [];
  /** References whose objects still have to be copied: [original ref, copy's ref]. */
  private readonly refs: Array<[PDFRef, PDFRef]> = [];

  constructor(
    private readonly source: PDFDocument,
    private readonly target: PDFDocument,
  ) {}

  /** The copy of one value; containers are copied shallowly now and filled in by run(). */
  private copy(value: PDFObject): PDFObject {
    const done = this.copies.get(value);
    if (done) return done;
    const dest = this.target.context;
    if (value instanceof PDFRef) {
      const ref = dest.nextRef();
      this.copies.set(value, ref);
      this.refs.push([value, ref]);
      return ref;
    }
    if (value instanceof PDFStream) {
      // The source's bytes are shared, not copied: nothing writes into a stream's contents.
      const copy =
        value instanceof PDFRawStream
          ? PDFRawStream.of(value.dict.clone(dest), pictureOnly(value))
          : value.clone(dest);
      this.copies.set(value, copy);
      this.work.push([value.dict, copy.dict]);
      return copy;
    }
    if (value instanceof PDFDict || value instanceof PDFArray) {
      const copy = value.clone(dest);
      this.copies.set(value, copy);
      this.work.push([value, copy]);
      return copy;
    }
    return value.clone();
  }

  /** Copies everything still pending, without recursion. */
  private run(): void {
    for (;;) {
      const container = this.work.pop();
      if (container) {
        const [original, copy] = container;
        if (original instanceof PDFArray) {
          for (let i = 0; i < original.size(); i++) (copy as PDFArray).set(i, this.copy(original.get(i)));
        } else {
          for (const [key, value] of original.entries()) {
            if (HIDDEN_KEYS.has(key)) (copy as PDFDict).delete(key);
            else (copy as PDFDict).set(key, this.copy(value));
          }
        }
        continue;
      }
      const ref = this.refs.pop();
      if (!ref) return;
      const object = this.source.context.lookup(ref[0]);
      if (object === undefined) continue; // A reference to nothing: a null, as readers take it.
      const copy = object instanceof PDFPageLeaf ? this.page(object) : this.copy(object);
      this.target.context.assign(ref[1], copy);
    }
  }

  /** A page, with what it inherits written on it and without its parent (as pdf-lib's copier). */
  private page(original: PDFPageLeaf): PDFPageLeaf {
    const done = this.copies.get(original);
    if (done) return done as PDFPageLeaf;
    const own = original.clone();
    for (const key of PDFPageLeaf.InheritableEntries) {
      const name = PDFName.of(key);
      const value = own.getInheritableAttribute(name);
      if (!own.get(name) && value) own.set(name, value);
    }
    own.delete(PDFName.of('Parent'));
    const copy = own.clone(this.target.context);
    this.copies.set(original, copy);
    this.work.push([own, copy]);
    return copy;
  }

  /** The copy of an object the copied pages use, by its reference in the source. */
  copyOf(ref: PDFRef): PDFRef | undefined {
    const copy = this.copies.get(ref);
    return copy instanceof PDFRef ? copy : undefined;
  }

  copyPages(pages: PDFPage[]): PDFPage[] {
    const copies = pages.map((page) => this.page(page.node));
    this.run();
    // A page object the source's tree lists twice (readers show it each time) is two pages in the copy:
    // each is stamped and placed on its own.
    const placed = new Set<PDFPageLeaf>();
    return copies.map((copy) => {
      const page = placed.has(copy) ? this.separateCopy(copy) : copy;
      placed.add(copy);
      return PDFPage.of(page, this.target.context.register(page), this.target);
    });
  }

  /** Another copy of a copied page: its own dictionary, its direct dictionaries and arrays its own too. */
  private separateCopy(copy: PDFPageLeaf): PDFPageLeaf {
    const dest = this.target.context;
    const separate = copy.clone(dest);
    for (const [key, value] of copy.entries())
      if (value instanceof PDFDict || value instanceof PDFArray) separate.set(key, value.clone(dest));
    return separate;
  }
}

/**
 * Copies every page of `source` into `target` (not yet added to its page tree), in order; `copyOf` names
 * the copy of anything they use (a layer, say) by its reference in the source.
 */
export function copyAllPages(
  target: PDFDocument,
  source: PDFDocument,
): { pages: PDFPage[]; copyOf: (ref: PDFRef) => PDFRef | undefined } {
  return copySomePages(target, source, source.getPageIndices());
}

/** The same for the pages of `source` at `indices` (0-based), in that order. */
export function copySomePages(
  target: PDFDocument,
  source: PDFDocument,
  indices: number[],
): { pages: PDFPage[]; copyOf: (ref: PDFRef) => PDFRef | undefined } {
  const copier = new IterativeCopier(source, target);
  const pages = copier.copyPages(indices.map((i) => source.getPage(i)));
  return { pages, copyOf: (ref) => copier.copyOf(ref) };
}
