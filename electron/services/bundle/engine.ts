/**
 * The bundle engine: plan in, PDF bytes out (to a sink, in chunks). Steps, in order: reserve the cover and
 * index pages; for each document, load it once, copy all its pages in one call, stamp them and let the
 * source go; draw the cover, index and dividers (numbers are final by then); add page labels, outline,
 * index links and document info; stream the file out. Nothing here reads the clock or a random source,
 * so the same plan and the same files give the same bytes.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { PDFDict, PDFDocument, PDFName, type PDFPage, type PDFRef } from '@cantoo/pdf-lib';
import { ApiError } from '../../../shared/api/errors';
import { A4 } from '../../../shared/bundle/indexLayout';
import { describeBlocking } from '../../../shared/bundle/buildFailure';
import { PAGE_SETTING_DEFAULTS } from '../../../shared/bundle/settings';
import type { BundlePlan, PlannedDocument } from '../../../shared/bundle/types';
import { IDENTITY_ALPHABET } from '../../../shared/bundle/identity';
import { embedBundleFont } from './fonts';
import { fontText } from './text';
import {
  FingerprintWhileWriting,
  identityUpdate,
  readContentFingerprintShared,
  type ContentFingerprint,
  type PageDigestHelper,
} from './identity';
import { drawCover, drawDivider, drawIndexPage } from './frontMatter';
import { stampPage } from './stamp';
import { appendPagesWithoutWalking } from '../pdf/pdfLibPatches';
import { storageFault } from '../storageFaults';
import { IncrementalPdfWriter, type ByteSink } from './streamWriter';
import type { PdfInput } from '../pdf/read';
import { addSourcePages, finishSourcePage, type PreparedDocument } from './sourcePages';
import { BundleLayers } from './optionalContent';
import { addIndexLinks, addOutline, addPageLabels, setDocumentInfo, withSourceBookmarks } from './structure';

export interface EngineOptions {
  onProgress?: (event: { message: string; done: number; total: number }) => void;
  signal?: AbortSignal;
  /** A second thread that digests part of the pages for the fingerprint (the verifier's reader worker). */
  digestHelper?: PageDigestHelper;
}

/** Where the engine reads each document's PDF from (the store, or a bench corpus). */
export type SourceOf = (doc: PlannedDocument) => string;

export const LOAD_OPTIONS = { parseSpeed: Infinity, updateMetadata: false } as const;

function checkCancelled(signal?: AbortSignal): void {
  if (signal?.aborted) throw new ApiError('cancelled', 'Building the bundle was stopped. Nothing was saved.');
}

/** The file identifier: a hash of the plan (which names every source file by its SHA-256). */
export function fileIdFor(plan: BundlePlan): string {
  return createHash('sha256').update(JSON.stringify(plan)).digest('hex').slice(0, 32).toUpperCase();
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Documents read ahead of the one being copied: reading overlaps parsing and copying. One is enough (a
 * file is read in a few milliseconds once its buffer's memory is in use), and each more costs a buffer the
 * size of the largest file: with two, a verified build of the bench case used 0.2 s more CPU (0.15 s of it
 * in the kernel) and took 0.13 s longer (docs/performance.md).
 */
const READ_AHEAD = 1;

/**
 * Read buffers reused from document to document. Each document's objects are written out (and dropped)
 * before the next one is parsed, and the parser's streams are views of these buffers, so by the time a
 * buffer comes round again nothing refers to its old contents. Reusing them spares the allocation, page
 * faults and garbage collection of a fresh buffer per file (a quarter of the build's time on scans).
 * Reads go in as few calls as possible on libuv's thread pool (readFile() goes in 512 KB steps).
 *
 * Each buffer is made the size of the largest file from the start. One grown document by document was
 * made again each time a larger file came round, and every page of a new buffer costs a page fault as it
 * is first read into (about 2.4 µs each here): a build of the bench corpus took 7,000 fewer of them.
 */
export class ReadBuffers {
  private readonly buffers: Buffer[] = [];
  private readonly slots = READ_AHEAD + 2;

  /** `largest`: the size of the largest file to be read (0 when not known: each buffer then grows). */
  constructor(private readonly largest = 0) {}

  async read(index: number, path: string): Promise<Uint8Array> {
    const file = await open(path, 'r');
    try {
      const { size } = await file.stat();
      const slot = index % this.slots;
      if (!this.buffers[slot] || this.buffers[slot].length < size)
        this.buffers[slot] = Buffer.allocUnsafeSlow(Math.max(size, this.largest));
      const buffer = this.buffers[slot];
      let got = 0;
      while (got < size) {
        const { bytesRead } = await file.read(buffer, got, size - got, got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      return buffer.subarray(0, got);
    } finally {
      await file.close();
    }
  }
}

/** The size of the largest of `paths` that can be read now (a missing one is reported when it is read). */
export function largestFile(paths: string[]): number {
  let largest = 0;
  for (const path of paths) {
    try {
      largest = Math.max(largest, statSync(path).size);
    } catch {
      // Read, and reported, in its turn.
    }
  }
  return largest;
}

/** What the engine wrote: the file's size and the bundle's identity (its content fingerprint). */
export interface RenderedBundle extends ContentFingerprint {
  bytes: number;
}

/**
 * A sink that cannot be read back gets a copy kept in memory for the fingerprint pass (tests). A real copy:
 * a chunk can be a view of a read buffer that the next documents are read into, and a Buffer's slice() is
 * another view, not a copy.
 */
function readableSink(sink: ByteSink): { sink: ByteSink; readBack: () => PdfInput } {
  if (sink.readBack) return { sink, readBack: () => sink.readBack!() };
  const chunks: Uint8Array[] = [];
  return {
    sink: {
      write: (chunk) => {
        sink.write(chunk);
        chunks.push(new Uint8Array(chunk));
      },
    },
    readBack: () => ({ bytes: Buffer.concat(chunks) }),
  };
}

/**
 * A document the engine could not put in the bundle. Import checks every page the way the build prepares
 * it (documents/preflight.ts), so this is a bug: the message names the document by its tab and title, and
 * `details.documentIds` lets the bundle screen offer to build without it.
 */
export function documentFailed(entry: PlannedDocument, reason: string): ApiError {
  const blocking = [{ documentId: entry.documentId, tab: entry.tab, title: entry.title }];
  return new ApiError(
    'internal',
    `The bundle could not be made because of ${describeBlocking(blocking)} (${reason}). Nothing has changed. You can build the bundle without it, or remove it and add it again; please report this.`,
    { blockingDocuments: blocking },
  );
}

export async function renderBundle(
  plan: BundlePlan,
  sourceOf: SourceOf,
  output: ByteSink,
  options: EngineOptions = {},
): Promise<RenderedBundle> {
  const { signal } = options;
  const report = options.onProgress ?? (() => {});
  const total = plan.documents.length + 3;
  checkCancelled(signal);
  const { sink, readBack } = readableSink(output);

  const doc = await PDFDocument.create({ updateMetadata: false });
  // What is still to change stays in memory (the page tree's nodes among it); everything else is written as
  // soon as it is final.
  const keep = new Set<PDFRef>();
  appendPagesWithoutWalking(doc, (node) => keep.add(node));
  const font = await embedBundleFont(doc, plan);
  // The identity line is printed after the fingerprint is known: its letters are in the font subset from
  // the start, so printing it changes nothing the fingerprint covers.
  fontText(font).runs(IDENTITY_ALPHABET);
  const writer = new IncrementalPdfWriter(doc, sink);
  // Where the file can be read back as it is written, the helper's thread digests each document's pages
  // while the next ones are copied.
  const whileWriting = FingerprintWhileWriting.start(options.digestHelper, readBack(), plan.documents.length);
  try {
    for (const ref of [
      doc.context.trailerInfo.Root as PDFRef,
      doc.catalog.get(PDFName.of('Pages')) as PDFRef,
      font.ref,
    ])
      keep.add(ref);

    // Generated pages are added in plan order as we go, so the page tree matches plan.pages one to one.
    const pageRefs: PDFRef[] = [];
    const generated = new Map<number, PDFPage>();
    const addGenerated = (index: number) => {
      const page = doc.addPage(A4);
      generated.set(index, page);
      pageRefs[index] = page.ref;
      keep.add(page.ref);
      return page;
    };
    addGenerated(0);
    for (const indexPage of plan.index) addGenerated(indexPage.page);

    const docsByFirst = new Map(plan.documents.map((d) => [d.firstPage, d]));
    // Plans saved before page settings existed built pages as they were: rebuilding one must not change it.
    const pageSettings = plan.pageSettings ?? {
      ...PAGE_SETTING_DEFAULTS,
      normalisePages: false,
      sourceBookmarks: false,
    };
    const sourceOutlines = new Map<number, PreparedDocument>();
    const layers = new BundleLayers(doc);
    // Read the next document from disk while this one is parsed and copied (the read runs off the main thread).
    const buffers = new ReadBuffers(largestFile(plan.documents.map(sourceOf)));
    const reads = new Map<number, Promise<Uint8Array>>();
    const read = (index: number) => {
      const d = plan.documents[index];
      if (!d || reads.has(index)) return;
      const pending = buffers.read(index, sourceOf(d));
      pending.catch(() => {}); // Reported when awaited; a build stopped early must not leave an unhandled rejection.
      reads.set(index, pending);
    };
    let done = 0;
    let p = 1 + plan.index.length;
    while (p < plan.pages.length) {
      const planned = plan.pages[p];
      if (planned.kind === 'divider') {
        addGenerated(p);
        p++;
        continue;
      }
      const entry = docsByFirst.get(p);
      if (!entry) throw new Error(`Plan page ${p} (${planned.label}) is not the start of a document.`);
      checkCancelled(signal);
      report({ message: `Adding "${entry.title}"`, done, total });
      await tick();
      let source: PDFDocument;
      try {
        for (let ahead = 0; ahead <= READ_AHEAD; ahead++) read(done + ahead);
        const bytes = await reads.get(done)!;
        reads.delete(done);
        source = await PDFDocument.load(bytes, LOAD_OPTIONS);
      } catch (error) {
        throw documentFailed(entry, `its file could not be read: ${(error as Error).message}`);
      }
      const expectedPages = entry.filePageCount ?? entry.pageCount;
      if (source.getPageCount() !== expectedPages) {
        throw new ApiError(
          'conflict',
          `"${entry.title}" has ${source.getPageCount()} pages but the bundle plan expected ${expectedPages}. Refresh the plan and build again.`,
        );
      }
      let count: number;
      try {
        // One copy per source: fonts and images shared between its pages are copied once.
        const prepared = await addSourcePages(
          doc,
          source,
          pageSettings,
          { into: layers, label: `${entry.tab} ${entry.title}`.trim() },
          entry.keptPages?.map((page) => page - 1),
        );
        prepared.pages.forEach((page, i) => {
          pageRefs[p + i] = page.page.ref;
          finishSourcePage(doc, page, plan.pages[p + i].label, font);
        });
        if (prepared.bookmarks.length) sourceOutlines.set(entry.firstPage, prepared);
        count = prepared.pages.length;
        // These pages are final: write them (and all they use) now and let the source's bytes go.
        writer.writeAllExcept(keep);
        whileWriting?.documentWritten(
          p,
          prepared.pages.map(({ page }) => [page.ref.objectNumber, page.ref.generationNumber]),
          writer.takeWritten(),
        );
      } catch (error) {
        // A full or read-only disk is the computer's problem, not this document's: the callers turn it
        // into the storage refusal (storageFaults.ts).
        if (storageFault(error)) throw error;
        throw documentFailed(entry, (error as Error).message);
      }
      p += count;
      done++;
    }
    if (doc.getPageCount() !== plan.pageCount) {
      throw new Error(`Built ${doc.getPageCount()} pages where the plan has ${plan.pageCount}.`);
    }

    report({ message: 'Writing the cover, index and bookmarks', done, total });
    drawCover(doc, generated.get(0)!, font, plan);
    plan.index.forEach((indexPage, n) =>
      drawIndexPage(doc, generated.get(indexPage.page)!, font, plan, indexPage, n),
    );
    for (const section of plan.sections) {
      const page = generated.get(section.firstPage);
      if (plan.pages[section.firstPage].kind === 'divider' && page) drawDivider(doc, page, font, section);
    }
    for (const [index, page] of generated) stampPage(doc, page, plan.pages[index].label, font);

    addPageLabels(
      doc,
      plan.pages.map((page) => page.label),
    );
    addOutline(doc, withSourceBookmarks(doc, plan.bookmarks, sourceOutlines), pageRefs);
    addIndexLinks(doc, plan.index, pageRefs, generated);
    layers.write();
    setDocumentInfo(doc, plan, fileIdFor(plan), pageRefs[0]);
    await doc.flush();
    const infoRef = doc.context.trailerInfo.Info as PDFRef;
    const info = { ref: infoRef, dict: doc.context.lookup(infoRef, PDFDict) };
    done++;

    checkCancelled(signal);
    report({ message: 'Saving the bundle', done, total });
    writer.finish();
    done++;

    report({ message: "Reading the pages back for the bundle's fingerprint", done, total });
    await tick();
    const identity = whileWriting
      ? await whileWriting.finish({ signal })
      : await readContentFingerprintShared(readBack(), options.digestHelper, { signal });
    const bytes = writer.appendUpdate(
      identityUpdate(
        doc,
        font,
        {
          fingerprint: identity.fingerprint,
          digest: identity.digest,
          version: plan.version,
          pageCount: plan.pageCount,
          keywords: plan.metadata.keywords,
        },
        { cover: generated.get(0)!, index: plan.index.map((p) => generated.get(p.page)!) },
        info,
      ),
    );
    report({ message: 'Saved', done: total, total });
    return { bytes, ...identity };
  } catch (error) {
    // The helper's thread lets go of the file (the caller discards it).
    whileWriting?.abandon();
    throw error;
  }
}
