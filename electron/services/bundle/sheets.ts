/**
 * Plain A4 sheets of text in the bundle font, for the pages the app writes in front of what it sends: a
 * supplementary pack's cover and instructions, a delivery part's cover. Lines run down the page and onto a
 * new one as needed; a dry run (no document) counts the pages first, so their numbers can be known before
 * anything is drawn.
 */
import { rgb, type PDFDocument, type PDFFont, type PDFPage } from '@cantoo/pdf-lib';
import { A4 } from '../../../shared/bundle/indexLayout';
import { wrapText, type MeasureText } from '../../../shared/bundle/textLayout';
import { measureWithDejaVu } from './fonts';
import { fontText, PageText } from './text';

const LEFT = 64;
const TOP = 72;
/** Lowest baseline: above the page number stamp. */
const BOTTOM = 72;
const GREY = 0.35;
const RULE = rgb(0.75, 0.75, 0.75);

export class SheetWriter {
  readonly pages: PDFPage[] = [];
  private page: PDFPage | null = null;
  private text: PageText | null = null;
  private y = 0;
  private readonly measure: MeasureText;
  readonly width = A4[0] - 2 * LEFT;

  /** Without a document (and font) it only counts pages. */
  constructor(
    private readonly doc: PDFDocument | null = null,
    private readonly font: PDFFont | null = null,
  ) {
    this.measure = font ? (text, size) => fontText(font).width(text, size) : measureWithDejaVu;
    this.newPage();
  }

  get pageCount(): number {
    return this.pages.length || this.counted;
  }
  private counted = 0;

  newPage(): void {
    this.text?.finish();
    if (this.doc && this.font) {
      this.page = this.doc.addPage(A4);
      this.pages.push(this.page);
      this.text = new PageText(this.doc, this.page, fontText(this.font));
    } else this.counted++;
    this.y = A4[1] - TOP;
  }

  private room(height: number): void {
    if (this.y - height < BOTTOM) this.newPage();
  }

  space(points: number): void {
    this.y -= points;
  }

  /** A wrapped paragraph; `indent` from the left margin, `hanging` text (a step number) before it. */
  paragraph(
    text: string,
    options: { size?: number; grey?: boolean; indent?: number; hanging?: string; gap?: number } = {},
  ): void {
    const size = options.size ?? 11;
    const indent = options.indent ?? 0;
    const lineHeight = size * 1.35;
    const lines = wrapText(text, this.width - indent, size, this.measure);
    lines.forEach((line, i) => {
      this.room(lineHeight);
      this.y -= lineHeight;
      if (i === 0 && options.hanging) this.text?.line(options.hanging, LEFT, this.y, size);
      this.text?.line(line, LEFT + indent, this.y, size, { grey: options.grey ? GREY : 0 });
    });
    this.y -= options.gap ?? 6;
  }

  title(text: string, size = 26): void {
    this.room(size * 1.6);
    this.y -= size * 1.2;
    this.text?.line(text, LEFT, this.y, size, { maxWidth: this.width });
    this.y -= size * 0.5;
  }

  heading(text: string, size = 14): void {
    this.room(size * 3);
    this.y -= size * 1.6;
    this.text?.line(text, LEFT, this.y, size, { maxWidth: this.width });
    this.y -= 6;
  }

  rule(): void {
    this.room(16);
    this.y -= 8;
    this.page?.drawLine({
      start: { x: LEFT, y: this.y },
      end: { x: A4[0] - LEFT, y: this.y },
      thickness: 0.8,
      color: RULE,
    });
    this.y -= 8;
  }

  /** A label and its value side by side; the value wraps in its column. */
  row(label: string, value: string, size = 11): void {
    const valueX = 170;
    const lines = wrapText(value, A4[0] - LEFT - valueX, size, this.measure);
    const lineHeight = size * 1.4;
    this.room(lineHeight * Math.min(lines.length, 3));
    lines.forEach((line, i) => {
      if (i > 0) this.room(lineHeight);
      this.y -= lineHeight;
      if (i === 0)
        this.text?.line(label, LEFT, this.y, size - 1, { grey: GREY, maxWidth: valueX - LEFT - 8 });
      this.text?.line(line, valueX, this.y, size);
    });
    this.y -= 5;
  }

  finish(): void {
    this.text?.finish();
    this.text = null;
  }
}
