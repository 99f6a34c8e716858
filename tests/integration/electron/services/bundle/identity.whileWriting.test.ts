/**
 * The fingerprint read while the bundle is written (pdf/read/writtenPages.ts, FingerprintWhileWriting in
 * bundle/identity.ts) must be the one reading the finished file gives, however the documents are shared
 * between the reader's thread and the engine's, and must use what the reader's thread read: a pre-image
 * changed on purpose changes exactly its page's digest, and one that does not match the finished page
 * object is not used.
 */
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderBundle } from '../../../../../electron/services/bundle/engine';
import {
  readContentFingerprint,
  type PageDigestHelper,
} from '../../../../../electron/services/bundle/identity';
import type { WrittenPagesSession } from '../../../../../electron/services/pdf/read/text';
import { PageTextReader } from '../../../../../electron/services/pdf/read/text';
import {
  UNCLAIMED,
  WrittenPageReader,
  type WrittenPagePreImage,
} from '../../../../../electron/services/pdf/read/writtenPages';
import { planBundle } from '../../../../../shared/bundle/plan';
import type { BundlePlan, PlanDocument } from '../../../../../shared/bundle/types';
import { SEND_PACK } from '../../../../../shared/rules/index';
import { makeTextPdf } from '../../../../helpers/seed';
import { makeScannedPdf } from '../../../../helpers/scans';
import { layeredPdf } from '../../../../helpers/layers';
import { planCase, planOptions } from '../../../../helpers/plan';

const dir = mkdtempSync(join(tmpdir(), 'fingerprint-writing-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let plan: BundlePlan;
const paths = new Map<number, string>();

beforeAll(async () => {
  const sources: [string, Uint8Array][] = [
    ['Appeal form', await makeTextPdf('Appeal form', 3)],
    ['Decision letter', await makeTextPdf('Decision letter', 2, { rotate: 90 })],
    [
      'Scanned report',
      await makeScannedPdf([
        { dpi: 40, seed: 3 },
        { dpi: 40, seed: 4 },
      ]),
    ],
    ['Letter (US size)', await makeTextPdf('Letter', 2, { size: [612, 792] })],
    ['EHC plan', await makeTextPdf('EHC plan', 4)],
    ['Landscape table', await makeTextPdf('Table', 1, { size: [841.89, 595.28] })],
  ];
  const documents: PlanDocument[] = sources.map(([title, bytes], i) => {
    const path = join(dir, `source-${i}.pdf`);
    writeFileSync(path, bytes);
    paths.set(i + 1, path);
    return {
      id: i + 1,
      section: ['A', 'A', 'B', 'C', 'D', 'D'][i],
      title,
      documentDate: '2026-01-15',
      kind: 'other',
      pageCount: [3, 2, 2, 2, 4, 1][i],
      sha256: createHash('sha256').update(bytes).digest('hex'),
      pageSizes: [],
      pagesWithoutText: [],
      included: true,
    };
  });
  plan = planBundle(
    {
      pack: SEND_PACK,
      witnesses: [],
      documents,
      planCase: planCase({
        title: 'Fingerprint case',
        childName: 'Sam Example',
        laName: 'Example Council',
      }),
    },
    planOptions({ numbering: 'section', dividers: true, compiledDate: '2026-03-01' }),
  );
}, 60_000);

/**
 * A helper that reads written pages in this thread: documents before `readFirst` at once, as they are
 * written; the others only once the engine's thread has claimed them (so it digests them itself).
 * `change` may alter what was read before the engine gets it.
 */
function inThisThread(
  readFirst: number,
  change?: (preImages: (WrittenPagePreImage | null)[]) => void,
): PageDigestHelper & { preImagesRead: () => number; nextFileBytes: () => number | undefined } {
  let read = 0;
  let nextFileBytes: number | undefined;
  return {
    digest: () => Promise.reject(new Error('not used')),
    preImagesRead: () => read,
    nextFileBytes: () => nextFileBytes,
    writtenPages(path: string, documentCount: number): WrittenPagesSession {
      const claims = new Int32Array(new SharedArrayBuffer(4 * documentCount));
      const reader = new WrittenPageReader(path, claims);
      const answer = (document: Parameters<WrittenPagesSession['send']>[0]) => {
        const preImages = reader.read(document);
        if (preImages) {
          change?.(preImages);
          read += preImages.filter(Boolean).length;
        }
        return preImages;
      };
      return {
        claims,
        send: (document) => {
          if (document.index < readFirst) return Promise.resolve(answer(document));
          return new Promise((resolve) => {
            const wait = () =>
              Atomics.load(claims, document.index) === UNCLAIMED
                ? setImmediate(wait)
                : resolve(answer(document));
            wait();
          });
        },
        end: async (bytes) => {
          nextFileBytes = bytes;
          reader.close();
        },
      };
    },
  };
}

let built = 0;
async function build(helper: PageDigestHelper) {
  const path = join(dir, `bundle-${built++}.pdf`);
  const fd = openSync(path, 'w');
  try {
    const identity = await renderBundle(
      plan,
      (d) => paths.get(d.documentId)!,
      {
        write: (chunk) => {
          for (let off = 0; off < chunk.length;) off += writeSync(fd, chunk, off, chunk.length - off);
        },
        readBack: () => ({ path }),
      },
      { digestHelper: helper },
    );
    return { identity, whole: readContentFingerprint({ path }), path };
  } finally {
    closeSync(fd);
  }
}

/** A plan of a text document and a document with layers, one hidden, from files in `dir`. */
async function layeredPlan(): Promise<{ plan: BundlePlan; paths: Map<number, string> }> {
  const files = [await makeTextPdf('Letter', 2), await layeredPdf()];
  const layeredPaths = new Map<number, string>();
  const documents: PlanDocument[] = files.map((bytes, i) => {
    const path = join(dir, `layered-source-${i}.pdf`);
    writeFileSync(path, bytes);
    layeredPaths.set(i + 1, path);
    return {
      id: i + 1,
      section: 'D',
      title: i === 0 ? 'Letter' : 'EP report',
      documentDate: '2026-01-15',
      kind: 'other',
      pageCount: i === 0 ? 2 : 1,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      pageSizes: [],
      pagesWithoutText: [],
      included: true,
    };
  });
  const layeredBundle = planBundle(
    { pack: SEND_PACK, witnesses: [], documents, planCase: planCase() },
    planOptions(),
  );
  return { plan: layeredBundle, paths: layeredPaths };
}

describe('the fingerprint read while the bundle is written', () => {
  it('is the finished file’s, whichever thread reads each document', async () => {
    const documents = plan.documents.length;
    const coverAndIndex = 1 + plan.index.length;
    for (const readFirst of [documents, 0, 3]) {
      const helper = inThisThread(readFirst);
      const { identity, whole } = await build(helper);
      expect(identity.pageDigests).toEqual(whole.pageDigests);
      expect(identity.fingerprint).toBe(whole.fingerprint);
      const documentPages = plan.documents.slice(0, readFirst).reduce((n, d) => n + d.pageCount, 0);
      // Every page of a document read as it was written has a pre-image (the cover, index and
      // dividers are read at the end).
      expect(helper.preImagesRead()).toBe(documentPages);
      expect(plan.pageCount).toBeGreaterThan(documentPages + coverAndIndex);
    }
  });

  it('tells the helper, as it ends, a size the finished file fits in (pdf.js reads it next there)', async () => {
    const helper = inThisThread(plan.documents.length);
    const { identity, path } = await build(helper);
    const finished = statSync(path).size;
    // The identity update (the cover and index again) comes after the fingerprint: the file grew.
    expect(finished).toBeGreaterThan(identity.fileBytes);
    expect(helper.nextFileBytes()).toBeGreaterThanOrEqual(finished);
    expect(helper.nextFileBytes()).toBeLessThan(finished + 8 * 1024 * 1024);
  });

  it('uses the pre-images read, and only those that match the finished page objects', async () => {
    const { whole } = await build(inThisThread(plan.documents.length));
    // The second document's first page, changed after it was read: only its digest changes.
    let changedPage: number | null = null;
    const changed = await build(
      inThisThread(plan.documents.length, (preImages) => {
        const first = preImages[0];
        if (changedPage !== null || !first || preImages.length !== 2) return;
        first.parts.push(' ');
        changedPage = plan.documents[1].firstPage;
      }),
    );
    expect(changedPage).not.toBeNull();
    const differing = changed.identity.pageDigests.flatMap((d, i) => (d === whole.pageDigests[i] ? [] : [i]));
    expect(differing).toEqual([changedPage]);
    // A pre-image that says it was read from elsewhere in the file is not used: the page is read again.
    const misplaced = await build(
      inThisThread(plan.documents.length, (preImages) => {
        for (const preImage of preImages) if (preImage) preImage.offset += 1;
        preImages[0]!.parts.push(' ');
      }),
    );
    expect(misplaced.identity.pageDigests).toEqual(whole.pageDigests);
  });

  it.skipIf(!existsSync('/proc/self/fd'))(
    'lets the file go in the worker thread when the reader is closed, even if the build never ended',
    async () => {
      const openFiles = () =>
        readdirSync('/proc/self/fd').flatMap((fd) => {
          try {
            return [readlinkSync(`/proc/self/fd/${fd}`)];
          } catch {
            return [];
          }
        });
      const path = paths.get(1)!;
      const reader = PageTextReader.start();
      try {
        const session = reader.writtenPages(path, 1);
        expect(session).not.toBeNull();
        // The worker opens the file for the first document it is sent (none of its pages asked for).
        await session!.send({ index: 0, length: statSync(path).size, objects: [], pages: [] });
        expect(openFiles()).toContain(path);
      } finally {
        // No end() asked, as when a build stops part-way: stopping the thread lets go of its files.
        await reader.close();
      }
      expect(openFiles()).not.toContain(path);
    },
  );

  it('is the finished file’s with the reader in its worker thread, however far it has got', async () => {
    const reader = PageTextReader.start();
    try {
      const { identity, whole } = await build(reader);
      expect(identity.pageDigests).toEqual(whole.pageDigests);
    } finally {
      await reader.close();
    }
  });

  it('leaves a page with a layer to the finished file, whose catalog says whether the layer is hidden', async () => {
    const layered = await layeredPlan();
    const helper = inThisThread(layered.plan.documents.length);
    const path = join(dir, 'layered-bundle.pdf');
    const fd = openSync(path, 'w');
    let identity;
    try {
      identity = await renderBundle(
        layered.plan,
        (d) => layered.paths.get(d.documentId)!,
        {
          write: (chunk) => {
            for (let off = 0; off < chunk.length;) off += writeSync(fd, chunk, off, chunk.length - off);
          },
          readBack: () => ({ path }),
        },
        { digestHelper: helper },
      );
    } finally {
      closeSync(fd);
    }
    // Read as they were written: the letter's two pages; not the page with layers.
    expect(helper.preImagesRead()).toBe(2);
    expect(identity.pageDigests).toEqual(readContentFingerprint({ path }).pageDigests);
  });
});
