/**
 * Letter → PDF with pdf-lib: A4, DejaVu Sans embedded (subset, with fallback fonts for letters it has not), text wrapped to the margins, pages broken
 * where the text runs out (headings kept with what follows, table headers repeated), "Page N of M" on
 * every page. Output depends only on the letter, so the same letter gives the same bytes.
 */
import { PDFDocument, rgb, type PDFFont, type PDFPage } from '@cantoo/pdf-lib';
import { formatLongDate } from '../../../shared/dates';
import { visualOrder } from '../../../shared/text/bidi';
import { drawTextAsWritten } from '../pdf/actualText';
import { appendPagesWithoutWalking, settlePageDrawing } from '../pdf/pdfLibPatches';
import { textToLayOut } from '../../../shared/text/controls';
import { fallbackFontsFor, fontRuns } from '../../../shared/text/fallbackFonts';
import { breakableParts, graphemesOf } from '../../../shared/text/lineBreaks';
import { embedLetterFonts, type LetterFonts } from './fonts';
import { inlineSpans, letterText, type Block, type Inline, type Letter, type Span } from './model';

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { left: 64, right: 64, top: 60, bottom: 72 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const BODY = { size: 11.5, leading: 16 };
const TABLE = { size: 10, leading: 13.5, padding: 4 };
const HEADING = { size: 13, leading: 17 };
const TITLE = { size: 15, leading: 20 };
const FOOTER_SIZE = 8.5;
const TEXT = rgb(0.1, 0.1, 0.1);
const GREY = rgb(0.4, 0.4, 0.4);
const RULE = rgb(0.6, 0.6, 0.6);
const HEADER_FILL = rgb(0.92, 0.92, 0.92);
const NUMBER_INDENT = 28;
const LIST_INDENT = 30;

/** The most lines of body text a page holds. */
export const BODY_LINES_PER_PAGE = Math.floor((PAGE.height - MARGIN.top - MARGIN.bottom) / BODY.leading);

/**
 * The fewest pages body text makes, counted without laying it out: each line written with something on it
 * is a line at least, and a page holds BODY_LINES_PER_PAGE. Blank lines and lines of spaces are not counted.
 */
export function bodyPagesAtLeast(texts: string[]): number {
  let lines = 0;
  for (const text of texts) for (const line of text.split('\n')) if (/[^ \t]/.test(line)) lines += 1;
  return Math.ceil(lines / BODY_LINES_PER_PAGE);
}

/** Laying out stopped: the letter (an imported text file's or email's pages) runs past `maxPages`. */
export class TooManyPages extends Error {
  constructor(
    readonly maxPages: number,
    /** Pages it makes at the least: its lines counted before layout, else one past the limit. */
    readonly atLeast = maxPages + 1,
  ) {
    super(`The text runs to at least ${atLeast} pages, more than ${maxPages}.`);
  }
}

interface Segment {
  text: string;
  font: PDFFont;
}
interface Line {
  segments: Segment[];
  width: number;
}

/** Widths at 1000 pt by font and text: a long email or chat repeats its words, and shaping each costs. */
const widths = new WeakMap<PDFFont, Map<string, number>>();

function width(text: string, font: PDFFont, size: number): number {
  let known = widths.get(font);
  if (!known) widths.set(font, (known = new Map<string, number>()));
  let units = known.get(text);
  if (units === undefined) {
    units = font.widthOfTextAtSize(text, 1000);
    if (known.size < 100_000) known.set(text, units);
  }
  return (units * size) / 1000;
}

/** `text` as the segments that set it: in `font`, and in a fallback font where `font` has not the letter. */
function segmentsOf(text: string, font: PDFFont, fonts: LetterFonts): Segment[] {
  return fontRuns(text).map((run) => ({
    text: run.text,
    font: (run.font && fonts.fallback.get(run.font)) || font,
  }));
}

function widthOfSegments(segments: Segment[], size: number): number {
  return segments.reduce((sum, s) => sum + width(s.text, s.font, size), 0);
}

/** Thrown inside wrap to stop it once it has the lines it may make. */
class EnoughLines extends Error {}

/** Tab stops are this many digits apart, as Notepad's are 8 characters (its letters all one width). */
const TAB_DIGITS = 8;

/**
 * Greedy word wrap of styled text. Lines break at spaces, and between the characters of Chinese and Japanese
 * (which has none between words); a word wider than the line is broken between characters. Spaces between
 * words are one space, unless `keepSpaces`: then they are as many as written, tabs reach the next tab stop,
 * and a line's own indentation stays (a text file's, laid out line for line); a line broken to fit the page
 * starts at the margin.
 */
function wrap(
  spans: Span[],
  fonts: LetterFonts,
  size: number,
  maxWidth: number,
  keepSpaces = false,
  /** Stop after one line more than this: the pages left (Composer.linesLeft) hold no more. */
  maxLines = Infinity,
): Line[] {
  const lines: Line[] = [];
  let line: Line = { segments: [], width: 0 };
  /** The space before the next word: its font, and as written when `keepSpaces`. */
  let pendingSpace: { font: PDFFont; written: string } | null = null;
  const append = (segments: Segment[], w: number) => {
    for (const { text, font } of segments) {
      const last = line.segments[line.segments.length - 1];
      if (last && last.font === font) last.text += text;
      else line.segments.push({ text, font });
    }
    line.width += w;
  };
  const breakLine = () => {
    lines.push(line);
    line = { segments: [], width: 0 };
    pendingSpace = null;
    if (lines.length > maxLines) throw new EnoughLines();
  };
  /** The spaces `written` stand for at the line's end: a tab as many as reach the next tab stop. */
  const spacesFor = (written: string, font: PDFFont): string => {
    if (!keepSpaces) return ' ';
    const space = width(' ', font, size);
    const stop = TAB_DIGITS * width('0', font, size);
    let at = line.width;
    let out = '';
    for (const ch of written) {
      const count =
        ch === '\t' ? Math.max(1, Math.round(((Math.floor(at / stop) + 1) * stop - at) / space)) : 1;
      out += ' '.repeat(count);
      at += count * space;
    }
    return out;
  };
  try {
    for (const span of spans) {
      const font = span.bold ? fonts.bold : fonts.regular;
      for (const token of textToLayOut(span.text).split(/(\n|[ \t]+)/)) {
        if (token === '') continue;
        if (token === '\n') {
          breakLine();
          continue;
        }
        if (/^[ \t]+$/.test(token)) {
          // At a line's start: its indentation, kept only when `keepSpaces`.
          if (line.segments.length > 0 || keepSpaces)
            pendingSpace = {
              font,
              written: pendingSpace && keepSpaces ? pendingSpace.written + token : token,
            };
          continue;
        }
        for (const part of breakableParts(token)) {
          const segments = segmentsOf(part, font, fonts);
          const w = widthOfSegments(segments, size);
          const spaces = pendingSpace ? spacesFor(pendingSpace.written, pendingSpace.font) : '';
          const spaceW = pendingSpace ? width(spaces, pendingSpace.font, size) : 0;
          if (line.width + spaceW + w <= maxWidth) {
            if (pendingSpace) append([{ text: spaces, font: pendingSpace.font }], spaceW);
            append(segments, w);
            pendingSpace = null;
            continue;
          }
          if (line.segments.length > 0) breakLine();
          pendingSpace = null;
          if (w <= maxWidth) {
            append(segments, w);
            continue;
          }
          // A very long word (an email address, a URL): break it where it must, between characters. Each
          // character's width is added to the piece's, not the piece measured again with it (a word 1 MB
          // long took minutes); the piece is measured whole before it is set.
          const characters = graphemesOf(part);
          let start = 0;
          let pieceWidth = 0;
          for (let at = 0; at < characters.length; at++) {
            const w = widthOfSegments(segmentsOf(characters[at], font, fonts), size);
            if (at === start || pieceWidth + w <= maxWidth) {
              pieceWidth += w;
              continue;
            }
            let end = at;
            let done = segmentsOf(characters.slice(start, end).join(''), font, fonts);
            // Shaped together its letters may be wider than apart (Arabic's joined forms): one less then.
            while (end - start > 1 && widthOfSegments(done, size) > maxWidth)
              done = segmentsOf(characters.slice(start, --end).join(''), font, fonts);
            append(done, widthOfSegments(done, size));
            breakLine();
            start = end;
            pieceWidth = 0;
            at = end - 1;
          }
          if (start < characters.length) {
            const rest = segmentsOf(characters.slice(start).join(''), font, fonts);
            append(rest, widthOfSegments(rest, size));
          }
        }
      }
    }
  } catch (error) {
    if (error instanceof EnoughLines) return lines;
    throw error;
  }
  if (line.segments.length > 0 || lines.length === 0) lines.push(line);
  return lines;
}

/** Draws one line left to right, each right-to-left run's pieces right to left so fontkit shapes and orders each. */
function drawLine(page: PDFPage, line: Line, x: number, y: number, size: number, color = TEXT): void {
  let cursor = x;
  const pieces = visualOrder(line.segments);
  pieces.forEach((piece, at) => {
    drawTextAsWritten(page, piece.text, { x: cursor, y, size, font: piece.font, color });
    // Measuring a piece lays it out again; the last piece of a line (most lines' only one) needs no width.
    if (at < pieces.length - 1) cursor += width(piece.text, piece.font, size);
  });
}

class Composer {
  readonly pages: PDFPage[] = [];
  page!: PDFPage;
  /** Baseline cursor: distance from the bottom of the page to the top of the next line box. */
  y = 0;

  constructor(
    private readonly doc: PDFDocument,
    readonly fonts: LetterFonts,
    private readonly maxPages = Infinity,
  ) {
    this.newPage();
  }

  newPage(): void {
    if (this.pages.length >= this.maxPages) throw new TooManyPages(this.maxPages);
    // The page before is done but for its footer: its drawing kept as bytes, not as pdf-lib's objects.
    if (this.pages.length > 0) settlePageDrawing(this.page);
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.pages.push(this.page);
    this.y = PAGE.height - MARGIN.top;
  }

  /** Lines of body text the pages left may hold (maxPages): a text longer is not wrapped to its end. */
  linesLeft(): number {
    return (this.maxPages - this.pages.length + 1) * BODY_LINES_PER_PAGE;
  }

  get atTop(): boolean {
    return this.y >= PAGE.height - MARGIN.top - 0.01;
  }

  room(): number {
    return this.y - MARGIN.bottom;
  }

  /** Starts a new page unless `height` still fits on this one. */
  ensure(height: number): void {
    if (height > this.room() && !this.atTop) this.newPage();
  }

  space(height: number): void {
    if (!this.atTop) this.y -= height;
  }

  lines(
    lines: Line[],
    x: number,
    size: number,
    leading: number,
    options: { keep?: number; bar?: boolean } = {},
  ) {
    this.ensure(Math.min(lines.length, options.keep ?? 2) * leading);
    for (const line of lines) {
      this.ensure(leading);
      const baseline = this.y - size;
      drawLine(this.page, line, x, baseline, size);
      if (options.bar) {
        this.page.drawRectangle({ x: x - 12, y: this.y - leading, width: 2.5, height: leading, color: RULE });
      }
      this.y -= leading;
    }
  }
}

function spansOf(inline: Inline, style: Partial<Span> = {}): Span[] {
  return inlineSpans(inline).map((s) => ({ ...s, ...style, text: s.text }));
}

function drawTable(c: Composer, block: Extract<Block, { type: 'table' }>): void {
  const columns = block.header.length;
  const weights = block.widths ?? block.header.map(() => 1);
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => (w / total) * CONTENT_WIDTH);
  const inner = widths.map((w) => w - 2 * TABLE.padding);
  const cellLines = (cells: string[], bold: boolean) =>
    Array.from({ length: columns }, (_, i) =>
      wrap([{ text: cells[i] ?? '', bold }], c.fonts, TABLE.size, inner[i]),
    );
  const header = cellLines(block.header, true);

  const drawRow = (cells: Line[][], fill: boolean) => {
    const height = Math.max(...cells.map((l) => l.length)) * TABLE.leading + 2 * TABLE.padding;
    const top = c.y;
    let x = MARGIN.left;
    for (let i = 0; i < columns; i++) {
      c.page.drawRectangle({
        x,
        y: top - height,
        width: widths[i],
        height,
        borderColor: RULE,
        borderWidth: 0.5,
        color: fill ? HEADER_FILL : undefined,
      });
      let y = top - TABLE.padding;
      for (const line of cells[i]) {
        drawLine(c.page, line, x + TABLE.padding, y - TABLE.size, TABLE.size);
        y -= TABLE.leading;
      }
      x += widths[i];
    }
    c.y -= height;
  };
  const headerHeight = Math.max(...header.map((l) => l.length)) * TABLE.leading + 2 * TABLE.padding;

  c.ensure(headerHeight + TABLE.leading + 2 * TABLE.padding);
  drawRow(header, true);
  for (const row of block.rows) {
    let remaining = cellLines(row, false);
    while (remaining.some((l) => l.length > 0)) {
      const tallest = Math.max(...remaining.map((l) => l.length));
      const fit = Math.floor((c.room() - 2 * TABLE.padding) / TABLE.leading);
      if (tallest <= fit) {
        drawRow(remaining, false);
        break;
      }
      if (fit >= 3) {
        // Split a row taller than the space left: what fits here, the rest on the next page.
        drawRow(
          remaining.map((l) => l.slice(0, fit)),
          false,
        );
        remaining = remaining.map((l) => l.slice(fit));
      }
      c.newPage();
      drawRow(header, true);
    }
  }
}

function drawBlocks(c: Composer, blocks: Block[]): void {
  const { fonts } = c;
  let paragraphNumber = 0;
  for (const block of blocks) {
    switch (block.type) {
      case 'heading': {
        const lines = wrap([{ text: block.text, bold: true }], fonts, HEADING.size, CONTENT_WIDTH);
        c.space(8);
        // Keep the heading with at least two lines of what follows.
        c.ensure(lines.length * HEADING.leading + 2 * BODY.leading + 6);
        c.lines(lines, MARGIN.left, HEADING.size, HEADING.leading);
        c.y -= 4;
        break;
      }
      case 'paragraph': {
        const indent = block.numbered ? NUMBER_INDENT : block.quote ? 20 : 0;
        const lines = wrap(
          spansOf(block.text),
          fonts,
          BODY.size,
          CONTENT_WIDTH - indent,
          block.keepSpaces,
          c.linesLeft(),
        );
        if (block.numbered) {
          paragraphNumber += 1;
          c.ensure(Math.min(lines.length, 2) * BODY.leading);
          drawLine(
            c.page,
            { segments: [{ text: `${paragraphNumber}.`, font: fonts.regular }], width: 0 },
            MARGIN.left,
            c.y - BODY.size,
            BODY.size,
          );
        }
        c.lines(lines, MARGIN.left + indent, BODY.size, BODY.leading, { bar: block.quote });
        c.y -= 7;
        break;
      }
      case 'list': {
        block.items.forEach((item, i) => {
          const lines = wrap(spansOf(item), fonts, BODY.size, CONTENT_WIDTH - LIST_INDENT);
          c.ensure(Math.min(lines.length, 2) * BODY.leading);
          const marker = block.style === 'bullet' ? '•' : `${i + 1}.`;
          drawLine(
            c.page,
            { segments: [{ text: marker, font: fonts.regular }], width: 0 },
            MARGIN.left + 10,
            c.y - BODY.size,
            BODY.size,
          );
          c.lines(lines, MARGIN.left + LIST_INDENT, BODY.size, BODY.leading);
          c.y -= 2;
        });
        c.y -= 5;
        break;
      }
      case 'table':
        drawTable(c, block);
        c.y -= 10;
        break;
    }
  }
}

function drawOpening(c: Composer, letter: Letter): void {
  const { fonts } = c;
  if (letter.sender) {
    for (const text of letter.sender.lines) {
      for (const line of wrap([{ text }], fonts, BODY.size, CONTENT_WIDTH * 0.55)) {
        drawLine(c.page, line, PAGE.width - MARGIN.right - line.width, c.y - BODY.size, BODY.size);
        c.y -= BODY.leading - 1;
      }
    }
    c.y -= 14;
  }
  for (const recipient of letter.recipients ?? []) {
    for (const text of recipient.lines) {
      c.lines(
        wrap([{ text }], fonts, BODY.size, CONTENT_WIDTH * 0.6),
        MARGIN.left,
        BODY.size,
        BODY.leading - 1,
      );
    }
    c.y -= 10;
  }
  if (!letter.undated) {
    c.lines(
      wrap([{ text: formatLongDate(letter.date) }], fonts, BODY.size, CONTENT_WIDTH),
      MARGIN.left,
      BODY.size,
      BODY.leading,
    );
    c.y -= 6;
  }
  for (const ref of letter.references ?? []) {
    const spans: Span[] = [{ text: `${ref.label}: `, bold: true }, { text: ref.value }];
    c.lines(wrap(spans, fonts, BODY.size, CONTENT_WIDTH), MARGIN.left, BODY.size, BODY.leading);
  }
  c.y -= 10;
  c.lines(
    wrap([{ text: letter.heading, bold: true }], fonts, TITLE.size, CONTENT_WIDTH),
    MARGIN.left,
    TITLE.size,
    TITLE.leading,
  );
  c.y -= 8;
  if (letter.salutation) {
    c.lines(
      wrap([{ text: letter.salutation }], fonts, BODY.size, CONTENT_WIDTH),
      MARGIN.left,
      BODY.size,
      BODY.leading,
    );
    c.y -= 6;
  }
}

function drawClosing(c: Composer, letter: Letter): void {
  const { fonts } = c;
  const say = (text: string, bold = false) =>
    c.lines(wrap([{ text, bold }], fonts, BODY.size, CONTENT_WIDTH), MARGIN.left, BODY.size, BODY.leading);
  if (letter.closing || letter.signature) {
    // Keep the sign-off together: closing, room to sign, name and role.
    const height = (2 + (letter.signature?.lines.length ?? 0)) * BODY.leading + 40;
    c.ensure(height);
    c.space(6);
  }
  if (letter.closing) say(letter.closing);
  if (letter.signature) {
    c.y -= 34;
    say(letter.signature.name, true);
    for (const line of letter.signature.lines) say(line);
  }
  if (letter.copies?.length) {
    c.y -= 12;
    for (const copy of letter.copies) say(copy);
  }
}

/** The footer's text as segments that fit `max`: cut short with "…" if too long, in fallback fonts where needed. */
function footerSegments(text: string, fonts: LetterFonts, size: number, max: number): Segment[] {
  const fit = (t: string) => widthOfSegments(segmentsOf(t, fonts.regular, fonts), size) <= max;
  if (fit(text)) return segmentsOf(text, fonts.regular, fonts);
  const graphemes = graphemesOf(text);
  let kept = graphemes.length;
  while (kept > 1 && !fit(`${graphemes.slice(0, kept).join('')}…`)) kept--;
  return segmentsOf(`${graphemes.slice(0, kept).join('').trimEnd()}…`, fonts.regular, fonts);
}

function drawFooters(c: Composer, letter: Letter): void {
  const total = c.pages.length;
  c.pages.forEach((page, i) => {
    const label = `Page ${i + 1} of ${total}`;
    const labelWidth = width(label, c.fonts.regular, FOOTER_SIZE);
    const y = MARGIN.bottom - 34;
    drawTextAsWritten(page, label, {
      x: PAGE.width - MARGIN.right - labelWidth,
      y,
      size: FOOTER_SIZE,
      font: c.fonts.regular,
      color: GREY,
    });
    if (letter.footer) {
      // The child's name may be in a script DejaVu Sans has not: set it as the body sets it.
      const segments = footerSegments(letter.footer, c.fonts, FOOTER_SIZE, CONTENT_WIDTH - labelWidth - 20);
      drawLine(page, { segments, width: 0 }, MARGIN.left, y, FOOTER_SIZE, GREY);
    }
  });
}

/** `maxPages`: stop with TooManyPages past so many pages (a file's text laid out; LIMITS.textPages). */
export async function renderLetterPdf(
  letter: Letter,
  { maxPages }: { maxPages?: number } = {},
): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  // A long text file or chat lays out to thousands of pages; each found in its place by a walk of them all.
  appendPagesWithoutWalking(doc, () => {});
  const fonts = await embedLetterFonts(doc, fallbackFontsFor(letterText(letter).join('\n')));
  const c = new Composer(doc, fonts, maxPages);
  drawOpening(c, letter);
  drawBlocks(c, letter.body);
  drawClosing(c, letter);
  drawFooters(c, letter);

  // Fixed metadata from the letter itself: no clock, no random ids.
  const stamp = new Date(`${letter.date}T12:00:00Z`);
  doc.setTitle(letter.title, { showInWindowTitleBar: true });
  if (letter.signature) doc.setAuthor(letter.signature.name);
  doc.setSubject(letter.heading);
  doc.setCreator('SEND Bundle Builder');
  doc.setProducer('SEND Bundle Builder');
  doc.setCreationDate(stamp);
  doc.setModificationDate(stamp);
  doc.setLanguage('en-GB');
  return doc.save();
}
