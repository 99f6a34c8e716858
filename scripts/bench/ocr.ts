/**
 * Times text recognition (OCR) on a 20-page scanned document, as the app runs it: the OCR worker thread
 * and its recogniser threads (one per core), pages taken from the scans' own pictures, straightened, read
 * and given their text layer. `scripts/bench.ts` runs it; it also runs on its own:
 *
 *   node --import tsx scripts/bench/ocr.ts [--pages N] [--json]
 *
 * The document is made first, then read in a child process of its own, so the peak RSS is text
 * recognition's alone (making the scans with a canvas costs memory of its own).
 *
 * The document is made from known text (tests/helpers/scans.ts): A4 pages scanned at 300 dpi, every third
 * one fed in a little crooked, as JPEG pictures (what scanners' "scan to PDF" makes). The timed part is what
 * a user waits for once the document is added: from handing the PDF over to having the searchable copy,
 * starting the threads included.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { OcrRunner } from '../../electron/services/ocr/runner';
import { installPdfLibPatches } from '../../electron/services/pdf/pdfLibPatches';
import { peakRssKb } from '../../electron/services/workers/peakRss';
import { makeScannedPdf, SCAN_PARAGRAPHS } from '../../tests/helpers/scans';

const SCRIPT = fileURLToPath(import.meta.url);
const ROOT = resolve(dirname(SCRIPT), '..', '..');

export interface OcrBench {
  pages: number;
  threads: number;
  cores: number;
  seconds: number;
  pagesPerMinute: number;
  wordsPerPage: number;
  peakRssMB: number;
  documentMB: number;
  /** CPU time (every thread of both processes) per page: what the load of other work does not change much. */
  cpuSecondsPerPage: number;
  /** The machine's 1-minute load average at the start and the end (2 cores: above 2, others are waiting). */
  loadAverage: [number, number];
}

/** A scanned document of `pages` pages of known text. */
export async function scannedDocument(pages: number): Promise<Uint8Array> {
  return makeScannedPdf(
    Array.from({ length: pages }, (_, i) => ({
      dpi: 300,
      rotate: i % 3 === 2 ? (i % 2 ? 1.2 : -0.8) : 0,
      // Each page a different order of the paragraphs, so no two pages are the same picture.
      paragraphs: SCAN_PARAGRAPHS.map((_, j) => SCAN_PARAGRAPHS[(i + j) % SCAN_PARAGRAPHS.length]),
      seed: i + 1,
    })),
  );
}

export async function benchOcr(pdfPath: string, pages: number): Promise<OcrBench> {
  const runner = new OcrRunner();
  const outPath = `${pdfPath}.searchable.pdf`;
  const loadAtStart = loadavg()[0];
  const cpuAtStart = process.cpuUsage();
  const started = performance.now();
  const result = await runner.run(
    pdfPath,
    outPath,
    Array.from({ length: pages }, (_, i) => i + 1),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuAtStart);
  // Recognition runs in a process of its own (a new one: this runner's first document).
  const worker = runner.workerUsage;
  if (!worker) throw new Error('The OCR worker did not say what it used.');
  await runner.terminate();
  if (result.failed.length > 0 || result.pages.length !== pages || !result.written)
    throw new Error(`Text recognition did not read every page: ${JSON.stringify(result.failed)}`);
  rmSync(outPath, { force: true });
  const words = result.pages.reduce((sum, p) => sum + p.words, 0);
  return {
    pages,
    threads: runner.threads,
    cores: availableParallelism(),
    seconds: Math.round(seconds * 10) / 10,
    pagesPerMinute: Math.round((pages / seconds) * 60 * 10) / 10,
    wordsPerPage: Math.round(words / pages),
    // The two processes' peaks added: an upper bound of what they held at once.
    peakRssMB: Math.round((peakRssKb() + worker.peakRssKb) / 1024),
    documentMB: Math.round((statSync(pdfPath).size / 1024 / 1024) * 10) / 10,
    cpuSecondsPerPage: Math.round(((cpu.user + cpu.system + worker.cpuMicros) / 1e6 / pages) * 10) / 10,
    loadAverage: [Math.round(loadAtStart * 10) / 10, Math.round(loadavg()[0] * 10) / 10],
  };
}

/** Makes the document, then times its recognition in a child process; returns the child's figures. */
export async function runOcrBench(pages = 20): Promise<OcrBench> {
  const dir = mkdtempSync(join(tmpdir(), 'send-bundle-ocr-bench-'));
  try {
    const document = join(dir, 'scan.pdf');
    writeFileSync(document, await scannedDocument(pages));
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', SCRIPT, '--document', document, '--pages', String(pages), '--json'],
      { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
    );
    if (run.status !== 0) throw new Error(`Text recognition failed:\n${run.stderr}`);
    return JSON.parse(run.stdout.trim().split('\n').pop()!) as OcrBench;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      pages: { type: 'string', default: '20' },
      json: { type: 'boolean', default: false },
      document: { type: 'string' },
    },
  });
  const pages = Number(values.pages);
  if (!Number.isInteger(pages) || pages < 1) {
    process.stderr.write('Usage: node --import tsx scripts/bench/ocr.ts [--pages N] [--json]\n');
    process.exit(2);
  }
  installPdfLibPatches();
  const result = values.document ? await benchOcr(resolve(values.document), pages) : await runOcrBench(pages);
  if (values.json) process.stdout.write(JSON.stringify(result) + '\n');
  else
    process.stdout.write(
      `Text recognition: ${result.pages} scanned pages (300 dpi, ${result.documentMB} MB) in ${result.seconds} s, ` +
        `${result.pagesPerMinute} pages/minute on ${result.threads} recogniser threads (${result.cores} cores), ` +
        `${result.wordsPerPage} words/page, peak RSS ${result.peakRssMB} MB; ${result.cpuSecondsPerPage} CPU s/page ` +
        `(on idle cores: about ${Math.round((60 * result.threads) / result.cpuSecondsPerPage)} pages/minute); ` +
        `load ${result.loadAverage.join(' → ')}\n`,
    );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error) => {
    process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  });
}
