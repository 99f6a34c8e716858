/**
 * Hearing bundles as other tools make them, for the checker's tests: generated here, page by page, without
 * the app's own bundle engine, each in one tool's conventions as its documentation and its output describe
 * them. Not a test file.
 *
 * - Word "Save as PDF": page numbers centred in the footer from the cover on, landscape sections centred
 *   the same way, a table of contents with dotted leaders giving the start page only (a wrapped title puts
 *   it on the last line), bookmarks made from headings, links to the headings, no page labels.
 * - Acrobat "Combine files" + "Header & Footer": bookmarks named after the files, "Page 12 of 48" in the
 *   right footer in small Helvetica, an index typed in Word and combined in front ("Index of documents",
 *   ranges "12 – 15"), no links.
 * - Bundledocs / Thread: section numbering "A 1" (a space after the letter) at the bottom right, lettered
 *   section headings ("A. Appeal papers") in an index of tab, description, date and pages ("A 1 - A 4"),
 *   index pages numbered i, ii, links and page labels.
 * - HMCTS's bundler (em-stitching-api: PDFBox, US Letter index pages headed "Index" in the middle, a "Page"
 *   column of "1 - 5" ranges, folder titles in bold without ranges, every index row a link) with "Page N of
 *   M" centred in the footer; and as it stands by default, a "Total Pages" column ("5 pages") and the bare
 *   number in bold at the bottom right.
 * - CaseLines: section-prefixed numbers (A1, B12) at the top right; an index per section heading in
 *   capitals, ranges "A1 - A5", page labels A1…; the index unnumbered.
 * - A hand-made bundle of scans: a typed index ("Bundle index", start and end pages), every other page a
 *   scan (an image) numbered by hand near the bottom right (a little off each time), recognised by OCR
 *   into an invisible text layer, as scanners and Acrobat's "Recognize text" make it; bookmarks added.
 * - Zylpha style: "A-1" numbers centred at the bottom, a "Schedule of documents" running over two pages
 *   ("Schedule of documents (continued)"), "A-1 to A-4" ranges, a date column, multi-line titles.
 * - A bundle with landscape and rotated pages: portrait pages stamped at the bottom right; landscape pages
 *   made as portrait pages turned by /Rotate 90 or 270 and stamped upright as displayed; one turned page
 *   stamped before it was turned (its number runs up the page).
 * - No index heading: a first page of rows alone ("pp. 12–15", "p. 7"), numbers "[12]" at the top centre.
 *
 * Each bundle is made from one list of documents; a "defect" breaks exactly one thing on the way, and the
 * bundle says which pages a careful clerk would point at for it.
 *
 * What the tools' output looks like was read from: HMCTS em-stitching-api's sources (TableOfContents.java:
 * the "Index" heading, the "Page" column and "N - M" ranges on PDFBox's default US Letter pages;
 * PaginationStyle.java: numbers in Helvetica at one of six places); Thread/Bundledocs' page-numbering
 * help (section prefixes "A 1", index pages skipped or numbered); Zylpha's format settings (a section prefix
 * with "-" as its default separator, roman numbers for the index pages); Casedo's pagination guide (folder
 * letters A1, B1); the judiciary's general guidance on electronic bundles as summarised by chambers (computer
 * numbering from the first page, hyperlinked index, bookmarks, OCR, landscape pages read the right way);
 * and Adobe's header and footer, Bates and combine-files documentation ("Page 1 of n", bookmarks named
 * after the files).
 */
import {
  concatTransformationMatrix,
  degrees,
  drawObject,
  popGraphicsState,
  pushGraphicsState,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNull,
  PDFNumber,
  PDFString,
  rgb,
  StandardFonts,
  TextRenderingMode,
  type PDFFont,
  type PDFPage,
  type PDFRef,
} from '@cantoo/pdf-lib';
import { embedSubsetFont } from '../../../../../electron/services/pdf/fonts';
import { deflateSync } from 'node:zlib';

// ---------------------------------------------------------------------------------------------------------
// The documents of the case (one fictional appeal), shared by every bundle.

/** How a document numbers its own pages (every tool has to cope with these). */
type OwnNumbers = 'none' | 'page-of' | 'plain-centre' | 'dashes' | 'header';

interface CaseDocument {
  section: string;
  title: string;
  date: string;
  pages: number;
  kind: 'letter' | 'report' | 'form' | 'plan' | 'statement' | 'table' | 'scan';
  own: OwnNumbers;
  /** Pages (1-based) of the document in landscape (a table, a provision map). */
  landscape?: number[];
}

const SECTIONS: Record<string, string> = {
  A: 'Appeal papers',
  B: 'EHC plan and working document',
  C: "Appellant's evidence",
  D: "Local authority's evidence",
};

// prettier-ignore
const DOCUMENTS: CaseDocument[] = [
  { section: 'A', title: 'Appeal form (SEND35)', date: '12 September 2025', pages: 4, kind: 'form', own: 'page-of' },
  { section: 'A', title: 'Decision letter', date: '18 July 2025', pages: 2, kind: 'letter', own: 'page-of' },
  { section: 'A', title: 'Mediation certificate', date: '29 August 2025', pages: 1, kind: 'letter', own: 'none' },
  { section: 'A', title: "Tribunal's registration letter and case management directions", date: '3 October 2025', pages: 3, kind: 'letter', own: 'plain-centre' },
  { section: 'A', title: 'Local authority response', date: '14 November 2025', pages: 4, kind: 'report', own: 'page-of' },
  { section: 'B', title: 'Final EHC plan with appendices', date: '2 June 2025', pages: 7, kind: 'plan', own: 'header', landscape: [6] },
  { section: 'B', title: 'Working document', date: '20 January 2026', pages: 3, kind: 'table', own: 'none', landscape: [1, 2, 3] },
  { section: 'C', title: 'Educational psychology report by Dr A Rahman', date: '5 December 2025', pages: 6, kind: 'report', own: 'page-of' },
  { section: 'C', title: 'Speech and language therapy report', date: '9 December 2025', pages: 4, kind: 'report', own: 'dashes' },
  { section: 'C', title: 'Witness statement of Grace Okafor', date: '6 January 2026', pages: 2, kind: 'statement', own: 'plain-centre' },
  { section: 'C', title: 'Letter from GP', date: '2 November 2025', pages: 1, kind: 'scan', own: 'none' },
  { section: 'D', title: 'Annual review report', date: '21 March 2025', pages: 3, kind: 'report', own: 'page-of' },
  { section: 'D', title: 'School report', date: '18 July 2025', pages: 2, kind: 'scan', own: 'none' },
  { section: 'D', title: 'Witness statement of the SENCO', date: '8 January 2026', pages: 2, kind: 'statement', own: 'plain-centre' },
];

const CASE = {
  child: 'Ruby Okafor',
  appellant: 'Grace Okafor',
  la: 'Northshire County Council',
  ref: 'EH999/25/00123',
  hearing: '24 February 2026',
};

const WORDS =
  'the child needs support with speech language and communication in class small group teaching assistant provision weekly sessions therapy outcomes progress reading writing sensory processing anxiety attendance school placement specialist advice review targets social interaction independence transition secondary phase teacher parent observed assessment recommended'.split(
    ' ',
  );

/** Deterministic sentences: the same corpus every run. */
function sentence(seed: number, words: number): string {
  let s = seed * 2654435761;
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    s = (Math.imul(s ^ (s >>> 15), 2246822519) + 3266489917) >>> 0;
    out.push(WORDS[s % WORDS.length]);
  }
  const text = out.join(' ');
  return text[0].toUpperCase() + text.slice(1) + '.';
}

// ---------------------------------------------------------------------------------------------------------
// Sizes, fonts, drawing helpers.

export const A4: [number, number] = [595.28, 841.89];
export const LETTER: [number, number] = [612, 792];
const BLACK = rgb(0, 0, 0);
const GREY = rgb(0.35, 0.35, 0.35);

interface Fonts {
  serif: PDFFont;
  serifBold: PDFFont;
  sans: PDFFont;
  sansBold: PDFFont;
  mono: PDFFont;
  /** A TrueType font embedded as a subset, as Word embeds Calibri (DejaVu Sans stands in for it). */
  word: PDFFont;
  wordBold: PDFFont;
}

async function embedFonts(doc: PDFDocument): Promise<Fonts> {
  return {
    serif: await doc.embedFont(StandardFonts.TimesRoman),
    serifBold: await doc.embedFont(StandardFonts.TimesRomanBold),
    sans: await doc.embedFont(StandardFonts.Helvetica),
    sansBold: await doc.embedFont(StandardFonts.HelveticaBold),
    mono: await doc.embedFont(StandardFonts.Courier),
    word: await embedSubsetFont(doc, 'DejaVuSans.ttf', 'ABCDEF+DejaVuSans'),
    wordBold: await embedSubsetFont(doc, 'DejaVuSans-Bold.ttf', 'ABCDEG+DejaVuSans-Bold'),
  };
}

/** Words of `text` wrapped into lines no wider than `width`. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(next, size) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * A page as the reader sees it: `width` × `height` displayed, drawn upright whatever the page's /Rotate
 * (a landscape page made as a portrait page turned a quarter is drawn sideways in its own coordinates).
 */
class Canvas {
  readonly width: number;
  readonly height: number;
  constructor(
    readonly page: PDFPage,
    readonly rotate: 0 | 90 | 270,
  ) {
    const { width, height } = page.getSize();
    [this.width, this.height] = rotate ? [height, width] : [width, height];
  }

  /** User-space point and text rotation for a displayed point. */
  private map(x: number, y: number): { x: number; y: number; angle: number } {
    const { width: w, height: h } = this.page.getSize();
    if (this.rotate === 90) return { x: w - y, y: x, angle: 90 };
    if (this.rotate === 270) return { x: y, y: h - x, angle: 270 };
    return { x, y, angle: 0 };
  }

  text(
    text: string,
    x: number,
    y: number,
    font: PDFFont,
    size: number,
    options: { color?: ReturnType<typeof rgb>; invisible?: boolean; angle?: number } = {},
  ): void {
    const p = this.map(x, y);
    this.page.drawText(text, {
      x: p.x,
      y: p.y,
      font,
      size,
      color: options.color ?? BLACK,
      rotate: degrees(p.angle + (options.angle ?? 0)),
      ...(options.invisible ? { renderMode: TextRenderingMode.Invisible } : {}),
    });
  }

  /** Text in the page's own, unturned coordinates (as a tool that ignores /Rotate stamps it). */
  rawText(text: string, x: number, y: number, font: PDFFont, size: number): void {
    this.page.drawText(text, { x, y, font, size, color: BLACK });
  }

  line(x1: number, y1: number, x2: number, y2: number, thickness = 0.6, color = GREY): void {
    const a = this.map(x1, y1);
    const b = this.map(x2, y2);
    this.page.drawLine({ start: { x: a.x, y: a.y }, end: { x: b.x, y: b.y }, thickness, color });
  }

  /** A displayed rectangle in the page's user space (for link annotations). */
  rect(x: number, y: number, w: number, h: number): [number, number, number, number] {
    const a = this.map(x, y);
    const b = this.map(x + w, y + h);
    return [Math.min(a.x, b.x), Math.min(a.y, b.y), Math.max(a.x, b.x), Math.max(a.y, b.y)];
  }
}

// ---------------------------------------------------------------------------------------------------------
// Scans: a greyscale picture of a page (lines of "words"), with hand-written numbers drawn into it.

/** Strokes of hand-written digits on a 0..1 box (x right, y down), as a few polylines each. */
// prettier-ignore
const DIGIT_STROKES: Record<string, [number, number][][]> = {
  '0': [[[0.5, 0], [0.1, 0.2], [0.1, 0.8], [0.5, 1], [0.9, 0.8], [0.9, 0.2], [0.5, 0]]],
  '1': [[[0.3, 0.2], [0.6, 0], [0.6, 1]]],
  '2': [[[0.1, 0.2], [0.5, 0], [0.9, 0.25], [0.1, 1], [0.9, 1]]],
  '3': [[[0.1, 0.1], [0.8, 0.1], [0.4, 0.45], [0.9, 0.7], [0.5, 1], [0.1, 0.9]]],
  '4': [[[0.7, 1], [0.7, 0], [0.1, 0.7], [0.95, 0.7]]],
  '5': [[[0.9, 0], [0.2, 0], [0.15, 0.45], [0.8, 0.5], [0.85, 0.9], [0.15, 1]]],
  '6': [[[0.8, 0], [0.2, 0.5], [0.2, 0.9], [0.5, 1], [0.85, 0.8], [0.6, 0.5], [0.2, 0.6]]],
  '7': [[[0.1, 0], [0.9, 0], [0.4, 1]]],
  '8': [[[0.5, 0.5], [0.1, 0.25], [0.5, 0], [0.9, 0.25], [0.1, 0.75], [0.5, 1], [0.9, 0.75], [0.5, 0.5]]],
  '9': [[[0.85, 0.4], [0.5, 0.5], [0.15, 0.3], [0.5, 0], [0.85, 0.2], [0.8, 1]]],
};

class Raster {
  readonly pixels: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.pixels = new Uint8Array(width * height).fill(246);
  }

  dot(x: number, y: number, value: number, radius: number): void {
    for (let dy = -radius; dy <= radius; dy++)
      for (let dx = -radius; dx <= radius; dx++) {
        const px = Math.round(x + dx);
        const py = Math.round(y + dy);
        if (px >= 0 && py >= 0 && px < this.width && py < this.height)
          this.pixels[py * this.width + px] = Math.min(this.pixels[py * this.width + px], value);
      }
  }

  stroke(points: [number, number][], value: number, radius: number): void {
    for (let i = 1; i < points.length; i++) {
      const [x1, y1] = points[i - 1];
      const [x2, y2] = points[i];
      const steps = Math.max(1, Math.ceil(Math.hypot(x2 - x1, y2 - y1)));
      for (let s = 0; s <= steps; s++)
        this.dot(x1 + ((x2 - x1) * s) / steps, y1 + ((y2 - y1) * s) / steps, value, radius);
    }
  }

  /** Grey blocks like lines of typed words. */
  typedLines(seed: number, top: number, bottom: number, left: number, right: number): void {
    let s = seed;
    for (let y = top; y < bottom; y += 11) {
      let x = left;
      const end = right - ((s = (s * 1103515245 + 12345) >>> 0) % 40);
      while (x < end) {
        const w = 8 + ((s = (s * 1103515245 + 12345) >>> 0) % 30);
        for (let dy = 0; dy < 5; dy++)
          for (let dx = 0; dx < Math.min(w, end - x); dx++) this.pixels[(y + dy) * this.width + x + dx] = 70;
        x += w + 5;
      }
    }
  }

  /** A hand-written number with its top-left at (x, y), digits `size` pixels high. */
  handwritten(label: string, x: number, y: number, size: number): void {
    let cx = x;
    for (const ch of label) {
      for (const poly of DIGIT_STROKES[ch] ?? [])
        this.stroke(
          poly.map(([px, py]) => [cx + px * size * 0.6, y + py * size]),
          35,
          1,
        );
      cx += size * 0.75;
    }
  }

  /** The picture as a scanner writes it into a PDF: greyscale samples, Flate-compressed. */
  deflated(): Uint8Array {
    return new Uint8Array(deflateSync(this.pixels, { level: 1 }));
  }
}

/** Draws a scan over the whole page as an image XObject (as scanning software writes one). */
function drawScan(
  doc: PDFDocument,
  page: PDFPage,
  scan: { data: Uint8Array; width: number; height: number },
): void {
  const image = doc.context.register(
    doc.context.stream(scan.data, {
      Type: 'XObject',
      Subtype: 'Image',
      Width: scan.width,
      Height: scan.height,
      ColorSpace: 'DeviceGray',
      BitsPerComponent: 8,
      Filter: 'FlateDecode',
    }),
  );
  const name = page.node.newXObject('Scan', image);
  const { width, height } = page.getSize();
  page.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(width, 0, 0, height, 0, 0),
    drawObject(name),
    popGraphicsState(),
  );
}

/** Scans drawn once per run (the same page scanned for several bundles looks the same). */
const scanCache = new Map<string, { data: Uint8Array; width: number; height: number }>();

/** Pixels per point of the scans (about 50 dpi: small, still a picture of a page). */
const SCAN_SCALE = 0.7;

// ---------------------------------------------------------------------------------------------------------
// The plan of a bundle: which page shows what, and its printed number.

type PagePlan =
  | { kind: 'cover' }
  | { kind: 'index'; sheet: number }
  | { kind: 'divider'; section: string }
  | { kind: 'document'; doc: number; page: number };

interface PlannedPage {
  plan: PagePlan;
  /** Displayed size. */
  size: [number, number];
  /** How the page is made: as displayed (0), or a portrait page turned a quarter (90, 270). */
  rotate: 0 | 90 | 270;
  /** The printed bundle number ('' for none), and the PDF page label (null: the file has none). */
  label: string;
  /** The stamp drawn before the page was turned, so it runs up the displayed page. */
  sideways?: boolean;
}

export interface Row {
  kind: 'section' | 'document';
  section: string;
  tab: string;
  title: string;
  date: string;
  first: string;
  last: string;
  /** The document's index in DOCUMENTS (document rows). */
  doc?: number;
  /** Where the row was drawn: index sheet (0-based) and its y extent, filled in when drawn. */
  sheet?: number;
  top?: number;
  bottom?: number;
}

/** One thing wrong with a bundle, made on the way. */
export type Defect =
  | { kind: 'stamp-missing'; docPage: [number, number] }
  | { kind: 'stamp-repeated'; docPage: [number, number] }
  /** Every document keeps its own numbers (1, 2, 3, then 1 again): a merge of files with no bundle numbers. */
  | { kind: 'numbers-restart' }
  | { kind: 'number-skipped'; docPage: [number, number] }
  | { kind: 'pages-swapped'; docPage: [number, number] }
  | { kind: 'page-removed'; docPage: [number, number] }
  | { kind: 'range-ends-early'; doc: number }
  | { kind: 'range-overlaps-next'; doc: number }
  | { kind: 'row-starts-late'; doc: number }
  | { kind: 'rows-shifted'; doc: number }
  | { kind: 'stamp-moved'; docPage: [number, number] }
  | { kind: 'document-unlisted'; doc: number }
  | { kind: 'bookmark-wrong'; doc: number }
  | { kind: 'link-wrong'; doc: number }
  | { kind: 'labels-shifted'; docPage: [number, number] }
  | { kind: 'content-damaged'; docPage: [number, number] };

export interface ForeignBundle {
  name: string;
  bytes: Uint8Array;
  pageCount: number;
  /** 1-based pages of the index, and how many of its rows give pages. */
  indexPages: number[];
  indexRows: number;
  /** First page (1-based) of each document in the file, by title. */
  starts: Map<string, number>;
  /** For a broken bundle: the defect and the pages (1-based) a clerk would name for it. */
  defect?: Defect;
  defectPages: number[];
}

// ---------------------------------------------------------------------------------------------------------
// The tools' conventions.

type Place = 'bottom-centre' | 'bottom-right' | 'top-right' | 'top-centre' | 'bottom-left';

interface Convention {
  name: string;
  /** Numbering: running from the cover (court guidance), from the first document, or by section. */
  numbering: 'from-cover' | 'from-documents' | 'by-section';
  /** How the index pages are numbered when numbering starts at the documents. */
  frontNumbers: 'none' | 'roman';
  cover: boolean;
  dividers: boolean;
  /** Printed number for a label: "12" → "Page 12 of 48" and so on. */
  stamp: (label: string, total: number) => string;
  /** Section-numbered label: A + 12 → "A12", "A 12", "A-12". */
  sectionLabel?: (letter: string, n: number) => string;
  place: Place;
  stampFont: keyof Fonts;
  stampSize: number;
  /** Distance of the number from its edges, points. */
  margin: [number, number];
  /** Numbers written by hand on scans (off their place by a few points), read back by OCR. */
  handwritten?: boolean;
  index: IndexStyle;
  indexSize: [number, number];
  bookmarks: 'sections' | 'files' | 'headings';
  /** How bookmarks and links name their target. */
  targets: 'xyz' | 'fit' | 'goto-action' | 'named';
  links: boolean;
  pageLabels: boolean;
  /** Landscape pages: made landscape, or as portrait pages turned by /Rotate. */
  landscape: 'landscape' | 'rotate';
  /** Documents made of scans with a text layer (every document, or the scan-kind ones only). */
  scans: 'all' | 'scan-kind';
  /** Bookmark titles for documents. */
  bookmarkTitle?: (row: Row, n: number) => string;
}

interface IndexStyle {
  heading: string | null;
  continued: string;
  subheading?: string;
  font: keyof Fonts;
  bold: keyof Fonts;
  size: number;
  headingSize: number;
  headingAlign: 'left' | 'centre';
  columns: { tab?: number; title: number; date?: number; pages: number; pagesRight?: boolean };
  header?: { tab?: string; title: string; date?: string; pages: string };
  range: (first: string, last: string) => string;
  /** Section rows: their own line (with a range or without), as "Section A – …" or "A. …". */
  sectionRow: (letter: string, title: string) => string;
  sectionRange: boolean;
  leaders: boolean;
  /** A wrapped title puts the range on its last line (Word's contents) rather than its first (tables). */
  rangeOnLastLine: boolean;
  titleWidth: number;
  rowGap: number;
  rowsPerSheet: number;
  tab: (n: number, letter: string, k: number) => string;
}

const byRange = (sep: string) => (a: string, b: string) => (a === b ? a : `${a}${sep}${b}`);

export const CONVENTIONS: Record<string, Convention> = {
  word: {
    name: 'Word "Save as PDF"',
    numbering: 'from-cover',
    frontNumbers: 'none',
    cover: true,
    dividers: false,
    stamp: (label) => label,
    place: 'bottom-centre',
    stampFont: 'word',
    stampSize: 11,
    margin: [0, 35],
    index: {
      heading: 'CONTENTS',
      continued: 'CONTENTS (continued)',
      font: 'word',
      bold: 'wordBold',
      size: 11,
      headingSize: 14,
      headingAlign: 'left',
      columns: { title: 72, pages: 523, pagesRight: true },
      range: (a) => a,
      sectionRow: (letter, title) => `Section ${letter}: ${title}`,
      sectionRange: true,
      leaders: true,
      rangeOnLastLine: true,
      titleWidth: 300,
      rowGap: 6,
      rowsPerSheet: 40,
      tab: () => '',
    },
    indexSize: A4,
    bookmarks: 'headings',
    targets: 'goto-action',
    links: true,
    pageLabels: false,
    landscape: 'landscape',
    scans: 'scan-kind',
  },
  acrobat: {
    name: 'Acrobat combine files',
    numbering: 'from-cover',
    frontNumbers: 'none',
    cover: false,
    dividers: false,
    stamp: (label, total) => `Page ${label} of ${total}`,
    place: 'bottom-right',
    stampFont: 'sans',
    stampSize: 8,
    margin: [72, 36],
    index: {
      heading: 'Index of documents',
      continued: 'Index of documents (continued)',
      subheading: `${CASE.child}: appeal ${CASE.ref}`,
      font: 'serif',
      bold: 'serifBold',
      size: 11,
      headingSize: 16,
      headingAlign: 'centre',
      columns: { tab: 60, title: 95, date: 380, pages: 480 },
      header: { tab: 'Tab', title: 'Document', date: 'Date', pages: 'Pages' },
      range: byRange(' – '),
      sectionRow: (letter, title) => `${letter}. ${title}`,
      sectionRange: false,
      leaders: false,
      rangeOnLastLine: false,
      titleWidth: 270,
      rowGap: 8,
      rowsPerSheet: 40,
      tab: (n) => String(n),
    },
    indexSize: A4,
    bookmarks: 'files',
    targets: 'fit',
    links: false,
    pageLabels: false,
    landscape: 'landscape',
    scans: 'scan-kind',
    bookmarkTitle: (row, n) => `${String(n).padStart(2, '0')} ${row.title} ${row.date}`,
  },
  bundledocs: {
    name: 'Bundledocs',
    numbering: 'by-section',
    frontNumbers: 'roman',
    cover: true,
    dividers: false,
    stamp: (label) => label,
    sectionLabel: (letter, n) => `${letter} ${n}`,
    place: 'bottom-right',
    stampFont: 'sansBold',
    stampSize: 10,
    margin: [40, 24],
    index: {
      heading: 'Index',
      continued: 'Index',
      subheading: `In the matter of ${CASE.child}`,
      font: 'sans',
      bold: 'sansBold',
      size: 10,
      headingSize: 18,
      headingAlign: 'left',
      columns: { tab: 56, title: 90, date: 370, pages: 540, pagesRight: true },
      header: { tab: 'Tab', title: 'Description', date: 'Date', pages: 'Page' },
      range: byRange(' - '),
      sectionRow: (letter, title) => `${letter}. ${title}`,
      sectionRange: false,
      leaders: false,
      rangeOnLastLine: false,
      titleWidth: 260,
      rowGap: 7,
      rowsPerSheet: 40,
      tab: (_n, letter, k) => `${letter}${k}`,
    },
    indexSize: A4,
    bookmarks: 'sections',
    targets: 'named',
    links: true,
    pageLabels: true,
    landscape: 'landscape',
    scans: 'scan-kind',
  },
  hmcts: {
    name: 'HMCTS bundler',
    numbering: 'from-cover',
    frontNumbers: 'none',
    cover: false,
    dividers: false,
    stamp: (label, total) => `Page ${label} of ${total}`,
    place: 'bottom-centre',
    stampFont: 'sansBold',
    stampSize: 10,
    margin: [0, 20],
    index: {
      heading: 'Index',
      continued: 'Index',
      subheading: `${CASE.child} v ${CASE.la} — hearing bundle`,
      font: 'sans',
      bold: 'sansBold',
      size: 12,
      headingSize: 14,
      headingAlign: 'centre',
      columns: { title: 50, pages: 480 },
      header: { title: '', pages: 'Page' },
      range: (a, b) => `${a} - ${b}`,
      sectionRow: (_letter, title) => title,
      sectionRange: false,
      leaders: false,
      rangeOnLastLine: false,
      titleWidth: 400,
      rowGap: 8,
      rowsPerSheet: 38,
      tab: () => '',
    },
    indexSize: LETTER,
    bookmarks: 'files',
    targets: 'xyz',
    links: true,
    pageLabels: false,
    landscape: 'landscape',
    scans: 'scan-kind',
  },
  // HMCTS's bundler as it stands by default: a "Total Pages" column of page counts, the number alone in
  // bold at the bottom right (PaginationStyle.bottomRight, Helvetica-Bold 13).
  hmctsCounts: {
    name: 'HMCTS bundler (page counts)',
    numbering: 'from-cover',
    frontNumbers: 'none',
    cover: false,
    dividers: false,
    stamp: (label) => label,
    place: 'bottom-right',
    stampFont: 'sansBold',
    stampSize: 13,
    margin: [40, 20],
    index: {
      heading: 'Index',
      continued: 'Index',
      subheading: `${CASE.child} v ${CASE.la}`,
      font: 'sans',
      bold: 'sansBold',
      size: 12,
      headingSize: 14,
      headingAlign: 'centre',
      columns: { title: 50, pages: 480 },
      header: { title: '', pages: 'Total Pages' },
      range: (a, b) => {
        const n = Number(b) - Number(a) + 1;
        return `${n} page${n === 1 ? '' : 's'}`;
      },
      sectionRow: (_letter, title) => title,
      sectionRange: false,
      leaders: false,
      rangeOnLastLine: false,
      titleWidth: 400,
      rowGap: 8,
      rowsPerSheet: 38,
      tab: () => '',
    },
    indexSize: LETTER,
    bookmarks: 'files',
    targets: 'xyz',
    links: true,
    pageLabels: false,
    landscape: 'landscape',
    scans: 'scan-kind',
  },
  caselines: {
    name: 'CaseLines',
    numbering: 'by-section',
    frontNumbers: 'none',
    cover: false,
    dividers: false,
    stamp: (label) => label,
    sectionLabel: (letter, n) => `${letter}${n}`,
    place: 'top-right',
    stampFont: 'sansBold',
    stampSize: 11,
    margin: [28, 28],
    index: {
      heading: 'INDEX',
      continued: 'INDEX (CONTINUED)',
      font: 'sans',
      bold: 'sansBold',
      size: 10,
      headingSize: 14,
      headingAlign: 'centre',
      columns: { tab: 56, title: 86, date: 360, pages: 470 },
      header: { tab: 'No.', title: 'DOCUMENT', date: 'DATE', pages: 'PAGES' },
      range: byRange(' - '),
      sectionRow: (letter, title) => `SECTION ${letter} – ${title.toUpperCase()}`,
      sectionRange: true,
      leaders: false,
      rangeOnLastLine: false,
      titleWidth: 250,
      rowGap: 7,
      rowsPerSheet: 40,
      tab: (n) => `${n}.`,
    },
    indexSize: A4,
    bookmarks: 'sections',
    targets: 'xyz',
    links: true,
    pageLabels: true,
    landscape: 'landscape',
    scans: 'scan-kind',
  },
  scans: {
    name: 'Hand-numbered scans, typed index',
    numbering: 'from-documents',
    frontNumbers: 'none',
    cover: false,
    dividers: false,
    stamp: (label) => label,
    place: 'bottom-right',
    stampFont: 'sans',
    stampSize: 14,
    margin: [50, 40],
    handwritten: true,
    index: {
      heading: 'Bundle index',
      continued: 'Bundle index continued',
      subheading: `Appeal of ${CASE.appellant} (${CASE.ref})`,
      font: 'serif',
      bold: 'serifBold',
      size: 12,
      headingSize: 16,
      headingAlign: 'left',
      columns: { title: 72, date: 350, pages: 470 },
      header: { title: 'Document', date: 'Dated', pages: 'Pages' },
      range: byRange(' to '),
      sectionRow: (letter, title) => `Part ${letter}: ${title}`,
      sectionRange: false,
      leaders: false,
      rangeOnLastLine: false,
      titleWidth: 260,
      rowGap: 9,
      rowsPerSheet: 36,
      tab: () => '',
    },
    indexSize: A4,
    bookmarks: 'files',
    targets: 'fit',
    links: false,
    pageLabels: false,
    landscape: 'landscape',
    scans: 'all',
  },
  zylpha: {
    name: 'Zylpha',
    numbering: 'by-section',
    frontNumbers: 'roman',
    cover: true,
    dividers: true,
    stamp: (label) => label,
    sectionLabel: (letter, n) => `${letter}-${n}`,
    place: 'bottom-centre',
    stampFont: 'sans',
    stampSize: 10,
    margin: [0, 28],
    index: {
      heading: 'Schedule of documents',
      continued: 'Schedule of documents (continued)',
      font: 'sans',
      bold: 'sansBold',
      size: 11,
      headingSize: 15,
      headingAlign: 'left',
      columns: { tab: 60, title: 100, date: 330, pages: 450 },
      header: { tab: 'Tab', title: 'Description', date: 'Date', pages: 'Pages' },
      range: byRange(' to '),
      sectionRow: (letter, title) => `Section ${letter} – ${title}`,
      sectionRange: true,
      leaders: false,
      rangeOnLastLine: false,
      titleWidth: 200,
      rowGap: 14,
      rowsPerSheet: 12,
      tab: (n) => `${n}`,
    },
    indexSize: A4,
    bookmarks: 'sections',
    targets: 'xyz',
    links: true,
    pageLabels: true,
    landscape: 'landscape',
    scans: 'scan-kind',
  },
  rotated: {
    name: 'Landscape and rotated pages',
    numbering: 'from-cover',
    frontNumbers: 'none',
    cover: true,
    dividers: true,
    stamp: (label) => label,
    place: 'bottom-right',
    stampFont: 'sans',
    stampSize: 10,
    margin: [36, 24],
    index: {
      heading: 'Hearing bundle index',
      continued: 'Hearing bundle index (continued)',
      font: 'sans',
      bold: 'sansBold',
      size: 10,
      headingSize: 15,
      headingAlign: 'left',
      columns: { tab: 56, title: 84, date: 380, pages: 470 },
      header: { tab: '#', title: 'Document', date: 'Date', pages: 'Pages' },
      range: byRange('-'),
      sectionRow: (letter, title) => `Section ${letter}: ${title}`,
      sectionRange: true,
      leaders: false,
      rangeOnLastLine: false,
      titleWidth: 280,
      rowGap: 7,
      rowsPerSheet: 40,
      tab: (n) => String(n),
    },
    indexSize: A4,
    bookmarks: 'sections',
    targets: 'xyz',
    links: true,
    pageLabels: true,
    landscape: 'rotate',
    scans: 'scan-kind',
  },
  unheaded: {
    name: 'No index heading',
    numbering: 'from-cover',
    frontNumbers: 'none',
    cover: false,
    dividers: false,
    stamp: (label) => `[${label}]`,
    place: 'top-centre',
    stampFont: 'serif',
    stampSize: 11,
    margin: [0, 30],
    index: {
      heading: null,
      continued: '',
      font: 'serif',
      bold: 'serifBold',
      size: 11,
      headingSize: 11,
      headingAlign: 'left',
      columns: { title: 72, pages: 450 },
      range: (a, b) => (a === b ? `p. ${a}` : `pp. ${a}–${b}`),
      sectionRow: (letter, title) => `${letter} – ${title}`,
      sectionRange: false,
      leaders: true,
      rangeOnLastLine: false,
      titleWidth: 300,
      rowGap: 8,
      rowsPerSheet: 40,
      tab: () => '',
    },
    indexSize: A4,
    bookmarks: 'files',
    targets: 'fit',
    links: true,
    pageLabels: false,
    landscape: 'landscape',
    scans: 'scan-kind',
  },
};

// ---------------------------------------------------------------------------------------------------------
// Building a bundle.

function docPageSize(
  doc: CaseDocument,
  k: number,
  convention: Convention,
): { size: [number, number]; rotate: 0 | 90 | 270 } {
  if (!doc.landscape?.includes(k)) return { size: A4, rotate: 0 };
  if (convention.landscape === 'rotate') return { size: [A4[1], A4[0]], rotate: k % 2 ? 90 : 270 };
  return { size: [A4[1], A4[0]], rotate: 0 };
}

/** The pages of the bundle with their numbers; `indexSheets` index pages. */
function planPages(convention: Convention, indexSheets: number, defect?: Defect): PlannedPage[] {
  const pages: PlannedPage[] = [];
  if (convention.cover) pages.push({ plan: { kind: 'cover' }, size: A4, rotate: 0, label: '' });
  for (let s = 0; s < indexSheets; s++)
    pages.push({ plan: { kind: 'index', sheet: s }, size: convention.indexSize, rotate: 0, label: '' });
  let section = '';
  DOCUMENTS.forEach((doc, d) => {
    if (doc.section !== section) {
      section = doc.section;
      if (convention.dividers)
        pages.push({ plan: { kind: 'divider', section }, size: A4, rotate: 0, label: '' });
    }
    for (let k = 1; k <= doc.pages; k++) {
      const { size, rotate } = docPageSize(doc, k, convention);
      pages.push({ plan: { kind: 'document', doc: d, page: k }, size, rotate, label: '' });
    }
  });
  // One turned page in the rotated bundle was stamped before it was turned.
  if (convention.landscape === 'rotate') {
    const turned = pages.filter((p) => p.rotate !== 0);
    if (turned.length > 1) turned[turned.length - 1].sideways = true;
  }

  // Numbers.
  const skipAt = defect?.kind === 'number-skipped' ? defect.docPage : null;
  let n = 0;
  let front = 0;
  let sectionN = 0;
  section = '';
  for (const p of pages) {
    const isDoc = p.plan.kind === 'document';
    if (p.plan.kind === 'document' && skipAt && p.plan.doc === skipAt[0] && p.plan.page === skipAt[1]) {
      n++;
      sectionN++;
    }
    if (convention.numbering === 'from-cover') {
      p.label = String(++n);
    } else if (convention.numbering === 'from-documents') {
      if (isDoc) p.label = String(++n);
    } else {
      if (p.plan.kind === 'document') {
        const letter = DOCUMENTS[p.plan.doc].section;
        if (letter !== section) {
          section = letter;
          sectionN = 0;
        }
        p.label = `${letter}${++sectionN}`;
      }
    }
    if (
      !p.label &&
      convention.frontNumbers === 'roman' &&
      (p.plan.kind === 'cover' || p.plan.kind === 'index')
    )
      p.label = ['i', 'ii', 'iii', 'iv', 'v'][front++];
  }
  return pages;
}

/** The index rows for a plan: one per section and per document, with their printed ranges. */
function planRows(convention: Convention, pages: PlannedPage[], defect?: Defect): Row[] {
  const rows: Row[] = [];
  const printed = (p: PlannedPage) =>
    convention.sectionLabel && /^[A-Z]\d/.test(p.label)
      ? convention.sectionLabel(p.label[0], Number(p.label.slice(1)))
      : p.label;
  const docPages = (d: number) => pages.filter((p) => p.plan.kind === 'document' && p.plan.doc === d);
  let section = '';
  let n = 0;
  let k = 0;
  DOCUMENTS.forEach((doc, d) => {
    if (doc.section !== section) {
      section = doc.section;
      k = 0;
      const all = DOCUMENTS.map((x, i) => [x, i] as const).filter(([x]) => x.section === section);
      const first = docPages(all[0][1])[0];
      const lastDoc = docPages(all[all.length - 1][1]);
      rows.push({
        kind: 'section',
        section,
        tab: '',
        title: convention.index.sectionRow(section, SECTIONS[section]),
        date: '',
        first: printed(first),
        last: printed(lastDoc[lastDoc.length - 1]),
      });
    }
    n++;
    k++;
    if (defect?.kind === 'document-unlisted' && defect.doc === d) return;
    const own = docPages(d);
    let first = own[0];
    let last = own[own.length - 1];
    const at = (p: PlannedPage, shift: number) => pages[pages.indexOf(p) + shift];
    if (defect?.kind === 'range-ends-early' && defect.doc === d) last = at(last, -1);
    if (defect?.kind === 'range-overlaps-next' && defect.doc === d) last = at(last, 1);
    if (defect?.kind === 'row-starts-late' && defect.doc === d) first = at(first, 1);
    // The boundary between two documents put a page late, in the index, its links and the bookmarks alike
    // (as when they are all made from one wrong list): only the documents' own page numbers tell.
    if (defect?.kind === 'rows-shifted' && defect.doc === d) first = at(first, 1);
    if (defect?.kind === 'rows-shifted' && defect.doc === d + 1) last = at(last, 1);
    rows.push({
      kind: 'document',
      section,
      tab: convention.index.tab(n, section, k),
      title: doc.title,
      date: doc.date,
      first: printed(first),
      last: printed(last),
      doc: d,
    });
  });
  return rows;
}

/** Lines a row takes in the index (titles wrap). */
function rowLines(row: Row, convention: Convention, fonts: Fonts): string[] {
  const style = convention.index;
  const font = row.kind === 'section' ? fonts[style.bold] : fonts[style.font];
  return wrap(row.title, font, style.size, style.titleWidth);
}

function sheetsNeeded(rows: Row[], convention: Convention, fonts: Fonts): number {
  let sheets = 1;
  let used = 0;
  for (const row of rows) {
    const lines = rowLines(row, convention, fonts).length;
    if (used + lines > convention.index.rowsPerSheet) {
      sheets++;
      used = 0;
    }
    used += lines + (row.kind === 'section' ? 1 : 0);
  }
  return sheets;
}

function drawCover(c: Canvas, fonts: Fonts, convention: Convention): void {
  const f = convention.index.font;
  const bold = convention.index.bold;
  let y = c.height - 150;
  const centre = (text: string, font: PDFFont, size: number) => {
    c.text(text, (c.width - font.widthOfTextAtSize(text, size)) / 2, y, font, size);
    y -= size * 1.9;
  };
  centre('IN THE FIRST-TIER TRIBUNAL', fonts[bold], 14);
  centre('HEALTH, EDUCATION AND SOCIAL CARE CHAMBER', fonts[f], 12);
  centre('SPECIAL EDUCATIONAL NEEDS AND DISABILITY', fonts[f], 12);
  y -= 30;
  centre(`Appeal number: ${CASE.ref}`, fonts[f], 12);
  centre(`${CASE.appellant} (Appellant)`, fonts[f], 12);
  centre('and', fonts[f], 11);
  centre(`${CASE.la} (Respondent)`, fonts[f], 12);
  y -= 40;
  centre('HEARING BUNDLE', fonts[bold], 20);
  centre(`Hearing date: ${CASE.hearing}`, fonts[f], 12);
}

function drawDivider(c: Canvas, fonts: Fonts, letter: string): void {
  const text = `Section ${letter}`;
  c.text(
    text,
    (c.width - fonts.sansBold.widthOfTextAtSize(text, 28)) / 2,
    c.height / 2 + 20,
    fonts.sansBold,
    28,
  );
  const title = SECTIONS[letter];
  c.text(title, (c.width - fonts.sans.widthOfTextAtSize(title, 16)) / 2, c.height / 2 - 14, fonts.sans, 16);
}

/** One page of a document, with the document's own page numbering; a scan's text is OCR's, invisible. */
function drawDocumentPage(c: Canvas, fonts: Fonts, d: number, k: number, scanned: boolean): void {
  const spec = DOCUMENTS[d];
  const body = spec.kind === 'letter' || spec.kind === 'statement' ? fonts.serif : fonts.sans;
  const bold = spec.kind === 'letter' || spec.kind === 'statement' ? fonts.serifBold : fonts.sansBold;
  const left = 64;
  const right = c.width - 64;
  let y = c.height - 72;
  const write = (text: string, font: PDFFont, size: number, gap = 4) => {
    for (const line of wrap(text, font, size, right - left)) {
      c.text(line, left, y, font, size, scanned ? { invisible: true } : {});
      y -= size + gap;
    }
  };
  if (spec.own === 'header' && !scanned)
    c.text(`${CASE.child} — EHC plan — ${spec.date}`, left, c.height - 40, fonts.sans, 8, { color: GREY });
  if (k === 1) {
    if (spec.kind === 'letter') {
      write(CASE.la, bold, 12);
      write('SEN Team, County Hall, Northshire NS1 2AB', body, 10, 10);
      write(spec.date, body, 11, 12);
    }
    write(spec.title, bold, spec.kind === 'report' || spec.kind === 'plan' ? 16 : 13, 10);
    write(`Re: ${CASE.child}`, body, 11, 10);
  } else {
    y -= 6;
  }
  if (spec.kind === 'table' || (spec.landscape?.includes(k) ?? false)) {
    const cols = ['Section', 'Need', 'Provision', "Parent's view", "LA's view"];
    const w = (right - left) / cols.length;
    cols.forEach((col, i) => c.text(col, left + i * w + 4, y, bold, 10));
    y -= 8;
    for (let r = 0; r < 8 && y > 90; r++) {
      c.line(left, y, right, y);
      y -= 14;
      cols.forEach((_, i) =>
        c.text(sentence(d * 100 + k * 10 + r + i, 4).slice(0, 28), left + i * w + 4, y, body, 8.5),
      );
      y -= 24;
    }
  } else {
    let para = 1;
    while (y > 110) {
      const text = sentence(d * 1000 + k * 50 + para, 38);
      write(spec.kind === 'report' || spec.kind === 'statement' ? `${para}. ${text}` : text, body, 10.5, 3.5);
      y -= 8;
      para++;
    }
  }
  // The document's own page number, where its author's word processor put it.
  const own =
    spec.own === 'page-of'
      ? `Page ${k} of ${spec.pages}`
      : spec.own === 'plain-centre' && spec.pages > 1
        ? String(k)
        : spec.own === 'dashes'
          ? `- ${k} -`
          : '';
  if (own)
    c.text(
      own,
      (c.width - body.widthOfTextAtSize(own, 9)) / 2,
      52,
      body,
      9,
      scanned ? { invisible: true } : {},
    );
}

/** Draws the index sheets and records where each row went. */
function drawIndex(canvases: Canvas[], fonts: Fonts, convention: Convention, rows: Row[]): void {
  const style = convention.index;
  const font = fonts[style.font];
  const bold = fonts[style.bold];
  let sheet = -1;
  let y = 0;
  let used = 0;
  const newSheet = () => {
    sheet++;
    used = 0;
    const c = canvases[sheet];
    y = c.height - 80;
    const heading = sheet === 0 ? style.heading : style.continued || null;
    if (heading) {
      const x =
        style.headingAlign === 'centre'
          ? (c.width - bold.widthOfTextAtSize(heading, style.headingSize)) / 2
          : (style.columns.tab ?? style.columns.title);
      c.text(heading, x, y, bold, style.headingSize);
      y -= style.headingSize + 10;
    }
    if (sheet === 0 && style.subheading) {
      c.text(style.subheading, style.columns.tab ?? style.columns.title, y, font, style.size);
      y -= style.size + 14;
    }
    if (style.header) {
      const h = style.header;
      if (h.tab && style.columns.tab !== undefined) c.text(h.tab, style.columns.tab, y, bold, style.size);
      if (h.title) c.text(h.title, style.columns.title, y, bold, style.size);
      if (h.date && style.columns.date !== undefined) c.text(h.date, style.columns.date, y, bold, style.size);
      const px = style.columns.pagesRight
        ? style.columns.pages - bold.widthOfTextAtSize(h.pages, style.size)
        : style.columns.pages;
      c.text(h.pages, px, y, bold, style.size);
      y -= 6;
      c.line(style.columns.tab ?? style.columns.title, y, c.width - 56, y);
      y -= style.size + 8;
    }
  };
  newSheet();
  for (const row of rows) {
    const lines = rowLines(row, convention, fonts);
    if (used + lines.length > style.rowsPerSheet) newSheet();
    const c = canvases[sheet];
    const rowFont = row.kind === 'section' ? bold : font;
    if (row.kind === 'section') y -= style.size * 0.6;
    row.sheet = sheet;
    row.top = y + style.size;
    const rangeText = row.kind === 'section' && !style.sectionRange ? '' : style.range(row.first, row.last);
    const rangeLine = style.rangeOnLastLine ? lines.length - 1 : 0;
    lines.forEach((line, i) => {
      if (i === 0 && row.tab && style.columns.tab !== undefined)
        c.text(row.tab, style.columns.tab, y, rowFont, style.size);
      c.text(line, style.columns.title, y, rowFont, style.size);
      if (i === 0 && row.kind === 'document' && style.columns.date !== undefined)
        c.text(row.date, style.columns.date, y, font, style.size - 1);
      if (i === rangeLine && rangeText) {
        const w = rowFont.widthOfTextAtSize(rangeText, style.size);
        const x = style.columns.pagesRight ? style.columns.pages - w : style.columns.pages;
        if (style.leaders) {
          const start = style.columns.title + rowFont.widthOfTextAtSize(line, style.size) + 6;
          const dots = Math.max(0, Math.floor((x - 6 - start) / rowFont.widthOfTextAtSize('. ', style.size)));
          if (dots > 2) c.text('. '.repeat(dots).trim(), start, y, rowFont, style.size);
        }
        c.text(rangeText, x, y, rowFont, style.size);
      }
      y -= style.size + 3;
    });
    row.bottom = y + style.size - 2;
    y -= style.rowGap;
    used += lines.length + (row.kind === 'section' ? 1 : 0);
  }
}

/** A destination in the convention's form. */
function target(
  doc: PDFDocument,
  convention: Convention,
  pageRef: PDFRef,
  name: string,
  names: [string, PDFArray][],
): Record<string, unknown> {
  const explicit =
    convention.targets === 'fit'
      ? doc.context.obj([pageRef, PDFName.of('Fit')])
      : doc.context.obj([pageRef, PDFName.of('XYZ'), PDFNumber.of(0), PDFNumber.of(842), PDFNull]);
  if (convention.targets === 'goto-action') return { A: doc.context.obj({ S: 'GoTo', D: explicit }) };
  if (convention.targets === 'named') {
    names.push([name, explicit]);
    return { Dest: PDFString.of(name) };
  }
  return { Dest: explicit };
}

interface OutlineNode {
  title: string;
  page: number;
  name: string;
  children: OutlineNode[];
}

function writeOutline(
  doc: PDFDocument,
  convention: Convention,
  nodes: OutlineNode[],
  refs: PDFRef[],
  names: [string, PDFArray][],
): void {
  const ctx = doc.context;
  const root = ctx.nextRef();
  const build = (list: OutlineNode[], parent: PDFRef): { first: PDFRef; last: PDFRef; count: number } => {
    const itemRefs = list.map(() => ctx.nextRef());
    let count = 0;
    list.forEach((node, i) => {
      const dict: Record<string, unknown> = {
        Title: PDFHexString.fromText(node.title),
        Parent: parent,
        ...target(doc, convention, refs[node.page - 1], node.name, names),
      };
      if (i > 0) dict.Prev = itemRefs[i - 1];
      if (i < list.length - 1) dict.Next = itemRefs[i + 1];
      if (node.children.length) {
        const kids = build(node.children, itemRefs[i]);
        dict.First = kids.first;
        dict.Last = kids.last;
        dict.Count = PDFNumber.of(kids.count);
        count += kids.count;
      }
      ctx.assign(itemRefs[i], ctx.obj(dict as never));
      count++;
    });
    return { first: itemRefs[0], last: itemRefs[itemRefs.length - 1], count };
  };
  const top = build(nodes, root);
  ctx.assign(
    root,
    ctx.obj({ Type: 'Outlines', First: top.first, Last: top.last, Count: PDFNumber.of(top.count) }),
  );
  doc.catalog.set(PDFName.of('Outlines'), root);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

function writeNames(doc: PDFDocument, names: [string, PDFArray][]): void {
  if (names.length === 0) return;
  const sorted = [...names].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const list = doc.context.obj(sorted.flatMap(([n, d]) => [PDFString.of(n), d]));
  doc.catalog.set(PDFName.of('Names'), doc.context.obj({ Dests: doc.context.obj({ Names: list }) }));
}

function writeLabels(doc: PDFDocument, labels: string[]): void {
  const nums = PDFArray.withContext(doc.context);
  labels.forEach((label, i) => {
    nums.push(PDFNumber.of(i));
    nums.push(doc.context.obj(label ? { P: PDFHexString.fromText(label) } : {}));
  });
  doc.catalog.set(PDFName.of('PageLabels'), doc.context.obj({ Nums: nums }));
}

function addLink(
  doc: PDFDocument,
  page: PDFPage,
  rect: [number, number, number, number],
  dest: Record<string, unknown>,
): void {
  const annot = doc.context.register(
    doc.context.obj(
      Object.assign({ Type: 'Annot', Subtype: 'Link', Rect: rect, Border: [0, 0, 0] }, dest) as never,
    ),
  );
  const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
  if (annots) annots.push(annot);
  else page.node.set(PDFName.of('Annots'), doc.context.obj([annot]));
}

/** Where the stamp goes on a displayed page, for text `w` wide. */
function stampPosition(
  convention: Convention,
  c: { width: number; height: number },
  w: number,
  size: number,
): [number, number] {
  const [mx, my] = convention.margin;
  const bottom = my;
  const top = c.height - my - size * 0.75;
  switch (convention.place) {
    case 'bottom-centre':
      return [(c.width - w) / 2, bottom];
    case 'bottom-left':
      return [mx, bottom];
    case 'top-right':
      return [c.width - mx - w, top];
    case 'top-centre':
      return [(c.width - w) / 2, top];
    default:
      return [c.width - mx - w, bottom];
  }
}

/** Builds one bundle in a tool's conventions, broken by `defect` if given. */
export async function buildForeignBundle(
  conventionName: keyof typeof CONVENTIONS,
  defect?: Defect,
): Promise<ForeignBundle> {
  const convention = CONVENTIONS[conventionName];
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embedFonts(doc);

  // Plan: rows need page numbers, page numbers need the number of index pages.
  let sheets = 1;
  let pages = planPages(convention, sheets, defect);
  let rows = planRows(convention, pages, defect);
  for (let tries = 0; tries < 3; tries++) {
    const needed = sheetsNeeded(rows, convention, fonts);
    if (needed === sheets) break;
    sheets = needed;
    pages = planPages(convention, sheets, defect);
    rows = planRows(convention, pages, defect);
  }
  // "of N": the last number, as the tools count it.
  const total = Math.max(0, ...pages.map((p) => Number(p.label)).filter(Number.isFinite));

  // Draw every page.
  const canvases: Canvas[] = [];
  const indexCanvases: Canvas[] = [];
  for (const p of pages) {
    const [w, h] = p.size;
    const page = doc.addPage(p.rotate ? [h, w] : [w, h]);
    if (p.rotate) page.setRotation(degrees(p.rotate));
    const c = new Canvas(page, p.rotate);
    canvases.push(c);
    if (p.plan.kind === 'cover') drawCover(c, fonts, convention);
    else if (p.plan.kind === 'index') indexCanvases.push(c);
    else if (p.plan.kind === 'divider') drawDivider(c, fonts, p.plan.section);
    else {
      const spec = DOCUMENTS[p.plan.doc];
      const scanned = convention.scans === 'all' || spec.kind === 'scan';
      if (scanned) {
        const hand =
          convention.handwritten &&
          p.label &&
          !(defect?.kind === 'stamp-missing' && sameDocPage(defect.docPage, p))
            ? { label: handLabel(p, pages, defect), at: handPosition(convention, c, p) }
            : null;
        const key = `${p.plan.doc}:${p.plan.page}:${c.width}:${hand?.label}:${hand?.at?.join(',')}`;
        let png = scanCache.get(key);
        if (!png) {
          const raster = new Raster(Math.round(c.width * SCAN_SCALE), Math.round(c.height * SCAN_SCALE));
          raster.typedLines(p.plan.doc * 31 + p.plan.page, 60, raster.height - 80, 44, raster.width - 44);
          if (hand) {
            const [x, y] = hand.at;
            raster.handwritten(
              hand.label,
              x * SCAN_SCALE,
              raster.height - (y + 16) * SCAN_SCALE,
              16 * SCAN_SCALE,
            );
          }
          scanCache.set(key, (png = { data: raster.deflated(), width: raster.width, height: raster.height }));
        }
        // Scans are portrait pages here: the turned pages are the typed landscape documents.
        drawScan(doc, page, png);
      }
      drawDocumentPage(c, fonts, p.plan.doc, p.plan.page, scanned);
    }
  }
  drawIndex(indexCanvases, fonts, convention, rows);

  // Stamp the numbers.
  pages.forEach((p, i) => {
    if (!p.label) return;
    if (defect?.kind === 'stamp-missing' && sameDocPage(defect.docPage, p)) return;
    const c = canvases[i];
    const scannedPage =
      p.plan.kind === 'document' && (convention.scans === 'all' || DOCUMENTS[p.plan.doc].kind === 'scan');
    const label =
      defect?.kind === 'stamp-repeated'
        ? handLabel(p, pages, defect)
        : defect?.kind === 'numbers-restart' && p.plan.kind === 'document'
          ? String(p.plan.page)
          : p.label;
    const printed =
      convention.sectionLabel && /^[A-Z]\d/.test(label)
        ? convention.sectionLabel(label[0], Number(label.slice(1)))
        : label;
    const text = /^[ivx]+$/.test(label) ? label : convention.stamp(printed, total);
    const font = fonts[convention.stampFont];
    const size = convention.stampSize;
    if (convention.handwritten && scannedPage) {
      // OCR's reading of the hand-written number, where it is on the picture.
      const [x, y] = handPosition(convention, c, p);
      c.text(text, x, y, fonts.sans, 16, { invisible: true });
      return;
    }
    const w = font.widthOfTextAtSize(text, size);
    if (p.sideways) {
      // Stamped on the page as it was made (portrait), before it was turned for reading.
      const { width, height } = c.page.getSize();
      const [x, y] = stampPosition(convention, { width, height }, w, size);
      c.rawText(text, x, y, font, size);
      return;
    }
    if (defect?.kind === 'stamp-moved' && sameDocPage(defect.docPage, p)) {
      // Stamped by hand in another tool, at the top left.
      c.text(text, 40, c.height - 40, font, size);
      return;
    }
    const [x, y] = stampPosition(convention, c, w, size);
    c.text(text, x, y, font, size);
  });

  // Navigation: bookmarks, links, page labels, title.
  const refs = doc.getPages().map((p) => p.ref);
  const names: [string, PDFArray][] = [];
  const startOf = (d: number) => pages.findIndex((p) => p.plan.kind === 'document' && p.plan.doc === d) + 1;
  const sectionStart = (letter: string) =>
    pages.findIndex(
      (p) =>
        (p.plan.kind === 'divider' && p.plan.section === letter) ||
        (p.plan.kind === 'document' && DOCUMENTS[p.plan.doc].section === letter),
    ) + 1;
  const bookmarkPage = (d: number) =>
    startOf(d) +
    ((defect?.kind === 'bookmark-wrong' || defect?.kind === 'rows-shifted') && defect.doc === d ? 1 : 0);
  const documentRows = rows.filter((r) => r.kind === 'document');
  let outline: OutlineNode[];
  if (convention.bookmarks === 'sections') {
    outline = Object.keys(SECTIONS).map((letter) => ({
      title: `Section ${letter}: ${SECTIONS[letter]}`,
      page: sectionStart(letter),
      name: `section.${letter}`,
      children: DOCUMENTS.map((d, i) => [d, i] as const)
        .filter(([d]) => d.section === letter)
        .map(([d, i]) => ({ title: d.title, page: bookmarkPage(i), name: `doc.${i}`, children: [] })),
    }));
  } else {
    const indexFirst = pages.findIndex((p) => p.plan.kind === 'index') + 1;
    outline = [
      ...(convention.bookmarks === 'headings'
        ? []
        : [{ title: 'Index', page: indexFirst, name: 'index', children: [] }]),
      ...DOCUMENTS.map((d, i) => {
        const row = documentRows.find((r) => r.doc === i) ?? {
          ...documentRows[0],
          title: d.title,
          date: d.date,
        };
        return {
          title: convention.bookmarkTitle ? convention.bookmarkTitle(row, i + 1) : d.title,
          page: bookmarkPage(i),
          name: `doc.${i}`,
          children: [],
        };
      }),
    ];
  }
  writeOutline(doc, convention, outline, refs, names);
  if (convention.links) {
    for (const row of rows) {
      const c = indexCanvases[row.sheet!];
      const page =
        row.kind === 'section'
          ? sectionStart(row.section)
          : startOf(row.doc!) +
            (defect?.kind === 'link-wrong' && defect.doc === row.doc ? 3 : 0) +
            (defect?.kind === 'rows-shifted' && defect.doc === row.doc ? 1 : 0);
      const name = row.kind === 'section' ? `section.${row.section}` : `doc.${row.doc}`;
      const dest = target(doc, convention, refs[page - 1], name, names);
      addLink(
        doc,
        c.page,
        c.rect(
          convention.index.columns.tab ?? convention.index.columns.title,
          row.bottom!,
          c.width - 110,
          row.top! - row.bottom!,
        ),
        dest,
      );
    }
  }
  const unique = new Map(names);
  writeNames(doc, [...unique]);
  if (convention.pageLabels) {
    const labels = pages.map((p) =>
      convention.sectionLabel && /^[A-Z]\d/.test(p.label)
        ? convention.sectionLabel(p.label[0], Number(p.label.slice(1)))
        : p.label,
    );
    if (defect?.kind === 'labels-shifted') {
      const from = pages.findIndex((p) => sameDocPage(defect.docPage, p));
      for (let i = from; i < labels.length - 1; i++) labels[i] = labels[i + 1];
    }
    writeLabels(doc, labels);
  }
  doc.setTitle(`Hearing bundle – ${CASE.child} – ${CASE.ref}`);
  doc.setProducer(convention.name);
  doc.setCreationDate(new Date('2026-01-27T10:00:00Z'));
  doc.setModificationDate(new Date('2026-01-27T10:00:00Z'));
  let bytes = await doc.save({ useObjectStreams: false });

  // Edits made after the bundle was made (pages moved or lost).
  const docPageIndex = (dp: [number, number]) => pages.findIndex((p) => sameDocPage(dp, p)) + 1;
  let pageCount = pages.length;
  if (defect?.kind === 'pages-swapped' || defect?.kind === 'page-removed') {
    const edited = await PDFDocument.load(bytes, { updateMetadata: false });
    const kids = edited.catalog.lookup(PDFName.of('Pages'), PDFDict).lookup(PDFName.of('Kids'), PDFArray);
    const at = docPageIndex(defect.docPage) - 1;
    if (defect.kind === 'pages-swapped') {
      const a = kids.get(at);
      kids.set(at, kids.get(at + 1));
      kids.set(at + 1, a);
    } else {
      edited.removePage(at);
      pageCount--;
    }
    bytes = await edited.save({ useObjectStreams: false });
  }
  if (defect?.kind === 'content-damaged') {
    // The page's content as a file damaged in transit has it: LZW data that breaks off after its first
    // letter (codes 65, then 300, which no table has yet), so readers show the page blank, number and all.
    const edited = await PDFDocument.load(bytes, { updateMetadata: false });
    const page = edited.getPage(docPageIndex(defect.docPage) - 1);
    const broken = edited.context.stream(Uint8Array.from([0x20, 0xcb, 0x00]), { Filter: 'LZWDecode' });
    page.node.set(PDFName.of('Contents'), edited.context.register(broken));
    bytes = await edited.save({ useObjectStreams: false });
  }

  const indexPages = pages.flatMap((p, i) => (p.plan.kind === 'index' ? [i + 1] : []));
  const starts = new Map(DOCUMENTS.map((d, i) => [d.title, startOf(i)]));
  return {
    name: `${convention.name}${defect ? `, ${defect.kind}` : ''}`,
    bytes,
    pageCount,
    indexPages,
    indexRows: rows.filter((r) => r.kind === 'document' || convention.index.sectionRange).length,
    starts,
    defect,
    defectPages: defect ? defectPages(defect, pages, rows, indexPages, startOf, docPageIndex) : [],
  };
}

function sameDocPage(dp: [number, number], p: PlannedPage): boolean {
  return p.plan.kind === 'document' && p.plan.doc === dp[0] && p.plan.page === dp[1];
}

/** The label a page shows: its own, or its predecessor's on the page repeated by a defect. */
function handLabel(p: PlannedPage, pages: PlannedPage[], defect?: Defect): string {
  if (defect?.kind === 'stamp-repeated' && sameDocPage(defect.docPage, p))
    return pages[pages.indexOf(p) - 1].label;
  return p.label;
}

/** Where a hand-written number sits: near the bottom right, a few points off each time. */
function handPosition(convention: Convention, c: Canvas, p: PlannedPage): [number, number] {
  const seed = p.plan.kind === 'document' ? p.plan.doc * 7 + p.plan.page * 13 : 3;
  const jx = ((seed * 37) % 17) - 8;
  const jy = ((seed * 53) % 13) - 6;
  return [c.width - convention.margin[0] - 24 + jx, convention.margin[1] + jy];
}

/** The pages a clerk would name for a defect. */
function defectPages(
  defect: Defect,
  pages: PlannedPage[],
  rows: Row[],
  indexPages: number[],
  startOf: (d: number) => number,
  docPageIndex: (dp: [number, number]) => number,
): number[] {
  const rowPage = (d: number) => indexPages[rows.find((r) => r.doc === d)?.sheet ?? 0];
  switch (defect.kind) {
    case 'stamp-missing':
    case 'stamp-moved':
    case 'stamp-repeated':
    case 'number-skipped':
    case 'pages-swapped':
    case 'page-removed':
    case 'labels-shifted':
    case 'content-damaged':
      return [docPageIndex(defect.docPage)];
    case 'range-ends-early':
    case 'range-overlaps-next':
      return [rowPage(defect.doc)];
    case 'row-starts-late':
    case 'rows-shifted':
    case 'bookmark-wrong':
      return [rowPage(defect.doc), startOf(defect.doc)];
    case 'document-unlisted':
      return [rowPage(defect.doc - 1), startOf(defect.doc)];
    case 'link-wrong':
      return [rowPage(defect.doc)];
    case 'numbers-restart':
      return DOCUMENTS.map((_, d) => startOf(d));
  }
  void pages;
}

/** A long PDF that is not a bundle: a user guide with a contents page and numbered chapters. */
export async function buildManual(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const chapters = [
    'Getting started',
    'Installing the printer driver',
    'Printing from a computer',
    'Scanning documents',
    'Copying',
    'Maintenance',
    'Troubleshooting',
    'Specifications',
  ];
  const pagesPer = 6;
  const toc = doc.addPage(A4);
  toc.drawText('Contents', { x: 72, y: 760, font: bold, size: 20 });
  chapters.forEach((title, i) => {
    const y = 720 - i * 22;
    toc.drawText(`${i + 1}  ${title}`, { x: 72, y, font, size: 12 });
    toc.drawText(String(2 + i * pagesPer), { x: 500, y, font, size: 12 });
  });
  let n = 1;
  toc.drawText(String(n), { x: 292, y: 30, font, size: 9 });
  chapters.forEach((title, i) => {
    for (let k = 0; k < pagesPer; k++) {
      const page = doc.addPage(A4);
      n++;
      if (k === 0) page.drawText(`${i + 1}. ${title}`, { x: 72, y: 760, font: bold, size: 18 });
      for (let y = 720; y > 90; y -= 16)
        page.drawText(sentence(i * 100 + k * 10 + y, 14).replace(/child|parent|school|teacher/g, 'user'), {
          x: 72,
          y,
          font,
          size: 10,
        });
      page.drawText(`${i + 1}.${k + 1}`, { x: 72, y: 30, font, size: 9 });
      page.drawText(String(n), { x: 292, y: 30, font, size: 9 });
    }
  });
  doc.setTitle('PrintMaster 3000 user guide');
  return doc.save({ useObjectStreams: false });
}

export { DOCUMENTS };
