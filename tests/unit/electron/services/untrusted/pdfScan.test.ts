/**
 * The limits scan of a file on disk, read in blocks as it goes (scanPdfFile), finds what the scan of the
 * same bytes in memory finds (scanPdf), for every third-party fixture and for hostile files, with blocks
 * far smaller than the file so that tokens, dictionaries and stream markers fall across block edges.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { scanPdf, scanPdfFile } from '../../../../../electron/services/untrusted/pdfScan';
import { FIXTURES } from '../../../../helpers/context';
import {
  bigArrayPdf,
  deepNestingPdf,
  farMatchBombPdf,
  flateBombPdf,
  manyPagesPdf,
  pdfFromObjects,
} from '../../../../helpers/hostile';
import { repeatedPagesPdf } from '../../../../helpers/rawPdf';

const dir = mkdtempSync(join(tmpdir(), 'pdf-scan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LIMITS = {
  streamInflatedBytes: 8 * 1024 * 1024,
  fileInflatedBytes: 12 * 1024 * 1024,
  nestingDepth: 64,
  // Low enough that some fixtures are over it (number trees, widths), so that items are counted across block edges.
  containerItems: 1_000,
};

function fixtures(): string[] {
  return readdirSync(FIXTURES).flatMap((folder) => {
    const path = join(FIXTURES, folder);
    if (!statSync(path).isDirectory()) return [];
    return readdirSync(path)
      .filter((name) => name.toLowerCase().endsWith('.pdf'))
      .map((name) => join(path, name));
  });
}

describe('the limits scan of a file read in blocks', () => {
  it('finds in every fixture what the scan of its bytes in memory finds, whatever the block size', () => {
    const paths = fixtures();
    expect(paths.length).toBeGreaterThan(10);
    for (const path of paths) {
      const inMemory = scanPdf(readFileSync(path), LIMITS);
      for (const block of [7, 4096, 1024 * 1024])
        expect({ path, block, ...scanPdfFile(path, LIMITS, block) }).toEqual({ path, block, ...inMemory });
    }
  });

  it('refuses the same hostile files for the same reasons', async () => {
    const hostile: [string, Uint8Array][] = [
      ['bomb', await flateBombPdf(16 * 1024 * 1024)],
      // Its zlib header names a 256-byte window, its matches reach 1 KB back: Node's inflater, given options,
      // stopped at the first such match, the stream went uncounted, and pdf.js (which ignores the header's
      // window) would have unpacked all 16 MB.
      ['bomb with an understated window', farMatchBombPdf(16 * 1024 * 1024)],
      ['nesting', deepNestingPdf(200)],
      ['items', bigArrayPdf(3_000)],
      ['pages', manyPagesPdf(300)],
      // One page object listed 300 times: readers show 300 pages, so the bound must count them too.
      ['pages', repeatedPagesPdf(['one'], new Array<number>(300).fill(0))],
    ];
    for (const [index, [name, bytes]] of hostile.entries()) {
      const path = join(dir, `${index}.pdf`);
      writeFileSync(path, bytes);
      const inMemory = scanPdf(bytes, LIMITS);
      if (name !== 'pages') expect(inMemory.problem).not.toBeNull();
      else expect(inMemory.pageObjects).toBe(300);
      for (const block of [5, 1000, 1024 * 1024]) expect(scanPdfFile(path, LIMITS, block)).toEqual(inMemory);
    }
  });
});

describe('what the scan unpacked, kept for the drawing count', () => {
  it('is each whole Flate stream by where the reader takes its data to start, not one cut short', () => {
    const content = deflateSync(Buffer.from('q Q '.repeat(5000)));
    const head = (n: number, length: number, eol: string) =>
      Buffer.from(`${n} 0 obj\n<< /Length ${length} /Filter /FlateDecode >>\nstream${eol}`, 'latin1');
    const tail = Buffer.from('\nendstream\nendobj\n', 'latin1');
    const whole = Buffer.concat([head(1, content.length, '  \r\n'), content, tail]);
    const cutShort = content.subarray(0, content.length - 40);
    const pdf = Buffer.concat([
      Buffer.from('%PDF-1.7\n', 'latin1'),
      whole,
      head(2, cutShort.length, '\n'),
      cutShort,
      tail,
    ]);
    const { inflatedSizes } = scanPdf(pdf, LIMITS);
    // Past "stream", its two spaces and CR LF, as pdf/read/document.ts reads it.
    const start = pdf.indexOf('stream  \r\n') + 'stream  \r\n'.length;
    expect([...inflatedSizes]).toEqual([[start, 20_000]]);
  });
});

describe('a Flate stream whose data starts where only some readers look', () => {
  it.each([
    ['spaces before the end of the line (the app reader skips them)', 'stream  \r\n'],
    ['a word before the end of the line (pdf.js skips anything there)', 'stream junk\n'],
  ])('is counted: %s', (_, keyword) => {
    // A bomb: 9 MB of zeros, over the test's 8 MB a part.
    const data = deflateSync(Buffer.alloc(9 * 1024 * 1024));
    const pdf = Buffer.concat([
      Buffer.from(`%PDF-1.7\n1 0 obj\n<< /Length ${data.length} /Filter /FlateDecode >>\n${keyword}`),
      data,
      Buffer.from('\nendstream\nendobj\n'),
    ]);
    expect(scanPdf(pdf, LIMITS).problem?.limit).toBe('pdfStreamInflatedBytes');
    const path = join(dir, 'late-start.pdf');
    writeFileSync(path, pdf);
    expect(scanPdfFile(path, LIMITS, 7).problem?.limit).toBe('pdfStreamInflatedBytes');
  });
});

describe('an array or dictionary of too many items', () => {
  const limits = (containerItems: number) => ({ ...LIMITS, containerItems });
  const over = (bytes: Uint8Array, containerItems: number) =>
    scanPdf(bytes, limits(containerItems)).problem?.limit === 'pdfContainerItems';

  it('is refused at one item more than the limit, not at the limit', () => {
    expect(over(bigArrayPdf(1_000), 1_000)).toBe(false);
    expect(over(bigArrayPdf(1_001), 1_000)).toBe(true);
    expect(scanPdf(bigArrayPdf(1_001), limits(1_000)).problem?.problem).toBe(
      'holds a list of more than 1,000 items in one part (the limit for one PDF: a PDF reader could take minutes to read it)',
    );
  });

  it('counts every kind of item once, a reference as its three parts, and not the items of one inside', () => {
    // /a, (s), <ab>, [1 2 3], << /k 1 >>, 5 0 R and true: nine items in the array; the dictionary holds
    // two, the inner array three, the catalog four (its key and the three parts of the array's reference).
    const items = '[/a (s \\) [) <ab> [1 2 3] << /k 1 >> 5 0 R true]';
    const pdf = pdfFromObjects(['<< /Type /Catalog /Pages 2 0 R >>', items]);
    expect(over(pdf, 9)).toBe(false);
    expect(over(pdf, 8)).toBe(true);
  });

  it("counts a dictionary's keys and values", () => {
    const keys = Array.from({ length: 50 }, (_, i) => `/K${i} ${i}`).join(' ');
    const pdf = pdfFromObjects(['<< /Type /Catalog /Pages 2 0 R >>', `<< ${keys} >>`]);
    expect(over(pdf, 100)).toBe(false);
    expect(over(pdf, 99)).toBe(true);
  });

  it('is counted object by object: one a damaged object leaves open ends with it', () => {
    // Object 2's array is never closed; the 300 objects after it are not its items.
    const objects = ['<< /Type /Catalog >>', '[1 2 3', ...Array.from({ length: 300 }, () => '<< /A 1 >>')];
    expect(over(pdfFromObjects(objects), 10)).toBe(false);
    expect(over(pdfFromObjects(['<< /Type /Catalog >>', `[${'1 '.repeat(11)}`]), 10)).toBe(true);
  });

  it('is found inside an object stream, and not counted among the objects between', () => {
    const array = `[${'7 '.repeat(500)}]`;
    const data = deflateSync(Buffer.from(`9 0 ${array}`, 'latin1'));
    const stream = Buffer.concat([
      Buffer.from(`<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${data.length} >>\nstream\n`),
      data,
      Buffer.from('\nendstream'),
    ]);
    // 300 objects, each two items at the top level: none is in an array or dictionary.
    const many = Array.from({ length: 300 }, () => '1');
    expect(over(pdfFromObjects(['<< /Type /Catalog >>', ...many, stream]), 500)).toBe(false);
    expect(over(pdfFromObjects(['<< /Type /Catalog >>', ...many, stream]), 499)).toBe(true);
  });
});
