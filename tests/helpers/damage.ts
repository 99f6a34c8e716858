/**
 * Damaged copies of PDFs for the import corpus, made deterministically (a seeded generator, fixed offsets):
 * truncations, byte flips near startxref, in streams and in inline images, zero, inverted and huge page
 * boxes, broken form-XObject bounding boxes, and control characters in titles. The same run always makes
 * the same files, so a failure names a variant that can be made again.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { PDFArray, PDFDocument, PDFName, PDFNumber, PDFRef, PDFString } from '@cantoo/pdf-lib';
import { FIXTURES } from './context';
import { REPO_ROOT } from './repo';
import { HELVETICA, rawPdf, textContent, type RawObject } from './rawPdf';
import { makeTextPdf } from './seed';
import { seeded } from './seeded';

export interface Variant {
  /** What was done to which file, e.g. "truncate 40% of text.pdf". */
  id: string;
  /** The file name import sees. */
  name: string;
  bytes: Uint8Array<ArrayBuffer>;
}

const A4 = '[0 0 595 842]';

/** Two A4 pages of uncompressed text (byte flips in its streams hit the text operators). */
export function plainTextPdf(title = 'Plain text report'): Uint8Array<ArrayBuffer> {
  return rawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 >>',
      `<< /Type /Page /Parent 2 0 R /MediaBox ${A4} /Resources << /Font << /F1 7 0 R >> >> /Contents 4 0 R >>`,
      {
        dict: '<< >>',
        stream: textContent([`${title}, page one`, 'Educational psychologist: Dr A. Example']),
      },
      `<< /Type /Page /Parent 2 0 R /MediaBox ${A4} /Resources << /Font << /F1 7 0 R >> >> /Contents 6 0 R >>`,
      { dict: '<< >>', stream: textContent([`${title}, page two`, 'Recommendations follow.']) },
      HELVETICA,
    ],
    '/Root 1 0 R',
  );
}

/** A grey 16 × 16 inline image between two lines of text. */
export function inlineImagePdf(): Uint8Array<ArrayBuffer> {
  const pixels = Buffer.alloc(256);
  for (let i = 0; i < 256; i++) pixels[i] = (i * 7) & 0xff;
  const content = Buffer.concat([
    Buffer.from(
      `${textContent(['Above the inline image'])}\nq 100 0 0 100 72 600 cm\nBI /W 16 /H 16 /CS /G /BPC 8 ID `,
      'latin1',
    ),
    pixels,
    Buffer.from(`\nEI Q\nBT /F1 12 Tf 72 560 Td (Below the inline image) Tj ET`, 'latin1'),
  ]);
  return rawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      `<< /Type /Page /Parent 2 0 R /MediaBox ${A4} /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>`,
      { dict: '<< >>', stream: content },
      HELVETICA,
    ],
    '/Root 1 0 R',
  );
}

/** Text drawn through a form XObject (with the given /BBox text) and text drawn directly. */
export function formXObjectPdf(bbox = '/BBox [0 0 400 100]'): Uint8Array<ArrayBuffer> {
  return rawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      `<< /Type /Page /Parent 2 0 R /MediaBox ${A4} /Resources << /Font << /F1 6 0 R >> /XObject << /Fm1 5 0 R >> >> /Contents 4 0 R >>`,
      { dict: '<< >>', stream: `${textContent(['Drawn on the page'])}\nq 1 0 0 1 72 600 cm /Fm1 Do Q` },
      {
        dict: `<< /Type /XObject /Subtype /Form ${bbox} /Resources << /Font << /F1 6 0 R >> >> >>`,
        stream: 'BT /F1 12 Tf 10 40 Td (Drawn inside the form) Tj ET',
      },
      HELVETICA,
    ],
    '/Root 1 0 R',
  );
}

/** A one-page text PDF with a metadata title written as raw PDF string bytes. */
export function titledPdf(titleLiteral: string): Uint8Array<ArrayBuffer> {
  return rawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      `<< /Type /Page /Parent 2 0 R /MediaBox ${A4} /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>`,
      { dict: '<< >>', stream: textContent(['A letter with an unusual title']) },
      HELVETICA,
      `<< /Title ${titleLiteral} /Producer (corpus) >>`,
    ],
    '/Root 1 0 R /Info 6 0 R',
  );
}

/** Offsets of stream data ("stream" EOL … "endstream") in the file. */
export function streamRanges(bytes: Uint8Array): Array<[number, number]> {
  const text = Buffer.from(bytes).toString('latin1');
  const ranges: Array<[number, number]> = [];
  const re = /stream\r?\n/g;
  let match: RegExpExecArray | null;
  while ((match = re.exec(text))) {
    if (text.slice(match.index - 3, match.index) === 'end') continue;
    const start = match.index + match[0].length;
    const end = text.indexOf('endstream', start);
    if (end > start) ranges.push([start, end]);
    re.lastIndex = Math.max(re.lastIndex, end);
  }
  return ranges;
}

function flip(bytes: Uint8Array, offsets: number[], random: () => number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(bytes);
  for (const at of offsets) out[at] ^= 1 + Math.floor(random() * 255);
  return out;
}

function truncations(id: string, bytes: Uint8Array<ArrayBuffer>): Variant[] {
  const cuts = [0.02, 0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 0.85, 0.9, 0.95, 0.98, 0.995];
  const text = Buffer.from(bytes).toString('latin1');
  const offsets = new Set(cuts.map((f) => Math.max(16, Math.floor(bytes.length * f))));
  offsets.add(bytes.length - 1);
  offsets.add(bytes.length - 8); // inside "%%EOF"
  const startxref = text.lastIndexOf('startxref');
  if (startxref > 0) offsets.add(startxref);
  const xref = text.lastIndexOf('xref\n', startxref - 1);
  if (xref > 0) offsets.add(xref);
  return [...offsets]
    .sort((a, b) => a - b)
    .map((at) => ({
      id: `truncate ${id} at ${at} of ${bytes.length}`,
      name: `${id}-cut${at}.pdf`,
      bytes: bytes.slice(0, at),
    }));
}

function flipsNearStartxref(id: string, bytes: Uint8Array, seed: number, count: number): Variant[] {
  const text = Buffer.from(bytes).toString('latin1');
  const anchor = text.lastIndexOf('startxref');
  const random = seeded(seed);
  const variants: Variant[] = [];
  for (let k = 0; k < count; k++) {
    const span = 96;
    const at = Math.min(bytes.length - 1, Math.max(0, anchor - span / 2 + Math.floor(random() * span)));
    variants.push({
      id: `flip ${id} near startxref at ${at}`,
      name: `${id}-xref${k}.pdf`,
      bytes: flip(bytes, [at, Math.min(bytes.length - 1, at + 1 + Math.floor(random() * 6))], random),
    });
  }
  return variants;
}

function flipsInStreams(id: string, bytes: Uint8Array, seed: number, count: number): Variant[] {
  const ranges = streamRanges(bytes);
  if (ranges.length === 0) return [];
  const random = seeded(seed);
  const variants: Variant[] = [];
  for (let k = 0; k < count; k++) {
    const [start, end] = ranges[Math.floor(random() * ranges.length)];
    const hits = 1 + Math.floor(random() * 4);
    const offsets = Array.from({ length: hits }, () => start + Math.floor(random() * (end - start)));
    variants.push({
      id: `flip ${id} in a stream at ${offsets.join(',')}`,
      name: `${id}-stream${k}.pdf`,
      bytes: flip(bytes, offsets, random),
    });
  }
  return variants;
}

function flipsInInlineImage(bytes: Uint8Array<ArrayBuffer>, seed: number, count: number): Variant[] {
  const text = Buffer.from(bytes).toString('latin1');
  const start = text.indexOf(' ID ') - 40; // from inside the image's dictionary …
  const end = text.indexOf('\nEI') + 4; // … to just after its end marker
  const random = seeded(seed);
  const variants: Variant[] = [];
  for (let k = 0; k < count; k++) {
    const offsets = Array.from({ length: 1 + (k % 3) }, () => start + Math.floor(random() * (end - start)));
    variants.push({
      id: `flip inline image at ${offsets.join(',')}`,
      name: `inline-image-${k}.pdf`,
      bytes: flip(bytes, offsets, random),
    });
  }
  return variants;
}

type Box = number[] | 'missing' | 'string' | 'short';
const BOXES: Record<string, { media?: Box; crop?: Box; rotate?: number }> = {
  'zero media box': { media: [0, 0, 0, 0] },
  'inverted media box': { media: [612, 792, 0, 0] },
  'huge media box': { media: [0, 0, 200000, 200000] },
  'tiny media box': { media: [0, 0, 0.5, 0.5] },
  'negative origin': { media: [-300, -400, 312, 392] },
  'flat media box': { media: [0, 0, 612, 0] },
  'media box missing': { media: 'missing' },
  'media box a string': { media: 'string' },
  'media box short': { media: 'short' },
  'zero crop box': { crop: [0, 0, 0, 0] },
  'crop box outside media box': { crop: [5000, 5000, 6000, 6000] },
  'inverted crop box': { crop: [500, 700, 100, 100] },
  'huge crop box': { crop: [-100000, -100000, 100000, 100000] },
  'letter landscape': { media: [0, 0, 792, 612] },
  legal: { media: [0, 0, 612, 1008] },
  'rotate 45': { rotate: 45 },
  'rotate -90': { rotate: -90 },
  'rotate 450': { rotate: 450 },
};

async function boxVariants(id: string, bytes: Uint8Array): Promise<Variant[]> {
  const variants: Variant[] = [];
  for (const [what, change] of Object.entries(BOXES)) {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    for (const page of doc.getPages()) {
      for (const [key, box] of [
        ['MediaBox', change.media],
        ['CropBox', change.crop],
      ] as const) {
        if (box === undefined) continue;
        const name = PDFName.of(key);
        if (box === 'missing') page.node.delete(name);
        else if (box === 'string') page.node.set(name, PDFString.of('0 0 612 792'));
        else if (box === 'short') page.node.set(name, doc.context.obj([0, 0, 612]));
        else page.node.set(name, doc.context.obj(box));
      }
      if (change.rotate !== undefined) page.node.set(PDFName.of('Rotate'), PDFNumber.of(change.rotate));
    }
    variants.push({
      id: `${what} on ${id}`,
      name: `${id}-${what.replace(/ /g, '-')}.pdf`,
      bytes: new Uint8Array(await doc.save({ useObjectStreams: false })),
    });
  }
  return variants;
}

const BBOXES: Record<string, string> = {
  'zero bbox': '/BBox [0 0 0 0]',
  'inverted bbox': '/BBox [400 100 0 0]',
  'missing bbox': '',
  'short bbox': '/BBox [0 0 400]',
  'bbox a number': '/BBox 5',
  'bbox a string': '/BBox (0 0 400 100)',
  'huge bbox': '/BBox [-1e9 -1e9 1e9 1e9]',
  'bbox with a name': '/BBox [0 0 /Auto 100]',
  'bbox of references': '/BBox [1 0 R 2 0 R 3 0 R 4 0 R]',
  'matrix broken': '/BBox [0 0 400 100] /Matrix [1 0 0]',
};

/** Control characters and bidi overrides, in metadata titles and in file names. */
const TITLES: Record<string, string> = {
  'escape in title': '(Report\x1b[31m of the EP)',
  'nul in title': '(Report\x00 of the EP)',
  'bell and backspace': '(\x07Report\x08\x08 of the EP)',
  'bidi override in title': '<FEFF0052006500700020202E0066006400700020202C>',
  'c1 control in title': '<FEFF005200650070008500720074>',
  'newlines and tabs': '(Report\r\nof the\tEP)',
  'camera name': '(IMG_20261112_0931)',
};

const NAMES = [
  'report\x1b[2J.pdf',
  'letter\u202egnp.pdf',
  'scan\x00\x07.pdf',
  'minutes\u0085\u009b.pdf',
  'tab\there\nnewline.pdf',
];

export function fixture(relative: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(readFileSync(join(FIXTURES, relative)));
}

/**
 * Every variant, in a fixed order. About 250 files, most a few kilobytes: the largest bases are kept
 * out of the per-offset families so the whole corpus imports and builds in well under a minute.
 */
export async function damagedVariants(): Promise<Variant[]> {
  const bases: Record<string, Uint8Array<ArrayBuffer>> = {
    text: plainTextPdf(),
    flate: new Uint8Array(await makeTextPdf('Compressed report', 3)),
    annots: fixture('valid/pdflib-with_annots.pdf'),
    labels: fixture('structure/qpdf-11-pages-with-labels.pdf'),
    outlines: fixture('structure/qpdf-direct-outlines.pdf'),
    normal: fixture('valid/pdflib-normal.pdf'),
  };
  const variants: Variant[] = [];
  for (const [id, bytes] of Object.entries(bases)) variants.push(...truncations(id, bytes));
  let seed = 1;
  for (const [id, bytes] of Object.entries(bases)) {
    variants.push(...flipsNearStartxref(id, bytes, seed++, 5));
    variants.push(...flipsInStreams(id, bytes, seed++, 6));
  }
  const inline = inlineImagePdf();
  variants.push({ id: 'inline image intact', name: 'inline-image.pdf', bytes: inline });
  variants.push(...flipsInInlineImage(inline, 99, 12));
  for (const id of ['text', 'flate']) variants.push(...(await boxVariants(id, bases[id])));
  for (const [what, bbox] of Object.entries(BBOXES))
    variants.push({
      id: `form XObject with ${what}`,
      name: `form-${what.replace(/ /g, '-')}.pdf`,
      bytes: formXObjectPdf(bbox),
    });
  for (const [what, literal] of Object.entries(TITLES))
    variants.push({ id: what, name: `${what.replace(/ /g, '-')}.pdf`, bytes: titledPdf(literal) });
  NAMES.forEach((name, i) =>
    variants.push({ id: `control characters in file name ${i + 1}`, name, bytes: bases.text }),
  );
  return variants;
}

/** Pages written as direct objects inside /Kids (legal, and pdf-lib cannot read them). */
export function directPagesPdf(): Uint8Array<ArrayBuffer> {
  const page = (n: number) =>
    `<< /Type /Page /Parent 2 0 R /MediaBox ${A4} /Resources << /Font << /F1 5 0 R >> >> /Contents ${n} 0 R >>`;
  return rawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      `<< /Type /Pages /Kids [${page(3)} ${page(4)}] /Count 2 >>`,
      { dict: '<< >>', stream: textContent(['A page written as a direct object, page one']) },
      { dict: '<< >>', stream: textContent(['A page written as a direct object, page two']) },
      HELVETICA,
    ],
    '/Root 1 0 R',
  );
}

/** One page at the bottom of a page tree `depth` levels deep. */
export function deepTreePdf(depth: number): Uint8Array<ArrayBuffer> {
  // 1 catalog, 2 … depth+1 tree nodes, then the page, its content and the font.
  const pageNumber = depth + 2;
  const objects: Array<string | { dict: string; stream: string }> = ['<< /Type /Catalog /Pages 2 0 R >>'];
  for (let level = 0; level < depth; level++) {
    const self = level + 2;
    const kid = level === depth - 1 ? pageNumber : self + 1;
    objects.push(`<< /Type /Pages /Kids [${kid} 0 R] /Count 1${level ? ` /Parent ${self - 1} 0 R` : ''} >>`);
  }
  objects.push(
    `<< /Type /Page /Parent ${depth + 1} 0 R /MediaBox ${A4} /Resources << /Font << /F1 ${pageNumber + 2} 0 R >> >> /Contents ${pageNumber + 1} 0 R >>`,
  );
  objects.push({ dict: '<< >>', stream: textContent([`A page ${depth} levels down the page tree`]) });
  objects.push(HELVETICA);
  return rawPdf(objects, '/Root 1 0 R');
}

/**
 * Three pages, two of them without a /Type: one has none, one has its key garbled by a byte that is not
 * whitespace in PDF (a vertical tab), so that it reads as a name of its own. pdf.js, poppler and qpdf take
 * both for pages; pdf-lib does not.
 */
export function untypedPagesPdf(): Uint8Array<ArrayBuffer> {
  const page = (type: string, contents: number) =>
    `<< ${type}/Parent 2 0 R /MediaBox ${A4} /Resources << /Font << /F1 8 0 R >> >> /Contents ${contents} 0 R >>`;
  return rawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R 10 0 R] /Count 4 >>',
      page('/Type /Page ', 6),
      page('', 7),
      page('/Type\x0b/Page ', 9),
      { dict: '<< >>', stream: textContent(['The first page, typed']) },
      { dict: '<< >>', stream: textContent(['The second page, with no type']) },
      HELVETICA,
      { dict: '<< >>', stream: textContent(['The third page, its type garbled']) },
      page('/Type /.age ', 11),
      { dict: '<< >>', stream: textContent(['The fourth page, the name of its type garbled']) },
    ],
    '/Root 1 0 R',
  );
}

/**
 * Two pages of text (objects 3 and 4, their contents 6 and 7, Helvetica 5) under a catalog (1) and a page
 * tree (2) given as written, and `more` objects from 8 on: for damage to those few objects.
 */
function twoPagesPdf(parts: {
  catalog: string;
  tree?: string;
  /** Written into the first page's dictionary. */
  firstPage?: string;
  texts: [string, string];
  more?: RawObject[];
}): Uint8Array<ArrayBuffer> {
  const page = (contents: number, extra = '') =>
    `<< /Type /Page /Parent 2 0 R /MediaBox ${A4}${extra} /Resources << /Font << /F1 5 0 R >> >> /Contents ${contents} 0 R >>`;
  return rawPdf(
    [
      parts.catalog,
      parts.tree ?? '<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>',
      page(6, parts.firstPage),
      page(7),
      HELVETICA,
      { dict: '<< >>', stream: textContent([parts.texts[0]]) },
      { dict: '<< >>', stream: textContent([parts.texts[1]]) },
      ...(parts.more ?? []),
    ],
    '/Root 1 0 R',
  );
}

/**
 * Two pages under a catalog whose /Type is `type` (e.g. a garbled name, or '' for none): pdf.js, poppler
 * and qpdf find the catalog from the trailer and read it; stock pdf-lib cannot use it.
 */
export function untypedCatalogPdf(type: string): Uint8Array<ArrayBuffer> {
  return twoPagesPdf({
    catalog: `<< ${type}/Pages 2 0 R >>`,
    texts: ['The first page, under an untyped catalog', 'The second page, under an untyped catalog'],
  });
}

/**
 * Two pages under a page tree whose root's /Type is garbled, and a catalog whose viewer preferences name an
 * object that is no object at all (its first byte changed): pdf.js, poppler and qpdf read past both
 * (seed 32 of `npm run fuzz` found them together in a fixture). Either alone, a repair mends; together, a
 * re-saved copy kept the broken object and one with the pages copied could not find them.
 */
export function untypedTreeAndBrokenObjectPdf(): Uint8Array<ArrayBuffer> {
  return twoPagesPdf({
    catalog: '<< /Type /Catalog /Pages 2 0 R /ViewerPreferences << /PrintPageRange 8 0 R /NumCopies 2 >> >>',
    tree: '<< /Type /P\xe1ges /Kids [3 0 R 4 0 R] /Count 2 >>',
    texts: ['The first page, under a garbled page tree', 'The second page, under a garbled page tree'],
    more: ['\xdf1 1 2 2]'],
  });
}

/**
 * Two pages under a page tree whose root's /Type is garbled, the first with a byte in its crop box that
 * is no token at all (`[0 \x12.0 595 842]`; seed 32 of `npm run fuzz`): pdf.js, poppler and qpdf read it
 * (the box ignored), pdf-lib cannot parse that page, and qpdf, which writes the stray byte as a string,
 * writes the root as it found it.
 */
export function untypedTreeAndGarbledPagePdf(): Uint8Array<ArrayBuffer> {
  return twoPagesPdf({
    catalog: '<< /Type /Catalog /Pages 2 0 R >>',
    tree: '<< /Type /P\xe1ges /Kids [3 0 R 4 0 R] /Count 2 >>',
    firstPage: ' /CropBox [0 \x12.0 595 842]',
    texts: ['The first page, its crop box garbled', 'The second page, under a garbled page tree'],
  });
}

/**
 * Three pages of text ("Page one" …), the page objects at `destroyed` (1-based) overwritten with bytes
 * that are no object at all: poppler shows the others, pdf.js none after the first destroyed one.
 */
export function destroyedPagesPdf(destroyed: number[]): Uint8Array<ArrayBuffer> {
  const words = ['Page one', 'Page two', 'Page three'];
  const objects: RawObject[] = ['<< /Type /Catalog /Pages 2 0 R >>', '', HELVETICA];
  const kids: string[] = [];
  words.forEach((text, i) => {
    kids.push(`${objects.length + 1} 0 R`);
    objects.push(
      destroyed.includes(i + 1)
        ? 'xq$%^ ~~ overwritten ]]]'
        : `<< /Type /Page /Parent 2 0 R /MediaBox ${A4} /Resources << /Font << /F1 3 0 R >> >> /Contents ${objects.length + 2} 0 R >>`,
    );
    objects.push({ dict: '<< >>', stream: textContent([text]) });
  });
  objects[1] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${words.length} >>`;
  return rawPdf(objects, '/Root 1 0 R');
}

/**
 * A catalog for garbledKidsPdf whose page labels have a byte garbled as in fuzz, --kinds all seed 11 (file
 * 6766): "/St\xaf1 >>", then the next range's "<<". pdf.js skips that "<<" alone, so the next ">>" ends the
 * range and the catalog's /Pages is read.
 */
export const GARBLED_LABELS_CATALOG =
  '<< /PageLabels << /Nums [ 0 << /S /r /St\xaf1 >> 2 << /S /D >> ] >> /Pages 2 0 R /Type /Catalog >>';

/**
 * Four pages of text ("Page one" …) under one node, the node's entries for some pages (1-based) written as
 * `garbled` gives them ("6z0 R"): the page objects themselves are intact, naming the node as /Parent. The
 * catalog (object 1) as `catalog` gives it, the tree being object 2.
 */
export function garbledKidsPdf(
  garbled: Partial<Record<number, string>>,
  catalog = '<< /Type /Catalog /Pages 2 0 R >>',
): Uint8Array<ArrayBuffer> {
  const words = ['Page one', 'Page two', 'Page three', 'Page four'];
  const objects: RawObject[] = [catalog, '', HELVETICA];
  const kids: string[] = [];
  words.forEach((text, i) => {
    kids.push(garbled[i + 1] ?? `${objects.length + 1} 0 R`);
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox ${A4} /Resources << /Font << /F1 3 0 R >> >> /Contents ${objects.length + 2} 0 R >>`,
    );
    objects.push({ dict: '<< >>', stream: textContent([text]) });
  });
  objects[1] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${words.length} >>`;
  return rawPdf(objects, '/Root 1 0 R');
}

/**
 * Three pages of text, bytes zeroed from inside page one's resources to inside page two's object, so that
 * the cross-reference entry of page two points at nothing: opening it leaves pdf.js with a promise of its
 * own rejected (an XRefEntryException) that nothing waits for.
 */
export function zeroedPagesPdf(): Uint8Array<ArrayBuffer> {
  const objects: RawObject[] = ['<< /Type /Catalog /Pages 2 0 R >>', '', HELVETICA];
  const kids: string[] = [];
  for (const text of ['Page one', 'Page two', 'Page three']) {
    kids.push(`${objects.length + 1} 0 R`);
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox ${A4} /Resources << /Font << /F1 3 0 R >> >> /Contents ${objects.length + 2} 0 R >>`,
    );
    objects.push({ dict: '<< >>', stream: textContent([text]) });
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count 3 >>`;
  const pdf = rawPdf(objects, '/Root 1 0 R');
  const text = Buffer.from(pdf).toString('latin1');
  const from = text.indexOf('/Font', text.indexOf('\n4 0 obj'));
  pdf.fill(0, from, text.indexOf('/MediaBox', text.indexOf('\n6 0 obj')));
  return pdf;
}

/**
 * Three pages in a tree whose root lists a subtree (pages one and two) and then page three: a node's own
 * pages and its subtrees mixed, as the PDF format allows.
 */
export function mixedTreePdf(): Uint8Array<ArrayBuffer> {
  const page = (parent: number, contents: number) =>
    `<< /Type /Page /Parent ${parent} 0 R /MediaBox ${A4} /Resources << /Font << /F1 4 0 R >> >> /Contents ${contents} 0 R >>`;
  return rawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R 9 0 R] /Count 3 >>',
      '<< /Type /Pages /Parent 2 0 R /Kids [5 0 R 7 0 R] /Count 2 >>',
      HELVETICA,
      page(3, 6),
      { dict: '<< >>', stream: textContent(['Page one']) },
      page(3, 8),
      { dict: '<< >>', stream: textContent(['Page two']) },
      page(2, 10),
      { dict: '<< >>', stream: textContent(['Page three']) },
    ],
    '/Root 1 0 R',
  );
}

/** A page tree whose /Count is wrong and whose /Kids hold a null and a non-page. */
export function untidyTreePdf(): Uint8Array<ArrayBuffer> {
  return rawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R null 6 0 R 4 0 R] /Count 7 >>',
      `<< /Type /Page /Parent 2 0 R /MediaBox ${A4} /Resources << /Font << /F1 7 0 R >> >> /Contents 5 0 R >>`,
      `<< /Type /Page /Parent 2 0 R /MediaBox ${A4} /Resources << /Font << /F1 7 0 R >> >> /Contents 5 0 R >>`,
      { dict: '<< >>', stream: textContent(['A page in an untidy page tree']) },
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
      HELVETICA,
    ],
    '/Root 1 0 R',
  );
}

/** A page drawn in a user unit of `unit` points (PDF 1.6). */
export function userUnitPdf(unit: number): Uint8Array<ArrayBuffer> {
  return rawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${Math.round(595 / unit)} ${Math.round(842 / unit)}] /UserUnit ${unit} /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>`,
      {
        dict: '<< >>',
        stream: `BT /F1 ${12 / unit} Tf ${72 / unit} ${700 / unit} Td (Drawn in large units) Tj ET`,
      },
      HELVETICA,
    ],
    '/Root 1 0 R',
  );
}

/**
 * Encrypted as Acrobat's "encrypt only file attachments" does: the pages and strings are in the clear
 * (/StmF and /StrF /Identity) and only the attached file needs the password ("secret"). The /O, /U and /ID
 * values were made by qpdf 11.3 (`--static-id --encrypt secret ownerpw 128 --use-aes=y`). With
 * `damagedAttachment`, the attached file's dictionary is cut short inside its /Filter, so that pdf-lib
 * cannot read it (as a cut in pdf.js's auth-event-ef-open.pdf left it: fuzz --base seed 5).
 */
export function attachmentOnlyEncryptedPdf(damagedAttachment = false): Uint8Array<ArrayBuffer> {
  const attachment = new Uint8Array(48).map((_, i) => (i * 37 + 11) & 0xff);
  return rawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(minutes.docx) 6 0 R] >> >> >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      `<< /Type /Page /Parent 2 0 R /MediaBox ${A4} /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>`,
      { dict: '<< >>', stream: textContent(['A letter with a password-protected attachment']) },
      HELVETICA,
      '<< /Type /Filespec /F (minutes.docx) /UF (minutes.docx) /EF << /F 7 0 R >> >>',
      {
        dict: damagedAttachment
          ? '<< /Type /EmbeddedFile /Filter [s [ << /Name /StdCF >> ] >>'
          : '<< /Type /EmbeddedFile >>',
        stream: attachment,
      },
      '<< /Filter /Standard /V 4 /R 4 /Length 128 /CF << /StdCF << /CFM /AESV2 /AuthEvent /EFOpen /Length 16 >> >> ' +
        '/StmF /Identity /StrF /Identity /EFF /StdCF /P -4 ' +
        '/O <01d62679f5dbd0c3404477e977b56ef1720b2f6be2a464225fb7e72ffc05cc7f> ' +
        '/U <2c8cef4cd9dceeb18ed59fec766a52560122456a91bae5134273a6db134c87c4> >>',
    ],
    '/Root 1 0 R /Encrypt 8 0 R /ID [<31415926535897932384626433832795><31415926535897932384626433832795>]',
  );
}

/**
 * A page whose drawing goes through a chain of `depth` form XObjects, each using the next: legal, shown
 * by readers (they draw each form when they reach it), but deeper than a copier that follows references
 * recursively can go (pdf-lib's copyPages overflows its stack).
 */
export function formChainPdf(depth: number): Uint8Array<ArrayBuffer> {
  // 1 catalog, 2 pages, 3 page, 4 content, 5 font, then the forms 6 … 5+depth.
  const objects: Array<string | { dict: string; stream: string }> = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox ${A4} /Resources << /Font << /F1 5 0 R >> /XObject << /X 6 0 R >> >> /Contents 4 0 R >>`,
    { dict: '<< >>', stream: `${textContent(['A page drawn through many nested forms'])}\n/X Do` },
    HELVETICA,
  ];
  for (let i = 0; i < depth; i++) {
    const next = i + 1 < depth ? ` /XObject << /X ${7 + i} 0 R >>` : '';
    objects.push({
      dict: `<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >>${next} >> >>`,
      stream: i + 1 < depth ? '/X Do' : 'BT /F1 12 Tf 72 600 Td (The innermost form) Tj ET',
    });
  }
  return rawPdf(objects, '/Root 1 0 R');
}

/**
 * A page whose /Parent leads into a loop (a tree node that is its own parent), though the page tree
 * itself, read from the top, is sound: readers never look up the chain, but anything that gathers what a
 * page inherits goes round for ever.
 */
export function parentLoopPdf(): Uint8Array<ArrayBuffer> {
  return rawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      `<< /Type /Page /Parent 6 0 R /MediaBox ${A4} /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>`,
      { dict: '<< >>', stream: textContent(['A page whose parent is lost in a loop']) },
      HELVETICA,
      '<< /Type /Pages /Parent 6 0 R /Count 1 >>',
    ],
    '/Root 1 0 R',
  );
}

/**
 * A one-page PDF with an incremental update that changes the page's text from "Before the update" to
 * "After the update". `cut`: the update's cross-reference section and trailer cut off (a download that
 * stopped short), so the file's last table is the first revision's, its changed object after it.
 */
export function updatedPdf(cut = false): Uint8Array<ArrayBuffer> {
  const first = Buffer.from(
    rawPdf(
      [
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        `<< /Type /Page /Parent 2 0 R /MediaBox ${A4} /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>`,
        HELVETICA,
        { dict: '<< >>', stream: textContent(['Before the update']) },
      ],
      '/Root 1 0 R',
    ),
  );
  const previous = Number(/startxref\n(\d+)/.exec(first.toString('latin1'))![1]);
  const content = textContent(['After the update']);
  const changed = Buffer.from(
    `5 0 obj\n<< /Length ${content.length} >>\nstream\n${content}\nendstream\nendobj\n`,
    'latin1',
  );
  const table = Buffer.from(
    `xref\n5 1\n${String(first.length).padStart(10, '0')} 00000 n \n` +
      `trailer\n<< /Size 6 /Root 1 0 R /Prev ${previous} >>\nstartxref\n${first.length + changed.length}\n%%EOF\n`,
    'latin1',
  );
  return new Uint8Array(Buffer.concat(cut ? [first, changed] : [first, changed, table]));
}

/**
 * As `updatedPdf(true)`, but the first revision is indexed by a cross-reference stream (no `trailer`
 * keyword anywhere) and the update cut short is over a kilobyte, its last object cut off part way, as a cut
 * left pdf.js's annotation_hidden_noview.pdf (fuzz --base seed 5): qpdf's repair looks for the end of the
 * file in its last kilobyte, finds none, and finds no trailer to rebuild from.
 */
export async function cutUpdateXrefStreamPdf(): Promise<Uint8Array<ArrayBuffer>> {
  const first = Buffer.from(await makeTextPdf('Before the update', 1));
  const doc = await PDFDocument.load(first);
  const listed = doc.getPage(0).node.get(PDFName.of('Contents'));
  const contents = listed instanceof PDFArray ? listed.get(listed.size() - 1) : listed;
  if (!(contents instanceof PDFRef) || !first.includes('/Type /XRef') || first.includes('trailer'))
    throw new Error('pdf-lib wrote another kind of file');
  const content = `${textContent(['After the update'])}\n${'% padding\n'.repeat(150)}`;
  const update = Buffer.from(
    `\n${contents.objectNumber} 0 obj\n<< /Length ${content.length} >>\nstream\n${content}\nendstream\nendobj\n` +
      `${doc.context.largestObjectNumber + 1} 0 obj\n<< /Type /Metadata /Subtype /XM`,
    'latin1',
  );
  return new Uint8Array(Buffer.concat([first, update]));
}

/**
 * A page that draws form 6, which draws form 7, which paints with tiling pattern 8, whose cell draws form 6
 * again: a cycle through a pattern (as pdf.js's own test file operator_list_cycle.pdf). Readers skip the
 * form drawn inside itself; pdf.js 5.6 did not see it through the pattern and drew until memory ran out.
 */
export function patternCyclePdf(): Uint8Array<ArrayBuffer> {
  return rawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      `<< /Type /Page /Parent 2 0 R /MediaBox ${A4} /Resources << /Font << /F1 5 0 R >> /XObject << /A 6 0 R >> >> /Contents 4 0 R >>`,
      { dict: '<< >>', stream: `${textContent(['A form that paints with itself'])}\n/A Do` },
      HELVETICA,
      {
        dict: '<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /B 7 0 R >> >> >>',
        stream: '/B Do',
      },
      {
        dict: '<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Pattern << /P 8 0 R >> >> >>',
        stream: 'q /Pattern cs /P scn 0 0 200 100 re f Q',
      },
      {
        dict: '<< /Type /Pattern /PatternType 1 /PaintType 1 /TilingType 1 /BBox [0 0 20 20] /XStep 20 /YStep 20 /Resources << /XObject << /A 6 0 R >> >> >>',
        stream: '/A Do',
      },
    ],
    '/Root 1 0 R',
  );
}

const hex6 = (n: number) => n.toString(16).padStart(6, '0');

/** 12 ranges of 1,048,576 codes each, all mapped to "A". */
const HUGE_RANGES = Array.from(
  { length: 12 },
  (_, i) => `<${hex6(i * 0x100000)}> <${hex6(i * 0x100000 + 0xfffff)}> <0041>`,
);

/**
 * Ranges of a ToUnicode CMap a damaged stream can hold (fuzz seed 11, pdf.js's issue20232.pdf with 500
 * bytes zeroed): each range of 1,048,576 codes after one written backwards (its last code before its
 * first), which maps nothing.
 */
export const BACKWARD_RANGES = Array.from({ length: 8 }, (_, i) => [
  `<ffffff> <000000> <0041>`,
  `<${hex6(i * 0x100000)}> <${hex6(i * 0x100000 + 0xfffff)}> <0041>`,
]).flat();

/** One range of 2^18 codes mapped to text 2,000 bytes long, which pdf.js copies for every code. */
export const LONG_TEXT_RANGES = [`<000000> <03ffff> <${'0041'.repeat(1000)}>`];

/**
 * A page of Helvetica text whose font's ToUnicode CMap has 12 ranges of 1,048,576 codes each (12.6 million
 * in all; a font has at most 65,535 glyphs), as damage to pdf.js's own bug1186827.pdf made of its ranges.
 */
export function hugeToUnicodePdf(ranges = HUGE_RANGES): Uint8Array<ArrayBuffer> {
  const cmap = [
    '/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Huge def',
    '1 begincodespacerange <000000> <ffffff> endcodespacerange',
    `${ranges.length} beginbfrange`,
    ...ranges,
    'endbfrange endcmap CMapName currentdict /CMap defineresource pop end end',
  ].join('\n');
  return rawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      `<< /Type /Page /Parent 2 0 R /MediaBox ${A4} /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>`,
      { dict: '<< >>', stream: textContent(['A font with a huge ToUnicode map']) },
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>',
      { dict: '<< >>', stream: cmap },
    ],
    '/Root 1 0 R',
  );
}

/**
 * A page of text in Liberation Sans (the TrueType font pdf.js ships), embedded after `damage` has changed
 * its bytes (a copy; the table directory at its start gives each table's offset and length).
 */
function liberationSansPdf(text: string, damage: (font: Buffer) => Buffer): Uint8Array<ArrayBuffer> {
  return trueTypePdf(
    text,
    damage(
      Buffer.from(
        readFileSync(join(REPO_ROOT, 'node_modules/pdfjs-dist/standard_fonts/LiberationSans-Regular.ttf')),
      ),
    ),
  );
}

/** A page of text in the TrueType font `font`, embedded as Liberation Sans. */
function trueTypePdf(text: string, font: Buffer): Uint8Array<ArrayBuffer> {
  return rawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      `<< /Type /Page /Parent 2 0 R /MediaBox ${A4} /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>`,
      { dict: '<< >>', stream: `BT /F1 12 Tf 72 700 Td (${text}) Tj ET` },
      '<< /Type /Font /Subtype /TrueType /BaseFont /LiberationSans /FirstChar 32 /LastChar 126 /Encoding /WinAnsiEncoding /FontDescriptor 6 0 R >>',
      '<< /Type /FontDescriptor /FontName /LiberationSans /Flags 32 /FontBBox [0 -212 1000 905] /ItalicAngle 0 /Ascent 905 /Descent -212 /CapHeight 716 /StemV 80 /FontFile2 7 0 R >>',
      { dict: '<< /Filter /FlateDecode >>', stream: deflateSync(font) },
    ],
    '/Root 1 0 R',
  );
}

/** Where a TrueType font's table directory lists the table `tag` (its offset is 8 bytes on, its length 12). */
function tableEntry(font: Buffer, tag: string): number {
  const entry = Array.from({ length: font.readUInt16BE(4) }, (_, i) => 12 + 16 * i).find(
    (at) => font.toString('latin1', at, at + 4) === tag,
  );
  if (entry === undefined) throw new Error(`Liberation Sans no longer has a ${tag} table`);
  return entry;
}

/**
 * Liberation Sans with its `post` table's length in the table directory changed to 2 GB, as a cut in
 * pdf.js's cidfont_cmap_overflow.pdf left a font: the table's glyph names are then read on past the end of
 * the font's data.
 */
export function overlongPostTablePdf(): Uint8Array<ArrayBuffer> {
  return liberationSansPdf('Glyph names past the end', (font) => {
    const post = tableEntry(font, 'post');
    if (font.readUInt32BE(font.readUInt32BE(post + 8)) !== 0x20000)
      throw new Error('Liberation Sans no longer has a version 2 post table');
    font.writeUInt32BE(0x7fffffff, post + 12);
    return font;
  });
}

/**
 * Liberation Sans with its cmap (character codes to glyphs) replaced by one Windows Unicode table that maps
 * billions of codes: in format 12, one group of codes 32 to 2^32 - 16 (a changed byte of pdf.js's
 * issue14881.pdf made such a group); in format 4, 32,767 segments each of codes 0 to 65,534.
 */
export function hugeCmapPdf(format: 4 | 12): Uint8Array<ArrayBuffer> {
  let subtable: Buffer;
  if (format === 12) {
    subtable = Buffer.alloc(28);
    subtable.writeUInt16BE(12, 0);
    subtable.writeUInt32BE(28, 4);
    subtable.writeUInt32BE(1, 12);
    subtable.writeUInt32BE(32, 16);
    subtable.writeUInt32BE(0xfffffff0, 20);
    subtable.writeUInt32BE(3, 24);
  } else {
    const segments = 32_767;
    subtable = Buffer.alloc(16 + 8 * segments);
    subtable.writeUInt16BE(4, 0);
    subtable.writeUInt16BE(2 * segments, 6);
    for (let i = 0; i < segments; i++) subtable.writeUInt16BE(0xfffe, 14 + 2 * i);
    // start codes, deltas and range offsets are all 0
  }
  const cmap = Buffer.concat([Buffer.from([0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12]), subtable]);
  return liberationSansPdf(`A cmap of billions of codes, format ${format}`, (font) => {
    const entry = tableEntry(font, 'cmap');
    font.writeUInt32BE(font.length, entry + 8);
    font.writeUInt32BE(cmap.length, entry + 12);
    return Buffer.concat([font, cmap]);
  });
}

/** `font` with its table `tag` replaced by `data`, added at its end (the old table is left unused). */
function replaceTable(font: Buffer, tag: string, data: Buffer): Buffer {
  const entry = tableEntry(font, tag);
  font.writeUInt32BE(font.length, entry + 8);
  font.writeUInt32BE(data.length, entry + 12);
  return Buffer.concat([font, data]);
}

/**
 * A TrueType collection (a file of several fonts, each found by its table directory) that says it holds
 * billions of fonts: `numFonts` 4,294,967,295 before Liberation Sans; or 10,000 fonts whose directories are
 * all the same one of 10,000 table entries (one of them a name table naming no font).
 */
export function trueTypeCollectionPdf(
  damage: 'billions of fonts' | 'one directory shared',
): Uint8Array<ArrayBuffer> {
  if (damage === 'billions of fonts')
    return liberationSansPdf('A collection of billions of fonts', (font) => {
      const header = Buffer.alloc(12);
      header.write('ttcf', 0, 'latin1');
      header.writeUInt16BE(1, 4);
      header.writeUInt32BE(0xffffffff, 8);
      return Buffer.concat([header, font]);
    });
  const fonts = 10_000;
  const tables = 10_000;
  const directoryAt = 12 + 4 * fonts;
  const nameAt = directoryAt + 12 + 16 * tables;
  const collection = Buffer.alloc(nameAt + 6); // the name table: format 0, no records
  collection.write('ttcf', 0, 'latin1');
  collection.writeUInt16BE(1, 4);
  collection.writeUInt32BE(fonts, 8);
  for (let i = 0; i < fonts; i++) collection.writeUInt32BE(directoryAt, 12 + 4 * i);
  collection.writeUInt32BE(0x10000, directoryAt);
  collection.writeUInt16BE(tables, directoryAt + 4);
  for (let i = 0; i < tables; i++) {
    const entry = directoryAt + 12 + 16 * i;
    collection.write(i === 0 ? 'name' : 'none', entry, 'latin1');
    collection.writeUInt32BE(nameAt, entry + 8);
    collection.writeUInt32BE(6, entry + 12);
  }
  return trueTypePdf('A collection of one directory, shared', collection);
}

/**
 * Liberation Sans whose hinting program (its fpgm table) is 10,000 times PUSHW -32768, DELTAP1, PUSHW 32767,
 * DELTAP1: a DELTAP's count taken as -32,768 pairs, then as 32,767.
 */
export function negativeDeltaCountPdf(): Uint8Array<ArrayBuffer> {
  const program = Buffer.alloc(8 * 10_000);
  for (let at = 0; at < program.length; at += 8)
    program.set([0xb8, 0x80, 0x00, 0x71, 0xb8, 0x7f, 0xff, 0x71], at);
  return liberationSansPdf('A hinting program of negative counts', (font) =>
    replaceTable(font, 'fpgm', program),
  );
}

/**
 * Liberation Sans whose fpgm defines function 0 as 250 NPUSHBs of 255 values (63,750 values), and whose prep
 * calls it 1,000 times and then has 20,000 DELTAP1s of 32,767 pairs; or calls it and has a DELTAP1, 10,000
 * times over. (The prep is longer than the function, which pdf.js checks only as far as the prep's length.)
 */
export function growingStackProgramPdf(
  kind: 'calls, then pops' | 'a call and a pop, over and over',
): Uint8Array<ArrayBuffer> {
  const pushes = [0x40, 255, ...new Array<number>(255).fill(1)];
  const fpgm = Buffer.from([0xb0, 0, 0x2c, ...Array.from({ length: 250 }, () => pushes).flat(), 0x2d]);
  const call = [0xb0, 0, 0x2b]; // PUSHB 0, CALL
  const delta = [0xb8, 0x7f, 0xff, 0x71]; // PUSHW 32767, DELTAP1
  const prep =
    kind === 'calls, then pops'
      ? [
          ...Array.from({ length: 1000 }, () => call).flat(),
          ...Array.from({ length: 20_000 }, () => delta).flat(),
        ]
      : Array.from({ length: 10_000 }, () => [...call, ...delta]).flat();
  return liberationSansPdf('A hinting program that grows its stack', (font) =>
    replaceTable(replaceTable(font, 'fpgm', fpgm), 'prep', Buffer.from(prep)),
  );
}

/**
 * A name table of `records` US-English Windows records, names 0 on, each of the same `bytes` bytes; put in
 * Liberation Sans (5,000 records of 60,000 bytes), or in a TrueType collection of 3,000 fonts whose
 * directories each list only it (600 records of 8,000 bytes).
 */
export function repeatedNamesPdf(where: 'a font' | 'a collection'): Uint8Array<ArrayBuffer> {
  const [records, bytes] = where === 'a font' ? [5000, 60_000] : [600, 8000];
  const stringsAt = 6 + 12 * records;
  const table = Buffer.alloc(stringsAt + bytes, 0x41);
  table.writeUInt16BE(0, 0); // format 0
  table.writeUInt16BE(records, 2);
  table.writeUInt16BE(stringsAt, 4);
  for (let i = 0; i < records; i++) {
    const record = 6 + 12 * i;
    for (const [at, value] of [
      [0, 3],
      [2, 1],
      [4, 0x409],
      [6, i],
      [8, bytes],
      [10, 0],
    ])
      table.writeUInt16BE(value, record + at); // platform, encoding, language, name, length, offset
  }
  if (where === 'a font')
    return liberationSansPdf('Names read over and over', (font) => replaceTable(font, 'name', table));
  const fonts = 3000;
  const nameAt = 12 + 4 * fonts + 28 * fonts;
  const collection = Buffer.alloc(nameAt);
  collection.write('ttcf', 0, 'latin1');
  collection.writeUInt16BE(1, 4);
  collection.writeUInt32BE(fonts, 8);
  for (let i = 0; i < fonts; i++) {
    const directory = 12 + 4 * fonts + 28 * i;
    collection.writeUInt32BE(directory, 12 + 4 * i);
    collection.writeUInt32BE(0x10000, directory);
    collection.writeUInt16BE(1, directory + 4); // one table
    collection.write('name', directory + 12, 'latin1');
    collection.writeUInt32BE(nameAt, directory + 20);
    collection.writeUInt32BE(table.length, directory + 24);
  }
  return trueTypePdf('Names read over and over, font after font', Buffer.concat([collection, table]));
}

/** The glyphs of `font` (each one's bytes in its glyf table), by glyph id, as its loca table gives them. */
function glyphsOf(font: Buffer): Buffer[] {
  const head = font.readUInt32BE(tableEntry(font, 'head') + 8);
  const loca = font.readUInt32BE(tableEntry(font, 'loca') + 8);
  const glyf = font.readUInt32BE(tableEntry(font, 'glyf') + 8);
  const count = font.readUInt16BE(font.readUInt32BE(tableEntry(font, 'maxp') + 8) + 4);
  const long = font.readInt16BE(head + 50) === 1;
  const offset = (i: number) =>
    long ? font.readUInt32BE(loca + 4 * i) : 2 * font.readUInt16BE(loca + 2 * i);
  return Array.from({ length: count }, (_, i) => font.subarray(glyf + offset(i), glyf + offset(i + 1)));
}

/** `font` with `glyphs` for its glyphs, written in new loca (long offsets) and glyf tables, and counted in maxp. */
function withGlyphs(font: Buffer, glyphs: Buffer[]): Buffer {
  const loca = Buffer.alloc(4 * (glyphs.length + 1));
  let end = 0;
  glyphs.forEach((glyph, i) => loca.writeUInt32BE((end += glyph.length), 4 * (i + 1)));
  font.writeInt16BE(1, font.readUInt32BE(tableEntry(font, 'head') + 8) + 50);
  font.writeUInt16BE(glyphs.length, font.readUInt32BE(tableEntry(font, 'maxp') + 8) + 4);
  return replaceTable(replaceTable(font, 'loca', loca), 'glyf', Buffer.concat(glyphs));
}

/**
 * Liberation Sans whose letter H is a composite glyph of 1,000 copies of glyph 3, itself 1,000 copies of
 * glyph 2, itself 1,000 copies of `leaf` (a letter, or a glyph with no outline): a billion copies of the
 * leaf in all. Its cmap maps only H (to glyph 4).
 */
export function compositeFanOutPdf(leaf: 'a letter' | 'nothing'): Uint8Array<ArrayBuffer> {
  return liberationSansPdf('H', (font) => {
    const glyphs = glyphsOf(font);
    const bottom = glyphs.findIndex((glyph, i) =>
      leaf === 'nothing'
        ? glyph.length === 0 && i < 2
        : i > 4 && glyph.length > 0 && glyph.readInt16BE(0) > 0,
    );
    const copies = (gid: number) => {
      const glyph = Buffer.alloc(10 + 6 * 1000);
      glyph.writeInt16BE(-1, 0);
      for (let i = 0; i < 1000; i++) {
        glyph.writeUInt16BE(i < 999 ? 0x22 : 0x02, 10 + 6 * i); // x and y as bytes; more components follow
        glyph.writeUInt16BE(gid, 12 + 6 * i);
      }
      return glyph;
    };
    glyphs[2] = copies(bottom);
    glyphs[3] = copies(2);
    glyphs[4] = copies(3);
    // A Windows Unicode cmap, format 4: H (0x48) to glyph 4, then the closing segment.
    const cmap = Buffer.alloc(12 + 32);
    cmap.set([0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12]);
    cmap.writeUInt16BE(4, 12);
    cmap.writeUInt16BE(32, 14);
    cmap.writeUInt16BE(4, 18); // two segments
    cmap.writeUInt16BE(0x48, 26);
    cmap.writeUInt16BE(0xffff, 28);
    cmap.writeUInt16BE(0x48, 32);
    cmap.writeUInt16BE(0xffff, 34);
    cmap.writeUInt16BE((4 - 0x48) & 0xffff, 36);
    cmap.writeUInt16BE(1, 38);
    return replaceTable(withGlyphs(font, glyphs), 'cmap', cmap);
  });
}

/**
 * Liberation Sans given 65,535 glyphs, those it lacks each 16 bytes saying it has one contour of 65,536
 * points: the points' flags, were they there, would take 64 KB.
 */
export function pointlessGlyphsPdf(): Uint8Array<ArrayBuffer> {
  return liberationSansPdf('Glyphs of points not there', (font) => {
    const glyphs = glyphsOf(font);
    const pointless = Buffer.alloc(16);
    pointless.writeInt16BE(1, 0); // one contour
    pointless.writeUInt16BE(0xffff, 10); // ending at point 65,535; then no instructions, and no flags
    while (glyphs.length < 0xffff) glyphs.push(pointless);
    return withGlyphs(font, glyphs);
  });
}

/**
 * One page of text, and an object stream whose compressed data is damaged, so that pdf-lib cannot read it
 * (as a changed byte left one of zero_descent.pdf's, in pdf.js's test files). With `usedByPage`, the
 * page's font is an object pdf-lib cannot read either (its dictionary runs into a stray bracket).
 */
export function unreadableObjectStreamPdf(usedByPage = false): Uint8Array<ArrayBuffer> {
  const packed = Buffer.from(deflateSync(Buffer.from('8 0 9 20 << /Unused true >> << /Also 1 >>')));
  for (let i = 4; i < 12; i++) packed[i] ^= 0x5a;
  return rawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      `<< /Type /Page /Parent 2 0 R /MediaBox ${A4} /Resources << /Font << /F1 ${usedByPage ? 7 : 5} 0 R >> >> /Contents 4 0 R >>`,
      { dict: '<< >>', stream: textContent(['A page beside a damaged object stream']) },
      HELVETICA,
      { dict: '<< /Type /ObjStm /N 2 /First 8 /Filter /FlateDecode >>', stream: packed },
      '<< /Type /Font /Subtype /Type1 ] /BaseFont /Helvetica >>',
    ],
    '/Root 1 0 R',
  );
}

/**
 * pdf-lib's linearized fixture with_viewer_prefs.pdf (5 pages) cut short before its main cross-reference
 * section: its only end-of-file marker left is its first page's, near its start, with every object after
 * it (fuzz --base seed 7 cut two such files). Readers rebuild its index and show all 5 pages.
 */
export function cutLinearizedPdf(): Uint8Array {
  const whole = readFileSync(join(FIXTURES, 'structure', 'pdflib-with_viewer_prefs.pdf'));
  const second = whole.indexOf('startxref', whole.indexOf('startxref') + 1);
  if (!whole.subarray(0, 1024).includes('/Linearized') || second < 0)
    throw new Error('the fixture is no longer a linearized file with an update');
  return new Uint8Array(whole.subarray(0, second));
}

/**
 * One red page whose `/Group << … >>` was zeroed down to `/Gro`, NULs and `>>` (pdf.js's issue18694.pdf with
 * 43 bytes zeroed, fuzz): pdf.js and poppler read on to its size and content, pdf-lib and qpdf end the page.
 */
export function cutPageKeyPdf(): Uint8Array<ArrayBuffer> {
  return rawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /Gro\0\0\0>> /MediaBox [0 0 595 842] /Contents 4 0 R >>',
      { dict: '<< >>', stream: '1 0 0 rg 0 0 595 842 re f' },
    ],
    '/Root 1 0 R',
  );
}
