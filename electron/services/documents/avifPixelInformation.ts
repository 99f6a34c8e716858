/**
 * An AVIF's pixel information (`pixi`: how many channels, of how many bits), which libavif in its strict
 * mode (as @jsquash/avif builds it) requires of the picture it shows and of its transparency ("[Strict] Item
 * ID 1 of type 'av01' is missing mandatory pixi property"), and which older libheif (GIMP's and
 * ImageMagick's AVIF, 2020-2021) did not write; Chromium and libheif show those pictures. libavif 1.0.1
 * (src/read.c, avifDecoderItemValidateProperties) asks it of the primary item and of its alpha item, a grid's
 * tiles excepted, and checks its depth against the item's AV1 configuration (`av1C`; a grid's is its first
 * tile's): here each of them that lacks one is given one made from that configuration.
 */
import { boxesIn, IsoMediaDamaged, itemProperties, type Box } from './isoMedia';

/** The file's layout cannot be rewritten surely: it is left as it is (and libavif refuses it). */
class NotRewritten extends Error {}

/** A `pixi` box (FullBox version 0, flags 0) for pictures coded as `av1C` (AV1CodecConfigurationRecord) says. */
function pixiFor(bytes: Uint8Array, av1C: Box): Uint8Array | null {
  if (av1C.end - av1C.start < 4) return null;
  // high_bitdepth, twelve_bit, monochrome: the depth as libavif reads it (avifCodecConfigurationBoxGetDepth).
  const flags = bytes[av1C.start + 2];
  const depth = (flags & 0x20) !== 0 ? 12 : (flags & 0x40) !== 0 ? 10 : 8;
  const channels = (flags & 0x10) !== 0 ? 1 : 3;
  const box = new Uint8Array(13 + channels);
  new DataView(box.buffer).setUint32(0, box.length);
  box.set(
    [...'pixi'].map((c) => c.charCodeAt(0)),
    4,
  );
  box[12] = channels;
  box.fill(depth, 13);
  return box;
}

/** Bytes to be put in before the byte at `at` (in the original's places). */
interface Insertion {
  at: number;
  bytes: Uint8Array;
}

/**
 * `bytes` (as libavif is to be given it; never changed), or a longer copy in which each item
 * libavif requires pixel information of and that has none is given a `pixi` property: appended to `ipco`,
 * and associated with the item at the end of its `ipma` entry. The boxes holding them (`ipco`, `ipma`,
 * `iprp`, `meta`) grow by as much, and every item's data after them (`iloc`'s offsets from the file's start)
 * moves on by as much. Done only where that is sure: one `meta` box (and no `moov`, whose tables hold offsets
 * too), its sizes not "to the end of the file", one `iloc` of a version and sizes as ISO/IEC 14496-12 has
 * them, no item's data split by what is put in, no count or index past its field. Otherwise the file is left
 * as it is, and libavif refuses it as before.
 */
export function withPixelInformation(bytes: Uint8Array): Uint8Array {
  try {
    return rewritten(bytes) ?? bytes;
  } catch (error) {
    if (error instanceof NotRewritten || error instanceof IsoMediaDamaged) return bytes;
    throw error;
  }
}

function rewritten(bytes: Uint8Array): Uint8Array | null {
  const items = itemProperties(bytes);
  if (!items) return null;
  // The items libavif validates: the primary one, and an item auxiliary to it (its alpha, when it has one).
  const lacking: { item: number; pixi: Uint8Array }[] = [];
  for (const item of new Set([items.primary, ...items.auxiliariesOf(items.primary)])) {
    const properties = items.of(item);
    if (properties.length === 0 || properties.some((box) => box.type === 'pixi')) continue;
    const tile = items.madeOf(item)[0];
    const av1C =
      properties.find((box) => box.type === 'av1C') ??
      (tile === undefined ? undefined : items.of(tile).find((box) => box.type === 'av1C'));
    const pixi = av1C && pixiFor(bytes, av1C);
    if (pixi) lacking.push({ item, pixi });
  }
  if (lacking.length === 0) return null;

  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const only = (boxes: Box[], type: string): Box => {
    const found = boxes.filter((box) => box.type === type);
    if (found.length !== 1) throw new NotRewritten(`not one ${type} box`);
    return found[0];
  };
  const top = boxesIn(bytes, 0, bytes.length);
  if (top.some((box) => box.type === 'moov')) throw new NotRewritten('a film as well');
  const meta = only(top, 'meta');
  const inMeta = boxesIn(bytes, meta.start + 4, meta.end);
  const iprp = only(inMeta, 'iprp');
  const iloc = only(inMeta, 'iloc');
  const inIprp = boxesIn(bytes, iprp.start, iprp.end);
  const ipco = only(inIprp, 'ipco');
  // The new properties' indices follow the last one's: ipco's boxes must fill it (boxesIn reads 1,000 at most).
  const properties = boxesIn(bytes, ipco.start, ipco.end);
  const propertyCount = properties.length;
  if (propertyCount >= 1000 || (properties[propertyCount - 1]?.end ?? ipco.start) !== ipco.end)
    throw new NotRewritten('properties not read to the end of their box');

  // Each item's entry in the ipma boxes: where its count of associations is, where its associations end.
  const entries = new Map<number, { ipma: Box; countAt: number; to: number; wideIndex: boolean }>();
  const ipmas = inIprp.filter((box) => box.type === 'ipma');
  for (const ipma of ipmas) {
    let at = ipma.start;
    const need = (n: number) => {
      if (at + n > ipma.end) throw new NotRewritten('an association runs past its box');
    };
    need(8);
    const version = bytes[at];
    const wideIndex = (bytes[at + 3] & 1) === 1;
    const count = view.getUint32(at + 4);
    at += 8;
    for (let i = 0; i < count; i++) {
      need(version < 1 ? 3 : 5);
      const item = version < 1 ? view.getUint16(at) : view.getUint32(at);
      at += version < 1 ? 2 : 4;
      const countAt = at;
      need(1 + bytes[countAt] * (wideIndex ? 2 : 1));
      at += 1 + bytes[countAt] * (wideIndex ? 2 : 1);
      if (entries.has(item)) throw new NotRewritten('an item in two associations');
      entries.set(item, { ipma, countAt, to: at, wideIndex });
    }
  }

  const insertions: Insertion[] = [];
  const edits: { at: number; size: 1 | 2 | 4 | 8; value: number }[] = [];
  const pixis = lacking.map((each) => each.pixi);
  const pixiLength = pixis.reduce((sum, pixi) => sum + pixi.length, 0);
  const allPixis = new Uint8Array(pixiLength);
  pixis.reduce((at, pixi) => (allPixis.set(pixi, at), at + pixi.length), 0);
  insertions.push({ at: ipco.end, bytes: allPixis });
  lacking.forEach(({ item }, k) => {
    const entry = entries.get(item);
    if (!entry) throw new NotRewritten('an item with no associations');
    const index = propertyCount + k + 1;
    if (bytes[entry.countAt] >= 255 || index > (entry.wideIndex ? 0x7fff : 0x7f))
      throw new NotRewritten('no room for one more association');
    edits.push({ at: entry.countAt, size: 1, value: bytes[entry.countAt] + 1 });
    // Not essential: a reader that does not know it may pass over it.
    insertions.push({
      at: entry.to,
      bytes: entry.wideIndex ? Uint8Array.of(index >> 8, index & 0xff) : Uint8Array.of(index),
    });
  });
  insertions.sort((a, b) => a.at - b.at);
  const inserted = insertions.reduce((sum, each) => sum + each.bytes.length, 0);

  // The boxes holding what is put in grow by as much.
  for (const box of [meta, iprp, ipco, ...ipmas]) {
    const grown = insertions
      .filter((each) => box.at < each.at && each.at <= box.end)
      .reduce((sum, each) => sum + each.bytes.length, 0);
    if (grown === 0) continue;
    const sizeField = view.getUint32(box.at);
    if (sizeField === 0) throw new NotRewritten('a box to the end of the file');
    if (sizeField === 1) edits.push({ at: box.at + 8, size: 8, value: box.end - box.at + grown });
    else edits.push({ at: box.at, size: 4, value: box.end - box.at + grown });
  }
  edits.push(...movedItemData(bytes, iloc, insertions));

  const out = new Uint8Array(bytes.length + inserted);
  const patched = bytes.slice();
  const patchedView = new DataView(patched.buffer);
  for (const edit of edits) {
    if (edit.value >= 2 ** (edit.size * 8) || edit.value > Number.MAX_SAFE_INTEGER)
      throw new NotRewritten('a number past its field');
    if (edit.size === 1) patched[edit.at] = edit.value;
    else if (edit.size === 2) patchedView.setUint16(edit.at, edit.value);
    else if (edit.size === 4) patchedView.setUint32(edit.at, edit.value);
    else patchedView.setBigUint64(edit.at, BigInt(edit.value));
  }
  let from = 0;
  let to = 0;
  for (const insertion of insertions) {
    out.set(patched.subarray(from, insertion.at), to);
    to += insertion.at - from;
    out.set(insertion.bytes, to);
    to += insertion.bytes.length;
    from = insertion.at;
  }
  out.set(patched.subarray(from), to);
  return out;
}

/**
 * The changes to `iloc` that move on each item's data stored after what is put in (construction method 0:
 * offsets from the file's start, base offset plus extent offset) by as much as was put in before it. Data
 * in `idat` (construction method 1) stays where it is within it. Throws NotRewritten for anything else: a
 * version or field size ISO/IEC 14496-12 does not have, data in another file or built from other items,
 * an extent that what is put in would split.
 */
function movedItemData(
  bytes: Uint8Array,
  iloc: Box,
  insertions: Insertion[],
): { at: number; size: 1 | 2 | 4 | 8; value: number }[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = iloc.start;
  const need = (n: number) => {
    if (at + n > iloc.end) throw new NotRewritten('an item location runs past its box');
  };
  const read = (size: number): number => {
    need(size);
    const value =
      size === 0
        ? 0
        : size === 2
          ? view.getUint16(at)
          : size === 4
            ? view.getUint32(at)
            : Number(view.getBigUint64(at));
    at += size;
    return value;
  };
  need(6);
  const version = bytes[at];
  if (version > 2) throw new NotRewritten('an iloc version not known');
  const offsetSize = bytes[at + 4] >> 4;
  const lengthSize = bytes[at + 4] & 15;
  const baseOffsetSize = bytes[at + 5] >> 4;
  const indexSize = version >= 1 ? bytes[at + 5] & 15 : 0;
  const sizes = [offsetSize, lengthSize, baseOffsetSize, indexSize];
  if (sizes.some((size) => ![0, 4, 8].includes(size)) || offsetSize + lengthSize + indexSize === 0)
    throw new NotRewritten('iloc field sizes not known');
  at += 6;
  const itemCount = read(version < 2 ? 2 : 4);
  const edits: { at: number; size: 1 | 2 | 4 | 8; value: number }[] = [];
  const movedBy = (offset: number, length: number): number => {
    if (insertions.some((each) => offset < each.at && (length === 0 || each.at < offset + length)))
      throw new NotRewritten("an item's data would be split");
    return insertions.filter((each) => each.at <= offset).reduce((sum, each) => sum + each.bytes.length, 0);
  };
  for (let i = 0; i < itemCount; i++) {
    read(version < 2 ? 2 : 4);
    const constructionMethod = version >= 1 ? read(2) & 15 : 0;
    if (constructionMethod > 1) throw new NotRewritten('data built from other items');
    if (read(2) !== 0) throw new NotRewritten('data in another file');
    const baseAt = at;
    const base = read(baseOffsetSize);
    const extentCount = read(2);
    const moves = new Set<number>();
    for (let e = 0; e < extentCount; e++) {
      read(indexSize);
      const offsetAt = at;
      const offset = read(offsetSize);
      const length = read(lengthSize);
      if (constructionMethod === 1) continue;
      if (!Number.isSafeInteger(base + offset) || !Number.isSafeInteger(length))
        throw new NotRewritten('an offset too large');
      const by = movedBy(base + offset, length);
      moves.add(by);
      if (by > 0 && offsetSize > 0)
        edits.push({ at: offsetAt, size: offsetSize as 4 | 8, value: offset + by });
    }
    // With no extent offsets, every extent starts at the base offset: it moves.
    const by = [...moves][0] ?? 0;
    if (offsetSize === 0 && by > 0) {
      if (baseOffsetSize === 0) throw new NotRewritten('no offset to move');
      edits.push({ at: baseAt, size: baseOffsetSize as 4 | 8, value: base + by });
    }
  }
  return edits;
}
