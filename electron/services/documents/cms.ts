/**
 * The message inside an S/MIME "opaque" signature (RFC 8551, 3.5.2; application/pkcs7-mime with
 * smime-type=signed-data): the signer's mail program put the whole message, attached files and all, inside
 * the signature (CMS SignedData, RFC 5652), where only a mail program that reads CMS can see it. The
 * signature is not checked (the app cannot vouch for certificates); the message is taken out as it is.
 *
 * CMS is BER: lengths may be definite or indefinite (a streaming signer's), and the signed content may be one
 * OCTET STRING or one made of pieces (constructed). Everything here is bounded by the bytes given; nesting
 * deeper than a signer makes is refused.
 */

/** The OIDs of CMS content types (RFC 5652, 14), DER-encoded without tag and length. */
const SIGNED_DATA = Uint8Array.from([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02]);
const ENVELOPED_DATA = Uint8Array.from([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x03]);
const AUTH_ENVELOPED_DATA = Uint8Array.from([
  0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x10, 0x01, 0x17,
]);

const SEQUENCE = 0x30;
const SET = 0x31;
const INTEGER = 0x02;
const OID = 0x06;
const OCTET_STRING = 0x04;
const CONSTRUCTED_OCTET_STRING = 0x24;
const EXPLICIT_0 = 0xa0;

/** Pieces of a constructed OCTET STRING inside pieces, at most. */
const MAX_DEPTH = 16;

/** The CMS could not be read: damaged, cut short or not CMS at all. */
export class CmsDamaged extends Error {}

/** One BER element: its tag, where its contents are, and where the next element starts. */
interface Element {
  tag: number;
  start: number;
  /** Where its contents end (for indefinite length, where the end-of-contents mark starts). */
  end: number;
  next: number;
}

function element(bytes: Uint8Array, at: number, limit: number, depth = 0): Element {
  if (depth > MAX_DEPTH) throw new CmsDamaged('nested too deeply');
  if (at + 2 > limit) throw new CmsDamaged('cut short');
  const tag = bytes[at];
  // Tag numbers of 31 and more (0x1f) take more bytes: CMS uses none.
  if ((tag & 0x1f) === 0x1f) throw new CmsDamaged('an unknown kind of element');
  const first = bytes[at + 1];
  let start = at + 2;
  if (first === 0x80) {
    // Indefinite length (constructed only): elements up to an end-of-contents mark (00 00).
    if (!(tag & 0x20)) throw new CmsDamaged('an indefinite length on a simple element');
    let inner = start;
    for (;;) {
      if (inner + 2 > limit) throw new CmsDamaged('cut short');
      if (bytes[inner] === 0 && bytes[inner + 1] === 0) return { tag, start, end: inner, next: inner + 2 };
      inner = element(bytes, inner, limit, depth + 1).next;
    }
  }
  let length = first;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count > 4 || start + count > limit) throw new CmsDamaged('a length that cannot be right');
    length = 0;
    for (let k = 0; k < count; k++) length = length * 256 + bytes[start + k];
    start += count;
  }
  const end = start + length;
  if (end > limit) throw new CmsDamaged('cut short');
  return { tag, start, end, next: end };
}

/** The elements inside a constructed element. */
function children(bytes: Uint8Array, parent: Element, depth: number): Element[] {
  const found: Element[] = [];
  for (let at = parent.start; at < parent.end;) {
    const child = element(bytes, at, parent.end, depth);
    found.push(child);
    at = child.next;
  }
  return found;
}

function expect(found: Element | undefined, tag: number, what: string): Element {
  if (!found || found.tag !== tag) throw new CmsDamaged(`no ${what} where CMS has one`);
  return found;
}

function sameBytes(bytes: Uint8Array, e: Element, oid: Uint8Array): boolean {
  if (e.end - e.start !== oid.length) return false;
  for (let k = 0; k < oid.length; k++) if (bytes[e.start + k] !== oid[k]) return false;
  return true;
}

/** An OCTET STRING's bytes, joined from its pieces when it comes in pieces. */
function octets(bytes: Uint8Array, e: Element, depth: number, into: Uint8Array[]): void {
  if (e.tag === OCTET_STRING) into.push(bytes.subarray(e.start, e.end));
  else if (e.tag === CONSTRUCTED_OCTET_STRING) {
    if (depth > MAX_DEPTH) throw new CmsDamaged('nested too deeply');
    for (const piece of children(bytes, e, depth + 1)) octets(bytes, piece, depth + 1, into);
  } else throw new CmsDamaged('signed content that is not bytes');
}

export type SealedContent =
  { kind: 'signed'; content: Uint8Array } | { kind: 'signed-without-content' } | { kind: 'encrypted' };

/**
 * What a CMS ContentInfo (an smime.p7m) holds: the signed content of a SignedData (the message, for an
 * opaque-signed email), or that it is encrypted. Throws CmsDamaged when it cannot be read.
 */
export function openSealedContent(bytes: Uint8Array): SealedContent {
  const info = expect(element(bytes, 0, bytes.length), SEQUENCE, 'ContentInfo');
  const [contentType, explicit] = children(bytes, info, 1);
  expect(contentType, OID, 'content type');
  if (sameBytes(bytes, contentType, ENVELOPED_DATA) || sameBytes(bytes, contentType, AUTH_ENVELOPED_DATA))
    return { kind: 'encrypted' };
  if (!sameBytes(bytes, contentType, SIGNED_DATA)) throw new CmsDamaged('neither signed nor encrypted');
  const [signedData] = children(bytes, expect(explicit, EXPLICIT_0, 'content'), 2);
  const [version, digestAlgorithms, encapsulated] = children(
    bytes,
    expect(signedData, SEQUENCE, 'SignedData'),
    3,
  );
  expect(version, INTEGER, 'version');
  expect(digestAlgorithms, SET, 'digest algorithms');
  const [, eContent] = children(bytes, expect(encapsulated, SEQUENCE, 'signed content'), 4);
  // A detached signature (multipart/signed's smime.p7s) carries no content of its own.
  if (!eContent) return { kind: 'signed-without-content' };
  const pieces: Uint8Array[] = [];
  for (const inner of children(bytes, expect(eContent, EXPLICIT_0, 'signed content'), 5))
    octets(bytes, inner, 5, pieces);
  if (pieces.length === 1) return { kind: 'signed', content: pieces[0] };
  const content = new Uint8Array(pieces.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const piece of pieces) {
    content.set(piece, at);
    at += piece.length;
  }
  return { kind: 'signed', content };
}

/** openSealedContent, or null when the CMS cannot be read. */
export function sealedContentOf(bytes: Uint8Array): SealedContent | null {
  try {
    return openSealedContent(bytes);
  } catch (error) {
    if (error instanceof CmsDamaged) return null;
    throw error;
  }
}
