/**
 * The check report a clerk can send back: a PDF listing the findings by page (with a summary of the file
 * and its parts first), and the same content as JSON. Set as the bundle's own pages are (bundle/text.ts): in
 * DejaVu Sans, and for letters it has not (a file or document named in Bengali, Chinese, Urdu…) in the
 * fallback fonts, right-to-left text in display order, embedded once each as a subset.
 */
import type { PDFDocument, PDFPage, RGB } from '@cantoo/pdf-lib';
import type { FontText, PageText } from '../bundle/text';
import { wrapText } from '../../../shared/bundle/textLayout';
import type { CheckFinding, CheckResult, CheckSeverity, CheckSummary } from '../../../shared/domain/checker';
import { formatRuns } from './describe';

const PAGE: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const BOTTOM = 64;
// Set when the first report is drawn: pdf-lib and the font load only then, so the check command and the
// checker's text helpers below start without them.
let BLACK: RGB;
let GREY: RGB;
let RULE: RGB;
let SEVERITY_COLOUR: Record<CheckSeverity, RGB>;
const SEVERITY_WORD: Record<CheckSeverity, string> = { error: 'Error', warning: 'Warning', note: 'Note' };

/** What goes into the JSON report: the check result plus when and against what it was checked. */
interface CheckReportContent extends CheckResult {
  report: { title: string; checkedAt: string; verdict: string };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The one-line answer (the verdict's message), shown first in the CLI, the report and its JSON. */
export function verdictOf(result: CheckResult): string {
  return result.verdict.message;
}

export function reportContent(result: CheckResult, checkedAt: Date): CheckReportContent {
  return {
    report: {
      title: `Bundle check report: ${result.summary.fileName}`,
      checkedAt: checkedAt.toISOString(),
      verdict: verdictOf(result),
    },
    ...result,
  };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function formatDateTime(d: Date): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

/** A cursor that writes lines down the page and starts a new page when it runs out of room. */
class Writer {
  page!: PDFPage;
  y = 0;
  readonly pages: PDFPage[] = [];
  /** Each page's text, added to it as one content stream when the report is finished. */
  readonly texts = new Map<PDFPage, PageText>();

  constructor(
    private readonly doc: PDFDocument,
    private readonly font: FontText,
    private readonly pageText: (page: PDFPage) => PageText,
  ) {
    this.newPage();
  }

  newPage(): void {
    this.page = this.doc.addPage(PAGE);
    this.pages.push(this.page);
    this.texts.set(this.page, this.pageText(this.page));
    this.y = PAGE[1] - MARGIN;
  }

  ensure(height: number): void {
    if (this.y - height < BOTTOM) this.newPage();
  }

  measure = (text: string, size: number) => this.font.width(text, size);

  text(text: string, x: number, size: number, color = BLACK, page = this.page, y = this.y): void {
    if (text) this.texts.get(page)!.line(text, x, y, size, { colour: color });
  }

  /** A wrapped paragraph at `x`, `width` wide. */
  paragraph(text: string, x: number, width: number, size: number, color = BLACK, gap = 4): void {
    const lines = wrapText(text, width, size, this.measure);
    const lineHeight = size * 1.3;
    for (const line of lines) {
      this.ensure(lineHeight);
      this.y -= lineHeight;
      this.text(line, x, size, color);
    }
    this.y -= gap;
  }

  heading(text: string, size = 13): void {
    this.ensure(size * 2.5);
    this.y -= size * 1.6;
    this.text(text, MARGIN, size);
    this.y -= 4;
    this.page.drawLine({
      start: { x: MARGIN, y: this.y },
      end: { x: PAGE[0] - MARGIN, y: this.y },
      thickness: 0.6,
      color: RULE,
    });
    this.y -= 4;
  }

  /** Label on the left, value on the right, each wrapped in its column. */
  row(label: string, value: string, size = 10): void {
    const valueX = MARGIN + 150;
    this.columns([
      {
        x: MARGIN,
        width: valueX - MARGIN - 8,
        lines: wrapText(label, valueX - MARGIN - 8, size, this.measure),
        size,
        color: GREY,
      },
      {
        x: valueX,
        width: PAGE[0] - MARGIN - valueX,
        lines: wrapText(value, PAGE[0] - MARGIN - valueX, size, this.measure),
        size,
      },
    ]);
  }

  /** Side-by-side columns of lines, moving down by the longest; breaks pages between lines. */
  columns(
    cols: {
      x: number;
      width: number;
      lines: string[];
      size: number;
      color?: RGB;
      firstColor?: RGB;
    }[],
  ): void {
    const lineHeight = Math.max(...cols.map((c) => c.size)) * 1.35;
    const rows = Math.max(...cols.map((c) => c.lines.length));
    this.ensure(lineHeight * Math.min(rows, 3));
    for (let i = 0; i < rows; i++) {
      if (i > 0) this.ensure(lineHeight);
      this.y -= lineHeight;
      for (const c of cols) {
        if (c.lines[i])
          this.text(c.lines[i], c.x, c.size, (i === 0 ? c.firstColor : undefined) ?? c.color ?? BLACK);
      }
    }
  }
}

/** "continuous (1, 2, 3, …), at the bottom centre, printed like “Page 3 of 48”". */
export function numberingText(s: CheckSummary): string {
  if (s.numbering === 'none') return 'none found';
  const kind = s.numbering === 'section' ? 'by section (A1, B1, …)' : 'continuous (1, 2, 3, …)';
  const place = s.numberPlace ? `, at the ${s.numberPlace}` : '';
  const example = s.numberExample ? `, printed like “${s.numberExample}”` : '';
  return `${kind}${place}${example}`;
}

function findingPages(f: CheckFinding): string {
  if (f.pages.length === 0) return 'Whole file';
  return `${f.pages.length === 1 ? 'Page' : 'Pages'} ${formatRuns(f.pages, 6)}`;
}

/** Renders the report as PDF bytes. */
export async function renderReportPdf(result: CheckResult, checkedAt: Date): Promise<Uint8Array> {
  const [{ PDFDocument, rgb }, { embedBundleFont }, { fontText, PageText }] = await Promise.all([
    import('@cantoo/pdf-lib'),
    import('../bundle/fonts'),
    import('../bundle/text'),
  ]);
  BLACK = rgb(0, 0, 0);
  GREY = rgb(0.35, 0.35, 0.35);
  RULE = rgb(0.78, 0.78, 0.78);
  SEVERITY_COLOUR = { error: rgb(0.7, 0.05, 0.05), warning: rgb(0.6, 0.35, 0), note: rgb(0.2, 0.3, 0.5) };
  const doc = await PDFDocument.create({ updateMetadata: false });
  // With the fallback fonts the report's words need (a file name, titles quoted in findings).
  const font = fontText(await embedBundleFont(doc, result));
  const s = result.summary;
  const w = new Writer(doc, font, (page) => new PageText(doc, page, font));
  const width = PAGE[0] - 2 * MARGIN;

  w.y -= 8;
  w.text('Bundle check report', MARGIN, 22);
  w.y -= 10;
  w.paragraph(s.fileName, MARGIN, width, 12, GREY, 2);
  w.paragraph(
    verdictOf(result),
    MARGIN,
    width,
    11,
    result.summary.counts.error > 0 ? SEVERITY_COLOUR.error : BLACK,
    6,
  );

  w.heading('The file');
  w.row('Checked on', formatDateTime(checkedAt));
  w.row('Rules', `${s.rules.name} (last reviewed ${s.rules.lastReviewed})`);
  if (s.appealType) w.row('Appeal type', s.appealType);
  w.row('Size', formatBytes(s.fileSize));
  w.row('Pages', s.opened ? String(s.pageCount) : 'could not be opened');
  if (s.opened) {
    w.row('Page numbers', numberingText(s));
    w.row('Page labels', s.pageLabels ? 'yes' : 'none');
    w.row(
      'Index',
      s.indexPages.length
        ? `pages ${formatRuns(s.indexPages)}, ${plural(s.indexEntries, 'row')}`
        : 'not found',
    );
    w.row('Bookmarks', s.bookmarks ? String(s.bookmarks) : 'none');
    w.row('Title', s.title ?? 'none');
  }

  if (s.parts.length > 0) {
    w.heading('Parts of the bundle');
    const from = { bookmarks: 'bookmarks', index: 'index', 'page-numbers': 'page numbers' }[
      s.partsFrom ?? 'bookmarks'
    ];
    w.paragraph(`Found from the ${from}.`, MARGIN, width, 9, GREY, 2);
    for (const part of s.parts) {
      const labels =
        part.firstLabel && part.lastLabel ? ` (numbered ${part.firstLabel}–${part.lastLabel})` : '';
      w.row(
        part.letter ? `Section ${part.letter}` : 'Section',
        `${part.title}: pages ${part.firstPage}–${part.lastPage} of the file${labels}, ${plural(part.pageCount, 'page')}, ${plural(part.documents.length, 'document')}`,
      );
    }
    for (const limit of s.limits) {
      const status =
        limit.status === 'over'
          ? 'OVER THE LIMIT'
          : limit.status === 'over-for-some-appeals'
            ? 'over for some appeals'
            : 'within';
      w.row(limit.label, `${limit.pages} of ${limit.limit} pages: ${status}`);
    }
  }

  w.heading('Findings, by page');
  if (result.findings.length === 0) w.paragraph('Nothing to report.', MARGIN, width, 10);
  const textX = MARGIN + 118;
  for (const f of result.findings) {
    w.ensure(13 * 3);
    w.columns([
      {
        x: MARGIN,
        width: textX - MARGIN - 8,
        lines: wrapText(findingPages(f), textX - MARGIN - 8, 10, w.measure),
        size: 10,
      },
      {
        x: textX,
        width: PAGE[0] - MARGIN - textX,
        lines: [
          `${SEVERITY_WORD[f.severity]} (${f.code})`,
          ...wrapText(f.message, PAGE[0] - MARGIN - textX, 10, w.measure),
        ],
        size: 10,
        firstColor: SEVERITY_COLOUR[f.severity],
      },
    ]);
    w.y -= 6;
  }

  // Footer on every page: what this is and where you are in it.
  const total = w.pages.length;
  w.pages.forEach((page, i) => {
    const footer = `Bundle check report, ${s.fileName}: page ${i + 1} of ${total}`;
    const size = 8;
    w.text(wrapText(footer, width, size, w.measure, 1)[0], MARGIN, size, GREY, page, 32);
  });
  for (const text of w.texts.values()) text.finish();

  doc.setTitle(`Bundle check report: ${s.fileName}`);
  doc.setSubject(verdictOf(result));
  doc.setProducer('SEND Bundle Builder');
  doc.setCreator('SEND Bundle Builder');
  doc.setCreationDate(checkedAt);
  doc.setModificationDate(checkedAt);
  return doc.save({ useObjectStreams: false });
}
