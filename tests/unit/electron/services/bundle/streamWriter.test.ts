import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, PDFName, StandardFonts, type PDFRef } from '@cantoo/pdf-lib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  IncrementalPdfWriter,
  writePdfStreaming,
} from '../../../../../electron/services/bundle/streamWriter';
import {
  isPatchGroupInstalled,
  setPatchGroupForTest,
} from '../../../../../electron/services/pdf/pdfLibPatches';
import { FIXTURES } from '../../../../helpers/context';

/** A document with text pages, a large raw image stream and pages copied from a file with object streams. */
async function sampleDocument(): Promise<PDFDocument> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < 3; i++) doc.addPage().drawText(`Page ${i + 1}`, { x: 50, y: 700, size: 20, font });
  // A 600×600 greyscale "scan" (raw bytes, not compressed), well over the writer's direct-write size.
  const pixels = new Uint8Array(600 * 600);
  let seed = 7;
  for (let i = 0; i < pixels.length; i++) pixels[i] = seed = (seed * 1103515245 + 12345) & 0xff;
  const image = doc.context.register(
    doc.context.stream(pixels, {
      Type: 'XObject',
      Subtype: 'Image',
      Width: 600,
      Height: 600,
      ColorSpace: 'DeviceGray',
      BitsPerComponent: 8,
    }),
  );
  const page = doc.addPage();
  page.node.setXObject(page.node.newXObjectKey('Im'), image);
  const source = await PDFDocument.load(
    readFileSync(join(FIXTURES, 'structure', 'pdflib-linearized_with_object_streams.pdf')),
    { parseSpeed: Infinity, updateMetadata: false },
  );
  for (const copied of await doc.copyPages(source, [0, 1, 2, 100])) doc.addPage(copied);
  await doc.flush();
  return doc;
}

async function streamed(doc: PDFDocument): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  await writePdfStreaming(doc, { write: (c) => chunks.push(new Uint8Array(c)) });
  return Buffer.concat(chunks);
}

// The vitest setup installs every patch, as each host does at start; tests take one group out to compare.
afterEach(() => {
  setPatchGroupForTest('write', true);
  setPatchGroupForTest('parse', true);
});

describe('bundle PDF writer', () => {
  it("writes exactly the bytes of pdf-lib's save(), with and without the block-copy patch", async () => {
    const doc = await sampleDocument();
    setPatchGroupForTest('write', false);
    expect(isPatchGroupInstalled('write')).toBe(false);
    const saveUnpatched = await doc.save({
      useObjectStreams: false,
      objectsPerTick: Infinity,
      addDefaultPage: false,
    });
    setPatchGroupForTest('write', true);
    expect(isPatchGroupInstalled('write')).toBe(true);
    const savePatched = await doc.save({
      useObjectStreams: false,
      objectsPerTick: Infinity,
      addDefaultPage: false,
    });
    // Last: streaming writes objects out and drops them from the document.
    const fromStream = await streamed(doc);
    expect(fromStream.length).toBeGreaterThan(360_000);
    expect(Buffer.compare(Buffer.from(savePatched), Buffer.from(saveUnpatched))).toBe(0);
    expect(Buffer.compare(Buffer.from(fromStream), Buffer.from(saveUnpatched))).toBe(0);
    // And the result is a PDF pdf-lib reads back with every page.
    expect((await PDFDocument.load(fromStream)).getPageCount()).toBe(8);
  });

  it('writes the same bytes as save() past every size its buffer grows through, and past the largest', async () => {
    // Its buffer starts small and grows to 4 MB. Here: 6 MB of streams under the direct-write size (the
    // buffer grows, then flushes when full), each with a dictionary written through the object path, and a
    // 5 MB dictionary-only object bigger than the buffer itself.
    const doc = await PDFDocument.create({ updateMetadata: false });
    const page = doc.addPage();
    for (let i = 0; i < 300; i++) {
      const contents = new Uint8Array(20_000 + i).fill(0x30 + (i % 10));
      const stream = doc.context.register(doc.context.stream(contents, { Index: i }));
      page.node.setXObject(page.node.newXObjectKey('S'), stream);
    }
    const big = doc.context.obj({ Filler: doc.context.obj(Array.from({ length: 700_000 }, (_, i) => i)) });
    page.node.set(PDFName.of('Big'), doc.context.register(big));
    await doc.flush();
    const saved = await doc.save({
      useObjectStreams: false,
      objectsPerTick: Infinity,
      addDefaultPage: false,
    });
    const sizes: number[] = [];
    const chunks: Uint8Array[] = [];
    await writePdfStreaming(doc, {
      write: (c) => {
        sizes.push(c.length);
        chunks.push(new Uint8Array(c));
      },
    });
    expect(saved.length).toBeGreaterThan(7_000_000);
    expect(Math.max(...sizes)).toBeGreaterThan(4 * 1024 * 1024);
    expect(Buffer.compare(Buffer.concat(chunks), Buffer.from(saved))).toBe(0);
  });

  it('gives the sink the file in several chunks for a big document', async () => {
    const doc = await sampleDocument();
    const sizes: number[] = [];
    await writePdfStreaming(doc, { write: (c) => sizes.push(c.length) });
    expect(sizes.length).toBeGreaterThan(2);
  });

  it('parses sources without copying their streams and still writes the same bytes', async () => {
    setPatchGroupForTest('parse', false);
    const copying = await streamed(await sampleDocument());
    setPatchGroupForTest('parse', true);
    expect(isPatchGroupInstalled('parse')).toBe(true);
    const viewing = await streamed(await sampleDocument());
    expect(Buffer.compare(Buffer.from(copying), Buffer.from(viewing))).toBe(0);
  });
});

describe('writing as the engine does, after each source document', () => {
  it('looks only at the objects put in since the last time, and writes every one once, in order', async () => {
    const doc = await PDFDocument.create({ updateMetadata: false });
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const chunks: Uint8Array[] = [];
    const writer = new IncrementalPdfWriter(doc, { write: (c) => chunks.push(new Uint8Array(c)) });
    const root = doc.catalog.get(PDFName.of('Pages')) as PDFRef;
    // Kept until the end, as the engine keeps the page tree; one kept for a while, then let go.
    const note = doc.context.register(doc.context.obj({ Note: 'kept for a while' }));
    const keep = new Set([root, doc.context.trailerInfo.Root as PDFRef, note]);
    const enumerate = vi.spyOn(doc.context, 'enumerateIndirectObjects');
    for (let i = 1; i <= 300; i++) {
      doc.addPage().drawText(`Page ${i}`, { x: 50, y: 700, size: 20, font });
      await doc.flush();
      if (i === 150) keep.delete(note);
      writer.writeAllExcept(keep);
    }
    // Before, each call sorted every object of the document (pages written stay in it): a step for each.
    expect(enumerate).not.toHaveBeenCalled();
    writer.finish();
    const bytes = Buffer.concat(chunks);
    const objects = [...bytes.toString('latin1').matchAll(/\n(\d+) 0 obj\n/g)].map(([, n]) => Number(n));
    expect(new Set(objects).size).toBe(objects.length);
    expect(objects).toContain(note.objectNumber);
    expect(objects.length).toBe(doc.context.largestObjectNumber);
    const read = await PDFDocument.load(bytes);
    expect(read.getPageCount()).toBe(300);
    expect(read.context.lookup(note)).toBeDefined();
  });
});
