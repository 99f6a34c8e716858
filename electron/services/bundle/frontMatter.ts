/**
 * The pages the bundle adds itself: the cover, the index (laid out by the plan) and the section dividers.
 * All text is set in the one embedded Unicode font; right-to-left runs are drawn in visual order.
 */
import { rgb, type PDFFont, type PDFPage } from '@cantoo/pdf-lib';
import { A4, INDEX } from '../../../shared/bundle/indexLayout';
import { formatRange } from '../../../shared/bundle/format';
import { visualRuns, wrapText } from '../../../shared/bundle/textLayout';
import type { BundlePlan, IndexPage, PlannedSection } from '../../../shared/bundle/types';

const BLACK = rgb(0, 0, 0);
const GREY = rgb(0.35, 0.35, 0.35);
const RULE = rgb(0.75, 0.75, 0.75);
const BAND = rgb(0.92, 0.93, 0.95);

export function textWidth(font: PDFFont, text: string, size: number): number {
  return visualRuns(text).reduce((w, run) => w + font.widthOfTextAtSize(run.text, size), 0);
}

/**
 * Draws one line with its baseline at `y` (PDF coordinates), left-aligned at `x`, shrinking the size if it
 * would overflow `maxWidth`.
 */
export function drawLine(
  page: PDFPage,
  font: PDFFont,
  text: string,
  x: number,
  y: number,
  size: number,
  options: { maxWidth?: number; align?: 'left' | 'right' | 'center'; color?: ReturnType<typeof rgb> } = {},
): void {
  if (!text) return;
  let s = size;
  let width = textWidth(font, text, s);
  if (options.maxWidth && width > options.maxWidth) {
    s = (size * options.maxWidth) / width;
    width = options.maxWidth;
  }
  let cx = options.align === 'right' ? x - width : options.align === 'center' ? x - width / 2 : x;
  for (const run of visualRuns(text)) {
    page.drawText(run.text, { x: cx, y, size: s, font, color: options.color ?? BLACK });
    cx += font.widthOfTextAtSize(run.text, s);
  }
}

const measureWith = (font: PDFFont) => (text: string, size: number) => textWidth(font, text, size);

export function drawCover(page: PDFPage, font: PDFFont, plan: BundlePlan): void {
  const [w, h] = A4;
  const left = 72;
  const width = w - 2 * left;
  const measure = measureWith(font);
  let y = h - 110;
  drawLine(page, font, plan.cover.title, left, y, 30);
  y -= 34;
  for (const line of wrapText(plan.cover.tribunal, width, 13, measure, 3)) {
    drawLine(page, font, line, left, y, 13, { color: GREY });
    y -= 18;
  }
  for (const line of wrapText(plan.cover.appealType, width, 13, measure, 2)) {
    drawLine(page, font, line, left, y, 13, { color: GREY });
    y -= 18;
  }
  y -= 14;
  page.drawLine({ start: { x: left, y }, end: { x: w - left, y }, thickness: 0.8, color: RULE });
  y -= 34;
  const valueX = left + 170;
  const valueWidth = w - left - valueX;
  for (const row of plan.cover.rows) {
    drawLine(page, font, row.label, left, y, 11, { color: GREY });
    const lines = wrapText(row.value, valueWidth, 12.5, measure, 3);
    lines.forEach((line, i) => drawLine(page, font, line, valueX, y - i * 16, 12.5));
    y -= 16 * lines.length + 14;
  }
  y -= 10;
  page.drawLine({ start: { x: left, y }, end: { x: w - left, y }, thickness: 0.8, color: RULE });
  const footer = wrapText(plan.cover.footer, width, 10, measure, 4);
  footer.forEach((line, i) => drawLine(page, font, line, left, 110 - i * 14, 10, { color: GREY }));
}

/** Baseline of a row's first line: `top` is measured from the page's top edge. */
const baseline = (top: number, size: number) => A4[1] - top - INDEX.rowPadding - size * 0.95;

export function drawIndexPage(
  page: PDFPage,
  font: PDFFont,
  plan: BundlePlan,
  indexPage: IndexPage,
  n: number,
): void {
  const [w, h] = A4;
  const first = n === 0;
  drawLine(
    page,
    font,
    first ? 'Index' : 'Index (continued)',
    INDEX.marginX,
    h - INDEX.titleTop,
    INDEX.titleSize,
  );
  if (first) {
    drawLine(page, font, plan.metadata.title, INDEX.marginX, h - INDEX.subtitleTop, INDEX.subtitleSize, {
      color: GREY,
      maxWidth: w - 2 * INDEX.marginX,
    });
  }
  const headerTop = first ? INDEX.firstHeaderTop : INDEX.nextHeaderTop;
  const hy = h - headerTop;
  const c = INDEX.columns;
  drawLine(page, font, 'Tab', c.tab.x, hy, INDEX.headerSize, { color: GREY });
  drawLine(page, font, 'Document', c.title.x, hy, INDEX.headerSize, { color: GREY });
  drawLine(page, font, 'Date', c.date.x, hy, INDEX.headerSize, { color: GREY });
  drawLine(page, font, 'Pages', c.pages.x + c.pages.width, hy, INDEX.headerSize, {
    color: GREY,
    align: 'right',
  });
  page.drawLine({
    start: { x: INDEX.marginX, y: hy - 5 },
    end: { x: w - INDEX.marginX, y: hy - 5 },
    thickness: 0.6,
    color: RULE,
  });

  for (const row of indexPage.rows) {
    if (row.kind === 'section') {
      const bandTop = row.top + 6;
      const bandHeight = row.height - 8;
      page.drawRectangle({
        x: INDEX.marginX - 2,
        y: h - bandTop - bandHeight,
        width: w - 2 * INDEX.marginX + 4,
        height: bandHeight,
        color: BAND,
      });
      const y = h - bandTop - 4 - INDEX.sectionSize * 0.95;
      row.lines.forEach((line, i) =>
        drawLine(page, font, line, c.tab.x, y - i * INDEX.lineHeight, INDEX.sectionSize, {
          maxWidth: c.date.x + c.date.width - c.tab.x,
        }),
      );
      drawLine(page, font, row.pages, c.pages.x + c.pages.width, y, INDEX.rowSize, {
        align: 'right',
        maxWidth: c.pages.width,
      });
      continue;
    }
    const y = baseline(row.top, INDEX.rowSize);
    drawLine(page, font, row.tab, c.tab.x, y, INDEX.rowSize, { maxWidth: c.tab.width });
    row.lines.forEach((line, i) =>
      drawLine(page, font, line, c.title.x, y - i * INDEX.lineHeight, INDEX.rowSize, {
        maxWidth: c.title.width,
      }),
    );
    drawLine(page, font, row.date, c.date.x, y, INDEX.rowSize, { maxWidth: c.date.width });
    drawLine(page, font, row.pages, c.pages.x + c.pages.width, y, INDEX.rowSize, {
      align: 'right',
      maxWidth: c.pages.width,
    });
  }
}

export function drawDivider(page: PDFPage, font: PDFFont, section: PlannedSection): void {
  const [w, h] = A4;
  const measure = measureWith(font);
  drawLine(page, font, `Section ${section.letter}`, w / 2, h / 2 + 60, 40, { align: 'center' });
  const lines = wrapText(section.title, w - 144, 20, measure, 3);
  lines.forEach((line, i) => drawLine(page, font, line, w / 2, h / 2 + 10 - i * 26, 20, { align: 'center' }));
  if (section.firstLabel && section.lastLabel) {
    drawLine(
      page,
      font,
      `Pages ${formatRange(section.firstLabel, section.lastLabel)}`,
      w / 2,
      h / 2 - 20 - lines.length * 26,
      13,
      { align: 'center', color: GREY },
    );
  }
}
