/**
 * Letter → Word (.docx) with the `docx` package. Everything is ordinary flowing text with named styles
 * (Title, Heading 1, Normal, Quote, lists with real Word numbering, tables), so a user can edit it in Word
 * or LibreOffice like any document they typed. Page numbers are Word fields in the footer.
 *
 * Reproducible: the package stamps the clock into the document properties and the zip entries; both are
 * replaced with the letter's own date, so the same letter gives the same bytes.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
} from 'docx';
import JSZip from 'jszip';
import { formatLongDate } from '../../../shared/dates';
import { directionRuns } from '../../../shared/text/bidi';
import { inlineSpans, type Block, type Inline, type Letter, type Span } from './model';

const FONT = 'Arial';
const BODY_HALF_POINTS = 23; // 11.5pt, as in the PDF
const TWIPS_PER_CM = 567;
// A4 with 2.25 cm side margins, the same text width as the PDF.
const PAGE = { width: 11906, height: 16838, margin: { top: 1200, bottom: 1300, left: 1276, right: 1276 } };
const CONTENT_TWIPS = PAGE.width - PAGE.margin.left - PAGE.margin.right;

function runs(spans: Span[], extra: { bold?: boolean; size?: number } = {}): TextRun[] {
  const out: TextRun[] = [];
  for (const span of spans) {
    span.text.split('\n').forEach((part, i) => {
      // A line break inside a paragraph (an address typed on several lines).
      if (i > 0) out.push(new TextRun({ break: 1 }));
      for (const run of directionRuns(part)) {
        out.push(
          new TextRun({
            text: run.text,
            bold: span.bold || extra.bold,
            italics: span.italic,
            size: extra.size,
            // Word and LibreOffice order right-to-left runs themselves when they are marked.
            rightToLeft: run.rtl || undefined,
          }),
        );
      }
    });
  }
  return out;
}

function textRuns(inline: Inline, extra: { bold?: boolean; size?: number } = {}): TextRun[] {
  return runs(inlineSpans(inline), extra);
}

function plain(
  text: string,
  options: { bold?: boolean; style?: string; alignment?: 'right'; after?: number } = {},
) {
  return new Paragraph({
    style: options.style,
    alignment: options.alignment === 'right' ? AlignmentType.RIGHT : undefined,
    spacing: options.after !== undefined ? { after: options.after } : undefined,
    children: runs([{ text, bold: options.bold }]),
  });
}

const CELL_BORDER = { style: BorderStyle.SINGLE, size: 4, color: '999999' };

function table(block: Extract<Block, { type: 'table' }>): Table {
  const weights = block.widths ?? block.header.map(() => 1);
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.round((w / total) * CONTENT_TWIPS));
  const cell = (text: string, i: number, header: boolean) =>
    new TableCell({
      width: { size: widths[i], type: WidthType.DXA },
      shading: header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'EBEBEB' } : undefined,
      margins: { top: 60, bottom: 60, left: 80, right: 80 },
      borders: { top: CELL_BORDER, bottom: CELL_BORDER, left: CELL_BORDER, right: CELL_BORDER },
      children: [new Paragraph({ style: 'TableText', children: runs([{ text, bold: header }]) })],
    });
  return new Table({
    width: { size: CONTENT_TWIPS, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: block.header.map((h, i) => cell(h, i, true)),
      }),
      ...block.rows.map(
        (row) => new TableRow({ children: block.header.map((_, i) => cell(row[i] ?? '', i, false)) }),
      ),
    ],
  });
}

function body(blocks: Block[]): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  let listInstance = 0;
  for (const block of blocks) {
    switch (block.type) {
      case 'heading':
        out.push(
          new Paragraph({ style: 'Heading1', keepNext: true, children: runs([{ text: block.text }]) }),
        );
        break;
      case 'paragraph':
        out.push(
          new Paragraph({
            style: block.quote ? 'Quote' : undefined,
            numbering: block.numbered ? { reference: 'paragraphs', level: 0 } : undefined,
            children: textRuns(block.text),
          }),
        );
        break;
      case 'list': {
        listInstance += 1;
        for (const item of block.items) {
          out.push(
            new Paragraph({
              style: 'ListParagraph',
              numbering:
                block.style === 'bullet'
                  ? { reference: 'bullets', level: 0 }
                  : { reference: 'numbers', level: 0, instance: listInstance },
              children: textRuns(item),
            }),
          );
        }
        break;
      }
      case 'table':
        out.push(table(block));
        out.push(new Paragraph({ spacing: { after: 60 }, children: [] }));
        break;
    }
  }
  return out;
}

function opening(letter: Letter): Paragraph[] {
  const out: Paragraph[] = [];
  if (letter.sender) {
    letter.sender.lines.forEach((line, i) =>
      out.push(
        plain(line, {
          alignment: 'right',
          style: 'Address',
          after: i === letter.sender!.lines.length - 1 ? 240 : 0,
        }),
      ),
    );
  }
  for (const recipient of letter.recipients ?? []) {
    recipient.lines.forEach((line, i) =>
      out.push(plain(line, { style: 'Address', after: i === recipient.lines.length - 1 ? 200 : 0 })),
    );
  }
  if (!letter.undated) out.push(plain(formatLongDate(letter.date), { after: 160 }));
  for (const ref of letter.references ?? []) {
    out.push(
      new Paragraph({
        style: 'Address',
        children: runs([{ text: `${ref.label}: `, bold: true }, { text: ref.value }]),
      }),
    );
  }
  out.push(new Paragraph({ style: 'Title', children: runs([{ text: letter.heading }]) }));
  if (letter.salutation) out.push(plain(letter.salutation));
  return out;
}

function closing(letter: Letter): Paragraph[] {
  const out: Paragraph[] = [];
  if (letter.closing)
    out.push(
      new Paragraph({
        keepNext: true,
        spacing: { before: 200, after: 720 },
        children: runs([{ text: letter.closing }]),
      }),
    );
  if (letter.signature) {
    out.push(
      new Paragraph({
        style: 'Address',
        keepNext: true,
        children: runs([{ text: letter.signature.name, bold: true }]),
      }),
    );
    letter.signature.lines.forEach((line) =>
      out.push(new Paragraph({ style: 'Address', keepNext: true, children: runs([{ text: line }]) })),
    );
  }
  if (letter.copies?.length) {
    out.push(new Paragraph({ spacing: { before: 240 }, children: [] }));
    for (const copy of letter.copies) out.push(plain(copy, { style: 'Address' }));
  }
  return out;
}

function footer(letter: Letter): Footer {
  return new Footer({
    children: [
      new Paragraph({
        style: 'Footer',
        tabStops: [{ type: TabStopType.RIGHT, position: CONTENT_TWIPS }],
        children: [
          ...runs([{ text: letter.footer ?? '' }]),
          new TextRun({ children: ['\tPage ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] }),
        ],
      }),
    ],
  });
}

function document(letter: Letter): Document {
  return new Document({
    creator: letter.signature?.name ?? 'SEND Bundle Builder',
    lastModifiedBy: 'SEND Bundle Builder',
    title: letter.title,
    subject: letter.heading,
    description: 'Made with SEND Bundle Builder',
    styles: {
      default: {
        document: {
          run: { font: FONT, size: BODY_HALF_POINTS, language: { value: 'en-GB' } },
          paragraph: { spacing: { after: 140, line: 300 } },
        },
        title: {
          run: { font: FONT, size: 30, bold: true },
          paragraph: { spacing: { before: 240, after: 200 } },
        },
        heading1: {
          run: { font: FONT, size: 26, bold: true },
          paragraph: { spacing: { before: 240, after: 100 }, keepNext: true },
        },
        listParagraph: { paragraph: { spacing: { after: 60 } } },
      },
      paragraphStyles: [
        {
          id: 'Address',
          name: 'Address',
          basedOn: 'Normal',
          quickFormat: true,
          paragraph: { spacing: { after: 0, line: 276 } },
        },
        {
          id: 'Quote',
          name: 'Quote',
          basedOn: 'Normal',
          quickFormat: true,
          run: { italics: true },
          paragraph: {
            indent: { left: TWIPS_PER_CM },
            border: { left: { style: BorderStyle.SINGLE, size: 18, color: '999999', space: 8 } },
          },
        },
        {
          id: 'TableText',
          name: 'Table Text',
          basedOn: 'Normal',
          run: { size: 20 },
          paragraph: { spacing: { after: 0, line: 260 } },
        },
        { id: 'Footer', name: 'footer', basedOn: 'Normal', run: { size: 17, color: '666666' } },
      ],
    },
    numbering: {
      config: [
        {
          reference: 'paragraphs',
          levels: [
            {
              level: 0,
              format: LevelFormat.DECIMAL,
              text: '%1.',
              alignment: AlignmentType.START,
              style: { paragraph: { indent: { left: 560, hanging: 560 } } },
            },
          ],
        },
        {
          reference: 'numbers',
          levels: [
            {
              level: 0,
              format: LevelFormat.DECIMAL,
              text: '%1.',
              alignment: AlignmentType.START,
              style: { paragraph: { indent: { left: 720, hanging: 360 } } },
            },
          ],
        },
        {
          reference: 'bullets',
          levels: [
            {
              level: 0,
              format: LevelFormat.BULLET,
              text: '•',
              alignment: AlignmentType.START,
              style: { paragraph: { indent: { left: 720, hanging: 360 } } },
            },
          ],
        },
      ],
    },
    sections: [
      {
        properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: PAGE.margin } },
        footers: { default: footer(letter) },
        children: [...opening(letter), ...body(letter.body), ...closing(letter)],
      },
    ],
  });
}

/** The docx zip with the clock taken out: fixed property dates and entry times, stable entry order. */
export async function reproducibleDocx(bytes: Uint8Array, date: string): Promise<Uint8Array> {
  const stamp = `${date}T12:00:00Z`;
  const zip = await JSZip.loadAsync(bytes);
  const out = new JSZip();
  const entryDate = new Date(`${date}T12:00:00Z`);
  for (const name of Object.keys(zip.files)) {
    const entry = zip.files[name];
    if (entry.dir) continue;
    let content: Uint8Array | string = await entry.async('uint8array');
    if (name === 'docProps/core.xml') {
      content = new TextDecoder()
        .decode(content)
        .replace(/(<dcterms:created[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${stamp}$2`)
        .replace(/(<dcterms:modified[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${stamp}$2`);
    }
    out.file(name, content, { date: entryDate, createFolders: false });
  }
  return out.generateAsync({
    type: 'uint8array',
    compression: 'DEFLATE',
    compressionOptions: { level: 9 },
    platform: 'DOS',
  });
}

export async function renderLetterDocx(letter: Letter): Promise<Uint8Array> {
  const packed = await Packer.toBuffer(document(letter));
  return reproducibleDocx(new Uint8Array(packed), letter.date);
}
