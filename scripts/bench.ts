/**
 * Bundle benchmark (`npm run bench`, `npm run bench -- --json`).
 *
 * Generates a corpus like a real hearing bundle's evidence (about 60 documents, 1,000 pages, 240 MB: text
 * documents and scanned-image documents, A4, Letter, landscape and /Rotate pages; deterministic
 * pseudo-random content), imports it with `send-bundle import` (MB/s for text PDFs and for scans), then
 * times, interleaved in the same run (rotating which goes first), median of --runs:
 *   - the headline, what a user waits for: `send-bundle build` as a process, with its verification (the
 *     command line as npm install builds it, scripts/build-cli.mjs);
 *   - the engine alone (plan, cover, index, dividers, copy, stamp, labels, outline, links, streamed write)
 *     in a child process bundled with the same configuration (scripts/esbuild.mjs);
 *   - the engine with page normalisation off (pages kept at their own sizes, no source bookmarks): what
 *     normalising pages onto A4 costs (issue #10: at most 10%);
 *   - `qpdf --empty --pages … --` merging the same files (where qpdf is installed).
 * Then: the peak memory of `send-bundle build`, verification on its own (sampled, as every build does, and
 * of every page), `send-bundle check` of the bundle (time and peak memory), `send-bundle compare` of two
 * 1,000-page bundles (the command line's and the engine child's: time and peak memory), and the command line's
 * start-up (`--help`, and `case list`, which opens the data folder), beside Node's own (`node -e 0`).
 * Then delivery parts: the corpus's bundle split under 20 MB, and the parts test at full size
 * (tests/bench/parts-200mb.test.ts, about 200 MB of scans; too long for every CI run): a failure there
 * fails the bench (exit 1, FAILED and the test's output).
 * Then, in its own child process, text recognition (OCR) of a 20-page scanned document
 * (scripts/bench/ocr.ts: pages per minute and peak RSS).
 * Every process is also measured in CPU seconds (user + system, all its threads, from /proc): on a machine
 * shared with other work, wall times mostly measure the others' load; CPU time is what the work costs.
 * The machine's load average is reported at the start, after each run and at the end.
 *
 * Options: --runs N (default 3), --json, --corpus DIR (reuse or keep a corpus there), --keep, --skip-ocr.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { deflateSync } from 'node:zlib';
import { PDFDocument, StandardFonts, degrees } from '@cantoo/pdf-lib';
import { installPdfLibPatches } from '../electron/services/pdf/pdfLibPatches';
import { peakRssKb } from '../electron/services/workers/peakRss';
import { CLI_V8_FLAGS } from '../cli/v8Flags.mjs';
import type { PlanDocument } from '../shared/bundle/types';
import { writeScanPdfFile } from '../tests/helpers/scanPdf';

const SCRIPT = fileURLToPath(import.meta.url);
const ROOT = resolve(dirname(SCRIPT), '..');
const RUN_CACHED = join(ROOT, 'scripts', 'bench', 'run-cached.mjs');
const CORPUS_VERSION = 3;

interface CorpusDoc extends PlanDocument {
  path: string;
}
interface Manifest {
  version: number;
  documents: CorpusDoc[];
  pages: number;
  textPages: number;
  scanPages: number;
  bytes: number;
}

/** Deterministic pseudo-random numbers (LCG): the same corpus every run. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s;
  };
}

const WORDS =
  'the child local authority tribunal provision needs assessment school support speech language therapy plan section outcome report evidence parent review placement specialist teaching assistant anxiety communication progress reading writing sensory occupational education health care appendix recommendation weekly hours qualified'.split(
    ' ',
  );

/** A text document: pages of Helvetica paragraphs, like a report or letter written on a computer. */
async function textDocument(
  seed: number,
  pages: number,
  size: [number, number],
  rotate: number,
): Promise<Uint8Array> {
  const rand = lcg(seed);
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  for (let p = 0; p < pages; p++) {
    const page = doc.addPage(size);
    if (rotate) page.setRotation(degrees(rotate));
    const [w, h] = size;
    page.drawText(`Document ${seed}, page ${p + 1} of ${pages}`, { x: 56, y: h - 60, size: 14, font: bold });
    for (let y = h - 90; y > 60; y -= 14) {
      let line = '';
      while (line.length < (w - 112) / 5.2) line += WORDS[rand() % WORDS.length] + ' ';
      page.drawText(line.trim(), { x: 56, y, size: 10, font });
    }
  }
  doc.setCreationDate(new Date('2025-01-01T00:00:00Z'));
  doc.setModificationDate(new Date('2025-01-01T00:00:00Z'));
  return doc.save({ useObjectStreams: false });
}

/**
 * A scanned document, written by hand for speed: each page one RGB image of noise (about 1.5 MB, like a
 * colour scan), drawn over the whole page. The image is Flate-encoded with stored (level 0) blocks:
 * already-compressed data of scan size, as a JPEG scan is, which no tool under test recompresses.
 */
function scannedDocument(
  path: string,
  seed: number,
  pages: number,
  landscapeEvery: number,
  rotateEvery: number,
): PageSizes {
  const sizes: PageSizes = [];
  const side = 720;
  const imageBytes = side * side * 3;
  const rand = lcg(seed);
  const pixels = new Uint8Array(imageBytes);
  writeScanPdfFile(path, pages, (p) => {
    const landscape = landscapeEvery > 0 && p % landscapeEvery === landscapeEvery - 1;
    const rotate = rotateEvery > 0 && p % rotateEvery === rotateEvery - 1 ? 90 : 0;
    const [w, h] = landscape ? [841.89, 595.28] : [595.28, 841.89];
    sizes.push({ width: w, height: h, rotate });
    // Noise with a paper-like bias: mostly light, some dark "ink".
    for (let i = 0; i < imageBytes; i += 4) {
      const r = rand();
      pixels[i] = 200 + (r & 0x37);
      pixels[i + 1] = 200 + ((r >>> 8) & 0x37);
      pixels[i + 2] = (r >>> 16) & 0xff;
      pixels[i + 3] = (r >>> 24) & 0xff;
    }
    const data = deflateSync(pixels, { level: 0 });
    return { width: w, height: h, rotate, image: { width: side, height: side, filter: 'FlateDecode', data } };
  });
  return sizes;
}

type PageSizes = { width: number; height: number; rotate: number }[];

const sha256File = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** About 60 documents, 1,000 pages, 240 MB, spread over sections A–D. */
async function generateCorpus(dir: string): Promise<Manifest> {
  mkdirSync(dir, { recursive: true });
  const documents: CorpusDoc[] = [];
  const sections = ['A', 'B', 'C', 'D'];
  let textPages = 0;
  let scanPages = 0;
  for (let i = 0; i < 60; i++) {
    const scanned = i % 3 === 2; // 20 scanned documents, 40 text documents
    const path = join(dir, `doc-${String(i + 1).padStart(2, '0')}.pdf`);
    let pageSizes: PageSizes;
    let pagesWithoutText: number[] = [];
    if (scanned) {
      const pages = 5 + (i % 7); // 5–11 pages
      pageSizes = scannedDocument(path, 1000 + i, pages, i % 4 === 0 ? 3 : 0, i % 5 === 0 ? 4 : 0);
      pagesWithoutText = pageSizes.map((_, p) => p + 1);
      scanPages += pages;
    } else {
      const pages = 12 + ((i * 11) % 19); // 12–30 pages
      const size: [number, number] =
        i % 5 === 1 ? [612, 792] : i % 9 === 4 ? [841.89, 595.28] : [595.28, 841.89];
      const rotate = i % 13 === 7 ? 270 : 0;
      writeFileSync(path, await textDocument(i + 1, pages, size, rotate));
      pageSizes = Array.from({ length: pages }, () => ({ width: size[0], height: size[1], rotate }));
      textPages += pages;
    }
    documents.push({
      id: i + 1,
      section: sections[Math.floor((i * sections.length) / 60)],
      title: `${scanned ? 'Scanned letter' : 'Report'} ${i + 1}`,
      documentDate: '2025-06-01',
      kind: 'other',
      pageCount: pageSizes.length,
      sha256: sha256File(path),
      pageSizes,
      pagesWithoutText,
      included: true,
      path,
    });
  }
  const manifest: Manifest = {
    version: CORPUS_VERSION,
    documents,
    pages: textPages + scanPages,
    textPages,
    scanPages,
    bytes: documents.reduce((sum, d) => sum + statSync(d.path).size, 0),
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return manifest;
}

// ---------- child processes: one measured job each ----------

async function child(mode: string, manifestPath: string, outPath: string): Promise<void> {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const started = performance.now();
  const result: Record<string, number | boolean | string> = {};
  if (mode === 'build' || mode === 'build-as-is') {
    const { planBundle } = await import('../shared/bundle/plan');
    const { SEND_PACK } = await import('../shared/rules/index');
    const { renderBundle } = await import('../electron/services/bundle/engine');
    const { measureWithDejaVu } = await import('../electron/services/bundle/fonts');
    const engineStart = performance.now();
    const plan = planBundle(
      {
        pack: SEND_PACK,
        witnesses: [],
        documents: manifest.documents,
        planCase: {
          id: 1,
          title: 'Benchmark case',
          appealType: 'contents-of-plan',
          childName: 'Zoë Kowalczyk',
          laName: 'Benchmark Council',
          tribunalRef: 'EH000/26/00000',
          hearingDate: '2026-06-01',
          extended: false,
          extendedHealth: false,
          extendedSocialCare: false,
          appellants: ['محمد الحسن'],
        },
      },
      {
        numbering: 'section',
        lateInsertMode: 'renumber',
        dividers: true,
        compiledDate: '2026-05-01',
        version: 1,
        placementOnly: false,
        issued: null,
        // The default (pages put on A4, source bookmarks kept), or everything kept as it is.
        ...(mode === 'build-as-is'
          ? { pageSettings: { normalisePages: false, landscapePages: 'keep', sourceBookmarks: false } }
          : {}),
      },
      measureWithDejaVu,
    );
    const paths = new Map(manifest.documents.map((d) => [d.id, d.path]));
    const fd = openSync(outPath, 'w');
    // As the app builds: the verifier's reader worker starts with the build and digests part of the pages
    // for the fingerprint on the second core.
    const { PageTextReader } = await import('../electron/services/pdf/read/text');
    // Nothing reads text here: the reader's thread does not load pdf.js (a build loads it for verification).
    const reader = PageTextReader.start({ text: false });
    const identity = await renderBundle(
      plan,
      (doc) => paths.get(doc.documentId)!,
      {
        write: (chunk) => {
          let off = 0;
          while (off < chunk.length) off += writeSync(fd, chunk, off, chunk.length - off);
        },
        // The fingerprint pass reads the pages back from the file being written.
        readBack: () => ({ path: outPath }),
      },
      { digestHelper: reader },
    );
    await reader.close();
    closeSync(fd);
    writeFileSync(`${outPath}.plan.json`, JSON.stringify(plan));
    writeFileSync(
      `${outPath}.identity.json`,
      JSON.stringify({
        fingerprint: identity.fingerprint,
        digest: identity.digest,
        pageDigests: identity.pageDigests,
        fileBytes: identity.fileBytes,
      }),
    );
    result.engineSeconds = (performance.now() - engineStart) / 1000;
    result.pages = plan.pageCount;
  } else if (mode === 'verify' || mode === 'verify-full') {
    const { verifyBundle } = await import('../electron/services/bundle/verify');
    const plan = JSON.parse(readFileSync(`${outPath}.plan.json`, 'utf8')) as Parameters<
      typeof verifyBundle
    >[1];
    // As a build verifies: the fingerprint printed by the engine checked against the pages, with the
    // engine's read-back of the file before its identity update.
    const identity = JSON.parse(readFileSync(`${outPath}.identity.json`, 'utf8')) as {
      fingerprint: string;
      digest: string;
      pageDigests: string[];
      fileBytes: number;
    };
    const verifyStart = performance.now();
    const verification = await verifyBundle(outPath, plan, {
      depth: mode === 'verify-full' ? 'full' : 'sample',
      identity,
    });
    result.verifySeconds = (performance.now() - verifyStart) / 1000;
    result.ok = verification.ok;
    result.textPagesRead = verification.textPagesRead ?? 0;
  }
  result.seconds = (performance.now() - started) / 1000;
  result.peakRssMB = peakRssKb() / 1024;
  process.stdout.write(JSON.stringify(result) + '\n');
}

/**
 * The engine and verification children run as one bundle made with the configuration the shipped app and
 * command line are built with (scripts/esbuild.mjs), so their times are Node start-up plus our work.
 */
async function prepareChild(): Promise<string> {
  const { build } = await import('esbuild');
  const { nodeBundleOptions, pdfjsBundleOptions, withWorkers, NODE_EXTERNALS } =
    await import('./esbuild.mjs');
  const outdir = join(ROOT, 'node_modules', '.cache', 'send-bundle-bench');
  await Promise.all([
    build({
      // As the command line is built (one CommonJS file, run with a code cache by scripts/bench/run-cached.mjs
      // as cli/send-bundle.mjs runs it), with the workers beside it (pdf.js's text reader), and pdf.js as
      // the command's threads load it.
      ...nodeBundleOptions({
        format: 'cjs',
        outdir,
        up: '../../..',
        entryPoints: withWorkers({ child: SCRIPT }),
        pdfjsWithCodeCache: true,
      }),
      logLevel: 'error',
      external: [...NODE_EXTERNALS, 'esbuild'],
    }),
    build({ ...pdfjsBundleOptions({ outdir }), logLevel: 'error' }),
  ]);
  // Code caches of an earlier build of the child would not be used (each names what it was made from).
  rmSync(join(outdir, 'v8-cache'), { recursive: true, force: true });
  return join(outdir, 'child.cjs');
}

interface Timed {
  wall: number;
  /** CPU seconds (user + system) the process and its threads used: what load on a shared machine inflates least. */
  cpu: number | null;
  /** Page faults the process and its threads made (not its own children's that it did not wait for). */
  pageFaults: number | null;
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * CPU seconds used so far by this process's finished (waited-for) children, from /proc/self/stat's cutime and
 * cstime (Linux; null elsewhere). Read before and after a spawnSync, it gives that child's CPU time.
 */
/**
 * What the waited-for children of this process have used so far, from /proc (null elsewhere): CPU seconds
 * (user + system) and page faults that needed no disk (memory new to the process, and pages already in the
 * page cache), which a virtual machine can make far dearer than the work itself (machineFacts).
 */
function childrenUsage(): { cpu: number; pageFaults: number } | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return {
      cpu: (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS,
      pageFaults: Number(fields[8]),
    };
  } catch {
    return null;
  }
}
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

function timed(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Timed {
  const before = childrenUsage();
  const started = performance.now();
  const run = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env });
  if (run.error) throw run.error;
  const after = childrenUsage();
  return {
    wall: (performance.now() - started) / 1000,
    cpu: before === null || after === null ? null : after.cpu - before.cpu,
    pageFaults: before === null || after === null ? null : after.pageFaults - before.pageFaults,
    status: run.status,
    stdout: run.stdout,
    stderr: run.stderr,
  };
}

function lastJson(text: string): Record<string, number> {
  const line = text.trim().split('\n').pop() ?? '{}';
  return JSON.parse(line) as Record<string, number>;
}

function runChild(
  entry: string,
  mode: string,
  manifestPath: string,
  outPath: string,
): { result: Record<string, number>; wall: number; cpu: number | null; pageFaults: number | null } {
  // With the command line's V8 settings, as the engine runs in `send-bundle build`.
  const run = timed(process.execPath, [
    ...CLI_V8_FLAGS,
    RUN_CACHED,
    entry,
    '--child',
    mode,
    manifestPath,
    outPath,
  ]);
  if (run.status !== 0) throw new Error(`The ${mode} step failed:\n${run.stderr}`);
  return { result: lastJson(run.stdout), wall: run.wall, cpu: run.cpu, pageFaults: run.pageFaults };
}

const CLI = join(ROOT, 'cli', 'send-bundle.mjs');
const CLI_RUN = join(ROOT, 'scripts', 'bench', 'cli-run.mjs');

/** `send-bundle ARGS` as users run it (cli/send-bundle.mjs); refuses to go on if it fails. */
function cli(args: string[]): Timed {
  const run = timed(process.execPath, [CLI, ...args]);
  if (run.status !== 0 && run.status !== 1) throw new Error(`send-bundle ${args[2]} failed:\n${run.stderr}`);
  return run;
}

/**
 * The same command through scripts/bench/cli-run.mjs, for its peak memory, with the CPU seconds of its
 * untrusted-file workers' processes added (the command ends them without waiting, so they are not in its own).
 */
function cliMemory(args: string[]): { wall: number; cpu: number | null; peakRssMB: number } {
  const run = timed(process.execPath, [CLI_RUN, ...args]);
  // 1 is an answer (a check's errors, a comparison's differences), not a failure.
  if (run.status !== 0 && run.status !== 1) throw new Error(`send-bundle ${args[2]} failed:\n${run.stderr}`);
  const { peakRssMB, workerCpuSeconds } = lastJson(run.stderr);
  return { wall: run.wall, cpu: run.cpu === null ? null : run.cpu + (workerCpuSeconds ?? 0), peakRssMB };
}

/**
 * What tells two machines apart, for reading ratios across them: qpdf's version, and the seconds a fresh
 * process takes to fill 512 MB of new memory (median of 3). On one machine that took four times as long as
 * usual, half of it in the kernel, and qpdf's merge (which writes 236 MB) slowed more than the build.
 */
function machineFacts(): {
  qpdfVersion: string | null;
  memoryFillSeconds: number | null;
  pageFaultMicros: number | null;
  syscallMicros: number | null;
} {
  const version = spawnSync('qpdf', ['--version'], { encoding: 'utf8' });
  const qpdfVersion = version.error ? null : (/qpdf version (\S+)/.exec(version.stdout)?.[1] ?? null);
  const fills = [0, 1, 2].flatMap(() => {
    const run = spawnSync(
      process.execPath,
      [
        '-e',
        'const t = performance.now(); Buffer.alloc(512 * 1024 * 1024).fill(1); console.log((performance.now() - t) / 1000)',
      ],
      { encoding: 'utf8' },
    );
    const seconds = Number(run.stdout.trim());
    return run.status === 0 && Number.isFinite(seconds) ? [seconds] : [];
  });
  const memoryFillSeconds = fills.length ? median(fills) : null;
  const pageSize = Number(spawnSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }).stdout?.trim()) || 4096;
  // 200,000 one-byte reads and writes: what a system call costs here (a virtual machine can make it many
  // times dearer). qpdf's merge of the corpus makes about 300,000 (docs/performance.md); a build, 13,000.
  const calls = [0, 1, 2].flatMap(() => {
    const started = performance.now();
    const run = spawnSync('dd', ['if=/dev/zero', 'of=/dev/null', 'bs=1', 'count=100000'], {
      stdio: 'ignore',
    });
    return run.error || run.status !== 0 ? [] : [(performance.now() - started) / 1000];
  });
  return {
    qpdfVersion,
    memoryFillSeconds: memoryFillSeconds === null ? null : round(memoryFillSeconds, 3),
    // The fill's time per page of new memory: each is a page fault (and the page written once).
    pageFaultMicros:
      memoryFillSeconds === null
        ? null
        : round((memoryFillSeconds * 1e6 * pageSize) / (512 * 1024 * 1024), 2),
    syscallMicros: calls.length ? round((median(calls) * 1e6) / 200_000, 2) : null,
  };
}

function runQpdf(
  files: string[],
  outPath: string,
): { wall: number; cpu: number | null; pageFaults: number | null } | null {
  const before = childrenUsage();
  const started = performance.now();
  const run = spawnSync('qpdf', ['--empty', '--pages', ...files, '--', outPath], { stdio: 'ignore' });
  if (run.error) return null;
  if (run.status !== 0 && run.status !== 3) throw new Error(`qpdf failed with status ${run.status}`);
  const after = childrenUsage();
  return {
    wall: (performance.now() - started) / 1000,
    cpu: before === null || after === null ? null : after.cpu - before.cpu,
    pageFaults: before === null || after === null ? null : after.pageFaults - before.pageFaults,
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const load = () => round(loadavg()[0], 1);

/**
 * A data folder with the corpus imported through the command line, text documents and scans each in their
 * own commands (so each kind's import speed can be told), one command per section and kind.
 */
function importCorpus(manifest: Manifest, dataDir: string) {
  const base = ['--data-dir', dataDir];
  cli([
    ...base,
    'case',
    'new',
    '--title',
    'Benchmark case',
    '--role',
    'la',
    '--appeal-type',
    'contents-of-plan',
    '--child-name',
    'Zoë Kowalczyk',
    '--la-name',
    'Benchmark Council',
  ]);
  const kinds = { text: { seconds: 0, bytes: 0, pages: 0 }, scan: { seconds: 0, bytes: 0, pages: 0 } };
  for (const kind of ['text', 'scan'] as const) {
    for (const section of ['A', 'B', 'C', 'D']) {
      const docs = manifest.documents.filter(
        (d) => d.section === section && d.pagesWithoutText.length > 0 === (kind === 'scan'),
      );
      if (docs.length === 0) continue;
      const run = cli([...base, 'import', '1', ...docs.map((d) => d.path), '--section', section]);
      if (run.status !== 0) throw new Error(`Importing the corpus failed:\n${run.stdout}${run.stderr}`);
      kinds[kind].seconds += run.wall;
      kinds[kind].bytes += docs.reduce((sum, d) => sum + statSync(d.path).size, 0);
      kinds[kind].pages += docs.reduce((sum, d) => sum + d.pageCount, 0);
    }
  }
  const mbps = (k: { seconds: number; bytes: number }) => k.bytes / 1024 / 1024 / k.seconds;
  return {
    importTextMBps: round(mbps(kinds.text), 1),
    importScanMBps: round(mbps(kinds.scan), 1),
    // Text documents are small (a few kB a page): what their import costs shows in pages a second.
    importTextPagesPerSecond: round(kinds.text.pages / kinds.text.seconds, 1),
    importScanPagesPerSecond: round(kinds.scan.pages / kinds.scan.seconds, 1),
    importSeconds: round(kinds.text.seconds + kinds.scan.seconds, 1),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean' },
      runs: { type: 'string' },
      corpus: { type: 'string' },
      keep: { type: 'boolean' },
      'skip-ocr': { type: 'boolean' },
      child: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  installPdfLibPatches();
  if (values.child) {
    const [manifestPath, outPath] = process.argv.slice(process.argv.indexOf(values.child) + 1);
    await child(values.child, manifestPath, outPath);
    return;
  }
  const say = (line: string) => {
    if (!values.json) process.stdout.write(line + '\n');
  };
  const runs = Math.max(1, Number(values.runs ?? 3));
  const dir = values.corpus ? resolve(values.corpus) : mkdtempSync(join(tmpdir(), 'send-bundle-bench-'));
  const manifestPath = join(dir, 'manifest.json');
  let manifest: Manifest;
  const genStart = performance.now();
  if (
    existsSync(manifestPath) &&
    (JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest).version === CORPUS_VERSION
  ) {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    say(`Reusing the corpus in ${dir}`);
  } else {
    say(`Generating the corpus in ${dir} …`);
    manifest = await generateCorpus(dir);
  }
  const inputMB = manifest.bytes / 1024 / 1024;
  say(
    `Corpus: ${manifest.documents.length} documents, ${manifest.pages} pages (${manifest.textPages} text, ` +
      `${manifest.scanPages} scanned), ${inputMB.toFixed(1)} MB (ready in ${((performance.now() - genStart) / 1000).toFixed(1)} s)`,
  );
  const loadAtStart = load();

  // What ships: the command line as npm install builds it, and the children built the same way.
  const { buildCli } = await import('./build-cli.mjs');
  await buildCli();
  const childEntry = await prepareChild();
  const outDir = join(dir, 'out');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const dataDir = join(outDir, 'data');
  const bundlePath = join(outDir, 'bundle.pdf');
  const qpdfPath = join(outDir, 'qpdf.pdf');
  const files = manifest.documents.map((d) => d.path);

  say('Importing the corpus with send-bundle import …');
  const imported = importCorpus(manifest, dataDir);
  say(
    `Import: text PDFs ${imported.importTextMBps} MB/s (${imported.importTextPagesPerSecond} pages/s), scans ` +
      `${imported.importScanMBps} MB/s (${imported.importScanPagesPerSecond} pages/s; ${imported.importSeconds} s in all)`,
  );

  // Command-line start-up: the whole program's help (no command loaded), then a command that opens the data.
  const starts: Timed[] = [];
  const commands: Timed[] = [];
  // Node itself starting and doing nothing, interleaved: the floor under any command's start-up.
  const bareNode: Timed[] = [];
  for (let i = 0; i < 5; i++) {
    bareNode.push(timed(process.execPath, ['-e', '0']));
    starts.push(cli(['--help']));
    commands.push(cli(['--data-dir', dataDir, 'case', 'list']));
  }

  const buildArgs = [
    '--data-dir',
    dataDir,
    'build',
    '1',
    '--numbering',
    'section',
    '--dividers',
    '--date',
    '2026-05-01',
  ];
  const verified: Timed[] = [];
  const engines: {
    wall: number;
    cpu: number | null;
    pageFaults: number | null;
    engine: number;
    rss: number;
    pages: number;
  }[] = [];
  const qpdfs: { wall: number; cpu: number | null; pageFaults: number | null }[] = [];
  const asIs: { wall: number; cpu: number | null; engine: number }[] = [];
  let version = 0;
  const buildVerified = () => {
    const run = cli(buildArgs);
    if (run.status !== 0) throw new Error(`send-bundle build failed:\n${run.stdout}${run.stderr}`);
    version++;
    // Only the newest version's file is kept (each is the size of the corpus).
    rmSync(join(dataDir, 'bundles', '1', `v${version - 1}.pdf`), { force: true });
    return run;
  };
  // Each once first, not timed, as a user's second build is: the command, like any first run of a command
  // after an install, compiles its code and saves V8's code cache (cli/compileCache.cjs; the children the
  // same), and the corpus and Node are in the page cache.
  say('Warming up (one build of each kind, not timed) …');
  buildVerified();
  for (const mode of ['build', 'build-as-is']) {
    rmSync(bundlePath, { force: true });
    runChild(childEntry, mode, manifestPath, bundlePath);
  }
  for (let r = 0; r < runs; r++) {
    // Interleaved, rotating which goes first, so drifting load on a shared machine hits all alike.
    const steps = ['qpdf', 'cli', 'engine', 'as-is'];
    const order = [...steps.slice(r % steps.length), ...steps.slice(0, r % steps.length)];
    for (const step of order) {
      // Each writes a new file, as the app does (overwriting a big file costs its truncation too).
      rmSync(qpdfPath, { force: true });
      rmSync(bundlePath, { force: true });
      if (step === 'qpdf') {
        const t = runQpdf(files, qpdfPath);
        if (t !== null) qpdfs.push(t);
      } else if (step === 'engine') {
        const b = runChild(childEntry, 'build', manifestPath, bundlePath);
        const { engineSeconds, peakRssMB, pages } = b.result;
        engines.push({
          wall: b.wall,
          cpu: b.cpu,
          pageFaults: b.pageFaults,
          engine: engineSeconds,
          rss: peakRssMB,
          pages,
        });
      } else if (step === 'as-is') {
        const b = runChild(childEntry, 'build-as-is', manifestPath, bundlePath);
        asIs.push({ wall: b.wall, cpu: b.cpu, engine: b.result.engineSeconds });
      } else verified.push(buildVerified());
    }
    say(
      `Run ${r + 1}: send-bundle build ${verified[r].wall.toFixed(2)} s | engine ${engines[r].wall.toFixed(2)} s ` +
        `(in-process ${engines[r].engine.toFixed(2)} s; pages as they are ${asIs[r].engine.toFixed(2)} s)` +
        (qpdfs.length
          ? ` | qpdf merge ${qpdfs[qpdfs.length - 1].wall.toFixed(2)} s`
          : ' | qpdf not installed') +
        ` (load ${load()})`,
    );
  }
  const qpdfSeconds = qpdfs.length ? median(qpdfs.map((q) => q.wall)) : null;
  const verifiedSeconds = median(verified.map((v) => v.wall));
  // CPU seconds (user + system, all threads) beside the wall times: on a shared machine wall time mostly
  // measures the others' load; CPU time is what the work itself costs (null where /proc is missing).
  const cpuMedian = (runs: { cpu: number | null }[]) =>
    runs.every((x) => x.cpu !== null) ? round(median(runs.map((x) => x.cpu!))) : null;
  const cpuRatio = (a: number | null, b: number | null) => (a !== null && b ? round(a / b) : null);
  const qpdfCpu = qpdfs.length ? cpuMedian(qpdfs) : null;
  const faultsMedian = (runs: { pageFaults: number | null }[]) =>
    runs.length && runs.every((x) => x.pageFaults !== null)
      ? Math.round(median(runs.map((x) => x.pageFaults!)))
      : null;
  const buildSeconds = median(engines.map((b) => b.wall));
  const pages = engines[0].pages;

  say('Measuring memory, verification and the checker …');
  const builtFile = join(dataDir, 'bundles', '1', `v${version}.pdf`);
  const cliBuildMemory = cliMemory(buildArgs);
  version++;
  rmSync(builtFile, { force: true });
  const latest = join(dataDir, 'bundles', '1', `v${version}.pdf`);
  // Verification on its own, sampled (as every build does) and of every page (--verify full).
  rmSync(bundlePath, { force: true });
  runChild(childEntry, 'build', manifestPath, bundlePath);
  const verify = runChild(childEntry, 'verify', manifestPath, bundlePath);
  const verifyFull = runChild(childEntry, 'verify-full', manifestPath, bundlePath);
  // The checker as users run it (send-bundle check), on the bundle the command line built: once untimed
  // for its findings (and, as with the builds above, so that the timed runs are each a user's second), then
  // timed.
  const checkResult = cli(['check', latest, '--json']);
  const checks: { wall: number; cpu: number | null; peakRssMB: number }[] = [];
  for (let i = 0; i < runs; i++) checks.push(cliMemory(['check', latest, '--json']));
  const outputMB = statSync(latest).size / 1024 / 1024;
  const checked = JSON.parse(checkResult.stdout) as {
    summary: { counts: Record<string, number>; pageCount: number };
  };

  // Comparing two 1,000-page bundles (send-bundle compare): the one the command line built against the
  // one the engine built in its child (the same documents, planned and numbered on their own).
  const compareRun = cli(['compare', latest, bundlePath, '--json']);
  const compares: { wall: number; cpu: number | null; peakRssMB: number }[] = [];
  for (let i = 0; i < runs; i++) compares.push(cliMemory(['compare', latest, bundlePath, '--json']));
  const compared = JSON.parse(compareRun.stdout) as {
    yours: { pageCount: number };
    theirs: { pageCount: number };
    counts: Record<string, number>;
    verdict: string;
  };

  // Delivery parts of the corpus's bundle (scans and text, over 200 MB): a new version split under 20 MB.
  say('Splitting the bundle into delivery parts under 20 MB …');
  const partsRun = cli([
    '--data-dir',
    dataDir,
    '--json',
    ...buildArgs.slice(2),
    '--parts',
    '--part-size',
    '20',
  ]);
  const partsBuilt = JSON.parse(partsRun.stdout) as {
    pageCount: number;
    files: { kind: string; sizeBytes: number; details: { bundlePages?: number; coverLine?: string } }[];
  };
  const partFiles = partsBuilt.files.filter((f) => f.kind === 'part');
  const partsReport = {
    partsSeconds: round(partsRun.wall),
    parts: partFiles.length,
    largestPartMB: round(Math.max(...partFiles.map((f) => f.sizeBytes)) / 1024 / 1024, 1),
    partsUnderLimit: partFiles.every((f) => f.sizeBytes <= 20 * 1024 * 1024),
    partsHoldEveryPage:
      partFiles.reduce((n, f) => n + (f.details.bundlePages ?? 0), 0) === partsBuilt.pageCount,
  };
  rmSync(join(dataDir, 'bundles', '1'), { recursive: true, force: true });

  // The delivery parts test at full size (tests/bench/parts-200mb.test.ts: about 200 MB of scans split under
  // 20 MB, every part under the limit and checked as a part, numbers running on, every page once): too long
  // for every CI run, so run here; a failure fails the bench.
  say('Testing delivery parts of about 200 MB of scans (tests/bench) …');
  const partsTest = timed(process.execPath, [
    join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'),
    'run',
    '-c',
    'vitest.bench.config.ts',
  ]);
  const partsTestReport = {
    partsTestPassed: partsTest.status === 0,
    partsTestSeconds: round(partsTest.wall),
    partsTestCpuSeconds: partsTest.cpu === null ? null : round(partsTest.cpu),
  };
  if (!partsTestReport.partsTestPassed) {
    process.exitCode = 1;
    process.stderr.write(
      `\nFAILED: the 200 MB delivery parts test (npx vitest run -c vitest.bench.config.ts):\n` +
        `${partsTest.stdout.slice(-6000)}${partsTest.stderr.slice(-3000)}\n`,
    );
  }

  // Text recognition of a 20-page scanned document (scripts/bench/ocr.ts: made first, read in a child process).
  say('Recognising the text of a 20-page scanned document …');
  let ocr: {
    pagesPerMinute: number;
    peakRssMB: number;
    seconds: number;
    threads: number;
    cpuSecondsPerPage: number;
  } | null = null;
  if (!values['skip-ocr'])
    try {
      const { runOcrBench } = (await import(
        pathToFileURL(join(ROOT, 'scripts', 'bench', 'ocr.ts')).href
      )) as {
        runOcrBench: (pages: number) => Promise<NonNullable<typeof ocr>>;
      };
      ocr = await runOcrBench(20);
    } catch (error) {
      say(`Text recognition failed: ${(error as Error).message.split('\n')[0]}`);
    }

  const report = {
    pages,
    documents: manifest.documents.length,
    inputMB: round(inputMB, 1),
    outputMB: round(outputMB, 1),
    runs,
    // What a user waits for: `send-bundle build` with its verification, as a process, against qpdf.
    verifiedBuildSeconds: round(verifiedSeconds),
    qpdfSeconds: qpdfSeconds === null ? null : round(qpdfSeconds),
    verifiedRatio: qpdfSeconds ? round(verifiedSeconds / qpdfSeconds) : null,
    verifiedBuildCpuSeconds: cpuMedian(verified),
    qpdfCpuSeconds: qpdfCpu,
    verifiedCpuRatio: cpuRatio(cpuMedian(verified), qpdfCpu),
    // Page faults of each (medians): with pageFaultMicros, how much of each time is this machine's memory.
    verifiedBuildPageFaults: faultsMedian(verified),
    qpdfPageFaults: faultsMedian(qpdfs),
    cliBuildPeakRssMB: round(cliBuildMemory.peakRssMB, 0),
    // The engine alone (plan, copy, stamp, write) in a bundled child process.
    buildSeconds: round(buildSeconds),
    engineSeconds: round(median(engines.map((b) => b.engine))),
    // The same engine with page normalisation off: what putting pages on A4 costs.
    engineAsIsSeconds: round(median(asIs.map((b) => b.engine))),
    normalisationCost: round(median(engines.map((b) => b.engine)) / median(asIs.map((b) => b.engine)) - 1, 3),
    engineAsIsCpuSeconds: cpuMedian(asIs),
    normalisationCpuCost: (() => {
      const on = cpuMedian(engines);
      const off = cpuMedian(asIs);
      return on !== null && off ? round(on / off - 1, 3) : null;
    })(),
    ratio: qpdfSeconds ? round(buildSeconds / qpdfSeconds) : null,
    buildCpuSeconds: cpuMedian(engines),
    buildPageFaults: faultsMedian(engines),
    cpuRatio: cpuRatio(cpuMedian(engines), qpdfCpu),
    pagesPerSecond: round(pages / buildSeconds, 0),
    peakRssMB: round(Math.max(...engines.map((b) => b.rss)), 0),
    rssLimitMB: round(1.5 * inputMB + 100, 0),
    verifySeconds: round(verify.result.verifySeconds),
    verifyCpuSeconds: cpuMedian([verify]),
    verifyPeakRssMB: round(verify.result.peakRssMB, 0),
    verified: Boolean(verify.result.ok),
    verifyTextPages: verify.result.textPagesRead,
    verifyFullSeconds: round(verifyFull.result.verifySeconds),
    checkSeconds: round(median(checks.map((c) => c.wall))),
    checkCpuSeconds: cpuMedian(checks),
    checkPeakRssMB: round(Math.max(...checks.map((c) => c.peakRssMB)), 0),
    checkFindings: checked.summary.counts,
    ...partsReport,
    ...partsTestReport,
    compareSeconds: round(median(compares.map((c) => c.wall))),
    compareCpuSeconds: cpuMedian(compares),
    comparePeakRssMB: round(Math.max(...compares.map((c) => c.peakRssMB)), 0),
    comparePages: [compared.yours.pageCount, compared.theirs.pageCount],
    compareCounts: compared.counts,
    ...imported,
    cliStartSeconds: round(median(starts.map((s) => s.wall)), 3),
    cliStartCpuSeconds: starts.every((s) => s.cpu !== null)
      ? round(median(starts.map((s) => s.cpu!)), 3)
      : null,
    cliCommandSeconds: round(median(commands.map((c) => c.wall)), 3),
    nodeStartSeconds: round(median(bareNode.map((s) => s.wall)), 3),
    loadAverage: [loadAtStart, load()],
    ...machineFacts(),
    ocrPages: ocr ? 20 : null,
    ocrSeconds: ocr ? ocr.seconds : null,
    ocrPagesPerMinute: ocr ? ocr.pagesPerMinute : null,
    ocrPeakRssMB: ocr ? ocr.peakRssMB : null,
    ocrCpuSecondsPerPage: ocr ? ocr.cpuSecondsPerPage : null,
    allVerifiedBuildSeconds: verified.map((v) => round(v.wall)),
    allBuildSeconds: engines.map((b) => round(b.wall)),
    allEngineSeconds: engines.map((b) => round(b.engine)),
    allEngineAsIsSeconds: asIs.map((b) => round(b.engine)),
    allQpdfSeconds: qpdfs.map((q) => round(q.wall)),
    allCheckSeconds: checks.map((c) => round(c.wall)),
    allCompareSeconds: compares.map((c) => round(c.wall)),
  };
  if (values.json) process.stdout.write(JSON.stringify(report) + '\n');
  else {
    say('');
    say(
      `send-bundle build (verified): ${report.verifiedBuildSeconds} s; qpdf merge ${report.qpdfSeconds} s; ` +
        `ratio ${report.verifiedRatio}× (bar ≤ 2.0×, goal 1.5×); peak RSS ${report.cliBuildPeakRssMB} MB; ` +
        `CPU ${report.verifiedBuildCpuSeconds} s against qpdf's ${report.qpdfCpuSeconds} s (${report.verifiedCpuRatio}×)`,
    );
    say(
      `Engine: ${report.buildSeconds} s wall (in-process ${report.engineSeconds} s), ratio ${report.ratio}× ` +
        `(bar ≤ 1.5×), ${report.pagesPerSecond} pages/s, peak RSS ${report.peakRssMB} MB (bar ${report.rssLimitMB} MB); ` +
        `CPU ${report.buildCpuSeconds} s (${report.cpuRatio}× qpdf's)`,
    );
    say(
      `Page normalisation: engine ${report.engineSeconds} s with pages put on A4, ${report.engineAsIsSeconds} s ` +
        `with pages as they are: ${(report.normalisationCost * 100).toFixed(1)}% (bar ≤ 10%); CPU ` +
        `${report.buildCpuSeconds} s against ${report.engineAsIsCpuSeconds} s` +
        (report.normalisationCpuCost === null ? '' : ` (${(report.normalisationCpuCost * 100).toFixed(1)}%)`),
    );
    say(
      `Verification: ${report.verifySeconds} s (pdf.js read ${report.verifyTextPages} pages), peak RSS ` +
        `${report.verifyPeakRssMB} MB, ${report.verified ? 'passed' : 'FAILED'}; every page read: ${report.verifyFullSeconds} s`,
    );
    say(
      `send-bundle check: ${report.checkSeconds} s, peak RSS ${report.checkPeakRssMB} MB (bars ≤ 3 s, ≤ 500 MB); ` +
        `CPU ${report.checkCpuSeconds} s`,
    );
    say(
      `Delivery parts: ${report.parts} parts in ${report.partsSeconds} s (build and split), largest ` +
        `${report.largestPartMB} MB, all under 20 MB: ${report.partsUnderLimit ? 'yes' : 'NO'}; every page once: ` +
        `${report.partsHoldEveryPage ? 'yes' : 'NO'}`,
    );
    say(
      `Delivery parts test at about 200 MB of scans (tests/bench/parts-200mb.test.ts): ` +
        `${report.partsTestPassed ? 'passed' : 'FAILED'} in ${report.partsTestSeconds} s (CPU ${report.partsTestCpuSeconds} s)`,
    );
    say(
      `send-bundle compare of two bundles (${report.comparePages.join(' and ')} pages): ${report.compareSeconds} s, ` +
        `CPU ${report.compareCpuSeconds} s, peak RSS ${report.comparePeakRssMB} MB (bar ≤ 10 s); ${compared.verdict}`,
    );
    say(
      `Import: text ${report.importTextMBps} MB/s (${report.importTextPagesPerSecond} pages/s), scans ` +
        `${report.importScanMBps} MB/s (${report.importScanPagesPerSecond} pages/s); start-up: --help ` +
        `${report.cliStartSeconds} s (bar ≤ 0.3 s; CPU ${report.cliStartCpuSeconds} s; node -e 0 ` +
        `${report.nodeStartSeconds} s), case list ` +
        `${report.cliCommandSeconds} s; load ${report.loadAverage.join(' → ')}`,
    );
    say(
      `Machine: qpdf ${report.qpdfVersion ?? 'not installed'}; filling 512 MB of new memory took ` +
        `${report.memoryFillSeconds} s (${report.pageFaultMicros} µs a page); a system call ` +
        `${report.syscallMicros} µs; page faults: build ${report.verifiedBuildPageFaults}, qpdf ` +
        `${report.qpdfPageFaults}`,
    );
    if (ocr)
      say(
        `Text recognition (OCR): 20 scanned pages in ${ocr.seconds} s, ${ocr.pagesPerMinute} pages/minute ` +
          `on ${ocr.threads} threads, peak RSS ${ocr.peakRssMB} MB, ${ocr.cpuSecondsPerPage} CPU s/page`,
      );
  }
  if (!values.corpus && !values.keep) rmSync(dir, { recursive: true, force: true });
  else rmSync(outDir, { recursive: true, force: true });
}

// Not a top-level await: the children run this file as one CommonJS bundle (prepareChild).
main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
