#!/usr/bin/env node
// Draws the app icon (a stack of pages with section tabs on a blue tile) and writes it in every format
// the installers need, with no image tools: resources/icons/icon.png (512), icon.ico (Windows),
// icon.icns (macOS) and linux/<N>x<N>.png. Run again after changing the drawing: node scripts/make-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'resources', 'icons');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** RGBA pixels → PNG bytes. */
export function encodePng(size, rgba) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const inRoundRect = (x, y, x0, y0, x1, y1, r) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};

/** The colour at (x, y) in the unit square, as [r, g, b, a]: the icon's drawing, back to front. */
function paint(x, y) {
  if (!inRoundRect(x, y, 0.04, 0.04, 0.96, 0.96, 0.2)) return [0, 0, 0, 0];
  const t = (y - 0.04) / 0.92;
  let colour = [29 - 8 * t, 95 - 20 * t, 168 - 30 * t, 255]; // blue tile, darker towards the bottom
  // Section tabs sticking out of the right of the stack (A, B, C... of a bundle).
  const tabs = [
    [0.27, [242, 183, 5]],
    [0.41, [94, 186, 125]],
    [0.55, [236, 112, 99]],
  ];
  for (const [top, rgb] of tabs)
    if (inRoundRect(x, y, 0.6, top, 0.76, top + 0.1, 0.025)) colour = [...rgb, 255];
  if (inRoundRect(x, y, 0.3, 0.16, 0.7, 0.78, 0.025)) colour = [205, 218, 235, 255]; // back page
  if (inRoundRect(x, y, 0.26, 0.2, 0.66, 0.82, 0.025)) colour = [226, 234, 244, 255]; // middle page
  if (inRoundRect(x, y, 0.22, 0.24, 0.62, 0.86, 0.025)) {
    colour = [255, 255, 255, 255]; // front page
    for (let i = 0; i < 6; i++) {
      const top = 0.33 + i * 0.07;
      const right = i === 0 ? 0.46 : i % 3 === 2 ? 0.5 : 0.55;
      if (inRoundRect(x, y, 0.28, top, right, top + 0.028, 0.012))
        colour = i === 0 ? [29, 95, 168, 255] : [150, 162, 178, 255];
    }
    // The page number in the bottom-right corner, as the tribunal asks.
    if ((x - 0.545) ** 2 + (y - 0.79) ** 2 <= 0.035 ** 2) colour = [29, 95, 168, 255];
  }
  return colour;
}

/** Draws the icon at `size` pixels, 4×4 samples per pixel for smooth edges. */
export function drawIcon(size) {
  const rgba = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const [cr, cg, cb, ca] = paint((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
          r += cr * ca;
          g += cg * ca;
          b += cb * ca;
          a += ca;
        }
      }
      const i = (py * size + px) * 4;
      rgba[i] = a ? Math.round(r / a) : 0;
      rgba[i + 1] = a ? Math.round(g / a) : 0;
      rgba[i + 2] = a ? Math.round(b / a) : 0;
      rgba[i + 3] = Math.round(a / (n * n));
    }
  }
  return encodePng(size, rgba);
}

/** Windows .ico holding PNG images (Vista and later read PNG entries; 256 is written as 0). */
export function encodeIco(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  const entries = [];
  let offset = 6 + 16 * images.length;
  for (const { size, png } of images) {
    const e = Buffer.alloc(16);
    e[0] = size >= 256 ? 0 : size;
    e[1] = size >= 256 ? 0 : size;
    e.writeUInt16LE(1, 4); // colour planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(png.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += png.length;
    entries.push(e);
  }
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

/** macOS .icns with PNG entries: ic07 128, ic08 256, ic09 512, ic10 1024 (512@2x). */
export function encodeIcns(images) {
  const types = { 128: 'ic07', 256: 'ic08', 512: 'ic09', 1024: 'ic10' };
  const parts = images.map(({ size, png }) => {
    const head = Buffer.alloc(8);
    head.write(types[size], 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

function main() {
  mkdirSync(join(out, 'linux'), { recursive: true });
  const png = new Map();
  for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) png.set(size, drawIcon(size));
  writeFileSync(join(out, 'icon.png'), png.get(512));
  for (const size of [16, 32, 48, 64, 128, 256, 512])
    writeFileSync(join(out, 'linux', `${size}x${size}.png`), png.get(size));
  writeFileSync(
    join(out, 'icon.ico'),
    encodeIco([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, png: png.get(size) }))),
  );
  writeFileSync(
    join(out, 'icon.icns'),
    encodeIcns([128, 256, 512, 1024].map((size) => ({ size, png: png.get(size) }))),
  );
  console.log(`Wrote the app icons to ${out}`);
}

if (process.argv[1] && process.argv[1] === fileURLToPath(import.meta.url)) main();
