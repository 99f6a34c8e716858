/**
 * Outlook's packing of an email (TNEF, winmail.dat) written as [MS-OXTNEF] lays it out, for tests of
 * electron/services/documents/tnef.ts. The reader was also checked by hand against the twenty real files of
 * the tnefparse project (its tests' expected names and bodies); those files are not copied here.
 */

/** Attribute IDs (type in the high 16 bits, identifier in the low), [MS-OXTNEF] 2.1.3.3. */
export const ATT = {
  body: 0x0002800c,
  oemCodepage: 0x00069007,
  messageProps: 0x00069003,
  attachRendData: 0x00069002,
  attachTitle: 0x00018010,
  attachData: 0x0006800f,
  attachment: 0x00069005,
} as const;

export const LEVEL = { message: 1, attachment: 2 } as const;

/** MAPI property types and identifiers used in the tests. */
export const PT = { long: 0x0003, string8: 0x001e, unicode: 0x001f, binary: 0x0102, object: 0x000d } as const;
export const PR = {
  body: 0x1000,
  bodyHtml: 0x1013,
  displayName: 0x3001,
  attachDataObj: 0x3701,
  attachFilename: 0x3704,
  attachMethod: 0x3705,
  attachLongFilename: 0x3707,
  attachContentId: 0x3712,
  internetCodepage: 0x3fde,
} as const;

function u32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(value >>> 0);
  return b;
}

function u16(value: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(value);
  return b;
}

/** One attribute: level, ID, length, data and the checksum (the sum of its bytes, modulo 65536). */
export function attribute(level: number, id: number, data: Uint8Array): Buffer {
  const checksum = data.reduce((sum, byte) => (sum + byte) & 0xffff, 0);
  return Buffer.concat([Buffer.from([level]), u32(id), u32(data.length), data, u16(checksum)]);
}

/** A TNEF stream of `attributes`: the signature, a key, then each. */
export function tnef(...attributes: Uint8Array[]): Buffer {
  return Buffer.concat([u32(0x223e9f78), u16(0x1234), ...attributes]);
}

export type PropertyValue =
  | { type: typeof PT.long; id: number; value: number }
  | {
      type: typeof PT.string8 | typeof PT.unicode | typeof PT.binary | typeof PT.object;
      id: number;
      value: Uint8Array;
    };

/** A MAPI property list: a count, then each property's type, identifier and value (variable ones counted). */
export function properties(list: PropertyValue[]): Buffer {
  const parts: Buffer[] = [u32(list.length)];
  for (const property of list) {
    parts.push(u16(property.type), u16(property.id));
    if (property.type === PT.long) parts.push(u32(property.value));
    else {
      const pad = Buffer.alloc((4 - (property.value.length % 4)) % 4);
      parts.push(u32(1), u32(property.value.length), Buffer.from(property.value), pad);
    }
  }
  return Buffer.concat(parts);
}

/** `text` as a PT_UNICODE value (UTF-16, ending in NUL, as Outlook writes it). */
export function unicode(text: string): Buffer {
  return Buffer.from(`${text}\u0000`, 'utf16le');
}

/** `text` as an 8-bit string value in Windows-1252 (Latin-1 here: the tests keep to it), ending in NUL. */
export function ansi(text: string): Buffer {
  return Buffer.from(`${text}\u0000`, 'latin1');
}

/** An attached file: the attributes Outlook writes for one (a new attachment, its title, data and properties). */
export function attachedFile(file: { title?: string; data?: Uint8Array; props?: PropertyValue[] }): Buffer[] {
  const parts = [attribute(LEVEL.attachment, ATT.attachRendData, Buffer.alloc(14))];
  if (file.title !== undefined) parts.push(attribute(LEVEL.attachment, ATT.attachTitle, ansi(file.title)));
  if (file.data) parts.push(attribute(LEVEL.attachment, ATT.attachData, file.data));
  if (file.props) parts.push(attribute(LEVEL.attachment, ATT.attachment, properties(file.props)));
  return parts;
}

/** The message's MAPI properties (its text, and the code page of its HTML), as one attribute. */
export function messageProps(list: PropertyValue[]): Buffer {
  return attribute(LEVEL.message, ATT.messageProps, properties(list));
}
