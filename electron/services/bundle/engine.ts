/**
 * The bundle engine: plan in, PDF bytes out (to a sink, in chunks). Steps, in order: reserve the cover and
 * index pages; for each document, load it once, copy all its pages in one call, stamp them and let the
 * source go; draw the cover, index and dividers (numbers are final by then); add page labels, outline,
 * index links and document info; stream the file out. Nothing here reads the clock or a random source,
 * so the same plan and the same files give the same bytes.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PDFDocument, type PDFPage, type PDFRef } from '@cantoo/pdf-lib';
import { ApiError } from '../../../shared/api/errors';
import { A4 } from '../../../shared/bundle/indexLayout';
import type { BundlePlan, PlannedDocument } from '../../../shared/bundle/types';
import { embedBundleFont } from './fonts';
import { drawCover, drawDivider, drawIndexPage } from './frontMatter';
import { stampPage } from './stamp';
import { installZeroCopyParse } from './streamPatch';
import { writePdfStreaming, type ByteSink } from './streamWriter';
import { addIndexLinks, addOutline, addPageLabels, setDocumentInfo } from './structure';

export interface EngineOptions {
  onProgress?: (event: { message: string; done: number; total: number }) => void;
  signal?: AbortSignal;
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

export async function renderBundle(
  plan: BundlePlan,
  sourceOf: SourceOf,
  sink: ByteSink,
  options: EngineOptions = {},
): Promise<{ bytes: number }> {
  const { signal } = options;
  const report = options.onProgress ?? (() => {});
  const total = plan.documents.length + 2;
  checkCancelled(signal);
  installZeroCopyParse();

  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await embedBundleFont(doc);

  // Generated pages are added in plan order as we go, so the page tree matches plan.pages one to one.
  const generated = new Map<number, PDFPage>();
  const addGenerated = (index: number) => {
    const page = doc.addPage(A4);
    generated.set(index, page);
    return page;
  };
  addGenerated(0);
  for (const indexPage of plan.index) addGenerated(indexPage.page);

  const docsByFirst = new Map(plan.documents.map((d) => [d.firstPage, d]));
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
      source = await PDFDocument.load(readFileSync(sourceOf(entry)), LOAD_OPTIONS);
    } catch (error) {
      throw new ApiError(
        'refused',
        `"${entry.title}" could not be read (${(error as Error).message}). Remove it and add it again.`,
      );
    }
    if (source.getPageCount() !== entry.pageCount) {
      throw new ApiError(
        'conflict',
        `"${entry.title}" has ${source.getPageCount()} pages but the bundle plan expected ${entry.pageCount}. Refresh the plan and build again.`,
      );
    }
    // One copy per source: fonts and images shared between its pages are copied once.
    const copied = await doc.copyPages(source, source.getPageIndices());
    for (let i = 0; i < copied.length; i++) {
      const page = doc.addPage(copied[i]);
      stampPage(doc, page, plan.pages[p + i].label, font);
    }
    p += copied.length;
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

  const pageRefs: PDFRef[] = doc.getPages().map((page) => page.ref);
  addPageLabels(
    doc,
    plan.pages.map((page) => page.label),
  );
  addOutline(doc, plan.bookmarks, pageRefs);
  addIndexLinks(doc, plan.index, pageRefs);
  setDocumentInfo(doc, plan, fileIdFor(plan));
  await doc.flush();
  done++;

  checkCancelled(signal);
  report({ message: 'Saving the bundle', done, total });
  const bytes = await writePdfStreaming(doc, sink, async () => {
    await tick();
    checkCancelled(signal);
  });
  report({ message: 'Saved', done: total, total });
  return { bytes };
}
