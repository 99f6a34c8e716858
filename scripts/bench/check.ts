/**
 * Times the bundle checker on one PDF. `scripts/bench.ts` calls `benchCheck` on the 1,000-page bundle it
 * builds; it also runs on its own:
 *
 *   node --import tsx scripts/bench/check.ts BUNDLE.pdf [--rules send|dd] [--json]
 *
 * The timed part is what a user waits for: reading the file and the whole check (opening it with pdf.js,
 * every page's text, bookmarks, links, limits, page checks). Loading the pdf.js module itself happens once
 * per app session and is done (and reported) before the clock starts.
 */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { checkPdf } from '../../electron/services/checker/check';
import { openWithPdfjs } from '../../electron/services/pdf/pdfjs';
import { installPdfLibPatches } from '../../electron/services/pdf/pdfLibPatches';
import { peakRssKb } from '../../electron/services/workers/peakRss';
import type { CheckRules, CheckSeverity } from '../../shared/domain/checker';

/** A one-page PDF, opened once so pdf.js's modules are loaded before timing. */
const TINY_PDF =
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
  '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';

/** Loads pdf.js (once per process); returns how long that took in seconds. */
async function warmUpPdfjs(): Promise<number> {
  const started = performance.now();
  const doc = await openWithPdfjs(new TextEncoder().encode(TINY_PDF));
  await doc.destroy();
  return (performance.now() - started) / 1000;
}

interface CheckBench {
  seconds: number;
  pages: number;
  megabytes: number;
  counts: Record<CheckSeverity, number>;
  peakRssMB: number;
}

async function benchCheck(pdfPath: string, rules: CheckRules = 'send'): Promise<CheckBench> {
  await warmUpPdfjs();
  const started = performance.now();
  const bytes = readFileSync(pdfPath);
  const result = await checkPdf(bytes, { rules, fileName: basename(pdfPath) });
  const seconds = (performance.now() - started) / 1000;
  return {
    seconds: Math.round(seconds * 100) / 100,
    pages: result.summary.pageCount,
    megabytes: Math.round((bytes.length / 1024 / 1024) * 10) / 10,
    counts: result.summary.counts,
    peakRssMB: Math.round(peakRssKb() / 1024),
  };
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { rules: { type: 'string', default: 'send' }, json: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  if (positionals.length !== 1 || (values.rules !== 'send' && values.rules !== 'dd')) {
    process.stderr.write(
      'Usage: node --import tsx scripts/bench/check.ts BUNDLE.pdf [--rules send|dd] [--json]\n',
    );
    process.exit(2);
  }
  installPdfLibPatches();
  const path = resolve(positionals[0]);
  const loadSeconds = Math.round((await warmUpPdfjs()) * 100) / 100;
  const result = await benchCheck(path, values.rules);
  if (values.json) {
    process.stdout.write(JSON.stringify({ file: path, pdfjsLoadSeconds: loadSeconds, ...result }) + '\n');
  } else {
    process.stdout.write(
      `Checked ${basename(path)}: ${result.pages} pages, ${result.megabytes} MB in ${result.seconds} s ` +
        `(${Math.round(result.pages / result.seconds)} pages/s; pdf.js load ${loadSeconds} s before timing; ` +
        `peak RSS ${result.peakRssMB} MB; ${result.counts.error} errors, ${result.counts.warning} warnings, ` +
        `${result.counts.note} notes)\n`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error) => {
    process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  });
}
