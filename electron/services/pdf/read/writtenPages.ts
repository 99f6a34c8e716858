/**
 * Page digests read while a file is still being written (docs/fingerprint.md): each document's pages are
 * read back from the file as soon as the engine has written them, by another thread with a reader of its
 * own, instead of all of them after the last page. What is read is what the finished file holds at the same
 * offsets (the writer only appends), so the digests are the ones reading the finished file gives; a page
 * that names, other than directly from its own dictionaries, an object not written yet (and so not final)
 * is left for the end.
 *
 * The two threads share the documents through `claims` (one Int32 per document): the reader thread claims
 * each document before it reads it, in order, and the engine's thread, once the file is finished, claims
 * the ones still unclaimed from the end and digests them itself, so neither waits for the other.
 */
import { PdfReader } from './document';
import { PageDigester, type PagePreImage } from './digest';
import { isDict, PdfRef } from './objects';
import { GrowingFileSource } from './source';

/** A document's pages as written. */
export interface WrittenDocument {
  /** Its index in the build, and in `claims`. */
  index: number;
  /** The file's length once the document was written (every byte before it is final). */
  length: number;
  /** Objects written since the document before: [number, generation, offset]. */
  objects: [number, number, number][];
  /** Its page objects in order: [number, generation]. */
  pages: [number, number][];
}

/** A page's pre-image and the page object it was read from. */
export interface WrittenPagePreImage extends PagePreImage {
  num: number;
  gen: number;
  offset: number;
}

export const UNCLAIMED = 0;
export const CLAIMED_BY_READER = 1;
export const CLAIMED_BY_WRITER = 2;

/** The reader thread's side: one per file being written. */
export class WrittenPageReader {
  private readonly source: GrowingFileSource;
  private readonly reader: PdfReader;
  private readonly digester: PageDigester;

  constructor(
    path: string,
    private readonly claims: Int32Array,
  ) {
    this.source = new GrowingFileSource(path, 0);
    this.reader = PdfReader.ofWrittenObjects(this.source);
    this.digester = new PageDigester(this.reader);
  }

  /**
   * Takes in the document's objects, and, if the writer's thread has not claimed it, reads each page's
   * pre-image (null for a page to digest at the end). Null when the writer's thread has the document.
   */
  read(document: WrittenDocument): (WrittenPagePreImage | null)[] | null {
    this.source.grow(document.length);
    this.reader.addWrittenObjects(document.objects);
    if (Atomics.compareExchange(this.claims, document.index, UNCLAIMED, CLAIMED_BY_READER) !== UNCLAIMED)
      return null;
    return document.pages.map(([num, gen]) => {
      const offset = this.reader.offsetOf(num);
      try {
        const dict = this.reader.lookup(new PdfRef(num, gen));
        if (offset === null || !isDict(dict)) return null;
        return { ...this.digester.pagePreImage(dict), num, gen, offset };
      } catch {
        // Not written yet (ObjectNotWrittenYet), or not readable as it stands: the finished file's reader
        // digests it at the end, as it would any page.
        return null;
      }
    });
  }

  close(): void {
    this.reader.close();
  }
}
