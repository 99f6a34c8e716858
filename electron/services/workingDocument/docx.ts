/**
 * Working document → Word (.docx) with the `docx` package, as the letters are made (letters/docx.ts): a
 * real Word character style for each entry of the key (shared/rules/workingDocument.ts), so a party who
 * goes on editing in Word picks "WD Parent amendment" from the style list instead of guessing; the key as a
 * table on page 1; each proposal's evidence as footnotes; the version and date in the header. Nothing is a
 * tracked change or a comment: the markup is the styles, as the tribunal's key asks.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  FootnoteReferenceRun,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  UnderlineType,
  WidthType,
} from 'docx';
import { formatLongDate } from '../../../shared/dates';
import { WORKING_DOCUMENT_KEY, type KeyEntry } from '../../../shared/rules/workingDocument';
import {
  footnoteText,
  paragraphRuns,
  type RenderedWorkingDocument,
} from '../../../shared/workingDocument/model';
import { reproducibleDocx } from '../letters/docx';

const FONT = 'Arial';
const BODY_HALF_POINTS = 24; // 12 point: the Practice Direction's type size for documents in the bundle
const PAGE = { width: 11906, height: 16838, margin: { top: 1300, bottom: 1300, left: 1276, right: 1276 } };
const CONTENT_TWIPS = PAGE.width - PAGE.margin.left - PAGE.margin.right;
const CELL_BORDER = { style: BorderStyle.SINGLE, size: 4, color: '999999' };

function styleRun(entry: KeyEntry) {
  return {
    bold: entry.bold,
    italics: entry.italic,
    strike: entry.strike,
    underline: entry.underline ? { type: UnderlineType.SINGLE } : undefined,
  };
}

function keyTable(): Table {
  const widths = [Math.round(CONTENT_TWIPS * 0.42), CONTENT_TWIPS - Math.round(CONTENT_TWIPS * 0.42)];
  const cell = (children: TextRun[], i: number, header = false) =>
    new TableCell({
      width: { size: widths[i], type: WidthType.DXA },
      margins: { top: 60, bottom: 60, left: 100, right: 100 },
      borders: { top: CELL_BORDER, bottom: CELL_BORDER, left: CELL_BORDER, right: CELL_BORDER },
      shading: header ? { fill: 'EBEBEB' } : undefined,
      children: [new Paragraph({ style: 'WDKeyText', children })],
    });
  return new Table({
    width: { size: CONTENT_TWIPS, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({
        tableHeader: true,
        children: [
          cell([new TextRun({ text: 'Key', bold: true })], 0, true),
          cell([new TextRun({ text: 'Meaning', bold: true })], 1, true),
        ],
      }),
      ...WORKING_DOCUMENT_KEY.map(
        (entry) =>
          new TableRow({
            cantSplit: true,
            children: [
              cell([new TextRun({ text: entry.looks, style: entry.wordStyleId })], 0),
              cell([new TextRun(entry.meaning)], 1),
            ],
          }),
      ),
    ],
  });
}

function header(doc: RenderedWorkingDocument): Header {
  const who = [doc.childName, doc.tribunalRef].filter(Boolean).join(' · ');
  return new Header({
    children: [
      new Paragraph({
        style: 'WDHeader',
        tabStops: [{ type: TabStopType.RIGHT, position: CONTENT_TWIPS }],
        children: [
          new TextRun(`${doc.title}${who ? ` · ${who}` : ''}`),
          new TextRun(`\tVersion ${doc.version} · ${formatLongDate(doc.date)}`),
        ],
      }),
    ],
  });
}

function footer(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        style: 'WDHeader',
        alignment: AlignmentType.RIGHT,
        children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] })],
      }),
    ],
  });
}

/** The document, and the footnotes its runs refer to (numbered 1, 2, 3 … in reading order). */
function build(doc: RenderedWorkingDocument): Document {
  const footnotes: Record<number, { children: Paragraph[] }> = {};
  let footnoteId = 0;
  const body: (Paragraph | Table)[] = [
    new Paragraph({ style: 'Title', children: [new TextRun(doc.title)] }),
    new Paragraph({
      style: 'WDIntro',
      children: [
        new TextRun(
          `Version ${doc.version}, ${formatLongDate(doc.date)}. The parties' proposed changes to the EHC plan are marked with this key:`,
        ),
      ],
    }),
    keyTable(),
    new Paragraph({ style: 'WDIntro', children: [] }),
  ];
  for (const section of doc.sections) {
    body.push(new Paragraph({ style: 'Heading1', keepNext: true, children: [new TextRun(section.heading)] }));
    for (const paragraph of section.paragraphs) {
      const children: (TextRun | FootnoteReferenceRun)[] = [];
      for (const run of paragraphRuns(paragraph).runs) {
        const entry = WORKING_DOCUMENT_KEY.find((k) => k.style === run.style)!;
        children.push(
          new TextRun({ text: run.text, style: run.style === 'original' ? undefined : entry.wordStyleId }),
        );
        for (const ref of run.refs ?? []) {
          footnoteId += 1;
          footnotes[footnoteId] = {
            children: [new Paragraph({ children: [new TextRun(footnoteText(ref, doc.bundlePages))] })],
          };
          children.push(new FootnoteReferenceRun(footnoteId));
        }
      }
      body.push(new Paragraph({ style: 'WDParagraph', children }));
    }
  }
  return new Document({
    creator: 'SEND Bundle Builder',
    lastModifiedBy: 'SEND Bundle Builder',
    title: `${doc.title} (version ${doc.version})`,
    description: 'Made with SEND Bundle Builder',
    footnotes,
    styles: {
      default: {
        document: {
          run: { font: FONT, size: BODY_HALF_POINTS, language: { value: 'en-GB' } },
          paragraph: { spacing: { after: 160, line: 300 } },
        },
        title: { run: { font: FONT, size: 32, bold: true }, paragraph: { spacing: { after: 160 } } },
        heading1: {
          run: { font: FONT, size: 28, bold: true },
          paragraph: { spacing: { before: 280, after: 120 }, keepNext: true },
        },
      },
      paragraphStyles: [
        { id: 'WDParagraph', name: 'WD Plan paragraph', basedOn: 'Normal', quickFormat: true },
        { id: 'WDIntro', name: 'WD Introduction', basedOn: 'Normal' },
        {
          id: 'WDKeyText',
          name: 'WD Key text',
          basedOn: 'Normal',
          paragraph: { spacing: { after: 0, line: 260 } },
        },
        { id: 'WDHeader', name: 'WD Header', basedOn: 'Normal', run: { size: 18, color: '555555' } },
      ],
      characterStyles: WORKING_DOCUMENT_KEY.filter((k) => k.style !== 'original').map((entry) => ({
        id: entry.wordStyleId,
        name: entry.wordStyleName,
        basedOn: 'DefaultParagraphFont',
        quickFormat: true,
        run: styleRun(entry),
      })),
    },
    sections: [
      {
        properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: PAGE.margin } },
        headers: { default: header(doc) },
        footers: { default: footer() },
        children: body,
      },
    ],
  });
}

export async function renderWorkingDocumentDocx(doc: RenderedWorkingDocument): Promise<Uint8Array> {
  const packed = await Packer.toBuffer(build(doc));
  return reproducibleDocx(new Uint8Array(packed), doc.date);
}
