/**
 * The bundle's identity (docs/fingerprint.md): its fingerprint is read from the pages as written, by the
 * app's own PDF reader (pdf/read/digest.ts), and then printed on the cover and every index page and kept in
 * the document information, in an incremental update appended to the file. The printed line is a content
 * stream of its own, marked `/BundleIdentity`, which the digest leaves out: it cannot cover itself.
 */
import { statSync } from 'node:fs';
import {
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  type PDFDocument,
  type PDFFont,
  type PDFObject,
  type PDFPage,
  type PDFRef,
} from '@cantoo/pdf-lib';
import { identityLine, IDENTITY_INFO_KEYS, shortFingerprint } from '../../../shared/bundle/identity';
import { INDEX } from '../../../shared/bundle/indexLayout';
import { PdfFile, type PdfInput } from '../pdf/read';
import { PdfRef } from '../pdf/read/objects';
import { contentDigest, IDENTITY_TAG, PageDigester } from '../pdf/read/digest';
import type { WrittenPagesSession } from '../pdf/read/text';
import { CLAIMED_BY_WRITER, UNCLAIMED, type WrittenPagePreImage } from '../pdf/read/writtenPages';
import { BUNDLE_FONT, fontText, num } from './text';

export interface ContentFingerprint {
  /** "7F3A-92C1". */
  fingerprint: string;
  /** The full content digest (64 hex digits). */
  digest: string;
  /** Each page's digest, in order. */
  pageDigests: string[];
  /** The length of the file the digests were read from, in bytes. */
  fileBytes: number;
}

/** Reads a PDF's content fingerprint (any PDF: ours, or anyone's). */
export function readContentFingerprint(
  input: PdfInput,
  options: { signal?: AbortSignal; onPage?: (done: number, total: number) => void } = {},
): ContentFingerprint {
  const file = PdfFile.open(input);
  try {
    return fingerprintOf(file, options);
  } finally {
    file.close();
  }
}

/** Something that digests a range of a file's pages in another thread (PageTextReader.digest). */
export interface PageDigestHelper {
  digest(input: PdfInput, from: number, to: number): Promise<{ digests: string[]; pageCount: number }>;
  /** Reads pages in its thread as they are written (PageTextReader.writtenPages). */
  writtenPages?(path: string, documents: number): WrittenPagesSession | null;
}

/**
 * The fingerprint of a bundle read while it is written (pdf/read/writtenPages.ts): the engine hands each
 * document to the helper's thread as soon as its pages are in the file, and, once the file is finished,
 * digests here the documents the helper has not started, then the cover, index and dividers, and puts
 * in each pre-image the digests of what was not written yet (the bundle's font). The result is what
 * readContentFingerprint gives for the finished file: every page is taken from the finished file's own
 * page tree, and a pre-image is used only for the page object it was read from, at the same offset, with
 * resources of its own (the header, view and rotation, comes from the finished page tree).
 */
export class FingerprintWhileWriting {
  private readonly documents: {
    firstPage: number;
    pageCount: number;
    preImages: Promise<(WrittenPagePreImage | null)[] | null>;
  }[] = [];

  private constructor(
    private readonly path: string,
    private readonly session: WrittenPagesSession,
  ) {}

  /** Null when the helper cannot read pages as they are written (no worker thread). */
  static start(
    helper: PageDigestHelper | undefined,
    input: PdfInput,
    documents: number,
  ): FingerprintWhileWriting | null {
    if (!('path' in input)) return null;
    const session = helper?.writtenPages?.(input.path, documents);
    return session ? new FingerprintWhileWriting(input.path, session) : null;
  }

  /** A document's pages are in the file: `written` is what the writer wrote since the one before. */
  documentWritten(
    firstPage: number,
    pages: [number, number][],
    written: { length: number; objects: [number, number, number][] },
  ): void {
    const index = this.documents.length;
    const preImages = this.session.send({ index, ...written, pages });
    this.documents.push({ firstPage, pageCount: pages.length, preImages });
  }

  /** The build stopped: the helper's thread closes the file. */
  abandon(): void {
    void this.session.end();
  }

  /** The finished file's fingerprint (call after the writer's finish(), before anything is appended). */
  async finish(options: { signal?: AbortSignal } = {}): Promise<ContentFingerprint> {
    const file = PdfFile.open({ path: this.path });
    const fileBytes = file.reader.source.length;
    try {
      const digester = new PageDigester(file.reader);
      const pageDigests: (string | undefined)[] = new Array<string | undefined>(file.pageCount);
      const digestHere = (index: number) => {
        const page = file.pages[index];
        if (page) pageDigests[index] = digester.page(page);
      };
      // From the last document back, those the helper has not started are digested here.
      for (let d = this.documents.length - 1; d >= 0; d--) {
        if (Atomics.compareExchange(this.session.claims, d, UNCLAIMED, CLAIMED_BY_WRITER) !== UNCLAIMED)
          break;
        const { firstPage, pageCount } = this.documents[d];
        for (let p = firstPage; p < firstPage + pageCount; p++) {
          options.signal?.throwIfAborted();
          digestHere(p);
        }
      }
      for (const { firstPage, preImages } of this.documents) {
        const read = await preImages;
        read?.forEach((preImage, k) => {
          const page = file.pages[firstPage + k];
          if (
            preImage &&
            page?.ref &&
            page.ref.num === preImage.num &&
            page.ref.gen === preImage.gen &&
            preImage.ownResources &&
            file.reader.offsetOf(preImage.num) === preImage.offset
          )
            pageDigests[firstPage + k] = digester.fromPreImage(page, preImage);
        });
      }
      for (let p = 0; p < file.pageCount; p++) {
        options.signal?.throwIfAborted();
        if (pageDigests[p] === undefined) digestHere(p);
      }
      const digests = pageDigests.map((d) => d!);
      const digest = contentDigest(digests);
      return {
        fingerprint: shortFingerprint(digest),
        digest,
        pageDigests: digests,
        fileBytes,
      };
    } finally {
      file.close();
      // Not waited for: the reader's thread may be busy (loading pdf.js for the verification), and it
      // only lets go of the file. pdf.js reads the finished file there next: the file as it is now and
      // room for the identity update (the cover and index again) and its cross-reference section.
      void this.session.end(fileBytes + Math.max(UPDATE_ALLOWANCE, fileBytes / 100));
    }
  }
}

/** Room for the identity update (the cover and index pages again, a cross-reference section) at least. */
const UPDATE_ALLOWANCE = 4 * 1024 * 1024;

/** The share of the pages, from the end, a second thread digests while this one digests the rest. */
const HELPER_SHARE = 0.45;

/**
 * `readContentFingerprint` on two cores: `helper` digests the last pages of the file (in its own thread,
 * with its own reader) while this thread digests the first ones. The same result: each page's digest
 * depends on that page alone. Files given as bytes are read here only (copying them costs more).
 */
export async function readContentFingerprintShared(
  input: PdfInput,
  helper: PageDigestHelper | undefined,
  options: { signal?: AbortSignal } = {},
): Promise<ContentFingerprint> {
  if (!helper || !('path' in input)) return readContentFingerprint(input, options);
  const file = PdfFile.open(input);
  try {
    const split = Math.ceil(file.pageCount * (1 - HELPER_SHARE));
    const later = helper.digest(input, split, file.pageCount);
    later.catch(() => {}); // Awaited below.
    const digester = new PageDigester(file.reader);
    const pageDigests: string[] = [];
    for (const page of file.pages.slice(0, split)) {
      options.signal?.throwIfAborted();
      pageDigests.push(digester.page(page));
    }
    const rest = await later;
    if (rest.pageCount !== file.pageCount || rest.digests.length !== file.pageCount - split)
      throw new Error('The second reader found a different number of pages in the file.');
    pageDigests.push(...rest.digests);
    const digest = contentDigest(pageDigests);
    return {
      fingerprint: shortFingerprint(digest),
      digest,
      pageDigests,
      fileBytes: file.reader.source.length,
    };
  } finally {
    file.close();
  }
}

/** The content fingerprint of a file on disk, every page digested by `helper` in its own thread. */
export async function readContentFingerprintIn(
  helper: PageDigestHelper,
  input: { path: string },
): Promise<ContentFingerprint> {
  const { digests, pageCount } = await helper.digest(input, 0, Number.MAX_SAFE_INTEGER);
  if (digests.length !== pageCount) throw new Error('The second reader did not digest every page.');
  const digest = contentDigest(digests);
  return {
    fingerprint: shortFingerprint(digest),
    digest,
    pageDigests: digests,
    fileBytes: statSync(input.path).size,
  };
}

/** The content fingerprint of a file already open. */
export function fingerprintOf(
  file: PdfFile,
  options: { signal?: AbortSignal; onPage?: (done: number, total: number) => void } = {},
): ContentFingerprint {
  const digester = new PageDigester(file.reader);
  const pageDigests: string[] = [];
  for (const page of file.pages) {
    options.signal?.throwIfAborted();
    pageDigests.push(digester.page(page));
    if (page.index % 100 === 99) options.onPage?.(page.index + 1, file.pageCount);
  }
  const digest = contentDigest(pageDigests);
  return { fingerprint: shortFingerprint(digest), digest, pageDigests, fileBytes: file.reader.source.length };
}

/**
 * A bundle's content fingerprint after its identity update, from the engine's read-back of the file as it
 * was before the update (`before`: its page digests and length): what the update (the file's newest
 * cross-reference section) replaced is digested again from the file, and nothing else is. The pages the
 * update changed (`updatedPages`: the cover and index, which print the line) are digested again; every
 * other page keeps its digest from the read-back, as the bytes it was read from are still the file's
 * first `before.fileBytes` bytes and the update may replace only those pages' own objects and the
 * document information, and add new objects (no object of an earlier page can name one: their numbers
 * did not exist). When the file is anything else (not one update appended to the file read back, another
 * object replaced, a page more or less), every page is digested again, so the result is always the
 * file's fingerprint as `fingerprintOf` reads it.
 */
export function fingerprintAfterUpdate(
  file: PdfFile,
  before: { pageDigests: string[]; fileBytes: number },
  updatedPages: number[],
  options: { signal?: AbortSignal } = {},
): ContentFingerprint & { pagesDigested: number } {
  const pages = reusablePages(file, before, updatedPages);
  if (!pages) return { ...fingerprintOf(file, options), pagesDigested: file.pageCount };
  const digester = new PageDigester(file.reader);
  const pageDigests = [...before.pageDigests];
  for (const index of pages.digestAgain) {
    options.signal?.throwIfAborted();
    pageDigests[index] = digester.page(file.pages[index]);
  }
  const digest = contentDigest(pageDigests);
  return {
    fingerprint: shortFingerprint(digest),
    digest,
    pageDigests,
    fileBytes: file.reader.source.length,
    pagesDigested: pages.digestAgain.length,
  };
}

/** The pages to digest again after the update, or null when the file is not the read-back plus one update. */
function reusablePages(
  file: PdfFile,
  before: { pageDigests: string[]; fileBytes: number },
  updatedPages: number[],
): { digestAgain: number[] } | null {
  const { reader } = file;
  const section = reader.newestSection;
  if (!section || section.previous === null || section.previousSize === null) return null;
  if (section.offset < before.fileBytes || section.previous >= before.fileBytes) return null;
  if (reader.source.length <= before.fileBytes || file.pageCount !== before.pageDigests.length) return null;
  // The catalog, and through it the page tree, is as it was read back: not replaced, not new.
  const root = reader.trailer.get('Root');
  if (!(root instanceof PdfRef) || root.num >= section.previousSize) return null;
  const updated = new Set(updatedPages);
  const pageNumbers = new Map<number, number>();
  for (const page of file.pages) {
    if (!page.ref || (!updated.has(page.index) && page.ref.num >= section.previousSize)) return null;
    pageNumbers.set(page.ref.num, page.index);
  }
  const allowed = new Set<number>([0]);
  for (const index of updatedPages) {
    const ref = file.pages[index]?.ref;
    if (!ref) return null;
    allowed.add(ref.num);
  }
  const info = reader.trailer.get('Info');
  if (info instanceof PdfRef) allowed.add(info.num);
  const digestAgain = new Set(updated);
  for (const num of section.numbers) {
    if (num < section.previousSize) {
      if (!allowed.has(num)) return null;
      const page = pageNumbers.get(num);
      if (page !== undefined) digestAgain.add(page);
    }
  }
  return { digestAgain: [...digestAgain].sort((a, b) => a - b) };
}

/** Where the line goes: the cover's foot, and the foot of each index page (left; the stamp is right). */
const COVER_LINE = { x: 72, y: 40, size: 11 };
const INDEX_LINE = { x: INDEX.marginX, y: 30, size: 9 };

function lineStream(doc: PDFDocument, font: PDFFont, line: string, at: typeof COVER_LINE): PDFRef {
  const hex = fontText(font)
    .runs(line)
    .map((r) => r.hex)
    .join('');
  const ops =
    `/${IDENTITY_TAG} BMC\nq 0.2 g BT ${BUNDLE_FONT.asString()} ${num(at.size)} Tf ` +
    `${num(at.x)} ${num(at.y)} Td <${hex}> Tj ET Q\nEMC\n`;
  return doc.context.register(doc.context.stream(ops));
}

/** Adds the stream to the page, before its last stream (the page number stamp, which stays last). */
function insertBeforeStamp(page: PDFPage, ref: PDFRef): void {
  const contents = page.node.Contents();
  if (contents instanceof PDFArray && contents.size() > 0) contents.insert(contents.size() - 1, ref);
  else page.node.addContentStream(ref);
}

/**
 * The objects of the identity update: the line on the cover and index pages (each page changed to show it)
 * and the document information with the fingerprint. The cover and index pages must still be in `doc`
 * (the engine keeps generated pages), and `info` is the document information as it was written.
 */
export function identityUpdate(
  doc: PDFDocument,
  font: PDFFont,
  identity: { fingerprint: string; digest: string; version: number; pageCount: number; keywords: string[] },
  pages: { cover: PDFPage; index: PDFPage[] },
  info: { ref: PDFRef; dict: PDFDict },
): [PDFRef, PDFObject][] {
  const line = identityLine(identity.fingerprint, identity.version, identity.pageCount);
  const objects: [PDFRef, PDFObject][] = [];
  const add = (page: PDFPage, at: typeof COVER_LINE) => {
    const ref = lineStream(doc, font, line, at);
    insertBeforeStamp(page, ref);
    objects.push([ref, doc.context.lookup(ref)!], [page.ref, page.node]);
  };
  add(pages.cover, COVER_LINE);
  for (const page of pages.index) add(page, INDEX_LINE);
  const text = (s: string) => PDFHexString.fromText(s);
  info.dict.set(PDFName.of(IDENTITY_INFO_KEYS.fingerprint), text(identity.fingerprint));
  info.dict.set(PDFName.of(IDENTITY_INFO_KEYS.digest), text(identity.digest));
  info.dict.set(PDFName.of(IDENTITY_INFO_KEYS.version), text(String(identity.version)));
  info.dict.set(
    PDFName.of('Keywords'),
    text([...identity.keywords, `Bundle ${identity.fingerprint}`].join(' ')),
  );
  objects.push([info.ref, info.dict]);
  return objects;
}
