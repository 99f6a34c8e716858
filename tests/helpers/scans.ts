/**
 * Scans and phone photos of known text, made in Node (no ImageMagick needed): a page of text drawn with
 * @napi-rs/canvas at a given resolution and angle, with a little speckle so it is not perfectly clean, put
 * into a PDF as a scanner would (one picture filling the page), or photographed: the page lying on a desk,
 * turned a little, under uneven light, saved as a JPEG whose pixels are stored sideways with an EXIF tag
 * saying how to turn them (as phones do).
 */
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import { PDFDocument } from '@cantoo/pdf-lib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seeded } from './seeded';

const FONT_FAMILY = 'SendTestSans';
let fontRegistered = false;
function registerFont(): void {
  if (fontRegistered) return;
  GlobalFonts.registerFromPath(
    join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'resources', 'fonts', 'DejaVuSans.ttf'),
    FONT_FAMILY,
  );
  fontRegistered = true;
}

/** Paragraphs of the kind a parent scans: a school letter and a therapy report (written for these tests). */
export const SCAN_PARAGRAPHS = [
  'Dear Mrs Okafor, thank you for meeting with us on Tuesday to talk about Daniel and his progress this term.',
  'Daniel has settled well into his new class. He enjoys practical science lessons and works best in a small group with adult support nearby.',
  'His reading age was assessed in March at seven years and four months, which is about three years below his age. Spelling remains difficult for him.',
  'The speech and language therapist recommends two sessions each week of direct therapy, delivered by a qualified therapist, with a written programme shared with the class teacher.',
  'We agreed that the school will apply to the local authority for an assessment of his special educational needs, and we will send you a copy of the application.',
  'Please contact the special educational needs coordinator if you have any questions about the support described in this letter.',
  'Yours sincerely, Margaret Holloway, Headteacher, Riverside Primary School.',
];

/** The words a reader should find, lower case, without punctuation. */
export function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, ''))
    .filter((w) => w.length > 0);
}

/** Fraction of `expected` words found in `found` (each found word counts once: a multiset match). */
export function wordRecall(expected: string[], found: string[]): number {
  const pool = new Map<string, number>();
  for (const w of found) pool.set(w, (pool.get(w) ?? 0) + 1);
  let hits = 0;
  for (const w of expected) {
    const n = pool.get(w) ?? 0;
    if (n > 0) {
      hits++;
      pool.set(w, n - 1);
    }
  }
  return expected.length ? hits / expected.length : 1;
}

/** Lays the paragraphs out on an A4 page `widthPx` wide; returns the lines with their baselines (pixels). */
function layout(
  ctx: SKRSContext2D,
  paragraphs: string[],
  widthPx: number,
  dpi: number,
): { text: string; x: number; y: number }[] {
  const margin = dpi; // one inch
  const size = (11.5 / 72) * dpi;
  ctx.font = `${size}px ${FONT_FAMILY}`;
  const lines: { text: string; x: number; y: number }[] = [];
  let y = margin + size;
  for (const paragraph of paragraphs) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      const next = line ? `${line} ${word}` : word;
      if (ctx.measureText(next).width > widthPx - 2 * margin && line) {
        lines.push({ text: line, x: margin, y });
        y += size * 1.5;
        line = word;
      } else line = next;
    }
    if (line) lines.push({ text: line, x: margin, y });
    y += size * 2.4;
  }
  return lines;
}

export interface ScanOptions {
  dpi: number;
  /** Degrees, clockwise as seen: a page fed into the scanner a little crooked. */
  rotate?: number;
  paragraphs?: string[];
  seed?: number;
}

/** Grey pixels of an A4 page of text as a scanner sees it (white paper, dark grey ink, a few specks). */
export function scanPixels(options: ScanOptions): { width: number; height: number; grey: Uint8Array } {
  registerFont();
  const width = Math.round(8.27 * options.dpi);
  const height = Math.round(11.69 * options.dpi);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fbfbf8';
  ctx.fillRect(0, 0, width, height);
  ctx.translate(width / 2, height / 2);
  ctx.rotate(((options.rotate ?? 0) * Math.PI) / 180);
  ctx.translate(-width / 2, -height / 2);
  ctx.fillStyle = '#202020';
  for (const line of layout(ctx, options.paragraphs ?? SCAN_PARAGRAPHS, width, options.dpi))
    ctx.fillText(line.text, line.x, line.y);
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const grey = new Uint8Array(width * height);
  // Seeded, so every run makes the same pictures.
  const rand = seeded(options.seed ?? 17);
  for (let i = 0; i < grey.length; i++) {
    let v = rgba[i * 4] + (rand() - 0.5) * 24;
    if (rand() < 0.0004) v = 90; // dust
    grey[i] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
  return { width, height, grey };
}

function greyCanvas(width: number, height: number, grey: Uint8Array) {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(width, height);
  for (let i = 0; i < grey.length; i++) {
    image.data[i * 4] = image.data[i * 4 + 1] = image.data[i * 4 + 2] = grey[i];
    image.data[i * 4 + 3] = 255;
  }
  ctx.putImageData(image, 0, 0);
  return canvas;
}

/** A scanned document: each page one JPEG picture filling an A4 page, as scanners and "scan to PDF" make. */
export async function makeScannedPdf(pages: ScanOptions[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  for (const options of pages) {
    const { width, height, grey } = scanPixels(options);
    // Encoded synchronously: @napi-rs/canvas's async encode() can crash the process if the canvas is
    // collected while its pixels are still being encoded on another thread.
    const jpeg = greyCanvas(width, height, grey).toBuffer('image/jpeg', 88);
    const image = await doc.embedJpg(jpeg);
    const page = doc.addPage([595.28, 841.89]);
    page.drawImage(image, { x: 0, y: 0, width: 595.28, height: 841.89 });
  }
  return doc.save();
}

/** An EXIF block (APP1) with only the orientation tag, big-endian TIFF. */
function exifOrientation(orientation: number): Buffer {
  const tiff = Buffer.alloc(26);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4); // first IFD
  tiff.writeUInt16BE(1, 8); // one entry
  tiff.writeUInt16BE(0x0112, 10); // Orientation
  tiff.writeUInt16BE(3, 12); // SHORT
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt16BE(orientation, 18);
  tiff.writeUInt32BE(0, 22); // no next IFD
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

/**
 * A phone photo of a printed page: the page (about 190 dpi) lying turned by `rotate` degrees on a darker
 * desk, lit unevenly, in a 3:4 picture whose pixels are stored turned a quarter anticlockwise, with EXIF
 * orientation 6 telling viewers to turn them clockwise: what most phones write when held upright.
 */
export async function makePhotoJpeg(
  options: { rotate?: number; paragraphs?: string[] } = {},
): Promise<Uint8Array> {
  registerFont();
  const page = scanPixels({ dpi: 190, rotate: 0, paragraphs: options.paragraphs, seed: 5 });
  const paper = greyCanvas(page.width, page.height, page.grey);
  const photoW = 1800;
  const photoH = 2400;
  const upright = createCanvas(photoW, photoH);
  const ctx = upright.getContext('2d');
  ctx.fillStyle = '#6b5a48';
  ctx.fillRect(0, 0, photoW, photoH);
  ctx.save();
  ctx.translate(photoW / 2, photoH / 2);
  ctx.rotate(((options.rotate ?? 1.5) * Math.PI) / 180);
  const scale = Math.min((photoW * 0.94) / page.width, (photoH * 0.94) / page.height);
  ctx.scale(scale, scale);
  ctx.drawImage(paper, -page.width / 2, -page.height / 2);
  ctx.restore();
  // Light from the top left: the far corner a little darker.
  const light = ctx.createLinearGradient(0, 0, photoW, photoH);
  light.addColorStop(0, 'rgba(255,255,255,0.08)');
  light.addColorStop(1, 'rgba(0,0,0,0.18)');
  ctx.fillStyle = light;
  ctx.fillRect(0, 0, photoW, photoH);
  // Stored sideways: turned a quarter anticlockwise (EXIF 6 = "turn clockwise to view").
  const stored = createCanvas(photoH, photoW);
  const sctx = stored.getContext('2d');
  sctx.translate(0, photoW);
  sctx.rotate(-Math.PI / 2);
  sctx.drawImage(upright, 0, 0);
  const jpeg = stored.toBuffer('image/jpeg', 85);
  // Insert the EXIF block right after the start-of-image marker.
  return new Uint8Array(Buffer.concat([jpeg.subarray(0, 2), exifOrientation(6), jpeg.subarray(2)]));
}
