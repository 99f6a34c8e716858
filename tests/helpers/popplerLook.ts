/**
 * What poppler (pdfinfo, pdftoppm) sees of a PDF's pages: an independent look at pages the app made of
 * pictures (their size, and the colour at a point).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Rgb } from './tiff';

/**
 * `pdf` written to a file of its own for `read`, and removed after. Not a folder kept for the module: test
 * files share modules (vitest's isolate: false), and a folder removed after the first file that used it
 * was gone for the next.
 */
function withFile<T>(pdf: Uint8Array, read: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'poppler-look-'));
  try {
    const path = join(dir, 'look.pdf');
    writeFileSync(path, pdf);
    return read(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Poppler's look at `page` of `pdf`: its size in points and the colour at (fx, fy) from the top left. */
export function look(
  pdf: Uint8Array,
  page: number,
  fx: number,
  fy: number,
): { size: [number, number]; colour: Rgb } {
  return withFile(pdf, (path) => {
    const info = execFileSync('pdfinfo', ['-f', String(page), '-l', String(page), path], {
      encoding: 'utf8',
    });
    const size = new RegExp(`Page\\s+${page} size:\\s+([\\d.]+) x ([\\d.]+)`).exec(info);
    const ppm = execFileSync('pdftoppm', [
      '-r',
      '24',
      '-f',
      String(page),
      '-l',
      String(page),
      '-singlefile',
      path,
    ]);
    const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(ppm.subarray(0, 64).toString('latin1'))!;
    const [width, height] = [Number(header[1]), Number(header[2])];
    const at = header[0].length + (Math.floor(fy * height) * width + Math.floor(fx * width)) * 3;
    return { size: [Number(size![1]), Number(size![2])], colour: [ppm[at], ppm[at + 1], ppm[at + 2]] };
  });
}

export function near(actual: Rgb, expected: Rgb, tolerance = 40): boolean {
  return actual.every((v, i) => Math.abs(v - expected[i]) <= tolerance);
}

/** The number of pages poppler finds. */
export function pageCount(pdf: Uint8Array): number {
  return withFile(pdf, (path) =>
    Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))![1]),
  );
}

/**
 * The leftmost and rightmost dark pixels of page 1 of `pdf` between `top` and `bottom` (points from the
 * top of the page), in points from its left, as poppler draws it at 72 dpi; null where nothing is drawn.
 */
export function inkSpan(pdf: Uint8Array, top: number, bottom: number): [number, number] | null {
  return withFile(pdf, (path) => {
    const pgm = execFileSync('pdftoppm', ['-r', '72', '-gray', '-f', '1', '-l', '1', '-singlefile', path]);
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'))!;
    const width = Number(header[1]);
    let span: [number, number] | null = null;
    for (let y = Math.max(0, Math.ceil(top)); y < Math.min(Number(header[2]), bottom); y++)
      for (let x = 0; x < width; x++)
        if (pgm[header[0].length + y * width + x] < 128)
          span = span ? [Math.min(span[0], x), Math.max(span[1], x)] : [x, x];
    return span;
  });
}
