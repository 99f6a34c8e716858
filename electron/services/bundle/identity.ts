/**
 * The bundle's identity (docs/fingerprint.md): its fingerprint is read from the pages as written, by the
 * app's own PDF reader (pdf/read/digest.ts), and then printed on the cover and every index page and kept in
 * the document information, in an incremental update appended to the file. The printed line is a content
 * stream of its own, marked `/BundleIdentity`, which the digest leaves out: it cannot cover itself.
 */
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
import { contentDigest, IDENTITY_TAG, PageDigester } from '../pdf/read/digest';
import { BUNDLE_FONT, fontText, num } from './text';

export interface ContentFingerprint {
  /** "7F3A-92C1". */
  fingerprint: string;
  /** The full content digest (64 hex digits). */
  digest: string;
  /** Each page's digest, in order. */
  pageDigests: string[];
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
  return { fingerprint: shortFingerprint(digest), digest, pageDigests };
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
