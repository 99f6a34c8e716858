/**
 * The supplementary pack as a PDF: its own cover and instruction sheet (numbered "Supp. 1", "Supp. 2"…),
 * then the new and changed pages copied unchanged from the new version's file, with their bundle numbers
 * (page labels equal to the stamps they already carry) and a bookmark for each instruction. Verified like a
 * bundle: page count, labels, stamps, bookmarks, and every copied page read back as the very page of the
 * new version (same content digest).
 */
import { readFileSync } from 'node:fs';
import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFPage, type PDFRef } from '@cantoo/pdf-lib';
import { identityLine } from '../../../shared/bundle/identity';
import { formatRange } from '../../../shared/bundle/format';
import type { SupplementDetails } from '../../../shared/bundle/delivery';
import { supplementFrontLabel, type SupplementPlan } from '../../../shared/bundle/supplement';
import type {
  Bookmark,
  BundlePlan,
  VerificationCheck,
  VerificationResult,
} from '../../../shared/bundle/types';
import { PdfFile, type OutlineItem } from '../pdf/read';
import { PageDigester } from '../pdf/read/digest';
import { StampReader } from '../pdf/read/stamps';
import { PageTextReader } from '../pdf/read/text';
import { LOAD_OPTIONS } from './engine';
import { embedBundleFont } from './fonts';
import { carryLayers } from './optionalContent';
import { copySomePages } from './pageCopier';
import { SheetWriter } from './sheets';
import { stampPage } from './stamp';
import { writePdfStreaming, type ByteSink } from './streamWriter';
import { addOutline, addPageLabels } from './structure';

export interface SupplementInput {
  pack: SupplementPlan;
  /** The new version's plan and file (the pages are copied from it). */
  to: BundlePlan;
  toPath: string;
  fromFingerprint: string | null;
  toFingerprint: string | null;
  caseTitle: string;
}

const pl = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The pack's cover and instructions, drawn by `w` (or only counted, by a dry-run writer). */
function writeFront(w: SheetWriter, input: SupplementInput, frontPages: number): void {
  const { pack, to } = input;
  const version = (v: number, fp: string | null) => `version ${v}${fp ? ` (Bundle ${fp})` : ''}`;
  w.title('Supplementary pack');
  w.paragraph(`${to.cover.tribunal}. ${to.cover.appealType}.`, { grey: true });
  w.rule();
  for (const row of to.cover.rows.filter((r) =>
    /appellant|claimant|child|local authority|responsible body|tribunal reference|hearing date/i.test(
      r.label,
    ),
  ))
    w.row(row.label, row.value);
  w.row('Updates', `hearing bundle ${version(pack.fromVersion, input.fromFingerprint)}`);
  w.row('To make', `${version(pack.toVersion, input.toFingerprint)}, ${pl(pack.toPageCount, 'page')}`);
  w.row(
    'In this pack',
    `${pl(frontPages + pack.pages.length, 'page')}: this cover, ${frontPages - 1 === 1 ? 'an instruction sheet' : `${frontPages - 1} instruction sheets`}, and ${pl(pack.pages.length, 'page')} of version ${pack.toVersion} (${describeLabels(pack.labels)})`,
  );
  w.rule();
  w.paragraph(
    `The pages of version ${pack.toVersion} that are new or have changed since version ${pack.fromVersion} was sent. ` +
      `Every other page of version ${pack.fromVersion} is unchanged and keeps its number. The pages in this pack carry ` +
      'their bundle page numbers in the bottom-right corner, as in the bundle.',
    { size: 10, grey: true },
  );

  w.newPage();
  w.title(`What to do with your copy of version ${pack.fromVersion}`, 18);
  w.paragraph(
    `Follow these steps in order. The pages named are the bundle page numbers printed in the bottom-right corner.`,
    { gap: 10 },
  );
  pack.steps.forEach((step, i) => w.paragraph(step.text, { hanging: `${i + 1}.`, indent: 22, gap: 8 }));
  w.space(6);
  w.paragraph(
    `Your copy is then version ${pack.toVersion}: ${pl(pack.toPageCount, 'page')}` +
      (input.toFingerprint
        ? `, its cover and index reading "${identityLine(input.toFingerprint, pack.toVersion, pack.toPageCount)}".`
        : '.'),
    { gap: 10 },
  );
  w.paragraph(
    'To make sure, compare your copy with the whole of the new version (the app does it: Check a bundle, Compare two bundles).',
    { size: 10, grey: true },
  );
  w.finish();
}

/** "i–ii, C12a–C12b": runs of the pack's bundle numbers. */
function describeLabels(labels: string[]): string {
  return labels.length === 0
    ? 'none'
    : labels.length <= 2
      ? labels.join(', ')
      : formatRange(labels[0], labels[labels.length - 1]);
}

/** The pack's bookmarks: its cover, the instructions, then each step's pages. */
function bookmarksOf(pack: SupplementPlan, frontPages: number): Bookmark[] {
  const at = new Map(pack.labels.map((l, i) => [l, frontPages + i]));
  return [
    { title: 'Cover of this supplementary pack', page: 0, children: [] },
    { title: 'Instructions', page: 1, children: [] },
    ...pack.steps
      .filter((s) => s.kind !== 'remove')
      .map((s) => ({ title: s.bookmark, page: at.get(s.labels[0])!, children: [] })),
  ];
}

/** Link annotations point at pages of the bundle that are not in the pack: copying them would copy those. */
export function dropLinks(page: PDFPage): void {
  const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
  if (!annots) return;
  const kept = annots.asArray().filter((a) => {
    const dict = page.doc.context.lookupMaybe(a, PDFDict);
    return dict?.get(PDFName.of('Subtype')) !== PDFName.of('Link');
  });
  if (kept.length === 0) page.node.delete(PDFName.of('Annots'));
  else page.node.set(PDFName.of('Annots'), page.doc.context.obj(kept));
}

interface RenderedSupplement {
  bytes: number;
  frontPages: number;
  labels: string[];
  bookmarks: Bookmark[];
}

export async function renderSupplement(input: SupplementInput, sink: ByteSink): Promise<RenderedSupplement> {
  const { pack } = input;
  const dry = new SheetWriter();
  writeFront(dry, input, 2);
  const frontPages = dry.pageCount;

  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await embedBundleFont(doc, input);
  const sheets = new SheetWriter(doc, font);
  writeFront(sheets, input, frontPages);
  if (sheets.pages.length !== frontPages) throw new Error('The pack front pages did not lay out as counted.');
  const labels = [...sheets.pages.map((_, i) => supplementFrontLabel(i + 1)), ...pack.labels];
  sheets.pages.forEach((page, i) => stampPage(doc, page, labels[i], font));

  const source = await PDFDocument.load(readFileSync(input.toPath), LOAD_OPTIONS);
  for (const index of pack.pages) dropLinks(source.getPage(index));
  const copied = copySomePages(doc, source, pack.pages);
  for (const page of copied.pages) doc.addPage(page);
  carryLayers(doc, source, copied.copyOf);

  const refs: PDFRef[] = doc.getPages().map((p) => p.ref);
  const bookmarks = bookmarksOf(pack, frontPages);
  addPageLabels(doc, labels);
  addOutline(doc, bookmarks, refs);
  const date = new Date(`${input.to.compiledDate}T00:00:00Z`);
  doc.setTitle(
    `Supplementary pack: ${input.caseTitle}, bundle version ${pack.fromVersion} to ${pack.toVersion}`,
    {
      showInWindowTitleBar: true,
    },
  );
  doc.setSubject(
    `The pages of hearing bundle version ${pack.toVersion} that are new or changed since version ${pack.fromVersion}, with instructions.`,
  );
  doc.setKeywords(['supplementary pack', ...(input.toFingerprint ? [`Bundle ${input.toFingerprint}`] : [])]);
  doc.setProducer('SEND Bundle Builder (pdf-lib)');
  doc.setCreator('SEND Bundle Builder');
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  doc.setLanguage('en-GB');
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
  await doc.flush();
  const bytes = await writePdfStreaming(doc, sink);
  return { bytes, frontPages, labels, bookmarks };
}

/** One line for the covering letter: what the pack holds, where it goes. */
function supplementSummary(pack: SupplementPlan): string {
  const parts = pack.steps.map((s) => {
    if (s.kind === 'insert')
      return `${s.labels.length === 1 ? 'page' : 'pages'} ${formatRange(s.labels[0], s.labels[s.labels.length - 1])} (${s.what}) to insert ${s.after ? `after page ${s.after}` : 'at the front'}`;
    if (s.kind === 'replace')
      return `${s.what} (${s.labels.length === 1 ? 'page' : 'pages'} ${formatRange(s.labels[0], s.labels[s.labels.length - 1])}) to replace ${s.replaces.length === 1 ? 'page' : 'pages'} ${formatRange(s.replaces[0], s.replaces[s.replaces.length - 1])}`;
    return `${s.replaces.length === 1 ? 'page' : 'pages'} ${formatRange(s.replaces[0], s.replaces[s.replaces.length - 1])} to take out`;
  });
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join('; ')}; and ${parts[parts.length - 1]}`;
}

function flatten(items: OutlineItem[]): OutlineItem[] {
  return items.flatMap((i) => [i, ...flatten(i.children)]);
}

/**
 * Reads the written pack back: page count, labels, stamps (our reader and pdf.js), bookmarks, and each
 * copied page's content digest against the same page of the new version's file.
 */
export async function verifySupplement(
  path: string,
  expected: { labels: string[]; bookmarks: Bookmark[]; pages: number[]; frontPages: number; toPath: string },
): Promise<VerificationResult> {
  const checks: VerificationCheck[] = [];
  const check = (name: VerificationCheck['name'], problems: string[]) =>
    checks.push({ name, ok: problems.length === 0, problems: problems.slice(0, 20) });
  const file = PdfFile.open({ path });
  const bundle = PdfFile.open({ path: expected.toPath });
  const text = PageTextReader.start();
  try {
    const count = file.pageCount;
    check(
      'page-count',
      count === expected.labels.length
        ? []
        : [`The pack has ${count} pages; it should have ${expected.labels.length}.`],
    );
    const labels = file.pageLabels() ?? [];
    check(
      'page-labels',
      expected.labels.flatMap((l, i) =>
        labels[i] === l ? [] : [`Page ${i + 1} is labelled "${labels[i] ?? ''}", not "${l}".`],
      ),
    );
    const stamps = new StampReader(file.reader);
    const read = (
      await text.read(
        { path },
        file.pages.map((p) => p.index + 1),
      )
    ).texts;
    const stampProblems: string[] = [];
    for (const page of file.pages) {
      const want = expected.labels[page.index];
      const stamp = stamps.read(page);
      if (stamp.text !== want)
        stampProblems.push(`Page ${page.index + 1} shows "${stamp.text ?? 'no number'}", not "${want}".`);
      const items = read.get(page.index + 1)?.items ?? [];
      if (!items.some((it) => it.text.trim() === want))
        stampProblems.push(`pdf.js does not read the number "${want}" on page ${page.index + 1}.`);
    }
    check('stamps', stampProblems);
    const outline = flatten(file.outline());
    const bookmarkProblems: string[] = [];
    if (outline.length !== expected.bookmarks.length)
      bookmarkProblems.push(
        `The pack has ${outline.length} bookmarks; it should have ${expected.bookmarks.length}.`,
      );
    expected.bookmarks.forEach((b, i) => {
      const found = outline[i];
      if (!found || found.title !== b.title || found.target.page !== b.page)
        bookmarkProblems.push(`The bookmark "${b.title}" is missing or goes to the wrong page.`);
    });
    check('bookmarks', bookmarkProblems);
    const mine = new PageDigester(file.reader);
    const theirs = new PageDigester(bundle.reader);
    const pageProblems: string[] = [];
    expected.pages.forEach((bundlePage, i) => {
      const packPage = file.pages[expected.frontPages + i];
      const original = bundle.pages[bundlePage];
      if (!packPage || !original || mine.page(packPage) !== theirs.page(original))
        pageProblems.push(
          `Page ${expected.labels[expected.frontPages + i]} of the pack is not the page of the new version.`,
        );
    });
    check('pages', pageProblems);
    return {
      ok: checks.every((c) => c.ok),
      pageCount: count,
      expectedPageCount: expected.labels.length,
      checks,
      textPagesRead: read.size,
    };
  } finally {
    file.close();
    bundle.close();
    await text.release();
  }
}

/** The record of a pack, as kept with the version it was made for. */
export function supplementDetails(
  pack: SupplementPlan,
  rendered: RenderedSupplement,
  fingerprints: { from: string | null; to: string | null },
): SupplementDetails {
  return {
    kind: 'supplement',
    fromVersion: pack.fromVersion,
    toVersion: pack.toVersion,
    fromFingerprint: fingerprints.from,
    toFingerprint: fingerprints.to,
    labels: pack.labels,
    frontPages: rendered.frontPages,
    steps: pack.steps,
    summary: supplementSummary(pack),
  };
}
