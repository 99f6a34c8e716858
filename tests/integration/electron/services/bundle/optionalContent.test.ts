/**
 * Layers (optional content) carried from the evidence into the bundle and its delivery parts: a layer its
 * author hid stays hidden, one shown stays shown, with each document's layers listed under its name.
 * Poppler's pdftotext honours layers as a reader shows them, so it is the independent judge here.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundleFileInfo } from '../../../../../shared/bundle/delivery';
import type { BundleVersion } from '../../../../../shared/bundle/types';
import { PdfFile } from '../../../../../electron/services/pdf/read';
import { readContentFingerprint } from '../../../../../electron/services/bundle/identity';
import { closeIdleWorkers } from '../../../../../electron/services/untrusted/runner';
import { tempServices } from '../../../../helpers/context';
import { makePng } from '../../../../helpers/images';
import { layeredPdf } from '../../../../helpers/layers';
import { makeTextPdf } from '../../../../helpers/seed';

const HAVE_POPPLER = spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).error === undefined;

/** A page of noise (about 120 KB, which does not compress): parts of 0.2 MB hold one or so. */
async function scan(seed: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  let state = seed;
  const noise = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state >>> 24;
  };
  const image = await doc.embedPng(makePng(200, 200, () => [noise(), noise(), noise()]));
  doc.addPage([595, 842]).drawImage(image, { x: 40, y: 200, width: 500, height: 500 });
  return doc.save();
}

const env = tempServices();
let version: BundleVersion;

beforeAll(async () => {
  const c = env.services.cases.create({
    title: 'Appeal for Sam Example',
    role: 'la',
    appealType: 'contents-of-plan',
    childName: 'Sam Example',
  });
  const inbox = join(env.dir, 'inbox');
  mkdirSync(inbox);
  const file = (name: string, bytes: Uint8Array) => {
    writeFileSync(join(inbox, name), bytes);
    return { name, path: join(inbox, name) };
  };
  await env.services.documents.import({
    caseId: c.id,
    section: 'B',
    files: [file('plan.pdf', await makeTextPdf('EHC plan', 2))],
  });
  await env.services.documents.import({
    caseId: c.id,
    section: 'D',
    files: [
      file('EP report.pdf', await layeredPdf()),
      file('scan one.pdf', await scan(1)),
      file('scan two.pdf', await scan(2)),
    ],
  });
  version = await env.services.bundle.build(c.id, { numbering: 'continuous', compiledDate: '2026-02-01' });
}, 120_000);

afterAll(async () => {
  await closeIdleWorkers();
  env.dispose();
});

async function layersOf(path: string) {
  const doc = await PDFDocument.load(readFileSync(path), { updateMetadata: false });
  const properties = doc.catalog.lookupMaybe(PDFName.of('OCProperties'), PDFDict);
  if (!properties) return null;
  const nameOf = (ref: PDFRef) =>
    doc.context.lookup(ref, PDFDict).lookup(PDFName.of('Name'), PDFString, PDFHexString).decodeText();
  const refs = (array: PDFArray | undefined) => (array ? (array.asArray() as PDFRef[]) : []);
  const config = properties.lookup(PDFName.of('D'), PDFDict);
  const order = config.lookup(PDFName.of('Order'), PDFArray);
  const describe = (value: unknown): unknown =>
    value instanceof PDFArray
      ? value.asArray().map(describe)
      : value instanceof PDFRef
        ? nameOf(value)
        : (value as PDFString | PDFHexString).decodeText();
  return {
    groups: refs(properties.lookup(PDFName.of('OCGs'), PDFArray)).map(nameOf),
    hidden: refs(config.lookupMaybe(PDFName.of('OFF'), PDFArray)).map(nameOf),
    baseState: config.lookupMaybe(PDFName.of('BaseState'), PDFName)?.asString() ?? '/ON',
    order: describe(order),
  };
}

let parts: BundleFileInfo[] | undefined;
/** Parts of 0.2 MB: the bundle's cover alone in part 1, the index and the layered report in part 2. */
async function smallParts(): Promise<BundleFileInfo[]> {
  parts ??= await env.services.bundle.parts(version.caseId, version.version, { sizeMb: 0.2 });
  return parts;
}

function pageText(path: string): string {
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
}

describe('layers in the evidence', () => {
  it('are in the bundle as their author set them: hidden ones hidden, listed under the document', async () => {
    expect(await layersOf(version.path)).toEqual({
      groups: ['Draft notes', 'Signature', 'Option B'],
      hidden: ['Draft notes', 'Option B'],
      baseState: '/ON',
      order: [['D1 EP report', 'Draft notes', 'Signature', ['Options', 'Option B']]],
    });
  });

  it('are in the fingerprint the bundle prints (hidden ones marked), as the finished file gives it', () => {
    // The build digests most pages as they are written, before the catalog with the layers' settings
    // is: a page with a layer is digested from the finished file instead.
    expect(readContentFingerprint({ path: version.path }).fingerprint).toBe(version.fingerprint);
  });

  it.runIf(HAVE_POPPLER)('show in the bundle only where the document showed them', () => {
    const text = pageText(version.path);
    expect(text).toContain('Base text of the report');
    expect(text).toContain('Signed by the educational psychologist');
    expect(text).not.toContain('DRAFT NOTE');
    expect(text).not.toContain('OPTION B');
  });

  it('are carried into the delivery part that holds the document, and no other', async () => {
    const parts = await smallParts();
    expect(parts.length).toBeGreaterThan(1);
    const withLayers: string[] = [];
    for (const part of parts) {
      const layers = await layersOf(part.path);
      if (!layers) continue;
      withLayers.push(part.path);
      expect(layers).toMatchObject({
        groups: ['Draft notes', 'Signature', 'Option B'],
        hidden: ['Draft notes', 'Option B'],
      });
      if (HAVE_POPPLER) {
        expect(pageText(part.path)).toContain('Signed by the educational psychologist');
        expect(pageText(part.path)).not.toContain('DRAFT NOTE');
      }
    }
    expect(withLayers).toHaveLength(1);
  });
});

describe('delivery parts of a small size', () => {
  it("put the index's bookmark in the part that holds the index", async () => {
    const parts = await smallParts();
    // It went in part 1, to a page past its end, and making the parts failed their check.
    const indexParts = parts.flatMap((part) => {
      const file = PdfFile.open({ path: part.path });
      try {
        const index = file.outline().find((item) => item.title === 'Index');
        return index
          ? [{ part: part.part, page: index.target.page, label: file.pageLabels()?.[index.target.page!] }]
          : [];
      } finally {
        file.reader.close();
      }
    });
    expect(indexParts).toEqual([{ part: 2, page: 1, label: 'ii' }]);
  });
});
