/**
 * npm run fuzz [-- --minutes 10] [-- --seed N] [-- --keep DIR] [-- --only TEXT] [-- --json]: damaged copies
 * of PDFs (bytes flipped, a range cut out, copied twice or zeroed, the file cut short) through the real
 * import, each document imported drawn as the preview draws it (its first 20 pages: scripts/fuzzDraw.ts;
 * since 5 Dec 2026), and a build of each one imported. A seeded generator: the same seed makes the same
 * files again. `--only TEXT` damages only the files whose names below hold TEXT ("scanned", "qpdf-").
 * `--base PATH` (as many as wanted) adds a file of your own, or each PDF in a folder, to the bases, named
 * `base/<its name>`: pictures in a format none of the bases has (pdf.js's own JPX test files, say).
 * `--as-is` takes each base once as it is, in turn, before damaging any (a sweep of a folder of real files).
 *
 * Fails (exit 1) on an import that throws instead of refusing, one slower than 30 s, a refusal that does not
 * name the file, a document pdf.js is still drawing after 20 s, or a build of an imported file that does not
 * pass its verification; such files are kept in --keep (default: a temporary folder, printed). Refused files
 * that poppler draws without one complaint (and not all blank: those are counted), imported ones with fewer
 * pages than poppler counts, and imported documents pdf.js could not draw are listed to look at, not
 * failures: poppler draws what it can of a page whose objects are gone, and counts what a page tree's
 * /Count says.
 *
 * The bases (`--kinds`, default pdf): pdf, the shared fixtures under 400 KB (../shared/fixtures/pdfs: valid
 * and structure), a generated three-page report and a scanner's three pages (CCITT G4, JBIG2 and JPEG
 * pictures: tests/helpers/scannerPdf.ts; since 5 Dec 2026, so earlier seeds of pdf made other files); pictures, small photos and scans in each format import
 * reads (JPEG with and without its turn in EXIF, PNG plain, interlaced and with a palette, TIFF in three
 * compressions over two pages, HEIC, AVIF, WebP, GIF, BMP; those whose encoder is not installed are left
 * out); messages, an email (.eml) and an Outlook item (.msg) each with a PDF and a photo attached, a zip of
 * evidence, a text file, Outlook's winmail.dat with a PDF in it, a signed (S/MIME) email, and a WhatsApp
 * chat, exported alone and with its media; bundles, a hearing bundle this app built, whose damaged copies are checked and
 * compared with it as a clerk would (a failure: either throws other than a refusal in words, or takes over
 * 30 s); word (since 7 Dec 2026), a .docx with a date field, a tracked insertion and a comment, a Word
 * 97-2003 .doc with a field, an RTF with a picture and an OpenDocument .odt, imported through a stand-in
 * for LibreOffice (a script writing a fixed PDF), so everything import reads of them itself runs.
 * `--kinds all` takes every kind (bundles since 5 Dec 2026, word since 7 Dec: earlier seeds of `all` made
 * other files).
 * Other kinds than pdf are checked for the failures above; the lists to look at are poppler's (for PDFs)
 * and pdf.js's drawing.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  Document,
  InsertedTextRun,
  Packer,
  Paragraph,
  SimpleField,
  TextRun,
} from 'docx';
import { createServices, type Services } from '../electron/services';
import { findPdftoppm, findQpdf } from '../electron/services/documents/executables';
import { importFiles, type ImportTools } from '../electron/services/documents/import';
import { wordBinaryWithText } from '../tests/helpers/wordBinary';
import { writeStandInSoffice } from '../tests/helpers/soffice';
import { ApiError } from '../shared/api/errors';
import { closeServiceContext, openServiceContext } from '../electron/services/context';
import { installPdfLibPatches } from '../electron/services/pdf/pdfLibPatches';
import { closeIdleWorkers } from '../electron/services/untrusted/runner';
import { seeded } from '../tests/helpers/seeded';
import { makeTextPdf } from '../tests/helpers/seed';
import { councilEmail, savedWebPage } from '../tests/helpers/email';
import { zipOf } from '../tests/helpers/hostile';
import { makeJpeg, makePng, PORTRAIT_JPEG, withExifOrientation } from '../tests/helpers/images';
import { outlookItem } from '../tests/helpers/outlookMsg';
import { smimeFixture } from '../tests/helpers/smime';
import { attachedFile, messageProps, PR, PT, tnef, unicode } from '../tests/helpers/tnef';
import {
  avifFile,
  bmpFile,
  gifFile,
  heicFile,
  webpFile,
  type PicturePixels,
} from '../tests/helpers/pictures';
import { encodePng } from '../tests/helpers/pngVariants';
import { makeTiff, tiffcp, type TiffPage } from '../tests/helpers/tiff';
import { scannerPdf } from '../tests/helpers/scannerPdf';
import { CLI_DIR, cliBuildIsFresh } from './cliFresh.mjs';
import { PageDrawer } from './fuzzDraw';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = join(ROOT, '..', 'shared', 'fixtures', 'pdfs');
const SLOW_MS = 30_000;
/** Each imported document's first pages are drawn as the preview draws them, each file within this time. */
const DRAW_SECONDS = 20;
const DRAW_PAGES = 20;

const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    seed: { type: 'string', default: '1' },
    keep: { type: 'string' },
    kinds: { type: 'string', default: 'pdf' },
    only: { type: 'string' },
    base: { type: 'string', multiple: true },
    'as-is': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});

const KINDS = ['pdf', 'pictures', 'messages', 'bundles', 'word'] as const;
type Kind = (typeof KINDS)[number];

/** The kinds asked for (`--kinds pdf,pictures` or `all`); throws on a kind it does not know. */
function kindsAsked(list: string): Kind[] {
  if (list === 'all') return [...KINDS];
  const asked = list.split(',').map((k) => k.trim());
  const unknown = asked.filter((k) => !(KINDS as readonly string[]).includes(k));
  if (unknown.length) throw new Error(`--kinds takes ${KINDS.join(', ')} or all, not ${unknown.join(', ')}`);
  return asked as Kind[];
}

/** Base files by name (its extension is the one the damaged copies get). */
async function bases(kinds: Kind[], services: Services): Promise<Map<string, Uint8Array>> {
  const found = new Map<string, Uint8Array>();
  if (kinds.includes('pdf')) for (const [name, bytes] of await pdfBases()) found.set(name, bytes);
  if (kinds.includes('pictures')) for (const [name, bytes] of await pictureBases()) found.set(name, bytes);
  if (kinds.includes('messages')) for (const [name, bytes] of await messageBases()) found.set(name, bytes);
  if (kinds.includes('word')) for (const [name, bytes] of await wordBases()) found.set(name, bytes);
  if (kinds.includes('bundles'))
    for (const [name, bytes] of await bundleBases(services)) found.set(name, bytes);
  return found;
}

/** Bases whose damaged copies are checked (as a clerk checks a bundle) and compared, not imported. */
const BUNDLE_BASE = 'bundle/';

/**
 * A hearing bundle this app built (cover, index with links, dividers, bookmarks, labels, stamps) of three
 * short documents, one of them a scan: what a clerk is sent, small enough to damage many times a minute.
 */
async function bundleBases(services: Services): Promise<Map<string, Uint8Array>> {
  const caseId = services.cases.create({
    title: 'Fuzz bundle',
    role: 'parent',
    appealType: 'contents-of-plan',
  }).id;
  const outcomes = await services.documents.import({
    caseId,
    section: 'C',
    files: [
      { name: 'EP report.pdf', data: new Uint8Array(await makeTextPdf('Educational psychology report', 3)) },
      { name: 'School letter.pdf', data: new Uint8Array(await makeTextPdf('Letter from the school', 1)) },
      { name: 'Photo of the plan.jpg', data: new Uint8Array(await makeJpeg(300, 400)) },
    ],
    ocr: false,
  });
  if (outcomes.some((o) => o.status !== 'imported')) throw new Error('the bundle base did not import');
  const version = await services.bundle.build(caseId, {
    compiledDate: '2026-03-01',
    dividers: true,
    numbering: 'section',
  });
  return new Map([[`${BUNDLE_BASE}hearing bundle.pdf`, new Uint8Array(readFileSync(version.path))]]);
}

/**
 * Checks a damaged bundle, and compares it with the bundle it was made from, as the checker's and the
 * comparison's screens do: each must give its findings or refuse in words (an ApiError other than
 * 'internal'); anything else is a failure, named.
 */
async function checkAndCompare(
  services: Services,
  name: string,
  original: Uint8Array,
  bytes: Uint8Array,
  counts: { checked: number; compared: number },
): Promise<string> {
  const unexpected = (error: unknown) =>
    error instanceof ApiError && error.code !== 'internal'
      ? null
      : ((error as Error)?.stack ?? String(error));
  try {
    await services.checker.check({ file: { name, data: bytes }, rules: 'send' });
    counts.checked++;
  } catch (error) {
    const failure = unexpected(error);
    if (failure) return `the check threw: ${failure}`;
  }
  try {
    await services.compare.compare({
      files: [
        { name: 'as sent.pdf', data: original },
        { name, data: bytes },
      ],
    });
    counts.compared++;
  } catch (error) {
    const failure = unexpected(error);
    if (failure) return `the comparison threw: ${failure}`;
  }
  return '';
}

/** A photo-like pattern: bands of colour with a diagonal, so a damaged copy shows where it went wrong. */
const PATTERN: PicturePixels = {
  width: 96,
  height: 72,
  pixel: (x, y) => (x > y ? [200, 40, 40] : [(x * 8) % 256, (y * 3) % 256, 160]),
};

/** Each picture format import reads, small; formats whose encoder is missing here are left out. */
async function pictureBases(): Promise<Map<string, Uint8Array>> {
  const found = new Map<string, Uint8Array>();
  const tryAdd = (name: string, make: () => Uint8Array) => {
    try {
      found.set(name, make());
    } catch (error) {
      // An encoder that is not installed (scripts/install-system-deps.sh installs them): said, not hidden.
      console.error(`Left out ${name}: ${(error as Error)?.message ?? String(error)}`);
    }
  };
  found.set('photo.jpg', await makeJpeg(120, 90));
  found.set('turned.jpg', withExifOrientation(PORTRAIT_JPEG, 6));
  found.set('scan.png', makePng(80, 60));
  found.set('interlaced.png', encodePng('interlaced', 40, 30));
  found.set('palette.png', encodePng('palette', 40, 30));
  const pages: TiffPage[] = [
    { width: 120, height: 80, kind: 'bilevel', pixel: (x, y) => ((x + y) % 7 ? [255, 255, 255] : [0, 0, 0]) },
    { width: 60, height: 40, kind: 'rgb', pixel: PATTERN.pixel, compression: 'deflate' },
  ];
  const tiff = makeTiff(pages);
  found.set('fax.tif', tiff);
  tryAdd('lzw.tif', () => tiffcp(tiff, 'lzw'));
  tryAdd('g4.tif', () => tiffcp(makeTiff([pages[0]]), 'g4'));
  tryAdd('photo.heic', () => heicFile(PATTERN));
  tryAdd('photo.avif', () => avifFile(PATTERN));
  tryAdd('photo.webp', () => webpFile(PATTERN));
  // A GIF, and an 8-bit BMP, hold at most 256 colours: pictures of a few.
  const fewColours = (shift: number): PicturePixels => ({
    ...PATTERN,
    pixel: (x, y) => [((x >> 3) % 4) * 80, ((y >> 3) % 4) * 80, shift],
  });
  tryAdd('animation.gif', () => gifFile([fewColours(40), fewColours(200)]));
  tryAdd('scan.bmp', () => bmpFile(PATTERN, { bits: 24 }));
  tryAdd('old-scanner.bmp', () => bmpFile(fewColours(120), { bits: 8, runLength: true }));
  return found;
}

/** An email and an Outlook item, each with a letter and a photo attached; a zip of evidence; a text file. */
/**
 * Word documents in each format import reads before LibreOffice does (its checks of damage, encryption and
 * size, and the fields, comments, tracked changes and linked pictures it reads for its notes): a .docx with
 * a date field, a tracked insertion and a comment, a Word 97-2003 .doc with fields, an RTF with a picture,
 * and an OpenDocument .odt.
 */
async function wordBases(): Promise<Map<string, Uint8Array>> {
  const found = new Map<string, Uint8Array>();
  const docx = new Document({
    comments: { children: [{ id: 0, author: 'SENCO', children: [new Paragraph('Check the hours.')] }] },
    sections: [
      {
        children: [
          new Paragraph({
            children: [new TextRun('Dated '), new SimpleField('DATE \\@ "d MMMM yyyy"', '1 November 2026')],
          }),
          new Paragraph({
            children: [
              new CommentRangeStart(0),
              new TextRun('Sam will receive '),
              new InsertedTextRun({
                text: 'termly',
                id: 1,
                author: 'LA officer',
                date: '2026-11-01T10:00:00Z',
              }),
              new TextRun(' speech and language therapy.'),
              new CommentRangeEnd(0),
              new CommentReference(0),
            ],
          }),
        ],
      },
    ],
  });
  found.set('plan.docx', new Uint8Array(await Packer.toBuffer(docx)));
  found.set(
    'letter.doc',
    wordBinaryWithText({ body: 'Dear Parent, \x13 DATE \x14 1 November 2026\x15 the review.' }, [31]),
  );
  const picture = `{\\pict\\pngblip\\picw4\\pich4 ${Buffer.from(makePng(4, 4)).toString('hex')}}`;
  found.set(
    'notes.rtf',
    new Uint8Array(
      Buffer.from(
        `{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}\\f0 Sam needs support.\\par ${picture}\\par Yours.}`,
        'latin1',
      ),
    ),
  );
  const content =
    '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ' +
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:text>' +
    '<text:p>Sam needs a quiet space at lunchtime.</text:p></office:text></office:body></office:document-content>';
  found.set(
    'report.odt',
    zipOf([
      { name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.text') },
      { name: 'content.xml', data: Buffer.from(content) },
      {
        name: 'META-INF/manifest.xml',
        data: Buffer.from(
          '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">' +
            '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>' +
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>',
        ),
      },
    ]),
  );
  return found;
}

/** LibreOffice's stand-in (none on these machines), so a Word document's whole path through import runs. */
async function standInSoffice(work: string): Promise<ImportTools> {
  const soffice = await writeStandInSoffice(work);
  return { findSoffice: () => soffice, findQpdf: () => findQpdf(), findPdftoppm: () => findPdftoppm() };
}

async function messageBases(): Promise<Map<string, Uint8Array>> {
  const found = new Map<string, Uint8Array>();
  const letter = new Uint8Array(await makeTextPdf('Decision letter', 2));
  const photo = await makeJpeg(64, 48);
  const eml = councilEmail([
    { name: 'decision letter.pdf', type: 'application/pdf', data: letter },
    { name: 'visit.jpg', type: 'image/jpeg', data: photo },
  ]);
  found.set('decision.eml', new Uint8Array(Buffer.from(eml, 'utf8')));
  found.set(
    'decision.msg',
    outlookItem({
      messageClass: 'IPM.Note',
      subject: 'Annual review paperwork',
      body: 'Please find the school report attached, with a photo of the visit.',
      attachments: [
        { longFileName: 'school report.pdf', mimeTag: 'application/pdf', data: letter },
        { longFileName: 'visit.jpg', mimeTag: 'image/jpeg', data: photo },
      ],
    }),
  );
  found.set(
    'evidence.zip',
    zipOf([
      { name: 'evidence/school report.pdf', data: letter },
      { name: 'evidence/visit.jpg', data: photo },
    ]),
  );
  found.set(
    'winmail.dat',
    new Uint8Array(
      tnef(
        messageProps([
          { type: PT.unicode, id: PR.body, value: unicode('Dear Parent,\r\n\r\nThe EP report is attached.') },
        ]),
        ...attachedFile({
          title: 'EPREPO~1.PDF',
          data: letter,
          props: [{ type: PT.unicode, id: PR.attachLongFilename, value: unicode('EP report.pdf') }],
        }),
      ),
    ),
  );
  found.set('signed.eml', new Uint8Array(smimeFixture('opaque-signed.eml')));
  const chat = [
    '[02/11/2026, 09:14:05] Mrs Jones: Sam had a hard morning and left the classroom twice',
    '[02/11/2026, 09:15:12] Mum: <attached: 00000002-PHOTO-2026-11-02-09-15-12.jpg>',
  ].join('\n');
  found.set(
    'WhatsApp Chat.zip',
    zipOf([
      { name: '_chat.txt', data: Buffer.from(chat) },
      { name: '00000002-PHOTO-2026-11-02-09-15-12.jpg', data: photo },
    ]),
  );
  found.set('WhatsApp Chat.txt', new Uint8Array(Buffer.from(chat, 'utf8')));
  // Web pages as browsers save them, and a call's transcript.
  found.set('page.mhtml', new Uint8Array(Buffer.from(savedWebPage({ pictures: 2 }), 'latin1')));
  found.set(
    'page.html',
    new Uint8Array(
      Buffer.from(
        '<!DOCTYPE html>\n<!-- saved from url=(0031)https://example.gov.uk/transport -->\n<html><head>' +
          '<meta charset="utf-8"><title>Transport</title><link rel="canonical" href="https://example.gov.uk/t">' +
          '</head><body><h1>Transport</h1><p>Pupils <a href="https://example.gov.uk/apply">apply here</a>.</p>' +
          '<img src="bus.jpg"><noscript>Scripts</noscript></body></html>',
        'utf8',
      ),
    ),
  );
  found.set(
    'page.webarchive',
    new Uint8Array(readFileSync(join(ROOT, 'tests/fixtures/webarchive/Home to school transport.webarchive'))),
  );
  found.set(
    'transcript.vtt',
    new Uint8Array(
      Buffer.from(
        'WEBVTT\n\nab/1-0\n00:00:03.510 --> 00:00:07.300\n<v Jo Smith>Sam has a TA at lunch.</v>\n\n' +
          'ab/2-0\n00:00:08.000 --> 00:00:09.000\n<v Priya Patel>Every day?</v>\n',
        'utf8',
      ),
    ),
  );
  found.set(
    'notes.txt',
    new Uint8Array(
      Buffer.from(
        'Notes of the call with the SENCo, 3 November 2026.\n\nShe agreed the speech and language ' +
          'therapy in section F is not being delivered.\n',
        'utf8',
      ),
    ),
  );
  return found;
}

async function pdfBases(): Promise<Map<string, Uint8Array>> {
  const found = new Map<string, Uint8Array>();
  found.set('generated report', new Uint8Array(await makeTextPdf('Compressed report', 3)));
  // Pictures pdf.js decodes only to draw them; left out where libtiff's tiffcp is not installed.
  if (spawnSync('tiffcp', ['-h']).error === undefined)
    found.set('scanned page (G4, JBIG2, JPEG)', await scannerPdf());
  for (const dir of ['valid', 'structure']) {
    const folder = join(FIXTURES, dir);
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder).filter((n) => n.toLowerCase().endsWith('.pdf'))) {
      const bytes = new Uint8Array(readFileSync(join(folder, name)));
      if (bytes.length < 400_000) found.set(`${dir}/${name}`, bytes);
    }
  }
  return found;
}

/** One damaged copy: what was done, and the bytes. */
function damage(bytes: Uint8Array, random: () => number): { what: string; bytes: Uint8Array<ArrayBuffer> } {
  const pick = (n: number) => Math.floor(random() * n);
  const copy = new Uint8Array(bytes);
  const start = pick(copy.length);
  const length = 1 + pick(Math.max(1, Math.min(2000, copy.length - start)));
  switch (pick(5)) {
    case 0: {
      const flips = 1 + pick(20);
      for (let i = 0; i < flips; i++) copy[pick(copy.length)] = pick(256);
      return { what: `${flips} bytes changed`, bytes: copy };
    }
    case 1:
      return {
        what: `${length} bytes cut out at ${start}`,
        bytes: new Uint8Array(Buffer.concat([copy.subarray(0, start), copy.subarray(start + length)])),
      };
    case 2:
      return {
        what: `${length} bytes at ${start} copied twice`,
        bytes: new Uint8Array(Buffer.concat([copy.subarray(0, start + length), copy.subarray(start)])),
      };
    case 3:
      return { what: `cut short at ${start + 1}`, bytes: copy.slice(0, start + 1) };
    default:
      copy.fill(0, start, start + Math.min(length, 500));
      return { what: `${Math.min(length, 500)} bytes zeroed at ${start}`, bytes: copy };
  }
}

/** How many pages poppler counts in the file (pdfinfo), or null when it cannot open it. */
function popplerPages(bytes: Uint8Array, work: string): number | null {
  const file = join(work, 'imported.pdf');
  writeFileSync(file, bytes);
  const info = spawnSync('pdfinfo', [file], { encoding: 'utf8', timeout: 30_000 });
  const pages = /^Pages:\s+(\d+)/m.exec(info.stdout ?? '');
  return info.status === 0 && pages ? Number(pages[1]) : null;
}

/**
 * How poppler draws the file: 'clean' (every page, without printing a complaint, and ink on at least one),
 * 'blank' (without a complaint, but every page blank: what it draws for a page tree node that lost its
 * pages), or 'complaint' (it complained or failed; also when pdftoppm is missing).
 */
function popplerDraws(bytes: Uint8Array, work: string): 'clean' | 'blank' | 'complaint' {
  const dir = mkdtempSync(join(work, 'drawn-'));
  try {
    const file = join(dir, 'refused.pdf');
    writeFileSync(file, bytes);
    const drawn = spawnSync('pdftoppm', ['-r', '10', '-gray', file, join(dir, 'page')], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    if (drawn.status !== 0 || drawn.stderr.trim() !== '') return 'complaint';
    const pages = readdirSync(dir).filter((name) => name.endsWith('.pgm'));
    return pages.some((name) => hasInk(readFileSync(join(dir, name)))) ? 'clean' : 'blank';
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Whether a binary grey PGM (P5, 8-bit) has a pixel that is not white. */
function hasInk(pgm: Buffer): boolean {
  // The header: P5, width, height, maximum, each after white space; the pixels follow one more byte.
  const header = /^P5\s+\d+\s+\d+\s+\d+\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  if (!header) return true;
  for (let i = header[0].length; i < pgm.length; i++) if (pgm[i] !== 255) return true;
  return false;
}

async function main(): Promise<void> {
  installPdfLibPatches();
  // Workers from the prebuilt bundle, as the app runs them, when it is current (tests/setup/bundledWorkers.ts).
  if (cliBuildIsFresh())
    globalThis.__sendBundleWorkers = { dir: pathToFileURL(CLI_DIR + '/').href, ext: '.mjs' };
  const seed = Number(args.seed);
  const minutes = Number(args.minutes);
  if (!Number.isFinite(seed) || !Number.isFinite(minutes) || minutes <= 0)
    throw new Error('--seed and --minutes take numbers, for example --seed 7 --minutes 5');
  const keep = args.keep ?? mkdtempSync(join(tmpdir(), 'send-bundle-fuzz-'));
  mkdirSync(keep, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'send-bundle-fuzz-data-'));
  const work = mkdtempSync(join(tmpdir(), 'send-bundle-fuzz-work-'));
  const ctx = openServiceContext(dataDir, {});
  const services = createServices(ctx);
  const random = seeded(seed);
  const kinds = kindsAsked(args.kinds);
  const all = await bases(kinds, services);
  // Word documents go through import with LibreOffice's stand-in (the other kinds as they always have).
  const wordTools = kinds.includes('word') ? await standInSoffice(work) : null;
  for (const path of args.base ?? []) {
    const files = statSync(path).isDirectory()
      ? readdirSync(path)
          .filter((name) => name.toLowerCase().endsWith('.pdf'))
          .sort()
          .map((name) => join(path, name))
      : [path];
    for (const file of files) all.set(`base/${basename(file)}`, new Uint8Array(readFileSync(file)));
  }
  if (args.only) for (const name of all.keys()) if (!name.includes(args.only)) all.delete(name);
  if (all.size === 0)
    throw new Error(`No file to damage${args.only ? ` has "${args.only}" in its name` : ''}.`);
  const names = [...all.keys()];
  const hasPoppler = spawnSync('pdftoppm', ['-v']).status === 0;
  const counts = {
    files: 0,
    imported: 0,
    refused: 0,
    built: 0,
    refusedDrawnBlank: 0,
    drawn: 0,
    checked: 0,
    compared: 0,
  };
  const failures: string[] = [];
  const toLookAt: string[] = [];
  const endAt = Date.now() + minutes * 60_000;
  const drawer = new PageDrawer(ROOT, DRAW_SECONDS);
  try {
    while (Date.now() < endAt) {
      const n = ++counts.files;
      const asIs = args['as-is'] && n <= names.length;
      const base = asIs ? names[n - 1] : names[Math.floor(random() * names.length)];
      const { what, bytes } = asIs
        ? { what: 'as it is', bytes: new Uint8Array(all.get(base)!) }
        : damage(all.get(base)!, random);
      const id = `${base}, ${what}`;
      const extension = /\.[a-z0-9]+$/.exec(base)?.[0] ?? '.pdf';
      const isPdf = extension === '.pdf';
      const name = `fuzz-${seed}-${n}${extension}`;
      if (base.startsWith(BUNDLE_BASE)) {
        const started = Date.now();
        let failure = await checkAndCompare(services, name, all.get(base)!, bytes, counts);
        const took = Date.now() - started;
        if (!failure && took > SLOW_MS) failure = `checked and compared in ${(took / 1000).toFixed(1)} s`;
        if (failure) {
          failures.push(`${name} (${id}): ${failure}`);
          writeFileSync(join(keep, name), bytes);
        }
        continue;
      }
      const caseId = services.cases.create({
        title: 'Fuzz',
        role: 'parent',
        appealType: 'contents-of-plan',
      }).id;
      const started = Date.now();
      // poppler's own time (pdfinfo walks a form's fields for ever in qpdf's shared-unnamed-field.pdf)
      // is not the app's, so it is left out of the time judged.
      let popplerMs = 0;
      const timedPoppler = <T>(run: () => T): T => {
        const before = Date.now();
        try {
          return run();
        } finally {
          popplerMs += Date.now() - before;
        }
      };
      let failure = '';
      try {
        const request = { caseId, section: 'C' as const, files: [{ name, data: bytes }], ocr: false };
        const outcomes = wordTools
          ? await importFiles(ctx, request, {}, wordTools)
          : await services.documents.import(request);
        const [outcome] = outcomes;
        // A file taken out of another (an email's attachment) is named by its own name.
        const unnamed = outcomes.find(
          (o) =>
            o.status === 'refused' &&
            !o.reason.includes(o.attachedTo ? o.file.split(' (attached to ')[0] : name),
        );
        if (unnamed?.status === 'refused')
          failure = `refused without naming the file: ${unnamed.file}: ${unnamed.reason}`;
        if (outcome.status === 'refused') {
          counts.refused++;
          const drawn =
            !failure && isPdf && hasPoppler ? timedPoppler(() => popplerDraws(bytes, work)) : 'complaint';
          if (drawn === 'clean') toLookAt.push(`${name} (${id}): ${outcome.reason}`);
          if (drawn === 'blank') counts.refusedDrawnBlank++;
        } else if (outcome.status === 'imported') {
          counts.imported++;
          // Pages lost without a word: poppler counts more than were imported (its count may also be a
          // page tree's wrong /Count, so this is a file to look at).
          const popplerCount = isPdf && hasPoppler ? timedPoppler(() => popplerPages(bytes, work)) : null;
          if (popplerCount !== null && popplerCount > outcome.pageCount)
            toLookAt.push(
              `${name} (${id}): imported with ${outcome.pageCount} pages where poppler counts ${popplerCount}`,
            );
        }
        for (const imported of outcomes) {
          if (imported.status !== 'imported') continue;
          const record = services.documents.get(imported.documentId);
          const stored = readFileSync(ctx.store.pdfPath(record.ocrSha256 ?? record.sha256));
          const drawing = await drawer.draw(stored, DRAW_PAGES);
          if (drawing.outcome === 'drawn') counts.drawn++;
          else if (drawing.outcome === 'over time')
            failure ||= `pdf.js was still drawing ${imported.file} as the preview would after ${DRAW_SECONDS} s`;
          else
            toLookAt.push(
              `${name} (${id}): imported, but pdf.js could not draw ${imported.file}: ${drawing.reason}`,
            );
        }
        if (outcomes.some((o) => o.status === 'imported')) {
          const version = await services.bundle.build(caseId, { compiledDate: '2026-03-01' });
          counts.built++;
          if (!version.verification.ok) failure = `its bundle failed verification`;
        }
      } catch (error) {
        failure = `import or build threw: ${(error as Error)?.stack ?? String(error)}`;
      }
      const took = Date.now() - started - popplerMs;
      if (!failure && took > SLOW_MS) failure = `took ${(took / 1000).toFixed(1)} s`;
      if (failure) failures.push(`${name} (${id}): ${failure}`);
      if (failure || toLookAt.at(-1)?.startsWith(name)) writeFileSync(join(keep, name), bytes);
    }
  } finally {
    await drawer.close();
    closeServiceContext(ctx);
    await closeIdleWorkers();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
  const report = { seed, minutes, ...counts, failures, toLookAt, kept: keep };
  if (args.json) console.log(JSON.stringify(report, null, 2));
  else {
    console.log(
      `Seed ${seed}, ${minutes} min: ${counts.files} damaged files, ${counts.imported} imported (${counts.drawn} documents drawn, ${counts.built} built), ${counts.refused} refused (${counts.refusedDrawnBlank} of them drawn by poppler without a complaint but blank); damaged bundles: ${counts.checked} checked, ${counts.compared} compared (the rest refused in words).`,
    );
    for (const line of failures) console.log(`FAILED ${line}`);
    console.log(
      `${toLookAt.length} files to look at (refused though poppler draws them without a complaint, imported with fewer pages than poppler counts, or imported but not drawn by pdf.js)${toLookAt.length ? ':' : '.'}`,
    );
    for (const line of toLookAt) console.log(`  ${line}`);
    if (failures.length || toLookAt.length) console.log(`Kept in ${keep}`);
  }
  process.exit(failures.length ? 1 : 0);
}

await main();
