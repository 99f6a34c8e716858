/**
 * The look-ahead before pdf-lib's object-header parse when it skips a damaged file's "jibberish"
 * (pdfLibPatches.ts): the same document comes out, or the same error, with the patch as without it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, PDFParser } from '@cantoo/pdf-lib';
import { afterEach, describe, expect, it } from 'vitest';
import {
  isPatchGroupInstalled,
  setPatchGroupForTest,
} from '../../../../../electron/services/pdf/pdfLibPatches';
import { writePdfStreaming } from '../../../../../electron/services/bundle/streamWriter';
import { REPO_ROOT } from '../../../../helpers/repo';
import { HELVETICA, rawPdf, textContent } from '../../../../helpers/rawPdf';

// As tests/helpers/context.ts has it (not imported: that module loads every service).
const FIXTURES = join(REPO_ROOT, '..', 'shared', 'fixtures', 'pdfs');
const latin1 = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));

/**
 * Near-misses of an object header: none of them starts an object, so every object after them is found.
 * The last ones do (as in stock pdf-lib): "8 0 objection", and a number too long to be finite whose tail
 * is not.
 */
const NEAR_MISSES = [
  'garbage 12 0 ob 7 x obj 12 -1 obj 3.x 0 obj',
  '% a comment\n 10\n%c\n 0 %d\n ob',
  '\x00\xff\x7f 0 0 m 100 200 l S BT /F1 12 Tf ET',
];
const HEADERS = ['8 0 objection', `${'9'.repeat(400)} 0 obj`];

/** A two-page PDF with the given jibberish after each of its objects. */
function jibberishPdf(noise: string[]): Uint8Array {
  const good = rawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 >>',
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 ${HELVETICA} >> >> >>`,
      { dict: '<< >>', stream: textContent(['First page']) },
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 6 0 R >>',
      { dict: '<< >>', stream: textContent(['Second page']) },
    ],
    '/Root 1 0 R',
  );
  const text = Buffer.from(good).toString('latin1');
  let index = 0;
  const damaged = text.replace(/endobj\n/g, (match) => `${match}${noise[index++ % noise.length]}\n`);
  return latin1(damaged);
}

async function parsed(bytes: Uint8Array): Promise<{ bytes?: Buffer; error?: string }> {
  try {
    const doc = await PDFDocument.load(bytes, {
      parseSpeed: Infinity,
      updateMetadata: false,
      ignoreEncryption: true,
      throwOnInvalidObject: false,
    });
    const chunks: Uint8Array[] = [];
    await writePdfStreaming(doc, { write: (c) => chunks.push(new Uint8Array(c)) });
    return { bytes: Buffer.concat(chunks) };
  } catch (error) {
    return { error: String(error) };
  }
}

function inputs(): Array<[string, Uint8Array]> {
  const list: Array<[string, Uint8Array]> = [
    ['near-misses of a header', jibberishPdf(NEAR_MISSES)],
    ['near-misses and headers', jibberishPdf([...NEAR_MISSES, ...HEADERS])],
  ];
  for (const name of readdirSync(join(FIXTURES, 'malformed')).filter((n) => n.endsWith('.pdf')))
    list.push([`malformed/${name}`, new Uint8Array(readFileSync(join(FIXTURES, 'malformed', name)))]);
  const normal = new Uint8Array(readFileSync(join(FIXTURES, 'valid', 'pdflib-normal.pdf')));
  for (const fraction of [0.3, 0.55, 0.8])
    list.push([
      `pdflib-normal.pdf cut at ${fraction}`,
      normal.subarray(0, Math.floor(normal.length * fraction)),
    ]);
  return list;
}

afterEach(() => setPatchGroupForTest('parse', true));

describe('skipping jibberish in damaged files', () => {
  it('is installed with the other parse patches', () => {
    const method = () =>
      (PDFParser.prototype as unknown as Record<string, unknown>).matchIndirectObjectHeader;
    const patched = method();
    setPatchGroupForTest('parse', false);
    expect(method()).not.toBe(patched);
    setPatchGroupForTest('parse', true);
    expect(isPatchGroupInstalled('parse')).toBe(true);
  });

  it.each(inputs())('reads %s exactly as stock pdf-lib does', async (_name, bytes) => {
    setPatchGroupForTest('parse', false);
    const stock = await parsed(bytes);
    setPatchGroupForTest('parse', true);
    const patched = await parsed(bytes);
    expect(patched.error).toBe(stock.error);
    expect(patched.bytes?.toString('latin1')).toBe(stock.bytes?.toString('latin1'));
  });

  it('finds every object after near-misses of a header', async () => {
    const doc = await PDFDocument.load(jibberishPdf(NEAR_MISSES), {
      parseSpeed: Infinity,
      updateMetadata: false,
    });
    const numbers = doc.context.enumerateIndirectObjects().map(([ref]) => ref.objectNumber);
    expect(numbers.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(doc.getPageCount()).toBe(2);
  });
});
