/**
 * Unpacks a WOFF 1.0 font into the TrueType file it wraps (https://www.w3.org/TR/WOFF/): each table inflated
 * where it was compressed, laid out again 4-byte aligned behind a fresh table directory. Used once to make
 * resources/fonts/NotoEmoji-Regular.ttf from @fontsource/noto-emoji's whole-font file, so every font the app
 * embeds is read the same way:
 *
 *   node scripts/woff-to-ttf.mjs noto-emoji-emoji-400-normal.woff resources/fonts/NotoEmoji-Regular.ttf
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';

export function woffToTtf(woff) {
  const input = Buffer.from(woff);
  if (input.toString('latin1', 0, 4) !== 'wOFF') throw new Error('Not a WOFF 1.0 font');
  const flavor = input.readUInt32BE(4);
  const numTables = input.readUInt16BE(12);
  const tables = [];
  for (let i = 0; i < numTables; i++) {
    const at = 44 + i * 20;
    const offset = input.readUInt32BE(at + 4);
    const compLength = input.readUInt32BE(at + 8);
    const origLength = input.readUInt32BE(at + 12);
    const stored = input.subarray(offset, offset + compLength);
    const data = compLength < origLength ? inflateSync(stored) : stored;
    if (data.length !== origLength) throw new Error(`Table ${i} unpacks to the wrong length`);
    tables.push({ tag: input.subarray(at, at + 4), checksum: input.readUInt32BE(at + 16), data });
  }
  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * 16;
  const header = Buffer.alloc(12 + numTables * 16);
  header.writeUInt32BE(flavor, 0);
  header.writeUInt16BE(numTables, 4);
  header.writeUInt16BE(searchRange, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(numTables * 16 - searchRange, 10);
  const parts = [header];
  let offset = header.length;
  tables.forEach((table, i) => {
    const record = 12 + i * 16;
    table.tag.copy(header, record);
    header.writeUInt32BE(table.checksum, record + 4);
    header.writeUInt32BE(offset, record + 8);
    header.writeUInt32BE(table.data.length, record + 12);
    const padded = Buffer.alloc((table.data.length + 3) & ~3);
    table.data.copy(padded);
    parts.push(padded);
    offset += padded.length;
  });
  return Buffer.concat(parts);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [from, to] = process.argv.slice(2);
  if (!from || !to) throw new Error('Usage: node scripts/woff-to-ttf.mjs FONT.woff FONT.ttf');
  writeFileSync(to, woffToTtf(readFileSync(from)));
}
