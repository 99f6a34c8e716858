/**
 * The pages the bundle adds itself: the cover, the index (laid out by the plan) and the section dividers.
 * All text is set in the one embedded Unicode font; right-to-left runs are drawn in visual order.
 */
import { rgb, type PDFDocument, type PDFFont, type PDFPage } from '@cantoo/pdf-lib';
import { A4, INDEX } from '../../../shared/bundle/indexLayout';
import { formatRange } from '../../../shared/bundle/format';
import { wrapText } from '../../../shared/bundle/textLayout';
import { fontText, PageText } from './text';
import type { BundlePlan, IndexPage, PlannedSection } from '../../../shared/bundle/types';

const GREY = 0.35;
const RULE = rgb(0.75, 0.75, 0.75);
const BAND = rgb(0.92, 0.93, 0.95);

export function textWidth(font: PDFFont, text: string, size: number): number {
  return fontText(font).width(text, size);
}

const measureWith = (font: PDFFont) => (text: string, size: number) => textWidth(font, text, size);

export function drawCover(doc: PDFDocument, page: PDFPage, font: PDFFont, plan: BundlePlan): void {
  const t = new PageText(doc, page, fontText(font));
  const [w, h] = A4;
  const left = 72;
  const width = w - 2 * left;
  const measure = measureWith(font);
  let y = h - 110;
  t.line(plan.cover.title, left, y, 30);
  y -= 34;
  for (const line of wrapText(plan.cover.tribunal, width, 13, measure, 3)) {
    t.line(line, left, y, 13, { grey: GREY });
    y -= 18;
  }
  for (const line of wrapText(plan.cover.appealType, width, 13, measure, 2)) {
    t.line(line, left, y, 13, { grey: GREY });
    y -= 18;
  }
  y -= 14;
  page.drawLine({ start: { x: left, y }, end: { x: w - left, y }, thickness: 0.8, color: RULE });
  y -= 34;
  const valueX = left + 170;
  const valueWidth = w - left - valueX;
  for (const row of plan.cover.rows) {
    t.line(row.label, left, y, 11, { grey: GREY });
    const lines = wrapText(row.value, valueWidth, 12.5, measure, 3);
    lines.forEach((line, i) => t.line(line, valueX, y - i * 16, 12.5));
    y -= 16 * lines.length + 14;
  }
  y -= 10;
  page.drawLine({ start: { x: left, y }, end: { x: w - left, y }, thickness: 0.8, color: RULE });
  const footer = wrapText(plan.cover.footer, width, 10, measure, 4);
  footer.forEach((line, i) => t.line(line, left, 110 - i * 14, 10, { grey: GREY }));
  t.finish();
}

/** Baseline of a row's first line: `top` is measured from the page's top edge. */
const baseline = (top: number, size: number) => A4[1] - top - INDEX.rowPadding - size * 0.95;

export function drawIndexPage(
  doc: PDFDocument,
  page: PDFPage,
  font: PDFFont,
  plan: BundlePlan,
  indexPage: IndexPage,
  n: number,
): void {
  const t = new PageText(doc, page, fontText(font));
  const [w, h] = A4;
  const first = n === 0;
  t.line(first ? 'Index' : 'Index (continued)', INDEX.marginX, h - INDEX.titleTop, INDEX.titleSize);
  if (first) {
    t.line(plan.metadata.title, INDEX.marginX, h - INDEX.subtitleTop, INDEX.subtitleSize, {
      grey: GREY,
      maxWidth: w - 2 * INDEX.marginX,
    });
  }
  const headerTop = first ? INDEX.firstHeaderTop : INDEX.nextHeaderTop;
  const hy = h - headerTop;
  const c = INDEX.columns;
  t.line('Tab', c.tab.x, hy, INDEX.headerSize, { grey: GREY });
  t.line('Document', c.title.x, hy, INDEX.headerSize, { grey: GREY });
  t.line('Date', c.date.x, hy, INDEX.headerSize, { grey: GREY });
  t.line('Pages', c.pages.x + c.pages.width, hy, INDEX.headerSize, {
    grey: GREY,
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
        t.line(line, c.tab.x, y - i * INDEX.lineHeight, INDEX.sectionSize, {
          maxWidth: c.date.x + c.date.width - c.tab.x,
        }),
      );
      t.line(row.pages, c.pages.x + c.pages.width, y, INDEX.rowSize, {
        align: 'right',
        maxWidth: c.pages.width,
      });
      continue;
    }
    const y = baseline(row.top, INDEX.rowSize);
    t.line(row.tab, c.tab.x, y, INDEX.rowSize, { maxWidth: c.tab.width });
    row.lines.forEach((line, i) =>
      t.line(line, c.title.x, y - i * INDEX.lineHeight, INDEX.rowSize, {
        maxWidth: c.title.width,
      }),
    );
    t.line(row.date, c.date.x, y, INDEX.rowSize, { maxWidth: c.date.width });
    t.line(row.pages, c.pages.x + c.pages.width, y, INDEX.rowSize, {
      align: 'right',
      maxWidth: c.pages.width,
    });
  }
  t.finish();
}

export function drawDivider(doc: PDFDocument, page: PDFPage, font: PDFFont, section: PlannedSection): void {
  const t = new PageText(doc, page, fontText(font));
  const [w, h] = A4;
  const measure = measureWith(font);
  t.line(`Section ${section.letter}`, w / 2, h / 2 + 60, 40, { align: 'center' });
  const lines = wrapText(section.title, w - 144, 20, measure, 3);
  lines.forEach((line, i) => t.line(line, w / 2, h / 2 + 10 - i * 26, 20, { align: 'center' }));
  if (section.firstLabel && section.lastLabel) {
    t.line(
      `Pages ${formatRange(section.firstLabel, section.lastLabel)}`,
      w / 2,
      h / 2 - 20 - lines.length * 26,
      13,
      { align: 'center', grey: GREY },
    );
  }
  t.finish();
}
