/**
 * npm run sweep:pages -- [--normalise] [--dpi 60] [--pages 6] FILE|FOLDER …: each PDF imported and built
 * into a one-document bundle, and each of its first pages drawn by poppler (`pdftoppm`) as the file is and
 * as the bundle has it, then compared (scripts/pageCompare.ts). A page of the bundle that does not look as
 * the page of the file looks in a reader is what docs/fidelity.md calls the failure that matters.
 *
 * Without --normalise the bundle keeps pages at their size, so the two drawings are compared block by
 * block; with it (the app's default) a page that is not A4 is scaled onto A4, as a page under an inch across
 * always is (bundle/pageBoxes.ts), and the file's page is drawn at the scale the bundle gives it and
 * compared with that part of the bundle's page.
 *
 * With --text, each page's words as poppler extracts them (`pdftotext`: what a search of the bundle finds)
 * are compared instead, the bundle's number on the page apart: a word lost or added is a difference.
 *
 * Prints a line a file: SAME, DIFF (pages and how much of each differs), REFUSED (the import's reason) or
 * FAILED (an error other than a refusal). Exits 1 when any file is DIFF or FAILED. Needs poppler-utils.
 * Differences are for a person to look at: poppler draws a link's border, which a bundle drops with a link
 * it cannot keep; it draws some files (transparency inside patterns) differently at another scale.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { A4 } from '../shared/bundle/indexLayout';
import { createServices } from '../electron/services';
import { closeServiceContext, openServiceContext } from '../electron/services/context';
import { installPdfLibPatches } from '../electron/services/pdf/pdfLibPatches';
import { closeIdleWorkers } from '../electron/services/untrusted/runner';
import { comparePages, parsePpm, type Rgb } from './pageCompare';

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    normalise: { type: 'boolean', default: false },
    /** Compare each page's words as poppler extracts them (what a search of the bundle finds), not drawings. */
    text: { type: 'boolean', default: false },
    dpi: { type: 'string', default: '60' },
    pages: { type: 'string', default: '6' },
    /** Share of a page's blocks that may differ before the page is reported. */
    threshold: { type: 'string', default: '0.002' },
  },
});
const DPI = Number(options.dpi);
const PAGES = Number(options.pages);
const THRESHOLD = Number(options.threshold);
/**
 * Blocks of a twelfth of an inch: a word (or a box, a line of a table) is still many blocks, and a glyph's
 * edge drawn on the next pixel (the same page turned by /Rotate) is not a difference. A page drawn at another
 * scale puts every glyph on other pixels: its blocks are an eighth of an inch.
 */
const BLOCK = Math.max(2, Math.round(DPI / 12));
const SCALED_BLOCK = Math.max(3, Math.round(DPI / 8));

function pdfFiles(paths: string[]): string[] {
  return paths.flatMap((path) =>
    statSync(path).isDirectory()
      ? readdirSync(path)
          .filter((name) => name.toLowerCase().endsWith('.pdf'))
          .sort()
          .map((name) => join(path, name))
      : [path],
  );
}

/** Pages `first`…`last` of `pdf` drawn by poppler (its crop box, as readers show it), by page number. */
function drawn(pdf: string, first: number, last: number, dir: string, dpi = DPI): Map<number, Rgb> {
  mkdirSync(dir, { recursive: true });
  spawnSync(
    'timeout',
    [
      '60',
      'pdftoppm',
      '-cropbox',
      '-r',
      String(dpi),
      '-f',
      String(first),
      '-l',
      String(last),
      pdf,
      join(dir, 'p'),
    ],
    { stdio: 'ignore' },
  );
  const pages = new Map<number, Rgb>();
  for (const name of readdirSync(dir)) {
    const page = /p-0*(\d+)\.ppm$/.exec(name);
    if (page) pages.set(Number(page[1]), parsePpm(readFileSync(join(dir, name))));
  }
  return pages;
}

/** Each page's size as shown (its crop box, turned by /Rotate), from pdfinfo. */
function shownSizes(pdf: string): Map<number, { width: number; height: number }> {
  const info = spawnSync('pdfinfo', ['-f', '1', '-l', String(PAGES), pdf], { encoding: 'utf8' }).stdout ?? '';
  const sizes = new Map<number, { width: number; height: number }>();
  for (const m of info.matchAll(/Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)/g))
    sizes.set(Number(m[1]), { width: Number(m[2]), height: Number(m[3]) });
  for (const m of info.matchAll(/Page\s+(\d+) rot:\s+(\d+)/g)) {
    const size = sizes.get(Number(m[1]));
    if (size && Number(m[2]) % 180 === 90)
      sizes.set(Number(m[1]), { width: size.height, height: size.width });
  }
  return sizes;
}

/** The words poppler extracts from page `page` of `pdf` (`pdftotext`, reading order). */
function words(pdf: string, page: number): string[] {
  const out = spawnSync(
    'timeout',
    ['60', 'pdftotext', '-enc', 'UTF-8', '-f', String(page), '-l', String(page), pdf, '-'],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  ).stdout;
  // Without the direction marks poppler puts round a line when the page has right-to-left text.
  return (out ?? '')
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .split(/\s+/)
    .filter(Boolean);
}

/** The words of `a` that `b` lacks, counted (a word twice in `a` and once in `b` is once missing). */
function missingWords(a: string[], b: string[]): string[] {
  const counts = new Map<string, number>();
  for (const word of b) counts.set(word, (counts.get(word) ?? 0) + 1);
  const missing: string[] = [];
  for (const word of a) {
    const left = counts.get(word) ?? 0;
    if (left > 0) counts.set(word, left - 1);
    else missing.push(word);
  }
  return missing;
}

const isA4 = (w: number, h: number) =>
  Math.abs(Math.min(w, h) - A4[0]) <= 3 && Math.abs(Math.max(w, h) - A4[1]) <= 3;

function cut(picture: Rgb, left: number, top: number, width: number, height: number): Rgb {
  const pixels = new Uint8Array(width * height * 3).fill(255);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const [sx, sy] = [x + left, y + top];
      if (sx < 0 || sy < 0 || sx >= picture.width || sy >= picture.height) continue;
      pixels.set(
        picture.pixels.subarray((sy * picture.width + sx) * 3, (sy * picture.width + sx) * 3 + 3),
        (y * width + x) * 3,
      );
    }
  return { width, height, pixels };
}

installPdfLibPatches();
const dataDir = mkdtempSync(join(tmpdir(), 'page-sweep-'));
const ctx = openServiceContext(dataDir, {});
const services = createServices(ctx);
let failures = 0;
try {
  for (const file of pdfFiles(positionals)) {
    const name = basename(file);
    let line: string;
    try {
      const c = services.cases.create({
        title: name.slice(0, 60),
        role: 'parent',
        appealType: 'contents-of-plan',
      });
      const [outcome] = await services.documents.import({
        caseId: c.id,
        section: 'C',
        files: [{ name, path: file }],
      });
      if (outcome.status === 'refused') {
        line = `REFUSED\t${outcome.code}: ${outcome.reason.replace(/\s+/g, ' ').slice(0, 160)}`;
      } else if (outcome.status !== 'imported') {
        line = `SKIPPED\t${outcome.status === 'duplicate' ? outcome.reason : outcome.notes.join(' ')}`;
      } else {
        const version = await services.bundle.build(c.id, {
          normalisePages: options.normalise,
          dividers: false,
        });
        const plan = services.bundle.versionPlan(c.id, version.version);
        // Only the imported document's own pages: an attached file taken out is a document of its own.
        const pages = plan.pages
          .map((page, i) => ({ ...page, at: i + 1 }))
          .filter((page) => page.documentId === outcome.documentId && page.sourcePage !== undefined)
          .slice(0, PAGES);
        if (options.text) {
          const found: string[] = [];
          for (const page of pages) {
            const inFile = words(file, page.sourcePage! + 1);
            // The bundle's number stamped on the page is the one word it should add.
            const inBundle = words(version.path, page.at);
            const lost = missingWords(inFile, inBundle);
            const added = missingWords(inBundle, inFile).filter((word) => word !== page.label);
            if (lost.length || added.length)
              found.push(
                `p${page.sourcePage! + 1} -${lost.length}/+${added.length} [${lost.slice(0, 4).join(' ')}|${added.slice(0, 4).join(' ')}]`,
              );
          }
          if (found.length) failures++;
          console.log(
            `${name}\t${found.length ? 'DIFF' : 'SAME'}\t${pages.length} pages' words\t${found.join(' ')}`,
          );
          continue;
        }
        const work = mkdtempSync(join(dataDir, 'drawn-'));
        const sources = drawn(file, 1, Math.max(...pages.map((p) => p.sourcePage! + 1)), join(work, 'file'));
        const bundled = drawn(version.path, pages[0].at, pages.at(-1)!.at, join(work, 'bundle'));
        const sizes = shownSizes(file);
        const found: string[] = [];
        for (const page of pages) {
          const n = page.sourcePage! + 1;
          let source = sources.get(n);
          let bundle = bundled.get(page.at);
          if (!source) continue; // poppler cannot draw the file's page: nothing to compare with
          if (!bundle) {
            found.push(`p${n} not drawn`);
            continue;
          }
          const size = sizes.get(n);
          // On A4 when normalising, and always for a page under an inch across (bundle/pageBoxes.ts).
          const onA4 = size && (options.normalise || Math.min(size.width, size.height) < 72);
          let block = BLOCK;
          if (size && onA4 && !isA4(size.width, size.height)) {
            block = SCALED_BLOCK;
            const [tw, th] = size.width > size.height ? [A4[1], A4[0]] : [A4[0], A4[1]];
            const scale = Math.min(tw / size.width, th / size.height);
            const scaled = drawn(file, n, n, join(work, `scaled-${n}`), DPI * scale).get(n);
            if (!scaled) continue;
            source = scaled;
            const toPixels = (points: number) => Math.round((points * DPI) / 72);
            bundle = cut(
              bundle,
              toPixels((tw - size.width * scale) / 2),
              toPixels((th - size.height * scale) / 2),
              source.width,
              source.height,
            );
          }
          const result = comparePages(source, bundle, { block, dpi: DPI });
          if (result.sizes) found.push(`p${n} size ${result.sizes}`);
          else if (result.differing > THRESHOLD) found.push(`p${n} ${(result.differing * 100).toFixed(2)}%`);
        }
        rmSync(work, { recursive: true, force: true });
        if (found.length) failures++;
        line = `${found.length ? 'DIFF' : 'SAME'}\t${pages.length} pages compared${outcome.notes.length ? ' (notes)' : ''}\t${found.join(' ')}`;
      }
    } catch (error) {
      failures++;
      line = `FAILED\t${String((error as Error).message ?? error)
        .replace(/\s+/g, ' ')
        .slice(0, 200)}`;
    }
    console.log(`${name}\t${line}`);
  }
} finally {
  await closeIdleWorkers();
  closeServiceContext(ctx);
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(failures ? 1 : 0);
