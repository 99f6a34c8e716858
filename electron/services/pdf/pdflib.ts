/**
 * pdf-lib (the @cantoo fork) for import: is a file one the bundle builder can parse as it is, and the two
 * ways of re-saving one that is not (whole document, or pages copied into a fresh document).
 */
import { refreshFieldAppearances } from '../bundle/fieldAppearances';
import { carryLayers } from '../bundle/optionalContent';
import { copyAllPages } from '../bundle/pageCopier';
import { words } from './lostPages';
import {
  decodePDFRawStream,
  PDFArray,
  PDFCatalog,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFInvalidObject,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  type PDFContext,
  type PDFObject,
} from '@cantoo/pdf-lib';

/** Fast settings (see docs/performance.md); never stamp pdf-lib into the user's document metadata. */
const LOAD = { parseSpeed: Infinity, updateMetadata: false } as const;
const SAVE = { useObjectStreams: false, objectsPerTick: Infinity, addDefaultPage: false } as const;

export type PdfLibCheck =
  | { ok: true; pageCount: number; encrypted: boolean; doc: PDFDocument }
  | { ok: false; encrypted: boolean; error: string };

/**
 * Parses the file strictly: any object pdf-lib cannot parse counts as damage. Encrypted files are
 * decrypted with the empty user password for the check (their objects are gibberish otherwise), and
 * reported as encrypted. The parsed document comes with a good answer: for a file that is not encrypted it
 * is what any other load of the same bytes gives (nothing was invalid), so the caller may use it again.
 */
export async function checkWithPdfLib(bytes: Uint8Array): Promise<PdfLibCheck> {
  try {
    const doc = await PDFDocument.load(bytes, { ...LOAD, password: '', throwOnInvalidObject: true });
    // The parser sets isDecrypted only when it really decrypted something.
    return { ok: true, encrypted: doc.context.isDecrypted, pageCount: doc.getPageCount(), doc };
  } catch (error) {
    // Includes RangeError from deeply nested or looping page trees.
    return {
      ok: false,
      encrypted: await looksEncrypted(bytes),
      error: (error as Error)?.message ?? String(error),
    };
  }
}

/** The page tree's own count of its pages (its root's /Count); 0 when it gives none. */
export function declaredPageCount(doc: PDFDocument): number {
  const root = doc.context.lookup(doc.catalog.get(PDFName.of('Pages')));
  const count = root instanceof PDFDict ? doc.context.lookup(root.get(PDFName.of('Count'))) : undefined;
  return count instanceof PDFNumber ? count.asNumber() : 0;
}

async function looksEncrypted(bytes: Uint8Array): Promise<boolean> {
  try {
    return (await PDFDocument.load(bytes, { ...LOAD, ignoreEncryption: true })).isEncrypted;
  } catch {
    return false;
  }
}

const HEADER = Buffer.from('%PDF-', 'latin1');
const isDigitByte = (byte: number | undefined) => byte !== undefined && byte >= 0x30 && byte <= 0x39;

/**
 * The bytes with a version in the header that does not read as two numbers ("%PDF-1.\x8d7", one byte
 * garbled) read as 1.7: pdf-lib stops at it, where pdf.js, poppler and qpdf read on. Written over in
 * place, padded with spaces, so that no offset moves. The same bytes when the version reads.
 */
export function withReadableVersion(bytes: Uint8Array): Uint8Array {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024));
  const at = head.indexOf(HEADER);
  if (at < 0) return bytes;
  const from = at + HEADER.length;
  let i = from;
  while (isDigitByte(bytes[i])) i++;
  if (i > from && bytes[i] === 0x2e && isDigitByte(bytes[i + 1])) return bytes;
  let end = from;
  while (end < bytes.length && end < from + 16 && ![0x0a, 0x0d, 0x20, 0x09, 0x25].includes(bytes[end])) end++;
  if (end - from < 3) return bytes;
  const copy = new Uint8Array(bytes);
  copy.set(Buffer.from('1.7'.padEnd(end - from, ' '), 'latin1'), from);
  return copy;
}

const TRAILER = Buffer.from('trailer', 'latin1');
const TRAILER_START = /^trailer\s*<</;
/** How much after "trailer" its dictionary is looked for in (a trailer is a few hundred bytes). */
const TRAILER_WINDOW = 16 * 1024;
const isNumberWord = (word: string) => /^[+-]?(\d+\.?\d*|\.\d+)$/.test(word);
const REFERENCE_TAIL = /^\s+\d+\s+R(?![^\s/<>[\]()%])/;

/**
 * The bytes with each trailer's /Size that is not a number ("/Size 1 0 R", bytes copied over it; fuzz
 * --base seed 8, issue9252.pdf) blanked out in place: pdf-lib stops at the first such trailer (it looks
 * /Size up as a number and throws), where pdf.js and poppler read on to the file's other trailers. Nothing
 * moves. The same bytes when every /Size reads.
 */
export function withReadableTrailers(bytes: Uint8Array): Uint8Array {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const blanks: Array<[number, number]> = [];
  for (let at = buffer.indexOf(TRAILER); at >= 0; at = buffer.indexOf(TRAILER, at + TRAILER.length)) {
    const text = buffer.subarray(at, Math.min(buffer.length, at + TRAILER_WINDOW)).toString('latin1');
    const opening = TRAILER_START.exec(text);
    if (!opening) continue;
    const tokens = words(text, opening[0].length - 2);
    tokens.next(); // "<<"
    let depth = 1;
    for (let token = tokens.next(); !token.done && depth > 0; token = tokens.next()) {
      const { word, start, end } = token.value;
      if (word === '<<' || word === '[') depth++;
      else if (word === '>>' || word === ']') depth--;
      else if (depth === 1 && word === '/Size') {
        const value = tokens.next();
        if (value.done) break;
        const first = value.value;
        let blankTo: number | null = null;
        if (first.word === '>>') {
          blankTo = end;
          depth--;
        } else if (!isNumberWord(first.word)) {
          // A name, string, array or dictionary: blanked with the key (an array or dictionary whole).
          blankTo = first.end;
          let inner = first.word === '<<' || first.word === '[' ? 1 : 0;
          for (
            let t = inner ? tokens.next() : null;
            t && !t.done && inner > 0;
            t = inner ? tokens.next() : null
          ) {
            if (t.value.word === '<<' || t.value.word === '[') inner++;
            else if (t.value.word === '>>' || t.value.word === ']') inner--;
            blankTo = t.value.end;
          }
        } else {
          // A number, unless it begins a reference ("1 0 R").
          const reference =
            /^\d+$/.test(first.word) && REFERENCE_TAIL.exec(text.slice(first.end, first.end + 64));
          if (reference) {
            blankTo = first.end + reference[0].length;
            tokens.next();
            tokens.next();
          }
        }
        if (blankTo !== null) blanks.push([at + start, at + blankTo]);
      }
    }
  }
  if (!blanks.length) return bytes;
  const copy = new Uint8Array(bytes);
  for (const [from, to] of blanks) copy.fill(0x20, from, to);
  return copy;
}

/** The bytes as pdf-lib can read them: a readable version (withReadableVersion) and trailer sizes. */
export function readableForPdfLib(bytes: Uint8Array): Uint8Array {
  return withReadableTrailers(withReadableVersion(bytes));
}

/**
 * Loads leniently for a repair (and, for owner-password files, decrypts with the empty user password; the
 * password has no effect on unencrypted files). A catalog whose /Type is missing or garbled (a byte
 * flipped in its key or its name) is given its type: pdf.js, poppler and qpdf find the catalog from the
 * trailer and read it all the same, but pdf-lib parses it as a plain dictionary and fails at its first use
 * (`this.catalog.Pages is not a function`).
 */
async function loadForRepair(bytes: Uint8Array): Promise<PDFDocument> {
  const doc = await PDFDocument.load(readableForPdfLib(bytes), { ...LOAD, password: '' });
  if (doc.isEncrypted) throw new Error('still encrypted after loading');
  withoutNestedStreams(doc);
  return withTypedCatalog(doc);
}

/**
 * A stream can only be an object of its own. Where damage ran a dictionary into the stream after it (bytes
 * zeroed between a page's "/Rf <<" and the next object's "stream"), pdf-lib reads that stream as a value
 * inside the dictionary and writes it back so, which qpdf and poppler read as nothing at all: the page
 * became null, pdf.js could not draw it, and every build of the bundle counted a page fewer (fuzz seed 59).
 * Such a stream is left as its dictionary; no reader could have read its data there.
 */
function withoutNestedStreams(doc: PDFDocument): void {
  const flatten = (value: unknown, depth: number): void => {
    if (depth > 32) return;
    if (value instanceof PDFDict) {
      for (const [key, inner] of value.entries()) {
        if (inner instanceof PDFStream) value.set(key, inner.dict);
        flatten(inner instanceof PDFStream ? inner.dict : inner, depth + 1);
      }
    } else if (value instanceof PDFArray) {
      for (let i = 0; i < value.size(); i++) {
        const inner = value.get(i);
        if (inner instanceof PDFStream) value.set(i, inner.dict);
        flatten(inner instanceof PDFStream ? inner.dict : inner, depth + 1);
      }
    }
  };
  for (const [, object] of doc.context.enumerateIndirectObjects())
    flatten(object instanceof PDFStream ? object.dict : object, 0);
}

function withTypedCatalog(doc: PDFDocument): PDFDocument {
  const found: unknown = doc.catalog;
  const root = doc.context.trailerInfo.Root;
  if (!(found instanceof PDFCatalog) && found instanceof PDFDict && root instanceof PDFRef) {
    const catalog = PDFCatalog.fromMapWithContext(new Map(found.entries()), doc.context);
    catalog.set(PDFName.of('Type'), PDFName.of('Catalog'));
    doc.context.assign(root, catalog);
    (doc as { catalog: PDFCatalog }).catalog = catalog;
  }
  return doc;
}

/**
 * Saves the whole document again (loadForRepair): a fresh cross-reference table, with bookmarks, page
 * labels and forms kept.
 */
export async function resaveWhole(bytes: Uint8Array): Promise<Uint8Array> {
  return (await loadForRepair(bytes)).save(SAVE);
}

/**
 * Copies every page into a new document: leaves behind whatever broken objects the old document's
 * catalog pointed at (at the cost of its bookmarks and page labels). What the catalog held that changes
 * what the pages show comes along: the layers' settings (hidden layers stay hidden), and form fields are
 * drawn from their answers first, where the form asked readers to draw them (the copy has no form to ask).
 */
export async function resaveByCopyingPages(bytes: Uint8Array): Promise<Uint8Array> {
  const source = await loadForRepair(bytes);
  try {
    await refreshFieldAppearances(source);
  } catch {
    // A form too broken to draw keeps the drawings it has: not worth failing the repair for.
  }
  const target = await PDFDocument.create({ updateMetadata: false });
  const { pages, copyOf } = copyAllPages(target, source);
  for (const page of pages) target.addPage(page);
  try {
    carryLayers(target, source, copyOf);
  } catch {
    // Settings that cannot be read: every layer shows, as a reader would show them.
  }
  try {
    const title = source.getTitle();
    if (title) target.setTitle(title);
  } catch {
    // A broken information dictionary: the title is not worth failing the repair for.
  }
  return target.save(SAVE);
}

const INHERITED = ['Resources', 'MediaBox', 'CropBox', 'Rotate'].map((k) => PDFName.of(k));
const MAX_TREE_LEAVES = 100_000;

function isType(dict: PDFDict, type: string): boolean {
  const value = dict.get(PDFName.of('Type'));
  return value instanceof PDFName && value.decodeText() === type;
}

type TreeLeaf =
  /** A page (`ref` null for one written directly in its parent's /Kids), with what it inherits. */
  | { page: PDFDict; ref: PDFRef | null; inherited: Map<PDFName, PDFObject> }
  /** A kid that refers to something that is not a dictionary: a page object destroyed. */
  | { page: null; ref: PDFRef };

/**
 * The leaves of the page tree under `root` in reading order: depth first, each node's kids in their order
 * (a node's own pages and the subtrees among them stay where they are). Without recursion: page trees
 * thousands deep exist, and must not overflow the stack. A node met again (the tree loops) is not read
 * again; nulls and other direct values among the kids are not pages.
 */
function* pageTreeLeaves(context: PDFContext, root: PDFDict): Generator<TreeLeaf> {
  const seen = new Set<PDFDict>([root]);
  const stack: Array<{ kids: PDFObject[]; next: number; inherited: Map<PDFName, PDFObject> }> = [];
  const enter = (node: PDFDict, inherited: Map<PDFName, PDFObject>) => {
    const here = new Map(inherited);
    for (const key of INHERITED) {
      const value = node.get(key);
      if (value !== undefined) here.set(key, value);
    }
    const kids = context.lookup(node.get(PDFName.of('Kids')));
    if (kids instanceof PDFArray) stack.push({ kids: kids.asArray(), next: 0, inherited: here });
  };
  enter(root, new Map());
  let leaves = 0;
  while (stack.length && leaves <= MAX_TREE_LEAVES) {
    const frame = stack[stack.length - 1];
    if (frame.next >= frame.kids.length) {
      stack.pop();
      continue;
    }
    const kid = frame.kids[frame.next++];
    const dict = kid instanceof PDFRef ? context.lookup(kid) : kid;
    if (!(dict instanceof PDFDict)) {
      if (kid instanceof PDFRef) {
        leaves++;
        yield { page: null, ref: kid };
      }
      continue;
    }
    if (dict.has(PDFName.of('Kids')) && !isType(dict, 'Page')) {
      if (!seen.has(dict)) {
        seen.add(dict);
        enter(dict, frame.inherited);
      }
      continue;
    }
    leaves++;
    yield { page: dict, ref: kid instanceof PDFRef ? kid : null, inherited: frame.inherited };
  }
}

/**
 * Re-saves with a page tree rebuilt flat from the pages it really holds, in reading order (pageTreeLeaves):
 * pages written as direct objects get object numbers of their own, nulls, stray objects and destroyed
 * pages among the kids go, counts are put right, and what a page inherited from the tree it is moved out
 * of is written on the page itself. A tree that leads to no page at all (it loops back on itself) is
 * replaced by the page objects the file holds, in the order they are numbered.
 */
export async function resaveWithRebuiltPageTree(bytes: Uint8Array): Promise<Uint8Array> {
  const doc = await loadForRepair(bytes);
  const { context, catalog } = doc;
  const leaves: PDFRef[] = [];
  const root = context.lookup(catalog.get(PDFName.of('Pages')));
  if (root instanceof PDFDict) {
    for (const leaf of pageTreeLeaves(context, root)) {
      if (leaf.page === null) continue;
      // A page listed twice shows twice, as readers show it. A leaf whose /Type is not /Page (the key
      // missing or garbled, or its name: /.age) is a page to pdf.js, poppler and qpdf, but not to
      // pdf-lib: it is given its type.
      for (const [key, value] of leaf.inherited) if (!leaf.page.has(key)) leaf.page.set(key, value);
      if (!isType(leaf.page, 'Page')) leaf.page.set(PDFName.of('Type'), PDFName.of('Page'));
      leaves.push(leaf.ref ?? context.register(leaf.page));
    }
  }
  if (leaves.length === 0) {
    for (const [ref, object] of context.enumerateIndirectObjects())
      if (object instanceof PDFDict && isType(object, 'Page')) leaves.push(ref);
  }
  if (leaves.length === 0) throw new Error('the file holds no page');
  const treeRef = context.nextRef();
  for (const leaf of leaves) (context.lookup(leaf) as PDFDict).set(PDFName.of('Parent'), treeRef);
  context.assign(treeRef, context.obj({ Type: 'Pages', Kids: leaves, Count: leaves.length }));
  catalog.set(PDFName.of('Pages'), treeRef);
  return doc.save(SAVE);
}

/**
 * The page tree rebuilt (resaveWithRebuiltPageTree), then the pages copied into a new document
 * (resaveByCopyingPages): for a file with both kinds of damage, a page tree pdf-lib cannot walk (its root's
 * /Type garbled) and a broken object that only the catalog points at (its viewer preferences, say). The
 * first alone keeps the broken object, which the strict check then refuses; the second alone cannot find
 * the pages.
 */
export async function resaveWithRebuiltPageTreeByCopyingPages(bytes: Uint8Array): Promise<Uint8Array> {
  return resaveByCopyingPages(await resaveWithRebuiltPageTree(bytes));
}

/**
 * Whether any page object the file holds, wherever its page tree leads (or does not), has something in its
 * content streams to draw: found by the objects' own /Type, as the page-tree rebuild finds pages. False when
 * the file cannot be loaded.
 */
export async function pageObjectsDraw(bytes: Uint8Array): Promise<boolean> {
  let doc: PDFDocument;
  try {
    doc = await loadForRepair(bytes);
  } catch {
    return false;
  }
  const { context } = doc;
  const draws = (value: PDFObject | undefined): boolean => {
    const resolved = value instanceof PDFRef ? context.lookup(value) : value;
    if (resolved instanceof PDFArray) return resolved.asArray().some(draws);
    if (!(resolved instanceof PDFRawStream)) return false;
    try {
      return Buffer.from(decodePDFRawStream(resolved).decode()).toString('latin1').trim() !== '';
    } catch {
      return false;
    }
  };
  for (const [, object] of context.enumerateIndirectObjects())
    if (object instanceof PDFDict && isType(object, 'Page') && draws(object.get(PDFName.of('Contents'))))
      return true;
  return false;
}

/**
 * The pages (1-based, among all the page tree lists) whose page object is destroyed: a kid that refers to
 * something that is not a dictionary (its bytes overwritten, the object cut away). Poppler draws the pages
 * around such a place and counts it as a page it cannot draw; pdf.js stops reading the page tree at the
 * first, and then shows no page at all. Null when the file cannot be loaded or has no such page.
 */
export async function destroyedPages(
  bytes: Uint8Array,
): Promise<{ pages: number; destroyed: number[] } | null> {
  let doc: PDFDocument;
  try {
    doc = await loadForRepair(bytes);
  } catch {
    return null;
  }
  const catalog: unknown = doc.catalog;
  if (!(catalog instanceof PDFDict)) return null;
  const root = doc.context.lookup(catalog.get(PDFName.of('Pages')));
  if (!(root instanceof PDFDict)) return null;
  let pages = 0;
  const destroyed: number[] = [];
  for (const leaf of pageTreeLeaves(doc.context, root)) {
    pages++;
    if (leaf.page === null) destroyed.push(pages);
  }
  return destroyed.length > 0 ? { pages, destroyed } : null;
}

/**
 * For a file encrypted only to protect its attachments (the pages and strings in the clear, /StmF and
 * /StrF /Identity: Acrobat's "encrypt only file attachments"), which readers may refuse to open without
 * the attachments' password: a copy without the encryption and without the attachments. Returns null for
 * any other file. The names of the attachments left out are returned so the user can be told.
 */
export async function withoutEncryptedAttachments(
  bytes: Uint8Array,
): Promise<{ pdf: Uint8Array; attachments: string[] } | null> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { ...LOAD, ignoreEncryption: true });
  } catch {
    return null;
  }
  const { context } = doc;
  const catalog = context.lookup(context.trailerInfo.Root);
  const encrypt = context.lookup(context.trailerInfo.Encrypt);
  if (!(catalog instanceof PDFDict) || !(encrypt instanceof PDFDict)) return null;
  const nameOf = (key: string) => {
    const value = context.lookup(encrypt.get(PDFName.of(key)));
    return value instanceof PDFName ? value.decodeText() : null;
  };
  const v = context.lookup(encrypt.get(PDFName.of('V')));
  // From version 4 on, streams and strings not named in /StmF and /StrF are not encrypted (Identity).
  if (!(v instanceof PDFNumber) || v.asNumber() < 4) return null;
  if ((nameOf('StmF') ?? 'Identity') !== 'Identity' || (nameOf('StrF') ?? 'Identity') !== 'Identity')
    return null;

  const attachments: string[] = [];
  const names = context.lookup(catalog.get(PDFName.of('Names')));
  if (names instanceof PDFDict) {
    const tree = context.lookup(names.get(PDFName.of('EmbeddedFiles')));
    const collect = (node: unknown, depth: number) => {
      if (!(node instanceof PDFDict) || depth > 32) return;
      const list = context.lookup(node.get(PDFName.of('Names')));
      if (list instanceof PDFArray)
        for (let i = 0; i < list.size(); i += 2) {
          const key = context.lookup(list.get(i));
          if (key instanceof PDFString || key instanceof PDFHexString) attachments.push(key.decodeText());
        }
      const kids = context.lookup(node.get(PDFName.of('Kids')));
      if (kids instanceof PDFArray) for (const kid of kids.asArray()) collect(context.lookup(kid), depth + 1);
    };
    collect(tree, 0);
    names.delete(PDFName.of('EmbeddedFiles'));
  }
  catalog.delete(PDFName.of('AF'));
  catalog.delete(PDFName.of('Collection'));
  for (const page of doc.getPages()) {
    const annots = context.lookup(page.node.get(PDFName.of('Annots')));
    if (!(annots instanceof PDFArray)) continue;
    const kept = annots.asArray().filter((item) => {
      const annot = context.lookup(item);
      const subtype = annot instanceof PDFDict ? context.lookup(annot.get(PDFName.of('Subtype'))) : null;
      return !(subtype instanceof PDFName && subtype.decodeText() === 'FileAttachment');
    });
    page.node.set(PDFName.of('Annots'), context.obj(kept));
  }
  delete context.trailerInfo.Encrypt;
  // The attachments' own streams, unreadable without the password, may be damaged too.
  if (
    lostFromPages(
      context,
      doc.getPages().map((page) => page.node),
    ) === 'unreadable'
  )
    return null;
  leaveOutUnreadable(context);
  return { pdf: await doc.save(SAVE), attachments };
}

/**
 * For a file no reader can open as it is (its trailer or cross-reference table is damaged or cut off):
 * pdf-lib reads the objects themselves and finds the document from its catalog, as poppler does. Kept only
 * when nothing is missing: every page the page tree lists is there, the tree's count agrees, and every
 * page's content and resources are there. A file cut short in the middle loses objects, and is refused
 * rather than imported with pages or parts of pages silently gone.
 */
export async function recoverComplete(bytes: Uint8Array): Promise<Uint8Array> {
  try {
    return await recoverFrom(await PDFDocument.load(readableForPdfLib(bytes), { ...LOAD, password: '' }));
  } catch (error) {
    // A garbled trailer stops the parser, and a table that still points at some objects can point at the
    // wrong copy of one (a stretch of the file written twice, the first copy cut into: fuzz seed 65). Without
    // it (and the trailer) pdf-lib reads the objects in order, a later copy of one in place of an earlier, as
    // poppler and pdf.js do when they rebuild a file's table.
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
    const xref = text.lastIndexOf('\nxref');
    const trailer = text.lastIndexOf('trailer');
    const cut = xref > 0 ? xref : trailer;
    if (cut <= 0) throw error;
    return recoverFrom(
      await PDFDocument.load(readableForPdfLib(bytes.subarray(0, cut)), { ...LOAD, password: '' }),
    );
  }
}

/** recoverComplete's copy of `doc`, or why there is none. */
async function recoverFrom(doc: PDFDocument): Promise<Uint8Array> {
  if (doc.isEncrypted) throw new Error('encrypted');
  const { context, catalog } = withTypedCatalog(doc);
  const root = context.lookup(catalog.get(PDFName.of('Pages')));
  if (!(root instanceof PDFDict)) throw new Error('no page tree');
  let leaves = 0;
  const seen = new Set<PDFDict>();
  const stack: PDFDict[] = [root];
  const pages: PDFObject[] = [];
  while (stack.length) {
    const node = stack.pop()!;
    if (seen.has(node)) throw new Error('the page tree loops');
    seen.add(node);
    // A node's type garbled ("/Page^S" for "/Pages"): readers go by its kids; pdf-lib by its type.
    if (!isType(node, 'Pages')) node.set(PDFName.of('Type'), PDFName.of('Pages'));
    const kids = context.lookup(node.get(PDFName.of('Kids')));
    if (!(kids instanceof PDFArray)) throw new Error('a page tree node has no kids');
    for (const kid of kids.asArray()) {
      const dict = kid instanceof PDFRef ? context.lookup(kid) : kid;
      if (!(dict instanceof PDFDict)) throw new Error('a page is missing');
      if (dict.has(PDFName.of('Kids'))) {
        stack.push(dict);
        continue;
      }
      leaves++;
      if (!dict.has(PDFName.of('Contents'))) continue;
      pages.push(dict);
    }
  }
  // Everything a page uses (content, fonts, pictures, forms, annotations) must be there.
  if (lostFromPages(context, pages) !== null) throw new Error('a page has lost something it uses');
  const count = context.lookup(root.get(PDFName.of('Count')));
  if (leaves === 0 || (count instanceof PDFNumber && count.asNumber() !== leaves))
    throw new Error('pages are missing');
  leaveOutUnreadable(context);
  return doc.save(SAVE);
}

/**
 * What the `pages` use, directly or through what they use (content, fonts, pictures, forms, annotations),
 * that is not there ('missing') or that pdf-lib could not read ('unreadable'); null when all of it is
 * there. The page tree is not what a page uses.
 */
function lostFromPages(context: PDFContext, pages: PDFObject[]): 'missing' | 'unreadable' | null {
  const pending = [...pages];
  const reached = new Set<PDFObject>();
  // A file attached to a page (a paperclip note's /FS, then its /EF) is not drawn: the note shows its icon.
  // Unreadable, it is left out like any other object pdf-lib could not read, and the page kept.
  const drawn = (dict: PDFDict) =>
    dict.entries().flatMap(([key, value]) => (key === PDFName.of('EF') ? [] : [value]));
  while (pending.length) {
    const object = pending.pop()!;
    if (reached.has(object)) continue;
    reached.add(object);
    const values =
      object instanceof PDFDict
        ? drawn(object)
        : object instanceof PDFArray
          ? object.asArray()
          : object instanceof PDFStream
            ? drawn(object.dict)
            : [];
    for (const value of values) {
      if (value instanceof PDFRef) {
        const target = context.lookup(value);
        if (target === undefined) return 'missing';
        if (target instanceof PDFInvalidObject) return 'unreadable';
        if (target instanceof PDFDict && target.has(PDFName.of('Kids'))) continue;
        pending.push(target);
      } else if (value instanceof PDFDict || value instanceof PDFArray) pending.push(value);
    }
  }
  return null;
}

/**
 * Leaves out of a copy the objects pdf-lib could not read (callers first make sure no page uses one) and
 * the file's own object and cross-reference streams, which pdf-lib keeps as streams: written out as they
 * are, their damage would go into the copy, and the copy would fail the strict check.
 */
function leaveOutUnreadable(context: PDFContext): void {
  for (const [ref, object] of context.enumerateIndirectObjects()) {
    const type = object instanceof PDFStream ? object.dict.get(PDFName.of('Type')) : undefined;
    if (object instanceof PDFInvalidObject || type === PDFName.of('ObjStm') || type === PDFName.of('XRef'))
      context.delete(ref);
  }
}
