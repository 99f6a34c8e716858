/**
 * Bundle benchmark (`npm run bench`, `npm run bench -- --json`).
 *
 * Generates a corpus like a real hearing bundle's evidence (about 60 documents, 1,000 pages, 240 MB: text
 * documents and scanned-image documents, A4, Letter, landscape and /Rotate pages; deterministic
 * pseudo-random content), then times, interleaved in the same run:
 *   - the full bundle build (plan, cover, index, dividers, copy, stamp, labels, outline, links, streamed
 *     write) in a child process, for a clean peak RSS; wall time includes Node and tsx start-up;
 *   - `qpdf --empty --pages … --` merging the same files (where qpdf is installed).
 * Then, once each, in their own child processes: the engine's verification (pdf.js re-reads the bundle)
 * and, if scripts/bench/check.ts exists, the bundle checker.
 *
 * Options: --runs N (default 3), --json, --corpus DIR (reuse or keep a corpus there), --keep.
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
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { deflateSync } from 'node:zlib';
import { PDFDocument, StandardFonts, degrees } from '@cantoo/pdf-lib';
import { installPdfLibPatches } from '../electron/services/pdf/pdfLibPatches';
import type { PlanDocument } from '../shared/bundle/types';

const SCRIPT = fileURLToPath(import.meta.url);
const ROOT = resolve(dirname(SCRIPT), '..');
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
  const fd = openSync(path, 'w');
  let offset = 0;
  const offsets: number[] = [];
  const put = (data: string | Uint8Array) => {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    writeSync(fd, bytes);
    offset += bytes.length;
  };
  const object = (n: number, body: string | Uint8Array[]) => {
    offsets[n] = offset;
    put(`${n} 0 obj\n`);
    if (typeof body === 'string') put(body);
    else body.forEach(put);
    put('\nendobj\n');
  };
  put('%PDF-1.5\n%\xe2\xe3\xcf\xd3\n');
  const kids: string[] = [];
  const rand = lcg(seed);
  const pixels = new Uint8Array(imageBytes);
  for (let p = 0; p < pages; p++) {
    const base = 3 + p * 3;
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
    const content = `q ${w} 0 0 ${h} 0 0 cm /Im0 Do Q`;
    object(
      base,
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}]${rotate ? ` /Rotate ${rotate}` : ''} ` +
        `/Resources << /XObject << /Im0 ${base + 1} 0 R >> >> /Contents ${base + 2} 0 R >>`,
    );
    const encoded = deflateSync(pixels, { level: 0 });
    object(base + 1, [
      Buffer.from(
        `<< /Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode /Length ${encoded.length} >>\nstream\n`,
      ),
      encoded,
      Buffer.from('\nendstream'),
    ]);
    object(base + 2, `<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    kids.push(`${base} 0 R`);
  }
  object(1, '<< /Type /Catalog /Pages 2 0 R >>');
  object(2, `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${pages} >>`);
  const size = 3 + pages * 3;
  const xref = offset;
  let table = `xref\n0 ${size}\n0000000000 65535 f \n`;
  for (let n = 1; n < size; n++) table += `${String(offsets[n]).padStart(10, '0')} 00000 n \n`;
  put(table);
  put(`trailer\n<< /Size ${size} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  closeSync(fd);
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
  if (mode === 'build') {
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
      },
      measureWithDejaVu,
    );
    const paths = new Map(manifest.documents.map((d) => [d.id, d.path]));
    const fd = openSync(outPath, 'w');
    await renderBundle(plan, (doc) => paths.get(doc.documentId)!, {
      write: (chunk) => {
        let off = 0;
        while (off < chunk.length) off += writeSync(fd, chunk, off, chunk.length - off);
      },
    });
    closeSync(fd);
    writeFileSync(`${outPath}.plan.json`, JSON.stringify(plan));
    result.engineSeconds = (performance.now() - engineStart) / 1000;
    result.pages = plan.pageCount;
  } else if (mode === 'verify') {
    const { verifyBundle } = await import('../electron/services/bundle/verify');
    const plan = JSON.parse(readFileSync(`${outPath}.plan.json`, 'utf8'));
    const verifyStart = performance.now();
    const verification = await verifyBundle(outPath, plan);
    result.verifySeconds = (performance.now() - verifyStart) / 1000;
    result.ok = verification.ok;
  } else if (mode === 'check') {
    const checkModule = pathToFileURL(join(ROOT, 'scripts', 'bench', 'check.ts')).href;
    const { benchCheck, warmUpPdfjs } = (await import(checkModule)) as {
      benchCheck: (path: string) => Promise<{ seconds: number; pages: number }>;
      warmUpPdfjs?: () => Promise<number>;
    };
    if (warmUpPdfjs) await warmUpPdfjs();
    const checked = await benchCheck(outPath);
    result.checkSeconds = checked.seconds;
    result.pages = checked.pages;
  }
  result.seconds = (performance.now() - started) / 1000;
  result.peakRssMB = process.resourceUsage().maxRSS / 1024;
  const mem = process.memoryUsage();
  result.endHeapMB = mem.heapUsed / 1024 / 1024;
  result.endArrayBuffersMB = mem.arrayBuffers / 1024 / 1024;
  process.stdout.write(JSON.stringify(result) + '\n');
}

/**
 * The child runs as one esbuild bundle (as the app's main process does), so its wall time is Node start-up
 * plus our work, not TypeScript compilation. Falls back to tsx if esbuild is missing.
 */
let childEntry: string[] | undefined;
async function prepareChild(): Promise<string[]> {
  if (childEntry) return childEntry;
  try {
    const { build } = await import('esbuild');
    const { fontkitLazyDictionaryPlugin } = await import('./fontkitLazyDictionary.mjs');
    const outfile = join(ROOT, 'node_modules', '.cache', 'send-bundle-bench', 'child.mjs');
    await build({
      entryPoints: [SCRIPT],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'error',
      // The packages' ES builds (pdf-lib's CommonJS build is compiled down to ES5 and is slower).
      mainFields: ['module', 'main'],
      conditions: ['import', 'node'],
      // pdf.js loads its own worker file; resolve it from node_modules at run time.
      external: ['pdfjs-dist', 'pdfjs-dist/*', 'esbuild'],
      // CommonJS dependencies bundled into ESM need a require(); built from the bundle's own URL at run time.
      banner: {
        js: `import { createRequire as __cr } from 'node:module'; const require = __cr(${['import', 'meta', 'url'].join('.')});`,
      },
      plugins: [
        // fontkit decompresses a WOFF2-only dictionary at load; the build never reads WOFF2 (~70 ms of start-up).
        fontkitLazyDictionaryPlugin(),
        {
          // Sources find files next to them (fonts, resources) through import.meta.url: keep their own URL.
          name: 'source-import-meta-url',
          setup(b) {
            b.onLoad({ filter: /\.ts$/ }, async (args) => {
              if (args.path.includes('node_modules')) return undefined;
              const source = readFileSync(args.path, 'utf8');
              if (!source.includes('import.meta.url')) return undefined;
              return {
                contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
                loader: 'ts',
              };
            });
          },
        },
      ],
    });
    childEntry = [outfile];
  } catch (error) {
    process.stderr.write(`Could not bundle the benchmark child (${(error as Error).message}); using tsx.\n`);
    childEntry = ['--import', 'tsx', SCRIPT];
  }
  return childEntry;
}

function runChild(
  mode: string,
  manifestPath: string,
  outPath: string,
): Record<string, number> & { wall: number } {
  const started = performance.now();
  // The checker's module is loaded from its TypeScript source, so that step runs under tsx.
  const entry = mode === 'check' ? ['--import', 'tsx', SCRIPT] : childEntry!;
  const run = spawnSync(process.execPath, [...entry, '--child', mode, manifestPath, outPath], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  const wall = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`The ${mode} step failed:\n${run.stderr}`);
  const last = run.stdout.trim().split('\n').pop()!;
  return { ...(JSON.parse(last) as Record<string, number>), wall };
}

function runQpdf(files: string[], outPath: string): number | null {
  const started = performance.now();
  const run = spawnSync('qpdf', ['--empty', '--pages', ...files, '--', outPath], { stdio: 'ignore' });
  if (run.error) return null;
  if (run.status !== 0 && run.status !== 3) throw new Error(`qpdf failed with status ${run.status}`);
  return (performance.now() - started) / 1000;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean' },
      runs: { type: 'string' },
      corpus: { type: 'string' },
      keep: { type: 'boolean' },
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

  await prepareChild();
  const outDir = join(dir, 'out');
  mkdirSync(outDir, { recursive: true });
  const bundlePath = join(outDir, 'bundle.pdf');
  const qpdfPath = join(outDir, 'qpdf.pdf');
  const files = manifest.documents.map((d) => d.path);
  const builds: { wall: number; engine: number; rss: number; pages: number }[] = [];
  const qpdfs: number[] = [];
  for (let r = 0; r < runs; r++) {
    // Interleaved, alternating which goes first, so drifting load on a shared machine hits both alike.
    const order = r % 2 === 0 ? ['qpdf', 'build'] : ['build', 'qpdf'];
    for (const step of order) {
      // Both write a new file, as the app does (overwriting a big file costs its truncation too).
      rmSync(qpdfPath, { force: true });
      rmSync(bundlePath, { force: true });
      if (step === 'qpdf') {
        const t = runQpdf(files, qpdfPath);
        if (t !== null) qpdfs.push(t);
      } else {
        const b = runChild('build', manifestPath, bundlePath);
        builds.push({ wall: b.wall, engine: b.engineSeconds, rss: b.peakRssMB, pages: b.pages });
      }
    }
    const last = builds[builds.length - 1];
    say(
      `Run ${r + 1}: bundle ${last.wall.toFixed(2)} s (engine ${last.engine.toFixed(2)} s, peak RSS ${last.rss.toFixed(0)} MB)` +
        (qpdfs.length ? ` | qpdf merge ${qpdfs[qpdfs.length - 1].toFixed(2)} s` : ' | qpdf not installed'),
    );
  }
  const buildSeconds = median(builds.map((b) => b.wall));
  const engineSeconds = median(builds.map((b) => b.engine));
  const qpdfSeconds = qpdfs.length ? median(qpdfs) : null;
  const peakRssMB = Math.max(...builds.map((b) => b.rss));
  const pages = builds[0].pages;
  const rssLimitMB = 1.5 * inputMB + 100;
  const ratio = qpdfSeconds ? buildSeconds / qpdfSeconds : null;

  say('Verifying the bundle (pdf.js re-reads it) …');
  const verify = runChild('verify', manifestPath, bundlePath);
  let check: (Record<string, number> & { wall: number }) | null = null;
  if (existsSync(join(ROOT, 'scripts', 'bench', 'check.ts'))) {
    say('Running the bundle checker on it …');
    try {
      check = runChild('check', manifestPath, bundlePath);
    } catch (error) {
      say(`The checker failed: ${(error as Error).message.split('\n')[0]}`);
    }
  }

  const report = {
    pages,
    documents: manifest.documents.length,
    inputMB: round(inputMB, 1),
    outputMB: round(statSync(bundlePath).size / 1024 / 1024, 1),
    runs,
    buildSeconds: round(buildSeconds),
    engineSeconds: round(engineSeconds),
    qpdfSeconds: qpdfSeconds === null ? null : round(qpdfSeconds),
    ratio: ratio === null ? null : round(ratio),
    pagesPerSecond: round(pages / buildSeconds, 0),
    peakRssMB: round(peakRssMB, 0),
    rssLimitMB: round(rssLimitMB, 0),
    verifySeconds: round(verify.verifySeconds),
    verifyPeakRssMB: round(verify.peakRssMB, 0),
    verified: Boolean(verify.ok),
    checkSeconds: check ? round(check.checkSeconds) : null,
    checkPeakRssMB: check ? round(check.peakRssMB, 0) : null,
    allBuildSeconds: builds.map((b) => round(b.wall)),
    allQpdfSeconds: qpdfs.map((q) => round(q)),
  };
  if (values.json) process.stdout.write(JSON.stringify(report) + '\n');
  else {
    say('');
    say(
      `Bundle: ${report.buildSeconds} s wall (median of ${runs}, with Node start-up; engine ${report.engineSeconds} s), ` +
        `${report.pagesPerSecond} pages/s, ${report.pages} pages, ${report.outputMB} MB`,
    );
    if (qpdfSeconds !== null)
      say(`qpdf merge: ${report.qpdfSeconds} s. Ratio ${report.ratio}× (bar ≤ 2.0×, stretch 1.5×)`);
    say(`Peak RSS: ${report.peakRssMB} MB (bar ≤ 1.5 × input + 100 MB = ${report.rssLimitMB} MB)`);
    say(
      `Verification: ${report.verifySeconds} s, peak RSS ${report.verifyPeakRssMB} MB, ${report.verified ? 'passed' : 'FAILED'}`,
    );
    if (check) say(`Checker: ${report.checkSeconds} s, peak RSS ${report.checkPeakRssMB} MB`);
  }
  if (!values.corpus && !values.keep) rmSync(dir, { recursive: true, force: true });
  else rmSync(outDir, { recursive: true, force: true });
}

await main();
