/**
 * An object defined more than once: the app's pdf-lib takes the definition the cross-reference table
 * names, as every reader does (pdf.js, poppler, qpdf, PDFium), where stock pdf-lib takes the last one read
 * (electron/services/pdf/pdfLibPatches.ts, the 'definitions' group). Files written here byte by byte, as
 * PDFium's test files bug_2152.pdf, bug_2123.pdf and bug_1733.pdf are.
 */
import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFRef, type PDFDict } from '@cantoo/pdf-lib';
import { afterEach, describe, expect, it } from 'vitest';
import {
  installPdfLibPatches,
  setPatchGroupForTest,
} from '../../../../../electron/services/pdf/pdfLibPatches';
import { itReadsEveryFixtureAsStock } from '../../../../helpers/stockPdfLib';

afterEach(() => installPdfLibPatches());

const latin1 = (text: string) => Buffer.from(text, 'latin1');

/**
 * A file of `pieces` in order, then a classic cross-reference table naming, for each object number, the
 * offset of the piece `named` with it (moved by `shift` bytes), and the trailer.
 */
interface Piece {
  text: string;
  /** This definition is the one the table names for its object. */
  named?: number;
}
function fileOf(pieces: Piece[], size: number, trailerExtra = '', shift = 0): Uint8Array {
  const parts: Buffer[] = [latin1('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')];
  let offset = parts[0].length;
  const offsets = new Map<number, number>();
  for (const piece of pieces) {
    if (piece.named !== undefined) offsets.set(piece.named, offset);
    const body = latin1(piece.text);
    parts.push(body);
    offset += body.length;
  }
  let xref = `xref\n0 ${size}\n0000000000 65535 f \n`;
  for (let n = 1; n < size; n++)
    xref += offsets.has(n)
      ? `${String(offsets.get(n)! + shift).padStart(10, '0')} 00000 n \n`
      : '0000000000 65535 f \n';
  xref += `trailer\n<< /Size ${size} /Root 1 0 R ${trailerExtra} >>\nstartxref\n${offset}\n%%EOF\n`;
  parts.push(latin1(xref));
  return new Uint8Array(Buffer.concat(parts));
}

const CATALOG = { text: '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n', named: 1 };
const PAGES = { text: '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n', named: 2 };
const PAGE = {
  text: '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 300] /Contents 4 0 R >> endobj\n',
  named: 3,
};
const content = (ops: string) => `4 0 obj << /Length ${ops.length} >>\nstream\n${ops}\nendstream\nendobj\n`;
const DRAWING = '0 0 1 rg 10 10 50 50 re f';

async function contentOf(bytes: Uint8Array): Promise<string> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const object = doc.context.lookup(PDFRef.of(4, 0));
  return object instanceof PDFRawStream ? Buffer.from(object.contents).toString('latin1') : String(object);
}

describe('an object defined twice', () => {
  // As PDFium's bug_2152.pdf: a bait definition either side of the real one, the table naming the middle.
  const bait = fileOf(
    [
      CATALOG,
      PAGES,
      PAGE,
      { text: '4 0 obj << >> endobj\n' },
      { text: content(DRAWING), named: 4 },
      { text: '4 0 obj << >> endobj\n' },
    ],
    5,
  );

  it('is read as the cross-reference table names it, not as the last one read', async () => {
    expect(await contentOf(bait)).toBe(DRAWING);
  });

  it('was read as the last one by stock pdf-lib (so the page came out blank)', async () => {
    setPatchGroupForTest('definitions', false);
    expect(await contentOf(bait)).toBe('<<\n>>');
  });

  it('in an appended update, the update counts: as before', async () => {
    const original = fileOf([CATALOG, PAGES, PAGE, { text: content('0 g 0 0 5 5 re f'), named: 4 }], 5);
    const updated = Buffer.concat([
      Buffer.from(original),
      latin1(`${content(DRAWING)}`),
      latin1(
        `xref\n4 1\n${String(original.length).padStart(10, '0')} 00000 n \ntrailer\n<< /Size 5 /Root 1 0 R /Prev ${Buffer.from(
          original,
        )
          .toString('latin1')
          .lastIndexOf('xref')} >>\nstartxref\n${original.length + content(DRAWING).length}\n%%EOF\n`,
      ),
    ]);
    expect(await contentOf(new Uint8Array(updated))).toBe(DRAWING);
  });

  it('where the table names no definition exactly (its offsets off), pdf-lib keeps the last one', async () => {
    const shifted = fileOf(
      [CATALOG, PAGES, PAGE, { text: content(DRAWING), named: 4 }, { text: '4 0 obj << >> endobj\n' }],
      5,
      '',
      3,
    );
    expect(await contentOf(shifted)).toBe('<<\n>>');
  });

  it("twice in one object stream: the place the cross-reference stream names (as PDFium's bug_1733.pdf)", async () => {
    // Object stream 5 holds object 6 twice: first the width 11, then 22. The cross-reference stream (object 7)
    // names object 6 at place 0 of stream 5.
    const header = '6 0 6 3 ';
    const inner = `${header}11 22`;
    const objStm = `5 0 obj << /Type /ObjStm /N 2 /First ${header.length} /Length ${inner.length} >>\nstream\n${inner}\nendstream\nendobj\n`;
    const catalog = '1 0 obj << /Type /Catalog /Pages 2 0 R /Width 6 0 R >> endobj\n';
    const pages = '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n';
    const page = '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 300] >> endobj\n';
    const head = '%PDF-1.7\n';
    const offsets: number[] = [];
    let body = head;
    for (const text of [catalog, pages, page, objStm]) {
      offsets.push(body.length);
      body += text;
    }
    const xrefAt = body.length;
    const hex = (n: number, bytes: number) => n.toString(16).padStart(bytes * 2, '0');
    const entries = [
      `00${hex(0, 2)}ff`,
      ...offsets.slice(0, 3).map((o) => `01${hex(o, 2)}00`),
      `00${hex(0, 2)}00`,
      `01${hex(offsets[3], 2)}00`,
      `02${hex(5, 2)}00`,
      `01${hex(xrefAt, 2)}00`,
    ].join('');
    body +=
      `7 0 obj << /Type /XRef /Size 8 /W [1 2 1] /Root 1 0 R /Filter /ASCIIHexDecode /Length ${entries.length + 1} >>\n` +
      `stream\n${entries}>\nendstream\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`;
    const doc = await PDFDocument.load(latin1(body), { updateMetadata: false });
    expect((doc.context.lookup(PDFRef.of(6, 0)) as PDFNumber).asNumber()).toBe(11);
    expect((doc.catalog as PDFDict).lookup(PDFName.of('Width'), PDFNumber).asNumber()).toBe(11);
    setPatchGroupForTest('definitions', false);
    const stock = await PDFDocument.load(latin1(body), { updateMetadata: false });
    expect((stock.context.lookup(PDFRef.of(6, 0)) as PDFNumber).asNumber()).toBe(22);
  });
});

describe('a cross-reference stream written with the PNG predictor', () => {
  it('is read through its predictor (each row after a filter byte), naming the real definition', async () => {
    // Acrobat, InDesign and most tools write /DecodeParms << /Predictor 12 /Columns n >>: each row of the
    // table is stored as its difference from the row above. Read as they are, the rows name other objects.
    let body = '%PDF-1.7\n';
    const offsets: number[] = [];
    const add = (text: string) => {
      offsets.push(body.length);
      body += text;
    };
    add('1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n');
    add('2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n');
    add('3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 300] /Contents 4 0 R >> endobj\n');
    add(content(DRAWING));
    body += '4 0 obj << >> endobj\n'; // the planted copy, after the real one
    const xrefAt = body.length;
    const rows = [
      [0, 0, 0, 255],
      ...offsets.map((o) => [1, o >> 8, o & 255, 0]),
      [1, xrefAt >> 8, xrefAt & 255, 0],
    ];
    // Filter 2 (Up) on every row: each byte less the byte above it.
    const encoded = rows.flatMap((row, r) => [2, ...row.map((b, i) => (b - (r ? rows[r - 1][i] : 0)) & 255)]);
    const data = deflateSync(Buffer.from(encoded));
    const xref = Buffer.concat([
      latin1(
        `5 0 obj << /Type /XRef /Size 6 /W [1 2 1] /Root 1 0 R /Filter /FlateDecode ` +
          `/DecodeParms << /Predictor 12 /Columns 4 >> /Length ${data.length} >>\nstream\n`,
      ),
      data,
      latin1(`\nendstream\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`),
    ]);
    const file = new Uint8Array(Buffer.concat([latin1(body), xref]));
    expect(await contentOf(file)).toBe(DRAWING);
  });
});

describe('ordinary files', () => {
  // Files saved again and again (updates appended, cross-reference streams with the PNG predictor, objects
  // moved into new object streams): the tables name the last definition of each object, so the patch must
  // read every object as stock pdf-lib does. Its first version read the predictor's bytes as entries and
  // took an old page object (pdf.js's issue16091.pdf: its crop box lost).
  itReadsEveryFixtureAsStock('definitions');
});
