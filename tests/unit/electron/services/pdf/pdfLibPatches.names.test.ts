import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, PDFName } from '@cantoo/pdf-lib';
import { afterEach, describe, expect, it } from 'vitest';
import {
  isPatchGroupInstalled,
  setPatchGroupForTest,
} from '../../../../../electron/services/pdf/pdfLibPatches';
import { writePdfStreaming } from '../../../../../electron/services/bundle/streamWriter';
import { REPO_ROOT } from '../../../../helpers/repo';

// As tests/helpers/context.ts has it (not imported: that module loads every service).
const FIXTURES = join(REPO_ROOT, '..', 'shared', 'fixtures', 'pdfs');

// Sources whose names use #xx escapes (e.g. /Name#20With#20Spaces), as well as plain ones.
const SOURCES = ['valid/pdflib-normal.pdf', 'structure/qpdf-annotations-rotated-90.pdf'];

async function copiedAll(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  for (const file of SOURCES) {
    const source = await PDFDocument.load(readFileSync(join(FIXTURES, file)), {
      parseSpeed: Infinity,
      updateMetadata: false,
    });
    for (const page of await doc.copyPages(source, source.getPageIndices())) doc.addPage(page);
  }
  await doc.flush();
  const chunks: Uint8Array[] = [];
  await writePdfStreaming(doc, { write: (c) => chunks.push(new Uint8Array(c)) });
  return Buffer.concat(chunks);
}

afterEach(() => setPatchGroupForTest('parse', true));

describe('fast name parsing', () => {
  it('reads escaped and plain names exactly as pdf-lib does: same bytes out', async () => {
    const raw = readFileSync(join(FIXTURES, SOURCES[0]), 'latin1');
    expect(raw).toMatch(/\/[A-Za-z0-9]+#[0-9A-Fa-f]{2}/); // the fixture really has escaped names
    setPatchGroupForTest('parse', false);
    const slow = await copiedAll();
    setPatchGroupForTest('parse', true);
    const fast = await copiedAll();
    expect(Buffer.compare(Buffer.from(slow), Buffer.from(fast))).toBe(0);
  });

  it('decodes #xx escapes and gives the pooled PDFName instance', async () => {
    expect(isPatchGroupInstalled('parse')).toBe(true);
    const doc = await PDFDocument.load(readFileSync(join(FIXTURES, SOURCES[0])), { updateMetadata: false });
    const names = new Set<PDFName>();
    for (const [, object] of doc.context.enumerateIndirectObjects()) {
      const text = object.toString();
      for (const m of text.matchAll(/\/[^\s/<>[\]()]+/g)) names.add(PDFName.of(m[0].slice(1)));
    }
    expect(names.has(PDFName.of('Type'))).toBe(true);
    expect([...names].some((n) => n.decodeText().includes(' ') || n.asString().includes('#'))).toBe(true);
  });
});
