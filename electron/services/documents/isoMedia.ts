/**
 * The boxes of an ISO media file (ISO/IEC 14496-12) as HEIC and AVIF pictures use them (ISO/IEC 23008-12):
 * the primary item (the picture a viewer shows), the properties associated with an item (its size, turn,
 * colours), and the items a grid picture is made of. Every box and entry is checked to lie inside its parent.
 */

export interface Box {
  type: string;
  /** Where it starts (its header), and where its content starts and ends. */
  at: number;
  start: number;
  end: number;
}

/** The file's boxes cannot be read: damaged, or not an ISO media file. */
export class IsoMediaDamaged extends Error {}

/** The boxes from `start` to `end` (at most 1,000: a real file has a few dozen). */
export function boxesIn(bytes: Uint8Array, start: number, end: number): Box[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const boxes: Box[] = [];
  let at = start;
  while (at + 8 <= end && boxes.length < 1000) {
    let size = view.getUint32(at);
    let header = 8;
    if (size === 1) {
      if (at + 16 > end) break;
      size = Number(view.getBigUint64(at + 8));
      header = 16;
    } else if (size === 0) size = end - at;
    if (size < header || at + size > end) throw new IsoMediaDamaged('a box runs past its end');
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    boxes.push({ type, at, start: at + header, end: at + size });
    at += size;
  }
  return boxes;
}

export interface ItemProperties {
  /** The primary item's id. */
  primary: number;
  /** An item's type (`hvc1`, `av01`, `grid`…), from its `infe` entry; '' when the file does not say. */
  typeOf(item: number): string;
  /** The property boxes (ipco's children) associated with `item`, in the order the file lists them. */
  of(item: number): Box[];
  /** The items `item` is made of (its `dimg` references: a grid picture's tiles), in order. */
  madeOf(item: number): number[];
  /** The items auxiliary to `item` (with an `auxl` reference to it: its transparency, its depth). */
  auxiliariesOf(item: number): number[];
}

/** One `ipma` box: its version and flags, and each entry (an item's associations), with where each lies. */
export interface AssociationBox {
  box: Box;
  versionAndFlags: number;
  wideIndex: boolean;
  entries: {
    item: number;
    /** Where the entry starts and ends. */
    from: number;
    to: number;
    /** Each property's place in ipco (from 1; 0 for none), and where its index is written. */
    associations: { index: number; at: number }[];
  }[];
  /** Its entries fill it to its end. */
  filled: boolean;
}

/** The `ipma` boxes among `inIprp` (an `iprp` box's children), read. Throws IsoMediaDamaged. */
export function associationBoxes(bytes: Uint8Array, inIprp: Box[]): AssociationBox[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return inIprp
    .filter((b) => b.type === 'ipma')
    .map((ipma) => {
      const version = bytes[ipma.start];
      const wideIndex = (bytes[ipma.start + 3] & 1) === 1;
      let at = ipma.start + 4;
      const need = (n: number) => {
        if (at + n > ipma.end) throw new IsoMediaDamaged('an association runs past its box');
      };
      need(4);
      const count = view.getUint32(at);
      at += 4;
      const entries: AssociationBox['entries'] = [];
      for (let i = 0; i < count; i++) {
        need(version < 1 ? 3 : 5);
        const from = at;
        const item = version < 1 ? view.getUint16(at) : view.getUint32(at);
        at += version < 1 ? 2 : 4;
        const itsCount = bytes[at];
        at += 1;
        const associations: { index: number; at: number }[] = [];
        for (let j = 0; j < itsCount; j++) {
          need(wideIndex ? 2 : 1);
          associations.push({ index: wideIndex ? view.getUint16(at) & 0x7fff : bytes[at] & 0x7f, at });
          at += wideIndex ? 2 : 1;
        }
        entries.push({ item, from, to: at, associations });
      }
      return {
        box: ipma,
        versionAndFlags: view.getUint32(ipma.start),
        wideIndex,
        entries,
        filled: at === ipma.end,
      };
    });
}

/** The file's items and their properties; null when it has no `meta` box. Throws IsoMediaDamaged. */
export function itemProperties(bytes: Uint8Array): ItemProperties | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const meta = boxesIn(bytes, 0, bytes.length).find((b) => b.type === 'meta');
  if (!meta) return null;
  const inMeta = boxesIn(bytes, meta.start + 4, meta.end);
  const pitm = inMeta.find((b) => b.type === 'pitm');
  const iprp = inMeta.find((b) => b.type === 'iprp');
  if (!pitm || !iprp || pitm.end - pitm.start < 6) throw new IsoMediaDamaged('no primary item');
  const primary = bytes[pitm.start] === 0 ? view.getUint16(pitm.start + 4) : view.getUint32(pitm.start + 4);
  const inIprp = boxesIn(bytes, iprp.start, iprp.end);
  const ipco = inIprp.find((b) => b.type === 'ipco');
  if (!ipco) throw new IsoMediaDamaged('no properties');
  const properties = boxesIn(bytes, ipco.start, ipco.end);
  const associated = new Map<number, Box[]>();
  for (const { entries } of associationBoxes(bytes, inIprp))
    for (const { item, associations } of entries) {
      const list = associated.get(item) ?? [];
      associated.set(item, list);
      for (const { index } of associations) {
        const box = index > 0 ? properties[index - 1] : undefined;
        if (box) list.push(box);
      }
    }
  const references = new Map<number, number[]>();
  const auxiliaries = new Map<number, number[]>();
  const iref = inMeta.find((b) => b.type === 'iref');
  if (iref && iref.end - iref.start >= 4) {
    const wideIds = bytes[iref.start] !== 0;
    for (const reference of boxesIn(bytes, iref.start + 4, iref.end)) {
      if (reference.type !== 'dimg' && reference.type !== 'auxl') continue;
      const id = (at: number) => {
        if (at + (wideIds ? 4 : 2) > reference.end)
          throw new IsoMediaDamaged('a reference runs past its box');
        return wideIds ? view.getUint32(at) : view.getUint16(at);
      };
      const from = id(reference.start);
      const countAt = reference.start + (wideIds ? 4 : 2);
      if (countAt + 2 > reference.end) throw new IsoMediaDamaged('a reference runs past its box');
      const count = view.getUint16(countAt);
      const to: number[] = [];
      for (let i = 0; i < count; i++) to.push(id(countAt + 2 + i * (wideIds ? 4 : 2)));
      if (reference.type === 'dimg') references.set(from, to);
      else
        for (const each of to) {
          const list = auxiliaries.get(each) ?? [];
          auxiliaries.set(each, list);
          list.push(from);
        }
    }
  }
  const types = new Map<number, string>();
  const iinf = inMeta.find((b) => b.type === 'iinf');
  if (iinf && iinf.end - iinf.start >= 6) {
    const countSize = bytes[iinf.start] === 0 ? 2 : 4;
    for (const infe of boxesIn(bytes, iinf.start + 4 + countSize, iinf.end)) {
      // Versions 2 and 3 name the item's type: id (2 or 4 bytes), protection index (2), type (4).
      const version = bytes[infe.start];
      if (infe.type !== 'infe' || version < 2) continue;
      const idSize = version === 2 ? 2 : 4;
      if (infe.start + 4 + idSize + 6 > infe.end) throw new IsoMediaDamaged('an item entry is cut short');
      const id = idSize === 2 ? view.getUint16(infe.start + 4) : view.getUint32(infe.start + 4);
      const typeAt = infe.start + 4 + idSize + 2;
      types.set(id, String.fromCharCode(...bytes.subarray(typeAt, typeAt + 4)));
    }
  }
  return {
    primary,
    typeOf: (item) => types.get(item) ?? '',
    of: (item) => associated.get(item) ?? [],
    madeOf: (item) => references.get(item) ?? [],
    auxiliariesOf: (item) => auxiliaries.get(item) ?? [],
  };
}
