/**
 * Limits on what the app will read from a user's file, in one place. Each is checked before the work it
 * bounds (pixels from an image's header before decoding, a zip's directory before inflating) so that a
 * hostile or broken file is refused in seconds instead of filling the computer's memory. Every limit is
 * set well above anything a real case holds; a refusal names the limit it hit (see `describeLimit`).
 */

const MB = 1024 * 1024;

/** Pixels of an A4 page at 300 dots per inch (2480 × 3508): sharp in print, a sensible size on screen. */
export const A4_300DPI_PIXELS = { long: 3508, short: 2480 } as const;

export const LIMITS = {
  /** One file added to a case (also the biggest evidence upload the browser version takes). */
  importBytes: 200 * MB,
  /** One bundle to check or one case export to import, sent to the browser version. */
  uploadBytes: 2048 * MB,
  /** A photo or scan larger than this (decoded pixels) is scaled down to about 300 dpi on A4. */
  imageDownscalePixels: 2 * A4_300DPI_PIXELS.long * A4_300DPI_PIXELS.short,
  /**
   * A picture declaring more pixels than this is refused without decoding it (a 12 MP photo is 12 million), as
   * is a PDF with a picture of more (its dictionary's /Width and /Height: untrusted/limitsScan.ts).
   */
  imagePixels: 120_000_000,
  /**
   * An HEIC photo is decoded whole in WebAssembly, which holds it about three times over: over this many
   * pixels it is refused (an iPhone's largest photos are 48.8 million).
   */
  heicPixels: 50_000_000,
  /** The same for a WebP picture, whose lossless kind (screenshots) needs more memory to decode. */
  webpPixels: 40_000_000,
  /**
   * The same for an AVIF picture, decoded whole in WebAssembly by dav1d on one thread: a 48-megapixel one
   * took 39 s and 1.2 GB (docs/limits.md). AVIF pictures are mostly from web pages, far smaller.
   */
  avifPixels: 36_000_000,
  /**
   * A plain text file (or a WhatsApp chat) larger than this is refused: about 400 pages of A4, imported in
   * about 12 s (docs/limits.md). A long chat comes in whole, and its Details take the pages that go into the
   * bundle (shared/domain/pageSelection.ts).
   */
  textFileBytes: 1024 * 1024,
  /**
   * Pages a text file, chat or email may lay out to. A megabyte of text is about 430 pages; of two-letter
   * lines it was 7,944, imported in 42 s and 750 MB (docs/limits.md). Said before layout where its lines
   * alone make more, else when layout reaches it.
   */
  textPages: 2_000,
  /**
   * Characters of all a letter's facts together (its statement, reasons, a table's rows): about 400 pages.
   * A letter is written from what the user types or pastes; pasted past this it would be laid out for minutes.
   */
  letterCharacters: 1_000_000,
  /**
   * A web page saved from a browser as HTML larger than this is refused before it is read (its text, read
   * in one pass, must then be within textFileBytes). Pages are mostly their scripts and styles: a long
   * article saved "complete" is 1-3 MB; more is pictures written into the page.
   */
  webPageBytes: 32 * MB,
  /**
   * The headers of a saved email (who it is from and to, the route it took) read to find where its message
   * starts. A real email's are a few kB; an email to a thousand people about 50 kB. Past this the file is
   * refused as an email whose headers are too long (not read as text: docs/limits.md).
   */
  emailHeaderBytes: 16 * MB,
  /**
   * A Word, OpenDocument or RTF document's text and formatting (its XML parts as the zip's directory gives
   * them, unpacked; an RTF's or a Word 97-2003 file's text, pictures left out), which LibreOffice lays out
   * whole: 16 MB of short paragraphs (3,700 pages) took it 32 s and 500 MB, 50 MB 250 s and 1.3 GB, and a
   * 680 KB file unpacking to 200 MB filled 4 GB before the time limit stopped it (docs/limits.md). The
   * largest of Apache POI's 272 test documents comes to 15 MB (a 207-page report).
   */
  wordMarkupBytes: 32 * MB,
  /**
   * Tables inside tables in a Word, OpenDocument or RTF document, at most: a real document nests two or
   * three. LibreOffice laid out tables nested 80 deep in 1 s, 100 deep in 22 s, and 200 deep (a 2 KB file)
   * had not finished after 10 minutes (docs/limits.md).
   */
  wordTableNesting: 64,
  /**
   * Groups inside groups ({…}) in an RTF document, at most: Word writes a few dozen. LibreOffice read 1,000
   * nested formatting groups in 1.2 s, 20,000 in 13 s, and 200,000 (a 1 MB file) ran into the time limit.
   */
  rtfGroupNesting: 1_000,
  /** Bytes one compressed stream inside a PDF may inflate to. */
  pdfStreamInflatedBytes: 256 * MB,
  /** Bytes all the compressed streams of one PDF may inflate to together. */
  pdfInflatedBytes: 4096 * MB,
  /** Pages in one PDF (the longest real hearing bundles run to a few thousand). */
  pdfPages: 10_000,
  /** Arrays and dictionaries inside each other in a PDF (real files stay below 20). */
  pdfNestingDepth: 100,
  /**
   * Items directly in one array or dictionary of a PDF (numbers, names, strings, arrays and dictionaries;
   * a reference counts as its three parts, a dictionary's keys as items). Readers parse an object whole,
   * and the scan sees only its bytes: a font's /Widths of 3 million numbers, a few KB in an object stream,
   * took an import 14.5 s and 975 MB. The most in pdf.js's 977 test files is 131,076 (bug1978317.pdf: a
   * number tree's 32,769 entries, each a number and a reference, in one array).
   */
  pdfContainerItems: 524_288,
  /**
   * Times one page of a PDF draws a form (a drawing kept once and placed on the page, inside another or
   * on its own), counting each as often as it is drawn. Readers draw every one: a few KB of forms that each
   * draw the next twice, 20 deep, make a million. Sound pages draw a few (the most in pdf.js's 977 test
   * files, many from bug reports about odd files, is 384); pdf.js reads the text of 50,000 in seconds.
   */
  pdfFormsDrawnPerPage: 50_000,
  /**
   * Drawing operators one page of a PDF runs, those inside its forms counted as often as they are drawn.
   * pdf.js reads 4-5 million a second: a compressed stream of 78 KB held 40 million (20 million `q Q`),
   * and its import took 21 s. The most in pdf.js's 977 test files is 430,000 (a detailed drawing).
   */
  pdfOperatorsPerPage: 5_000_000,
  /**
   * Text-showing operators one page of a PDF runs, counted as the operators are. Each piece of text put in
   * a place of its own costs a reader far more than other drawing: 170 KB of a million such took an import
   * 19 s and 900 MB, four million 2 GB. A dense page of text runs a few thousand; the most in pdf.js's 977
   * test files is 16,388.
   */
  pdfTextShownPerPage: 250_000,
  /**
   * The same three for all the pages of one PDF together: pages each within their limits can still add up
   * to hours (10,000 pages drawing one shared content stream of 4 million operators are a few KB). A
   * 1,000-page bundle of reports and scans draws about 1,000 forms, 400,000 operators and 41,000 pieces of
   * text; a 352-page book 150,000 operators and 28,000 pieces of text. Set so that a 10,000-page bundle of
   * pages far denser than those still passes (25,000 operators and 2,500 pieces of text a page): a reader
   * takes about a minute over these.
   */
  pdfFormsDrawn: 1_000_000,
  pdfOperators: 250_000_000,
  pdfTextShown: 25_000_000,
  /** Files inside one case export (a case with 5,000 documents and every bundle version stays far below). */
  archiveEntries: 100_000,
  /** Everything inside one case export, unpacked. */
  archiveInflatedBytes: 16 * 1024 * MB,
  /** How much more an entry may grow when unpacked (PDFs barely compress; only bombs grow 100-fold). */
  archiveEntryRatio: 100,
  /** Entries smaller than this unpacked are not held to the ratio (small text compresses well). */
  archiveRatioFloorBytes: 16 * MB,
  /** Memory (MB) the reader of one untrusted file may use for its JavaScript heap. */
  parserHeapMb: 768,
  /** Seconds one file may take to be read and checked at import. */
  importSeconds: 180,
  /** Seconds the bundle checker may take over one PDF. */
  checkSeconds: 300,
  /** Seconds reading and checking one case export may take. */
  archiveSeconds: 600,
} as const;

/** The size message for a file over a limit: the same words before sending (renderer) and after (bridge). */
export function tooLargeMessage(name: string, bytes: number, limit: number): string {
  return `"${name}" is ${formatSize(bytes)}, more than the ${formatSize(limit)} limit for one file. Split it into smaller PDFs (or scan it again at a lower resolution) and add the parts.`;
}

/** "200 MB", "1.5 GB": sizes as a person reads them. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * MB) {
    const gb = bytes / (1024 * MB);
    return `${gb >= 10 ? Math.round(gb) : gb.toFixed(1).replace(/\.0$/, '')} GB`;
  }
  const mb = bytes / MB;
  return `${mb >= 10 ? Math.round(mb) : mb.toFixed(1).replace(/\.0$/, '')} MB`;
}

/** "120 million", "10,000": counts as a person reads them. */
export function formatCount(n: number): string {
  if (n >= 1_000_000) {
    const m = n / 1_000_000;
    return `${m >= 10 ? Math.round(m) : m.toFixed(1).replace(/\.0$/, '')} million`;
  }
  return n.toLocaleString('en-GB');
}
