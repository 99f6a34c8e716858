/**
 * npm run soak [-- --json] [-- --only NAME]: each crafted hostile or huge input of issue #11, at the size
 * the issue measured, through the real services (import, check, case import) in a child process of its
 * own (bundled as the app is); reports the outcome, the message, the wall time and the child's peak RSS (the whole process,
 * worker threads included). Goal: every one under 30 s and 1 GB on the 2-core build machine.
 *
 * The inputs are generated (tests/helpers/hostile.ts), never stored.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { makeTiff } from '../tests/helpers/tiff';
import {
  archiveBomb,
  bmpDeclaring,
  chatExportBomb,
  deepNestingPdf,
  flateBombPdf,
  formFanOutPdf,
  gifDeclaring,
  jpegDeclaring,
  longChat,
  longLinePdf,
  longStringPdf,
  bigArrayPdf,
  bigToUnicodePdf,
  bigSavedWebPage,
  emailWithLongHeaders,
  nestedTablesDocx,
  pngUnpackingPast,
  animatedPng,
  manyEntriesArchive,
  manyOperatorsPdf,
  manyPagesPdf,
  pngDeclaring,
  scatteredTextPdf,
  bigPicturePdf,
  inlinePicturePdf,
  glyphFormsPdf,
  patternFormsPdf,
  softMaskFormsPdf,
  sharedContentPagesPdf,
  webpDeclaring,
  zipOf,
} from '../tests/helpers/hostile';
import { LIMITS } from '../shared/limits';
import { BODY_LINES_PER_PAGE } from '../electron/services/letters/pdf';
import { makeJpeg } from '../tests/helpers/images';
import { avifDeclaring, avifFile, heicFile, webpFile, type PicturePixels } from '../tests/helpers/pictures';

/** A page of lines of print in grey on white: what a photo or screenshot of a letter mostly is. */
function printedPage(width: number, height: number): PicturePixels {
  const line = Math.max(4, Math.round(height / 60));
  return {
    width,
    height,
    pixel: (x, y) =>
      Math.floor(y / line) % 2 === 1 && (x * 7 + y) % 13 < 6 ? [40, 40, 40] : [250, 248, 240],
  };
}

const here = dirname(fileURLToPath(import.meta.url));
const GB = 1024 * 1024 * 1024;

type SoakAction = 'import' | 'check' | 'case-import';

interface SoakInput {
  name: string;
  file: string;
  action: SoakAction;
  make: () => Promise<Uint8Array> | Uint8Array;
}

const INPUTS: SoakInput[] = [
  {
    name: 'PNG declaring 65535 × 65535 (100 bytes of data)',
    file: 'absurd.png',
    action: 'import',
    make: () => pngDeclaring(65535, 65535, 100),
  },
  {
    name: 'JPEG declaring 65000 × 65000',
    file: 'absurd.jpg',
    action: 'import',
    make: () => jpegDeclaring(65000, 65000),
  },
  {
    name: 'PNG bomb: 20000 × 20000 pixels of data',
    file: 'bomb.png',
    action: 'import',
    make: () => pngDeclaring(20000, 20000),
  },
  {
    name: 'PNG bomb under the pixel limit: 12000 × 9000',
    file: 'bomb-under.png',
    action: 'import',
    make: () => pngDeclaring(12000, 9000),
  },
  {
    // Was: 11.7 s and 3.2 GB in the reader (pdf-lib's decoder unpacked it all).
    name: 'A 100-pixel PNG whose picture data unpacks to 1.5 GB past its rows (1.5 MB)',
    file: 'past-rows.png',
    action: 'import',
    make: () => pngUnpackingPast(1536 * 1024 * 1024, 'data'),
  },
  {
    // Was: refused, having needed more memory than one file may use (pdf-lib unpacked the text).
    name: 'A 100-pixel PNG whose text chunks each unpack to 1 GB (2 MB)',
    file: 'text-bomb.png',
    action: 'import',
    make: () => pngUnpackingPast(1024 * 1024 * 1024, 'text'),
  },
  {
    // Was: 16 s, then refused as damaged (pdf-lib unpacked and kept every frame).
    name: 'An animated PNG of 200 frames of 2000 × 2000 (2 MB)',
    file: 'animated.png',
    action: 'import',
    make: () => animatedPng(200, 2000),
  },
  {
    name: 'Flate-bomb PDF: a 1 GB content stream',
    file: 'flate-bomb.pdf',
    action: 'import',
    make: () => flateBombPdf(GB),
  },
  {
    name: 'Flate-bomb PDF: a 1 GB content stream',
    file: 'flate-bomb.pdf',
    action: 'check',
    make: () => flateBombPdf(GB),
  },
  { name: '20,000-page PDF', file: 'pages.pdf', action: 'import', make: () => manyPagesPdf(20_000) },
  { name: '20,000-page PDF', file: 'pages.pdf', action: 'check', make: () => manyPagesPdf(20_000) },
  {
    name: '10,000 pages in a page tree of one node (the page limit)',
    file: 'one-node-pages.pdf',
    action: 'import',
    make: () => manyPagesPdf(10_000),
  },
  {
    name: 'Arrays nested 50,000 deep',
    file: 'nested.pdf',
    action: 'import',
    make: () => deepNestingPdf(50_000),
  },
  {
    name: 'Arrays nested 50,000 deep',
    file: 'nested.pdf',
    action: 'check',
    make: () => deepNestingPdf(50_000),
  },
  {
    name: 'Forms drawing forms 10 times, 8 deep, 50 pages',
    file: 'form-fan-out.pdf',
    action: 'import',
    make: () => formFanOutPdf(50, 8, 10),
  },
  {
    name: 'Forms drawing forms 10 times, 8 deep, 50 pages',
    file: 'form-fan-out.pdf',
    action: 'check',
    make: () => formFanOutPdf(50, 8, 10),
  },
  ...(['import', 'check'] as const).flatMap((action) => [
    {
      name: 'One page of 40 million operators (78 KB)',
      file: 'operators.pdf',
      action,
      make: () => manyOperatorsPdf(20_000_000),
    },
    {
      name: 'One string of 200,000 words in one Tj (600 KB)',
      file: 'long-string.pdf',
      action,
      make: () => longStringPdf(200_000),
    },
    {
      name: 'One line of 200,000 strings in one TJ',
      file: 'long-line.pdf',
      action,
      make: () => longLinePdf(200_000),
    },
    {
      name: 'One page of 900,000 pieces of text, each placed on its own',
      file: 'scattered-text.pdf',
      action,
      make: () => scatteredTextPdf(900_000),
    },
    {
      name: 'A glyph of a Type 3 font whose procedure draws forms 10 times, 8 deep',
      file: 'glyph-forms.pdf',
      action,
      make: () => glyphFormsPdf(8),
    },
    {
      name: 'A tiling pattern whose cell draws forms 10 times, 8 deep',
      file: 'pattern-forms.pdf',
      action,
      make: () => patternFormsPdf(8),
    },
    {
      name: 'A soft mask whose group draws forms 10 times, 8 deep',
      file: 'mask-forms.pdf',
      action,
      make: () => softMaskFormsPdf(8),
    },
    {
      name: 'A picture of 16,000 pixels square in a PDF of 2 KB',
      file: 'big-picture.pdf',
      action,
      make: () => bigPicturePdf(16_000, 16_000),
    },
    {
      name: 'An inline image of 20,000 pixels square in a PDF of 2 KB',
      file: 'inline-picture.pdf',
      action,
      make: () => inlinePicturePdf(20_000, 20_000),
    },
    {
      name: '2,000 pages each drawing one shared stream of 4 million operators',
      file: 'shared-content.pdf',
      action,
      make: () => sharedContentPagesPdf(2_000, 2_000_000),
    },
  ]),
  {
    name: 'Archive bomb: a 1.5 GB entry',
    file: 'bomb.zip',
    action: 'case-import',
    make: () => archiveBomb(1.5 * GB),
  },
  {
    name: 'WhatsApp chat whose photo unpacks to 1.5 GB, listed as 100 bytes',
    file: 'WhatsApp Chat - bomb.zip',
    action: 'import',
    make: () => chatExportBomb(1.5 * GB, 100),
  },
  {
    name: 'WhatsApp chat whose photo is listed as the 1.5 GB it unpacks to',
    file: 'WhatsApp Chat - big.zip',
    action: 'import',
    make: () => chatExportBomb(1.5 * GB),
  },
  {
    // Not hostile: the longest chat import lays out, as a text file and as a chat exported as a zip.
    name: 'A WhatsApp chat of 1 MB of text (the limit), about 400 pages',
    file: 'WhatsApp Chat with the school.txt',
    action: 'import',
    make: () => Buffer.from(longChat(LIMITS.textFileBytes)),
  },
  {
    name: 'The same chat exported as a zip',
    file: 'WhatsApp Chat with the school.zip',
    action: 'import',
    make: () =>
      zipOf([
        { name: 'WhatsApp Chat with the school.txt', data: Buffer.from(longChat(LIMITS.textFileBytes)) },
      ]),
  },
  {
    name: 'Two fonts sharing a ToUnicode map of 1,000 ranges of every two-byte code (2 KB)',
    file: 'big-tounicode.pdf',
    action: 'check',
    make: () => bigToUnicodePdf(1_000),
  },
  {
    name: 'The same, imported',
    file: 'big-tounicode.pdf',
    action: 'import',
    make: () => bigToUnicodePdf(1_000),
  },
  {
    // Refused by the limits scan (LIMITS.pdfContainerItems): before, pdf.js took 30 s reading its text.
    name: "A font's /Widths of 3 million numbers (12 MB)",
    file: 'big-array.pdf',
    action: 'check',
    make: () => bigArrayPdf(3_000_000),
  },
  {
    name: "A font's /Widths of as many numbers as one array may hold (2 MB)",
    file: 'big-array-limit.pdf',
    action: 'check',
    make: () => bigArrayPdf(LIMITS.pdfContainerItems),
  },
  {
    name: 'The same, imported',
    file: 'big-array-limit.pdf',
    action: 'import',
    make: () => bigArrayPdf(LIMITS.pdfContainerItems),
  },
  {
    name: 'A text file of one word 1 MB long (the limit)',
    file: 'one-word.txt',
    action: 'import',
    make: () => Buffer.from('a'.repeat(LIMITS.textFileBytes)),
  },
  {
    // 7,944 pages' worth: refused from its count of lines, before it is laid out (LIMITS.textPages).
    name: 'A text file of 1 MB of two-letter lines (the limit)',
    file: 'short-lines.txt',
    action: 'import',
    make: () => Buffer.from('ab\n'.repeat(Math.floor(LIMITS.textFileBytes / 3))),
  },
  {
    // Short lines that make as many pages as a text file may: the most a text file is laid out to.
    name: `A text file of short lines that make ${LIMITS.textPages} pages (the limit)`,
    file: 'page-limit.txt',
    action: 'import',
    make: () => Buffer.from('Sam is ok.\n'.repeat((LIMITS.textPages - 1) * BODY_LINES_PER_PAGE)),
  },
  {
    name: 'A web page saved from a browser at its limit (32 MB, mostly scripts), its text just under 1 MB',
    file: 'Messages with the school.html',
    action: 'import',
    make: () => Buffer.from(bigSavedWebPage(LIMITS.webPageBytes, LIMITS.textFileBytes * 0.95)),
  },
  {
    name: 'A saved email whose headers come to just under their limit (16 MB of recipients), then its message',
    file: 'Term dates.eml',
    action: 'import',
    make: () => emailWithLongHeaders(LIMITS.emailHeaderBytes - 1024),
  },
  {
    // Refused as an email whose headers are too long; was taken for plain text past 1 MB.
    name: 'A saved email of header lines only, as large as a file may be (200 MB)',
    file: 'Endless.eml',
    action: 'import',
    make: () => emailWithLongHeaders(LIMITS.importBytes - 1024, true),
  },
  {
    // Refused before LibreOffice is asked (LIMITS.wordTableNesting): it had not finished after 10 minutes.
    name: 'A Word document of tables nested 200 deep (a few kB)',
    file: 'tables.docx',
    action: 'import',
    make: () => nestedTablesDocx(200),
  },
  {
    // Refused before LibreOffice is asked (LIMITS.rtfGroupNesting): before, the 3-minute time limit stopped it.
    name: 'An RTF document of formatting nested 200,000 deep (1 MB)',
    file: 'nested.rtf',
    action: 'import',
    make: () => Buffer.from(`{\\rtf1\\ansi ${'{\\b '.repeat(200_000)}Hello${'}'.repeat(200_000)}}`, 'latin1'),
  },
  {
    // Not hostile: a phone or camera photo over the downscale size, decoded whole to be scaled down.
    name: 'A 48-megapixel photo (JPEG, 8000 × 6000)',
    file: 'photo-48mp.jpg',
    action: 'import',
    make: () => makeJpeg(8000, 6000),
  },
  {
    name: 'WebP declaring 16384 × 16384',
    file: 'absurd.webp',
    action: 'import',
    make: () => webpDeclaring(16384, 16384),
  },
  {
    name: 'GIF declaring 65535 × 65535',
    file: 'absurd.gif',
    action: 'import',
    make: () => gifDeclaring(65535, 65535),
  },
  {
    name: 'A TIFF scanned page 1 pixel wide and 65,537 tall',
    file: 'thin-scan.tif',
    action: 'import',
    make: () => makeTiff([{ width: 1, height: 65_537, kind: 'bilevel', pixel: () => [0, 0, 0] }]),
  },
  {
    name: 'BMP declaring 40000 × 40000',
    file: 'absurd.bmp',
    action: 'import',
    make: () => bmpDeclaring(40000, 40000),
  },
  {
    // Not hostile: an iPhone photo in its 48-megapixel mode, decoded whole (WebAssembly) to be scaled down.
    name: 'A 48-megapixel HEIC photo (8064 × 6048)',
    file: 'photo-48mp.heic',
    action: 'import',
    make: () => heicFile(printedPage(8064, 6048)),
  },
  {
    name: 'AVIF declaring 16384 × 16384',
    file: 'absurd.avif',
    action: 'import',
    make: () => avifDeclaring(16384, 16384),
  },
  {
    // Not hostile: a large photo saved as AVIF, at the limit for its kind, decoded whole (WebAssembly) to be
    // scaled down. Stored as a grid of four, as large AVIF photos are.
    name: 'An AVIF photo at the limit for its kind (7200 × 5000)',
    file: 'photo-36mp.avif',
    action: 'import',
    make: () => avifFile(printedPage(7200, 5000), { grid: [2, 2] }),
  },
  {
    name: 'A lossless WebP at the limit for its kind (8000 × 5000)',
    file: 'screenshot-40mp.webp',
    action: 'import',
    make: () => webpFile(printedPage(8000, 5000), { lossless: true }),
  },
  {
    name: 'Archive of 150,000 entries',
    file: 'entries.zip',
    action: 'case-import',
    make: () => manyEntriesArchive(150_000),
  },
];

interface SoakResult {
  input: string;
  action: SoakAction;
  bytes: number;
  outcome: string;
  message: string;
  exitCode: number | null;
  seconds: number;
  peakRssMB: number;
  withinGoal: boolean;
}

/** A field of a child's report as text (a string as it is; anything else as JSON). */
function reported(value: unknown, missing: string): string {
  if (value === undefined || value === null) return missing;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The child (soak/one.ts) as one bundle made with the configuration the app and the command line are built
 * with (scripts/esbuild.mjs, workers beside it), so its memory is what ships: through tsx every thread that
 * loads pdf.js pays about 300 MB more.
 */
async function prepareChild(): Promise<string> {
  const { build } = await import('esbuild');
  const { nodeBundleOptions, withWorkers } = await import('./esbuild.mjs');
  const outdir = join(here, '..', 'node_modules', '.cache', 'send-bundle-soak');
  await build({
    ...nodeBundleOptions({
      format: 'esm',
      outdir,
      up: '../../..',
      entryPoints: withWorkers({ one: join(here, 'soak', 'one.ts') }),
    }),
    logLevel: 'error',
  });
  return join(outdir, 'one.mjs');
}

function runOne(
  childScript: string,
  action: SoakAction,
  file: string,
): Promise<{ report: Record<string, unknown>; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [childScript, action, file], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '{}';
      let report: Record<string, unknown>;
      try {
        report = JSON.parse(line) as Record<string, unknown>;
      } catch {
        report = { outcome: 'crashed', message: out.slice(-300) };
      }
      resolve({ report, code });
    });
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { json: { type: 'boolean' }, only: { type: 'string' } } });
  const work = mkdtempSync(join(tmpdir(), 'send-bundle-soak-'));
  const results: SoakResult[] = [];
  const childScript = await prepareChild();
  try {
    const made = new Map<string, number>();
    for (const input of INPUTS) {
      if (values.only && !input.file.includes(values.only)) continue;
      const path = join(work, input.file);
      if (!made.has(input.file)) {
        const bytes = await input.make();
        writeFileSync(path, bytes);
        made.set(input.file, bytes.length);
      }
      const { report, code } = await runOne(childScript, input.action, path);
      const seconds = Number(report.seconds ?? NaN);
      const peakRssMB = Number(report.peakRssMB ?? NaN);
      const result: SoakResult = {
        input: input.name,
        action: input.action,
        bytes: made.get(input.file) ?? 0,
        outcome: reported(report.outcome, 'unknown'),
        message: reported(report.message, ''),
        exitCode: code,
        seconds,
        peakRssMB,
        withinGoal: seconds < 30 && peakRssMB < 1024,
      };
      results.push(result);
      if (!values.json)
        console.log(
          `${result.withinGoal ? 'ok  ' : 'SLOW'} ${input.action.padEnd(11)} ${input.name.padEnd(50)} ` +
            `${result.seconds.toFixed(1).padStart(6)} s ${String(Math.round(result.peakRssMB)).padStart(5)} MB  ` +
            `${result.outcome}: ${result.message.slice(0, 140)}`,
        );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  let cpu = '';
  try {
    cpu = execFileSync('nproc', { encoding: 'utf8' }).trim();
  } catch {
    // Not Linux.
  }
  if (values.json) console.log(JSON.stringify({ cores: cpu, results }, null, 2));
  else
    console.log(
      `${results.filter((r) => r.withinGoal).length} of ${results.length} within 30 s and 1 GB (${cpu} cores).`,
    );
  process.exitCode = results.every((r) => r.withinGoal && r.outcome !== 'crashed') ? 0 : 1;
}

await main();
