/**
 * The last resort for a page that readers can show but the bundle cannot prepare reliably: the page is
 * drawn as a picture (at RASTER_DPI, as a reader shows it) and the picture takes the page's place, the same
 * size. Poppler's pdftoppm draws it when installed (it copes best with damage); otherwise pdf.js does, on
 * the canvas pdfjs-dist brings (@napi-rs/canvas). The page's text can then no longer be searched or
 * copied, which the document's import notes say.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PDFDocument, type PDFPage, type PDFRef } from '@cantoo/pdf-lib';
import { refreshFieldAppearances } from '../bundle/fieldAppearances';
import { carryLayers } from '../bundle/optionalContent';
import { copySomePages } from '../bundle/pageCopier';
import { pdfjs } from '../pdf/pdfjs';
import { runProgram } from './executables';
import { skiaForDrawingPages } from './skia';

export const RASTER_DPI = 200;
const JPEG_QUALITY = 85;
const RENDER_TIMEOUT_MS = 60_000;
/** A page larger than this (in points either way) is drawn at a lower resolution to stay within memory. */
const MAX_PIXELS = 40_000_000;

export interface PagePicture {
  jpeg: Uint8Array;
  /** The page's displayed size in points. */
  width: number;
  height: number;
}

function jpegSize(jpeg: Uint8Array): { width: number; height: number } | null {
  let pos = 2;
  while (pos + 9 < jpeg.length) {
    if (jpeg[pos] !== 0xff) return null;
    const marker = jpeg[pos + 1];
    const length = (jpeg[pos + 2] << 8) | jpeg[pos + 3];
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return { height: (jpeg[pos + 5] << 8) | jpeg[pos + 6], width: (jpeg[pos + 7] << 8) | jpeg[pos + 8] };
    pos += 2 + length;
  }
  return null;
}

async function withPdftoppm(
  pdf: Uint8Array,
  page: number,
  pdftoppm: string,
  workRoot: string,
  signal?: AbortSignal,
): Promise<PagePicture | null> {
  const work = mkdtempSync(join(workRoot, 'raster-'));
  try {
    const input = join(work, 'in.pdf');
    writeFileSync(input, pdf);
    const out = join(work, 'page');
    const result = await runProgram(
      pdftoppm,
      [
        // The part of the page a reader shows (the crop box): poppler draws the whole media box otherwise,
        // and a page cropped to cut a name off would show the name again, on a page of another size.
        '-cropbox',
        '-r',
        String(RASTER_DPI),
        '-f',
        String(page),
        '-l',
        String(page),
        '-jpeg',
        '-jpegopt',
        `quality=${JPEG_QUALITY}`,
        '-singlefile',
        input,
        out,
      ],
      { timeoutMs: RENDER_TIMEOUT_MS, signal },
    );
    if (result.exitCode !== 0) return null;
    const jpeg = new Uint8Array(readFileSync(`${out}.jpg`));
    const size = jpegSize(jpeg);
    if (!size) return null;
    return { jpeg, width: (size.width * 72) / RASTER_DPI, height: (size.height * 72) / RASTER_DPI };
  } catch (error) {
    if (signal?.aborted) throw error;
    return null;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** pdf.js needs the standard fonts' files to draw the 14 fonts PDFs may use without embedding them. */
function standardFontDataUrl(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts') + '/';
}

async function withPdfjs(pdf: Uint8Array, pages: number[]): Promise<Map<number, PagePicture>> {
  const pictures = new Map<number, PagePicture>();
  const lib = await pdfjs();
  await skiaForDrawingPages();
  const task = lib.getDocument({
    data: new Uint8Array(pdf),
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    stopAtErrors: false,
    verbosity: 0,
    standardFontDataUrl: standardFontDataUrl(),
  });
  try {
    const doc = await task.promise;
    for (const n of pages) {
      try {
        const page = await doc.getPage(n);
        const base = page.getViewport({ scale: 1 });
        const scale = Math.min(RASTER_DPI / 72, Math.sqrt(MAX_PIXELS / (base.width * base.height)));
        const viewport = page.getViewport({ scale });
        const factory = (
          doc as unknown as {
            canvasFactory: {
              create(
                w: number,
                h: number,
              ): { canvas: { toBuffer(type: string, quality?: number): Buffer }; context: unknown };
            };
          }
        ).canvasFactory;
        const { canvas, context } = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
        const white = context as {
          fillStyle: string;
          fillRect(x: number, y: number, w: number, h: number): void;
        };
        white.fillStyle = '#ffffff';
        white.fillRect(0, 0, Math.ceil(viewport.width), Math.ceil(viewport.height));
        await page.render({ canvasContext: context, viewport, canvas } as never).promise;
        pictures.set(n, {
          jpeg: new Uint8Array(canvas.toBuffer('image/jpeg', JPEG_QUALITY)),
          width: base.width,
          height: base.height,
        });
        page.cleanup();
      } catch {
        // This page cannot be drawn either: the caller refuses the file.
      }
    }
    await doc.destroy();
  } catch {
    await task.destroy().catch(() => {});
  }
  return pictures;
}

/**
 * Pictures of the given pages (1-based); a page neither renderer can draw is missing from the result.
 * `onPage`: after each page poppler draws (pdf.js draws the rest, if any, at the end).
 */
export async function picturesOfPages(
  pdf: Uint8Array,
  pages: number[],
  options: {
    pdftoppm: string | null;
    workRoot: string;
    signal?: AbortSignal;
    onPage?: (done: number, total: number) => void;
  },
): Promise<Map<number, PagePicture>> {
  const pictures = new Map<number, PagePicture>();
  if (options.pdftoppm) {
    for (const [done, n] of pages.entries()) {
      options.signal?.throwIfAborted();
      const picture = await withPdftoppm(pdf, n, options.pdftoppm, options.workRoot, options.signal);
      if (picture) pictures.set(n, picture);
      options.onPage?.(done + 1, pages.length);
    }
  }
  const missing = pages.filter((n) => !pictures.has(n));
  if (missing.length) for (const [n, picture] of await withPdfjs(pdf, missing)) pictures.set(n, picture);
  return pictures;
}

/**
 * A copy of the document with the given pages replaced by their pictures. `pageCount` pages in all; when
 * pdf-lib cannot read the document (null `source`), every page must have a picture.
 */
export async function replacePagesWithPictures(
  source: PDFDocument | null,
  pageCount: number,
  pictures: Map<number, PagePicture>,
): Promise<Uint8Array> {
  const out = await PDFDocument.create({ updateMetadata: false });
  // Only the pages that stay pages are copied (a page that failed may fail again in the copy), with what
  // the source's catalog held that changes what they show: form fields drawn from their answers where the
  // form asked readers to draw them, and the layers' settings.
  const keptIndices = source
    ? Array.from({ length: Math.min(pageCount, source.getPageCount()) }, (_, i) => i).filter(
        (i) => !pictures.has(i + 1),
      )
    : [];
  let kept: PDFPage[] = [];
  let copyOf: ((ref: PDFRef) => PDFRef | undefined) | null = null;
  if (source && keptIndices.length) {
    try {
      await refreshFieldAppearances(source);
    } catch {
      // A form too broken to draw keeps the drawings it has.
    }
    ({ pages: kept, copyOf } = copySomePages(out, source, keptIndices));
  }
  const keptByPage = new Map(keptIndices.map((index, k) => [index + 1, kept[k]]));
  for (let n = 1; n <= pageCount; n++) {
    const picture = pictures.get(n);
    if (!picture) {
      const page = keptByPage.get(n);
      if (!page) throw new Error(`page ${n} has no picture and cannot be copied`);
      out.addPage(page);
      continue;
    }
    const image = await out.embedJpg(picture.jpeg);
    const page = out.addPage([picture.width, picture.height]);
    page.drawImage(image, { x: 0, y: 0, width: picture.width, height: picture.height });
  }
  if (source && copyOf) {
    try {
      carryLayers(out, source, copyOf);
    } catch {
      // Settings that cannot be read: every layer shows, as a reader would show them.
    }
  }
  if (source) {
    try {
      const title = source.getTitle();
      if (title) out.setTitle(title);
    } catch {
      // A broken information dictionary: the title is not worth failing for.
    }
  }
  return out.save({ useObjectStreams: false, objectsPerTick: Infinity });
}
