import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { woffToTtf } from '../../../scripts/woff-to-ttf.mjs';

const FONT = join(__dirname, '..', '..', '..', 'resources', 'fonts', 'DejaVuSans.ttf');

/** A WOFF 1.0 file of a TrueType font, each table compressed where that makes it smaller (as the spec says). */
function toWoff(ttf: Buffer): Buffer {
  const numTables = ttf.readUInt16BE(4);
  const directory = Buffer.alloc(44 + numTables * 20);
  const bodies: Buffer[] = [];
  let offset = directory.length;
  for (let i = 0; i < numTables; i++) {
    const record = 12 + i * 16;
    const data = ttf.subarray(
      ttf.readUInt32BE(record + 8),
      ttf.readUInt32BE(record + 8) + ttf.readUInt32BE(record + 12),
    );
    const packed = deflateSync(data);
    const stored = packed.length < data.length ? packed : data;
    const at = 44 + i * 20;
    ttf.copy(directory, at, record, record + 4);
    directory.writeUInt32BE(offset, at + 4);
    directory.writeUInt32BE(stored.length, at + 8);
    directory.writeUInt32BE(data.length, at + 12);
    directory.writeUInt32BE(ttf.readUInt32BE(record + 4), at + 16);
    const padded = Buffer.alloc((stored.length + 3) & ~3);
    stored.copy(padded);
    bodies.push(padded);
    offset += padded.length;
  }
  directory.write('wOFF', 0, 'latin1');
  directory.writeUInt32BE(ttf.readUInt32BE(0), 4);
  directory.writeUInt32BE(offset, 8);
  directory.writeUInt16BE(numTables, 12);
  return Buffer.concat([directory, ...bodies]);
}

describe('scripts/woff-to-ttf.mjs', () => {
  it('gives back every table of the TrueType font a WOFF file wraps, byte for byte', () => {
    const ttf = readFileSync(FONT);
    const unpacked = woffToTtf(toWoff(ttf));
    const tables = (font: Buffer) => {
      const found = new Map<string, string>();
      for (let i = 0; i < font.readUInt16BE(4); i++) {
        const record = 12 + i * 16;
        const start = font.readUInt32BE(record + 8);
        found.set(
          font.toString('latin1', record, record + 4),
          font.subarray(start, start + font.readUInt32BE(record + 12)).toString('hex'),
        );
      }
      return found;
    };
    expect(unpacked.readUInt32BE(0)).toBe(ttf.readUInt32BE(0));
    expect(tables(unpacked)).toEqual(tables(ttf));
  });

  it('refuses a file that is not WOFF 1.0', () => {
    expect(() => woffToTtf(readFileSync(FONT))).toThrow('Not a WOFF 1.0 font');
  });
});
