/**
 * Working document → PDF with pdf-lib, for section B of the bundle and for the page meter: the same runs
 * as the DOCX (shared/workingDocument/model.ts), A4, 12-point DejaVu Sans (regular, bold, oblique: no style of the key is bold and italic; the
 * key's underline and strikethrough drawn as rules), with the fallback fonts of letters for what DejaVu Sans
 * has not (shared/text/fallbackFonts.ts: Chinese, Urdu, emoji…; they have no bold or italic, so an italic
 * run in one is slanted, and a bold one set upright), right-to-left text in visual order, the key on page 1, footnotes at the foot of the page
 * their reference is on, the version and date in the header and "Page N of M" in the footer. The same
 * document gives the same bytes.
 */
import { degrees, PDFDocument, rgb, type Color, type PDFFont, type PDFPage } from '@cantoo/pdf-lib';
import { formatLongDate } from '../../../shared/dates';
import { WORKING_DOCUMENT_KEY, keyEntry, type KeyStyle } from '../../../shared/rules/workingDocument';
import { visualOrder } from '../../../shared/text/bidi';
import { BUNDLE_FONT_COVERAGE, OBLIQUE_FONT_COVERAGE } from '../../../shared/text/bundleFontCoverage';
import { FALLBACK_FONT_FILES, fontRuns, type FallbackFontFile } from '../../../shared/text/fallbackFonts';
import {
  footnoteText,
  paragraphRuns,
  type RenderedWorkingDocument,
} from '../../../shared/workingDocument/model';
import { drawTextAsWritten } from '../pdf/actualText';
import { embedSubsetFont } from '../pdf/fonts';

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { left: 64, right: 64, top: 78, bottom: 70 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const BODY = { size: 12, leading: 17 };
const HEADING = { size: 14, leading: 19 };
const TITLE = { size: 16, leading: 21 };
const NOTE = { size: 9, leading: 11.5 };
const MARK_SIZE = 7;
const TEXT = rgb(0.08, 0.08, 0.08);
const GREY = rgb(0.38, 0.38, 0.38);
const RULE = rgb(0.6, 0.6, 0.6);

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  italic: PDFFont;
  /** The fallback fonts the document's text needs. */
  fallback: Map<FallbackFontFile, PDFFont>;
}

/** Printable ASCII and Latin-1: every style of DejaVu Sans has it, in one piece. */
const LATIN = /^[\u0020-\u007e\u00a0-\u00ff]*$/;
/** The slant given to an italic run set in a fallback font, which has no italic of its own. */
const SLANT = degrees(12);

function isItalic(style: Segment['style']): boolean {
  return style !== 'plain-bold' && !!keyEntry(style).italic;
}

function fontFor(fonts: Fonts, style: KeyStyle | 'plain-bold'): PDFFont {
  if (style === 'plain-bold') return fonts.bold;
  const entry = keyEntry(style);
  if (entry.bold) return fonts.bold;
  if (entry.italic) return fonts.italic;
  return fonts.regular;
}

interface Segment {
  text: string;
  style: KeyStyle | 'plain-bold';
  /** Footnote numbers printed after this segment. */
  notes?: number[];
}
interface Line {
  segments: Segment[];
  width: number;
}

/** A piece of a segment in one font, in logical order; `slant` for an italic run in a fallback font. */
interface Piece {
  segment: Segment;
  font: PDFFont;
  slant: boolean;
  /** The footnote number this piece is the mark of. */
  note?: number;
}

/** The segment's text as the fonts that set it (the style's font, else a fallback font), in logical order. */
function piecesOf(s: Segment, fonts: Fonts): { text: string; piece: Piece }[] {
  const font = fontFor(fonts, s.style);
  if (LATIN.test(s.text) || !fonts.fallback.size)
    return [{ text: s.text, piece: { segment: s, font, slant: false } }];
  const italic = isItalic(s.style);
  return fontRuns(s.text, italic ? OBLIQUE_FONT_COVERAGE : BUNDLE_FONT_COVERAGE).map((run) => {
    const fallback = run.font ? fonts.fallback.get(run.font) : undefined;
    return {
      text: run.text,
      piece: fallback ? { segment: s, font: fallback, slant: italic } : { segment: s, font, slant: false },
    };
  });
}

function segWidth(s: Segment, fonts: Fonts, size: number): number {
  let w = 0;
  for (const { text, piece } of piecesOf(s, fonts)) w += piece.font.widthOfTextAtSize(text, size);
  for (const n of s.notes ?? []) w += fonts.regular.widthOfTextAtSize(String(n), MARK_SIZE) + 1;
  return w;
}

/** Greedy wrap at spaces; a word made of pieces in different styles stays together. */
function wrap(pieces: Segment[], fonts: Fonts, size: number, maxWidth: number): Line[] {
  const lines: Line[] = [];
  let line: Line = { segments: [], width: 0 };
  let word: Segment[] = [];
  let space: Segment | null = null;
  const flushWord = () => {
    if (!word.length) return;
    const w = word.reduce((a, s) => a + segWidth(s, fonts, size), 0);
    const spaceW = space && line.segments.length ? segWidth(space, fonts, size) : 0;
    if (line.segments.length && line.width + spaceW + w > maxWidth) {
      lines.push(line);
      line = { segments: [], width: 0 };
    } else if (space && line.segments.length) {
      line.segments.push(space);
      line.width += spaceW;
    }
    line.segments.push(...word);
    line.width += w;
    word = [];
    space = null;
  };
  for (const piece of pieces) {
    const parts = piece.text.split(/(\s+)/);
    parts.forEach((part, i) => {
      if (!part) return;
      const last = i === parts.length - 1 || parts.slice(i + 1).every((p) => !p);
      if (/^\s+$/.test(part)) {
        flushWord();
        space = { text: ' ', style: piece.style };
        return;
      }
      word.push({ text: part, style: piece.style, notes: last ? piece.notes : undefined });
    });
    if (!piece.text && piece.notes) word.push({ text: '', style: piece.style, notes: piece.notes });
  }
  flushWord();
  if (line.segments.length || !lines.length) lines.push(line);
  return lines;
}

/**
 * Draws a line left to right: each segment's pieces in their fonts, right-to-left text in visual order
 * (bidi.ts), each footnote's mark after its segment.
 */
function drawLine(
  page: PDFPage,
  line: Line,
  fonts: Fonts,
  x: number,
  baseline: number,
  size: number,
  color: Color = TEXT,
): void {
  const logical: { text: string; font: Piece }[] = [];
  for (const s of line.segments) {
    for (const { text, piece } of piecesOf(s, fonts)) if (text) logical.push({ text, font: piece });
    for (const n of s.notes ?? [])
      logical.push({ text: String(n), font: { segment: s, font: fonts.regular, slant: false, note: n } });
  }
  let cursor = x;
  for (const { text, font: piece } of visualOrder(logical)) {
    const s = piece.segment;
    if (piece.note !== undefined) {
      page.drawText(text, {
        x: cursor + 0.5,
        y: baseline + size * 0.45,
        size: MARK_SIZE,
        font: fonts.regular,
        color,
      });
      cursor += fonts.regular.widthOfTextAtSize(text, MARK_SIZE) + 1;
      continue;
    }
    const w = piece.font.widthOfTextAtSize(text, size);
    drawTextAsWritten(page, text, {
      x: cursor,
      y: baseline,
      size,
      font: piece.font,
      color,
      ...(piece.slant ? { ySkew: SLANT } : {}),
    });
    if (s.style !== 'plain-bold') {
      const entry = keyEntry(s.style);
      if (entry.underline)
        page.drawLine({
          start: { x: cursor, y: baseline - 1.6 },
          end: { x: cursor + w, y: baseline - 1.6 },
          thickness: 0.7,
          color: TEXT,
        });
      if (entry.strike)
        page.drawLine({
          start: { x: cursor, y: baseline + size * 0.3 },
          end: { x: cursor + w, y: baseline + size * 0.3 },
          thickness: 0.8,
          color: TEXT,
        });
    }
    cursor += w;
  }
}

interface Note {
  number: number;
  lines: Line[];
}

class Composer {
  readonly pages: { page: PDFPage; notes: Note[] }[] = [];
  y = 0;
  constructor(
    private readonly doc: PDFDocument,
    readonly fonts: Fonts,
  ) {
    this.newPage();
  }
  get current() {
    return this.pages[this.pages.length - 1];
  }
  newPage(): void {
    this.pages.push({ page: this.doc.addPage([PAGE.width, PAGE.height]), notes: [] });
    this.y = PAGE.height - MARGIN.top;
  }
  notesHeight(notes: Note[]): number {
    if (!notes.length) return 0;
    return 10 + notes.reduce((a, n) => a + n.lines.length * NOTE.leading + 2, 0);
  }
  room(extraNotes: Note[] = []): number {
    return this.y - MARGIN.bottom - this.notesHeight([...this.current.notes, ...extraNotes]);
  }
  get atTop(): boolean {
    return this.y >= PAGE.height - MARGIN.top - 0.01;
  }
  ensure(height: number, notes: Note[] = []): void {
    if (height > this.room(notes) && !this.atTop) this.newPage();
  }
  /** Lines of one paragraph; a line's footnotes go on the same page as the line. */
  lines(
    lines: Line[],
    notesOf: (line: Line) => Note[],
    size: number,
    leading: number,
    x = MARGIN.left,
  ): void {
    this.ensure(Math.min(lines.length, 2) * leading);
    for (const line of lines) {
      const notes = notesOf(line);
      this.ensure(leading, notes);
      drawLine(this.current.page, line, this.fonts, x, this.y - size, size);
      this.current.notes.push(...notes);
      this.y -= leading;
    }
  }
}

function drawKey(c: Composer): void {
  const col = CONTENT_WIDTH * 0.36;
  const rowHeight = 20;
  const top = c.y;
  const rows = [
    { looks: 'Key', meaning: 'Meaning', header: true as boolean, style: 'plain-bold' as const },
  ].concat(
    WORKING_DOCUMENT_KEY.map((k) => ({
      looks: k.looks,
      meaning: k.meaning,
      header: false,
      style: k.style as never,
    })),
  );
  rows.forEach((row, i) => {
    const y = top - i * rowHeight;
    const page = c.current.page;
    page.drawRectangle({
      x: MARGIN.left,
      y: y - rowHeight,
      width: col,
      height: rowHeight,
      borderColor: RULE,
      borderWidth: 0.5,
      color: row.header ? rgb(0.92, 0.92, 0.92) : undefined,
    });
    page.drawRectangle({
      x: MARGIN.left + col,
      y: y - rowHeight,
      width: CONTENT_WIDTH - col,
      height: rowHeight,
      borderColor: RULE,
      borderWidth: 0.5,
      color: row.header ? rgb(0.92, 0.92, 0.92) : undefined,
    });
    const size = 10;
    drawLine(
      page,
      { segments: [{ text: row.looks, style: row.style }], width: 0 },
      c.fonts,
      MARGIN.left + 6,
      y - 14,
      size,
    );
    drawLine(
      page,
      { segments: [{ text: row.meaning, style: row.header ? 'plain-bold' : 'original' }], width: 0 },
      c.fonts,
      MARGIN.left + col + 6,
      y - 14,
      size,
    );
  });
  c.y = top - rows.length * rowHeight - 14;
}

function drawNotesAndFrame(c: Composer, doc: RenderedWorkingDocument): void {
  const total = c.pages.length;
  const who = [doc.childName, doc.tribunalRef].filter(Boolean).join(' · ');
  const left = `${doc.title}${who ? ` · ${who}` : ''}`;
  const right = `Version ${doc.version} · ${formatLongDate(doc.date)}`;
  c.pages.forEach(({ page, notes }, i) => {
    const f = c.fonts.regular;
    drawLine(
      page,
      { segments: [{ text: left, style: 'original' }], width: 0 },
      c.fonts,
      MARGIN.left,
      PAGE.height - 44,
      9,
      GREY,
    );
    page.drawText(right, {
      x: PAGE.width - MARGIN.right - f.widthOfTextAtSize(right, 9),
      y: PAGE.height - 44,
      size: 9,
      font: f,
      color: GREY,
    });
    const label = `Page ${i + 1} of ${total}`;
    page.drawText(label, {
      x: PAGE.width - MARGIN.right - f.widthOfTextAtSize(label, 9),
      y: 36,
      size: 9,
      font: f,
      color: GREY,
    });
    if (!notes.length) return;
    let y = MARGIN.bottom + c.notesHeight(notes) - 4;
    page.drawLine({
      start: { x: MARGIN.left, y },
      end: { x: MARGIN.left + 120, y },
      thickness: 0.5,
      color: RULE,
    });
    y -= 6;
    for (const note of notes) {
      page.drawText(String(note.number), {
        x: MARGIN.left,
        y: y - NOTE.size,
        size: NOTE.size,
        font: f,
        color: TEXT,
      });
      for (const line of note.lines) {
        drawLine(page, line, c.fonts, MARGIN.left + 14, y - NOTE.size, NOTE.size);
        y -= NOTE.leading;
      }
      y -= 2;
    }
  });
}

interface WorkingDocumentPdf {
  bytes: Uint8Array;
  pageCount: number;
}

/** The fallback fonts the document's text needs, in the order of FALLBACK_FONT_FILES. */
function fallbacksNeeded(doc: RenderedWorkingDocument): FallbackFontFile[] {
  const needed = new Set<FallbackFontFile>();
  const add = (text: string, italic = false) => {
    if (LATIN.test(text)) return;
    for (const run of fontRuns(text, italic ? OBLIQUE_FONT_COVERAGE : BUNDLE_FONT_COVERAGE))
      if (run.font) needed.add(run.font);
  };
  add(`${doc.title} ${doc.childName ?? ''} ${doc.tribunalRef ?? ''}`);
  for (const section of doc.sections) {
    add(section.heading);
    for (const paragraph of section.paragraphs)
      for (const run of paragraphRuns(paragraph).runs) {
        add(run.text, isItalic(run.style));
        for (const ref of run.refs ?? []) add(footnoteText(ref, doc.bundlePages));
      }
  }
  return FALLBACK_FONT_FILES.filter((file) => needed.has(file));
}

export async function renderWorkingDocumentPdf(doc: RenderedWorkingDocument): Promise<WorkingDocumentPdf> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const fonts: Fonts = {
    regular: await embedSubsetFont(pdf, 'DejaVuSans.ttf', 'WDAAAA+DejaVuSans'),
    bold: await embedSubsetFont(pdf, 'DejaVuSans-Bold.ttf', 'WDAAAB+DejaVuSans-Bold'),
    italic: await embedSubsetFont(pdf, 'DejaVuSans-Oblique.ttf', 'WDAAAC+DejaVuSans-Oblique'),
    fallback: new Map(),
  };
  for (const file of fallbacksNeeded(doc)) {
    const tag = `WDB${String.fromCharCode(65 + FALLBACK_FONT_FILES.indexOf(file))}A`;
    fonts.fallback.set(
      file,
      await embedSubsetFont(pdf, file, `${tag}+${file.replace(/(-Regular)?\.ttf$/, '')}`),
    );
  }
  const c = new Composer(pdf, fonts);
  const say = (text: string, style: Segment['style'], size: number, leading: number) =>
    c.lines(wrap([{ text, style }], fonts, size, CONTENT_WIDTH), () => [], size, leading);
  say(doc.title, 'plain-bold', TITLE.size, TITLE.leading);
  c.y -= 6;
  say(
    `Version ${doc.version}, ${formatLongDate(doc.date)}. The parties' proposed changes to the EHC plan are marked with this key:`,
    'original',
    BODY.size,
    BODY.leading,
  );
  c.y -= 6;
  drawKey(c);

  let noteNumber = 0;
  for (const section of doc.sections) {
    const heading = wrap(
      [{ text: section.heading, style: 'plain-bold' }],
      fonts,
      HEADING.size,
      CONTENT_WIDTH,
    );
    c.y -= 8;
    c.ensure(heading.length * HEADING.leading + 2 * BODY.leading);
    c.lines(heading, () => [], HEADING.size, HEADING.leading);
    c.y -= 4;
    for (const paragraph of section.paragraphs) {
      const notes = new Map<number, Note>();
      const pieces: Segment[] = paragraphRuns(paragraph).runs.map((run) => {
        const numbers = (run.refs ?? []).map((ref) => {
          noteNumber += 1;
          notes.set(noteNumber, {
            number: noteNumber,
            lines: wrap(
              [{ text: footnoteText(ref, doc.bundlePages), style: 'original' }],
              fonts,
              NOTE.size,
              CONTENT_WIDTH - 14,
            ),
          });
          return noteNumber;
        });
        return { text: run.text, style: run.style, notes: numbers.length ? numbers : undefined };
      });
      const lines = wrap(pieces, fonts, BODY.size, CONTENT_WIDTH);
      c.lines(
        lines,
        (line) => line.segments.flatMap((s) => (s.notes ?? []).map((n) => notes.get(n)!)),
        BODY.size,
        BODY.leading,
      );
      c.y -= 7;
    }
  }
  drawNotesAndFrame(c, doc);

  const stamp = new Date(`${doc.date}T12:00:00Z`);
  pdf.setTitle(`${doc.title} (version ${doc.version})`, { showInWindowTitleBar: true });
  pdf.setCreator('SEND Bundle Builder');
  pdf.setProducer('SEND Bundle Builder');
  pdf.setCreationDate(stamp);
  pdf.setModificationDate(stamp);
  pdf.setLanguage('en-GB');
  const bytes = await pdf.save();
  return { bytes, pageCount: c.pages.length };
}
