/**
 * What a page shows, as one SHA-256: the content digest behind a bundle's fingerprint (docs/fingerprint.md).
 * Computed from the file's objects by their content, never their numbers or layout in the file, so the same
 * pages give the same digest whoever wrote the file (a copy re-saved by qpdf, a second data folder, another
 * machine), and any change to what a page shows changes it.
 *
 * A page's digest covers: its displayed area and rotation; its content streams, decoded (streams that are
 * the bundle's own identity line, `/BundleIdentity BMC … EMC`, are left out: the line prints the fingerprint
 * it cannot itself be part of); its resources (fonts, images, forms, colour spaces…) by content; and what
 * its annotations other than links show. A layer (optional content group) the file hides by default is marked as hidden
 * in it, so that turning a layer on or off in a copy changes the digest of the pages it is on (a layer
 * shown, or a file without layer settings, adds nothing: digests from before layers were marked are the
 * same). Image data is taken as stored (compressed): decoding every scan
 * would cost seconds, and readers re-saving a file keep image streams as they are.
 */
import { createHash } from 'node:crypto';
import { layersHiddenByDefault } from './layers';
import { ObjectNotWrittenYet, type PdfReader } from './document';
import { FilterError } from './filters';
import {
  isDict,
  isName,
  isNumber,
  isRef,
  PdfDict,
  PdfName,
  PdfRef,
  PdfStream,
  PdfString,
  type PdfValue,
} from './objects';
import type { PdfPage } from './pages';

/** The marked-content tag of a content stream that holds only the bundle's identity line. */
export const IDENTITY_TAG = 'BundleIdentity';

/** Keys that point back up a tree or carry bookkeeping, not what is shown. */
const SKIPPED_KEYS = new Set([
  'Parent',
  'StructParent',
  'StructParents',
  'Metadata',
  'PieceInfo',
  'LastModified',
]);
/** Keys of a stream's dictionary that describe its encoding, not its content (decoded streams only). */
const ENCODING_KEYS = new Set(['Length', 'Filter', 'DecodeParms', 'DL', 'F', 'FFilter', 'FDecodeParms']);
/** Filters that are picture codecs: such data is taken as stored. */
const IMAGE_CODECS = new Set(['DCTDecode', 'DCT', 'JPXDecode', 'CCITTFaxDecode', 'CCF', 'JBIG2Decode']);
const MAX_DEPTH = 48;
const SKIPPED_ANNOTATIONS = new Set(['Link', 'Popup']);

const round = (n: number) => {
  const r = Math.round(n * 1e4) / 1e4;
  return Object.is(r, -0) ? '0' : String(r);
};

const IDENTITY_START = Buffer.from(`/${IDENTITY_TAG} BMC`, 'latin1');

/** A decoded content stream that is the bundle's identity line (leading white space allowed). */
function isIdentityStream(data: Uint8Array): boolean {
  let i = 0;
  while (i < data.length && (data[i] === 0x20 || data[i] === 0x0a || data[i] === 0x0d || data[i] === 0x09))
    i++;
  if (data.length - i < IDENTITY_START.length) return false;
  for (let k = 0; k < IDENTITY_START.length; k++) if (data[i + k] !== IDENTITY_START[k]) return false;
  return true;
}

/** What a digest is written into: a SHA-256, or a page's pre-image kept for later (PagePreImage). */
interface DigestSink {
  update(data: string): unknown;
}

/** A reference in a page's pre-image to an object not written yet: its digest is put in at the end. */
export interface PendingReference {
  num: number;
  gen: number;
  depth: number;
}

/**
 * What a page's digest hashes after its header (view and rotation), kept instead of hashed, with the
 * references the page names directly (its resources' fonts, say) to objects not yet written left as holes:
 * the digest of a page written while the bundle's font is still being filled in. PageDigester.fromPreImage
 * fills the holes and hashes it: the same digest as reading the finished page.
 */
export interface PagePreImage {
  parts: (string | PendingReference)[];
  /** Whether the page has resources of its own (a page that inherits them cannot be digested early). */
  ownResources: boolean;
}

/**
 * A SHA-256 of text written in many small pieces (a dictionary's keys, its values, the punctuation between):
 * the pieces are joined and hashed at once, the same bytes as updating the hash with each in turn, without
 * a call into the hash for every piece (most of an object's cost was those calls).
 */
class TextDigest implements DigestSink {
  private text = '';
  update(data: string): this {
    this.text += data;
    return this;
  }
  digest(): string {
    return createHash('sha256').update(this.text).digest('hex');
  }
}

class PreImageSink implements DigestSink {
  readonly parts: (string | PendingReference)[] = [];
  update(data: string): void {
    this.parts.push(data);
  }
  hole(ref: PdfRef, depth: number): void {
    this.parts.push({ num: ref.num, gen: ref.gen, depth });
  }
}

/** The part of a page's digest that comes before everything else. */
function pageHeader(page: Pick<PdfPage, 'view' | 'rotate'>): string {
  return `page/1\nview ${page.view.map(round).join(' ')} rotate ${page.rotate}\n`;
}

/**
 * What a page draws, to tell pages apart: its view and turn and its content streams decoded, without its
 * resources or annotations, or the white space that ends each stream. Null when a content stream cannot be
 * decoded. A repair that keeps a page keeps this, as repairs copy content streams as they are
 * (documents/normalise.ts checks each repaired page against its original with it), except that pdf-lib
 * drops the end of line before `endstream` from a stream whose /Length is an indirect object, even where
 * the length counts it.
 */
export function pageDrawingDigest(reader: PdfReader, page: PdfPage): string | null {
  const hash = createHash('sha256').update(pageHeader(page));
  const resolved = reader.resolve(page.dict.get('Contents'));
  const list = Array.isArray(resolved) ? resolved : resolved === undefined ? [] : [resolved];
  for (const item of list) {
    const stream = reader.resolve(item);
    if (!(stream instanceof PdfStream)) continue;
    try {
      hash.update(withoutTrailingWhiteSpace(reader.streamData(stream))).update('\n');
    } catch (error) {
      if (error instanceof FilterError) return null;
      throw error;
    }
  }
  return hash.digest('hex');
}

/** PDF's white-space characters: NUL, tab, line feed, form feed, carriage return and space. */
function isWhiteSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09 || byte === 0x0c || byte === 0x00;
}

function withoutTrailingWhiteSpace(data: Uint8Array): Uint8Array {
  let end = data.length;
  while (end > 0 && isWhiteSpace(data[end - 1])) end--;
  return end === data.length ? data : data.subarray(0, end);
}

export class PageDigester {
  /** Digest of each indirect object already seen, by its reference. */
  private readonly done = new Map<string, string>();
  private readonly inProgress = new Set<string>();

  private hidden: Set<string> | null = null;

  constructor(private readonly reader: PdfReader) {}

  /**
   * The layers the file hides by default (its /OCProperties /D: /OFF, or all but /ON under /BaseState
   * /OFF), by reference key. Not known in a file still being written (its catalog comes last): a page
   * with a layer is then digested from the finished file.
   */
  private hiddenGroups(): Set<string> {
    if (this.hidden) return this.hidden;
    if (this.reader.stillWriting) throw new ObjectNotWrittenYet('the catalog');
    this.hidden = layersHiddenByDefault(this.reader);
    return this.hidden;
  }

  /** The page's content digest (64 hex digits). */
  page(page: PdfPage): string {
    const hash = new TextDigest();
    hash.update(pageHeader(page));
    this.pageBody(hash, page);
    return hash.digest();
  }

  /**
   * The pre-image of a page in a file still being written (PdfReader.ofWrittenObjects), from the page
   * object alone: its own resources, contents and annotations. Throws ObjectNotWrittenYet when something
   * other than a direct reference from the page's own dictionaries is not written yet.
   */
  pagePreImage(dict: PdfDict): PagePreImage {
    const resources = this.reader.getDict(dict, 'Resources');
    const sink = new PreImageSink();
    this.pageBody(sink, { dict, resources });
    return { parts: sink.parts, ownResources: resources !== null };
  }

  /**
   * A page's digest from its pre-image (pagePreImage) and the page as the finished file has it, holes
   * filled by this digester's reader: equal to page(page) when the pre-image was read from the same page
   * object and the page's resources are its own.
   */
  fromPreImage(page: PdfPage, preImage: PagePreImage): string {
    const hash = new TextDigest();
    hash.update(pageHeader(page));
    for (const part of preImage.parts) {
      if (typeof part === 'string') hash.update(part);
      else {
        const ref = new PdfRef(part.num, part.gen);
        hash.update(`#${this.indirect(ref.key, ref, part.depth)}`);
      }
    }
    return hash.digest();
  }

  private pageBody(hash: DigestSink, page: Pick<PdfPage, 'dict' | 'resources'>): void {
    hash.update(`contents ${this.contents(page.dict.get('Contents'))}\n`);
    hash.update('resources ');
    this.write(hash, page.resources, 0);
    hash.update('\nannotations ');
    const annots = this.reader.resolve(page.dict.get('Annots'));
    if (Array.isArray(annots)) {
      for (const value of annots) {
        const annot = this.reader.resolve(value);
        if (!isDict(annot)) continue;
        const subtype = this.reader.get(annot, 'Subtype');
        if (isName(subtype) && SKIPPED_ANNOTATIONS.has(subtype.name)) continue;
        hash.update(`[${isName(subtype) ? subtype.name : '?'} `);
        this.write(hash, annot.get('Rect'), 0);
        this.write(hash, this.reader.getDict(annot, 'AP')?.get('N'), 0);
        hash.update(']');
      }
    }
  }

  /**
   * The digest of an indirect object already digested for a page (a picture, a form…), by its reference's
   * key, or null: lets other readers of the same pages (comparing bundles) name pictures by content without
   * reading their data again.
   */
  digested(key: string): string | null {
    return this.done.get(key) ?? null;
  }

  /** The decoded content streams in order, identity lines left out, as one digest. */
  private contents(value: PdfValue | undefined): string {
    const resolved = this.reader.resolve(value);
    const list = Array.isArray(resolved) ? resolved : resolved === undefined ? [] : [value];
    const hash = createHash('sha256');
    for (const item of list) {
      const stream = this.reader.resolve(item);
      if (!(stream instanceof PdfStream)) continue;
      let data: Uint8Array;
      try {
        data = this.reader.streamData(stream);
      } catch (error) {
        if (!(error instanceof FilterError)) throw error;
        hash.update(`undecodable ${this.encodedDigest(stream)}\n`);
        continue;
      }
      if (isIdentityStream(data)) continue;
      hash.update(data);
      hash.update('\n');
    }
    return hash.digest('hex');
  }

  private encodedDigest(stream: PdfStream): string {
    return this.reader.encodedDigest(stream);
  }

  /** Writes the canonical form of a value: dictionary keys sorted, references replaced by digests. */
  private write(hash: DigestSink, value: PdfValue | undefined, depth: number): void {
    if (depth > MAX_DEPTH) {
      hash.update('…');
      return;
    }
    if (value === undefined || value === null) hash.update('n');
    else if (value === true) hash.update('t');
    else if (value === false) hash.update('f');
    else if (isNumber(value)) hash.update(`d${round(value)};`);
    else if (value instanceof PdfName) hash.update(`/${JSON.stringify(value.name)}`);
    else if (value instanceof PdfString) hash.update(`s${Buffer.from(value.bytes).toString('hex')};`);
    else if (isRef(value)) {
      if (hash instanceof PreImageSink && !this.reader.isWritten(value)) hash.hole(value, depth + 1);
      else hash.update(`#${this.indirect(value.key, value, depth + 1)}`);
    } else if (Array.isArray(value)) {
      hash.update('[');
      for (const item of value) {
        this.write(hash, item, depth + 1);
        hash.update(',');
      }
      hash.update(']');
    } else if (value instanceof PdfDict) this.writeDict(hash, value, depth, null);
    else if (value instanceof PdfStream) hash.update(`#${this.stream(value, depth)}`);
  }

  private writeDict(hash: DigestSink, dict: PdfDict, depth: number, skip: Set<string> | null): void {
    hash.update('{');
    for (const key of [...dict.map.keys()].sort()) {
      if (SKIPPED_KEYS.has(key) || skip?.has(key)) continue;
      hash.update(`${JSON.stringify(key)}:`);
      this.write(hash, dict.map.get(key), depth + 1);
      hash.update(',');
    }
    hash.update('}');
  }

  /**
   * The digest of an indirect object (computed once); a reference back into one being read is a cycle.
   * The depth runs on through references, so a hostile chain of objects (forms 1,500 deep) ends at
   * MAX_DEPTH instead of overflowing the stack.
   */
  private indirect(key: string, ref: PdfValue, depth: number): string {
    const known = this.done.get(key);
    if (known) return known;
    if (this.inProgress.has(key)) return 'cycle';
    this.inProgress.add(key);
    try {
      const value = this.reader.resolve(ref);
      let digest: string;
      if (value instanceof PdfStream) digest = this.stream(value, depth);
      else {
        const hash = new TextDigest();
        this.write(hash, value, depth);
        if (isDict(value) && isName(this.reader.get(value, 'Type'), 'OCG') && this.hiddenGroups().has(key))
          hash.update(' hidden');
        digest = hash.digest();
      }
      this.done.set(key, digest);
      return digest;
    } finally {
      this.inProgress.delete(key);
    }
  }

  /** A stream: its dictionary (less its encoding) and its data decoded; picture data as stored. */
  private stream(stream: PdfStream, depth: number): string {
    const hash = new TextDigest();
    const filter = this.reader.resolve(stream.dict.get('Filter'));
    const filters = (Array.isArray(filter) ? filter : [filter])
      .map((f) => this.reader.resolve(f))
      .filter((f): f is PdfName => isName(f));
    const picture =
      isName(this.reader.get(stream, 'Subtype'), 'Image') || filters.some((f) => IMAGE_CODECS.has(f.name));
    if (picture) {
      hash.update('image ');
      this.writeDict(hash, stream.dict, depth, new Set(['Length']));
      hash.update(` data ${this.encodedDigest(stream)}`);
      return hash.digest();
    }
    hash.update('stream ');
    this.writeDict(hash, stream.dict, depth, ENCODING_KEYS);
    try {
      hash.update(' data ').update(createHash('sha256').update(this.reader.streamData(stream)).digest('hex'));
    } catch (error) {
      if (!(error instanceof FilterError)) throw error;
      hash.update(` undecodable ${this.encodedDigest(stream)}`);
    }
    return hash.digest();
  }
}

/** Version of the definition, part of every fingerprint: a new definition never matches an old one. */
const FINGERPRINT_DEFINITION = 'send-bundle-builder fingerprint 1';

/** The whole file's content digest from its pages' digests, in order (64 hex digits). */
export function contentDigest(pageDigests: string[]): string {
  return createHash('sha256')
    .update(`${FINGERPRINT_DEFINITION}\n${pageDigests.length}\n${pageDigests.join('\n')}`)
    .digest('hex');
}
