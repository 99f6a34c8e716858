/**
 * Engine-level checks that need no database: every source's bytes arrive intact in the bundle although
 * read buffers are reused from document to document and objects are written as soon as they are final.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDict, PDFDocument, PDFName, PDFRawStream } from '@cantoo/pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { renderBundle } from '../../../../../electron/services/bundle/engine';
import { planBundle } from '../../../../../shared/bundle/plan';
import type { PlanDocument } from '../../../../../shared/bundle/types';
import { SEND_PACK } from '../../../../../shared/rules/index';
import { planCase, planOptions } from '../../../../helpers/plan';

const dir = mkdtempSync(join(tmpdir(), 'bundle-engine-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A one-image-per-page "scan" whose pixels depend on the seed; sizes vary so buffers are reused unevenly. */
async function scan(seed: number, pages: number, side: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  for (let p = 0; p < pages; p++) {
    const pixels = new Uint8Array(side * side);
    let s = seed * 7919 + p;
    for (let i = 0; i < pixels.length; i++) pixels[i] = s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const image = doc.context.register(
      doc.context.stream(pixels, {
        Type: 'XObject',
        Subtype: 'Image',
        Width: side,
        Height: side,
        ColorSpace: 'DeviceGray',
        BitsPerComponent: 8,
      }),
    );
    const page = doc.addPage([400, 400]);
    const name = page.node.newXObject('Im', image);
    page.node.addContentStream(
      doc.context.register(doc.context.stream(`q 400 0 0 400 0 0 cm ${name.asString()} Do Q`)),
    );
  }
  return doc.save({ useObjectStreams: false });
}

/**
 * SHA-256 of every image stream, page by page, looking inside form XObjects (the bundle draws each
 * evidence page's own content as one form).
 */
async function imageHashes(bytes: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(bytes);
  const inResources = (resources: PDFDict | undefined): string[] => {
    const xobjects = resources && doc.context.lookup(resources.get(PDFName.of('XObject')));
    if (!(xobjects instanceof PDFDict)) return [];
    return xobjects.entries().flatMap(([, ref]) => {
      const stream = doc.context.lookup(ref) as PDFRawStream;
      if (stream.dict.get(PDFName.of('Subtype')) === PDFName.of('Form'))
        return inResources(doc.context.lookup(stream.dict.get(PDFName.of('Resources'))) as PDFDict);
      return [createHash('sha256').update(stream.contents).digest('hex')];
    });
  };
  return doc.getPages().flatMap((page) => inResources(page.node.Resources()));
}

describe('bundle engine', () => {
  it('copies every source image byte for byte, across reused read buffers', async () => {
    const sizes = [600, 200, 700, 100, 650, 300, 720, 150];
    const docs: (PlanDocument & { path: string; bytes: Uint8Array })[] = [];
    for (const [i, side] of sizes.entries()) {
      const bytes = await scan(i + 1, 1 + (i % 3), side);
      const path = join(dir, `scan-${i}.pdf`);
      writeFileSync(path, bytes);
      docs.push({
        id: i + 1,
        section: ['A', 'C', 'D'][i % 3],
        title: `Scan ${i + 1}`,
        documentDate: null,
        kind: 'other',
        pageCount: 1 + (i % 3),
        sha256: createHash('sha256').update(bytes).digest('hex'),
        pageSizes: Array.from({ length: 1 + (i % 3) }, () => ({ width: 400, height: 400, rotate: 0 })),
        pagesWithoutText: [],
        included: true,
        path,
        bytes,
      });
    }
    const plan = planBundle(
      {
        pack: SEND_PACK,
        witnesses: [],
        documents: docs,
        planCase: planCase({ title: 'Engine test' }),
      },
      planOptions(),
    );
    const chunks: Uint8Array[] = [];
    await renderBundle(plan, (d) => docs.find((x) => x.id === d.documentId)!.path, {
      write: (c) => chunks.push(new Uint8Array(c)),
    });
    const output = await imageHashes(Buffer.concat(chunks));
    // The bundle's images, in bundle order, are exactly the sources' images in plan order.
    const expected: string[] = [];
    for (const d of plan.documents)
      expected.push(...(await imageHashes(docs.find((x) => x.id === d.documentId)!.bytes)));
    expect(expected).toHaveLength(docs.reduce((n, d) => n + d.pageCount, 0));
    expect(output).toEqual(expected);
  });
});
