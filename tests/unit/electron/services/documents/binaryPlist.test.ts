/** Apple's binary property lists, as Safari's web archives are (electron/services/documents/binaryPlist.ts). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BinaryPlistError,
  readBinaryPlist,
  type PlistValue,
} from '../../../../../electron/services/documents/binaryPlist';
import { REPO_ROOT } from '../../../../helpers/repo';

const FIXTURE = join(REPO_ROOT, 'tests/fixtures/webarchive/Home to school transport.webarchive');

/** A binary property list of `objects` (each its bytes, marker first), 1-byte offsets and references. */
function plist(objects: number[][], top = 0): Buffer {
  const body: number[] = [];
  const offsets: number[] = [];
  for (const object of objects) {
    offsets.push(8 + body.length);
    body.push(...object);
  }
  const table = 8 + body.length;
  const trailer = Buffer.alloc(32);
  trailer[6] = 1;
  trailer[7] = 1;
  trailer.writeBigUInt64BE(BigInt(objects.length), 8);
  trailer.writeBigUInt64BE(BigInt(top), 16);
  trailer.writeBigUInt64BE(BigInt(table), 24);
  return Buffer.concat([Buffer.from('bplist00'), Buffer.from(body), Buffer.from(offsets), trailer]);
}

describe('readBinaryPlist', () => {
  it("reads a list Python's plistlib wrote: dictionaries, arrays, ASCII and UTF-16 strings, data", () => {
    const archive = readBinaryPlist(readFileSync(FIXTURE)) as Record<string, PlistValue>;
    const main = archive.WebMainResource as Record<string, PlistValue>;
    expect(main.WebResourceURL).toBe('https://www.example.gov.uk/send/local-offer/transport');
    expect(main.WebResourceTextEncodingName).toBe('UTF-8');
    expect(Buffer.from(main.WebResourceData as Uint8Array).toString('utf8')).toMatch(
      /^<!DOCTYPE html>.*Zoë’s/s,
    );
    const pictures = archive.WebSubresources as Record<string, PlistValue>[];
    expect(pictures.map((p) => p.WebResourceURL)).toEqual([
      'https://www.example.gov.uk/send/local-offer/logo-Zoë.png',
      'https://www.example.gov.uk/send/local-offer/bus.jpg',
    ]);
  });

  it('reads numbers, true, false and a key named "__proto__" as a key', () => {
    const list = plist([
      [0xd3, 1, 2, 3, 4, 5, 6],
      [0x59, ...Buffer.from('__proto__')],
      [0x51, ...Buffer.from('a')],
      [0x51, ...Buffer.from('b')],
      [0x11, 0x01, 0x00],
      [0x09],
      [0x08],
    ]);
    const value = readBinaryPlist(list) as Record<string, PlistValue>;
    expect(value.__proto__).toBe(256);
    expect(Object.getPrototypeOf(value)).toBeNull();
    expect([value.a, value.b]).toEqual([true, false]);
  });

  it('refuses a damaged or hostile list without hanging', () => {
    const damaged = (bytes: Uint8Array) => expect(() => readBinaryPlist(bytes)).toThrow(BinaryPlistError);
    const sound = readFileSync(FIXTURE);
    damaged(sound.subarray(0, sound.length - 40)); // cut short: its trailer is gone
    damaged(sound.subarray(0, 20));
    // An array that holds itself, and arrays 30 deep each holding the next twice (2^30 objects to read).
    damaged(plist([[0xa1, 0]]));
    const fanOut = Array.from({ length: 31 }, (_, i) => (i < 30 ? [0xa2, i + 1, i + 1] : [0x08]));
    damaged(plist(fanOut));
    // Lengths past the end, a reference to no object, an offset table past the end.
    damaged(plist([[0x5f, 0x13, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00]]));
    damaged(plist([[0xa1, 7]]));
    const pastEnd = plist([[0x08]]);
    pastEnd.writeBigUInt64BE(BigInt(2 ** 40), pastEnd.length - 24);
    damaged(pastEnd);
  });
});
