/**
 * Verification after every build: re-read the written file with an independent reader (pdf.js) and check
 * that what a judge would use agrees: the page count is the plan's; every page shows its number in the
 * bottom-right corner and its PDF page label is that same number; labels are unique; every bookmark and
 * every index link lands on the first page of its document, whose number is the one the index prints.
 * A bundle that fails is not recorded.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api';
import { formatRange } from '../../../shared/bundle/format';
import type { BundlePlan, VerificationCheck, VerificationResult } from '../../../shared/bundle/types';
import { pdfjs, readPageText } from '../pdf/pdfjs';

const MAX_PROBLEMS = 20;

/**
 * Opens a PDF file with pdf.js reading byte ranges from disk on demand, so verifying a 240 MB bundle does
 * not hold a second copy of it in memory (text and structure checks never touch most image data).
 */
export async function openPdfFile(
  path: string,
): Promise<{ doc: PDFDocumentProxy; close: () => Promise<void> }> {
  const lib = await pdfjs();
  const fd = openSync(path, 'r');
  const length = fstatSync(fd).size;
  const read = (begin: number, end: number) => {
    const chunk = new Uint8Array(end - begin);
    let got = 0;
    while (got < chunk.length) {
      const n = readSync(fd, chunk, got, chunk.length - got, begin + got);
      if (n === 0) break;
      got += n;
    }
    return chunk.subarray(0, got);
  };
  const initial = read(0, Math.min(length, 65536));
  const transport = new lib.PDFDataRangeTransport(length, initial);
  transport.requestDataRange = (begin: number, end: number) => {
    // Answer asynchronously, as a network transport would.
    setImmediate(() => transport.onDataRange(begin, read(begin, Math.min(end, length))));
  };
  const task = lib.getDocument({
    range: transport,
    length,
    disableAutoFetch: true,
    rangeChunkSize: 1 << 20,
    disableStream: true,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    stopAtErrors: false,
    verbosity: 0,
  });
  let doc: PDFDocumentProxy;
  try {
    doc = await task.promise;
  } catch (error) {
    closeSync(fd);
    await task.destroy().catch(() => {});
    throw error;
  }
  return {
    doc,
    close: async () => {
      await doc.destroy().catch(() => {});
      closeSync(fd);
    },
  };
}

interface OutlineNode {
  title: string;
  dest: string | unknown[] | null;
  items: OutlineNode[];
}

async function targetOf(
  doc: PDFDocumentProxy,
  dest: string | unknown[] | null | undefined,
): Promise<number | null> {
  let explicit = dest;
  if (typeof explicit === 'string') explicit = await doc.getDestination(explicit);
  if (!Array.isArray(explicit) || explicit.length === 0) return null;
  const ref = explicit[0];
  if (typeof ref === 'number') return ref;
  try {
    return await doc.getPageIndex(ref as Parameters<PDFDocumentProxy['getPageIndex']>[0]);
  } catch {
    return null;
  }
}

function check(name: VerificationCheck['name'], problems: string[]): VerificationCheck {
  return { name, ok: problems.length === 0, problems: problems.slice(0, MAX_PROBLEMS) };
}

/** The stamp is the item equal to the label in the bottom-right corner of the displayed page. */
function stampFound(text: Awaited<ReturnType<typeof readPageText>>, label: string): boolean {
  return text.items.some(
    (item) =>
      item.text.trim() === label &&
      item.x >= text.width * 0.5 &&
      item.x + item.width <= text.width + 1 &&
      item.y >= 0 &&
      item.y <= Math.min(45, text.height * 0.25),
  );
}

export async function verifyBundle(
  path: string,
  plan: BundlePlan,
  options: { signal?: AbortSignal; onPage?: (done: number, total: number) => void } = {},
): Promise<VerificationResult> {
  const { doc, close } = await openPdfFile(path);
  try {
    const checks: VerificationCheck[] = [];
    const pageCount = doc.numPages;
    checks.push(
      check(
        'page-count',
        pageCount === plan.pageCount
          ? []
          : [`The file has ${pageCount} pages; the plan has ${plan.pageCount}.`],
      ),
    );

    // Page labels: present, equal to the plan, unique (so "go to page" is unambiguous).
    const labels = (await doc.getPageLabels()) ?? [];
    const labelProblems: string[] = [];
    if (labels.length !== pageCount) labelProblems.push('The file has no page labels for every page.');
    const seen = new Map<string, number>();
    labels.forEach((label, i) => {
      if (plan.pages[i] && label !== plan.pages[i].label)
        labelProblems.push(`Page ${i + 1} is labelled "${label}" but should be "${plan.pages[i].label}".`);
      if (seen.has(label))
        labelProblems.push(`The label "${label}" is used on pages ${seen.get(label)! + 1} and ${i + 1}.`);
      seen.set(label, i);
    });
    checks.push(check('page-labels', labelProblems));

    // Stamps: every page shows its label in its bottom-right corner.
    const stampProblems: string[] = [];
    const indexText = new Map<number, string[]>();
    const indexPages = new Set(plan.index.map((p) => p.page));
    for (let i = 0; i < pageCount; i++) {
      if (options.signal?.aborted) throw new Error('cancelled');
      const text = await readPageText(doc, i + 1);
      const expected = labels[i] ?? plan.pages[i]?.label;
      if (!expected || !stampFound(text, expected))
        stampProblems.push(
          `Page ${i + 1} does not show its number "${expected ?? '?'}" in the bottom-right corner.`,
        );
      if (indexPages.has(i))
        indexText.set(
          i,
          text.items.map((it) => it.text.trim()),
        );
      options.onPage?.(i + 1, pageCount);
    }
    checks.push(check('stamps', stampProblems));

    const labelAt = (page: number | null) => (page === null ? undefined : (labels[page] ?? undefined));

    // Bookmarks: one per section and per document, each landing on the right page.
    const outline = ((await doc.getOutline()) ?? []) as OutlineNode[];
    const bookmarkProblems: string[] = [];
    const byTitle = new Map<string, OutlineNode[]>();
    const walk = (nodes: OutlineNode[]) =>
      nodes.forEach((n) => {
        byTitle.set(n.title, [...(byTitle.get(n.title) ?? []), n]);
        walk(n.items ?? []);
      });
    walk(outline);
    const wanted = plan.bookmarks.flatMap((b) => [b, ...b.children]);
    for (const b of wanted) {
      const node = byTitle.get(b.title)?.shift();
      if (!node) {
        bookmarkProblems.push(`The bookmark "${b.title}" is missing.`);
        continue;
      }
      const target = await targetOf(doc, node.dest);
      if (target !== b.page)
        bookmarkProblems.push(
          `The bookmark "${b.title}" goes to page ${labelAt(target) ?? '?'} instead of ${plan.pages[b.page]?.label}.`,
        );
    }
    // Independently of the plan's bookmark list: the file's section bookmarks, in order, must land on
    // each section's start, and their children on the first page of each of its documents.
    const sectionNodes = outline.filter((n) => /^Section /.test(n.title));
    if (sectionNodes.length !== plan.sections.length)
      bookmarkProblems.push(
        `The bundle has ${sectionNodes.length} section bookmarks for ${plan.sections.length} sections.`,
      );
    for (const [i, section] of plan.sections.entries()) {
      const node = sectionNodes[i];
      if (!node) continue;
      if ((await targetOf(doc, node.dest)) !== section.firstPage)
        bookmarkProblems.push(
          `The bookmark for section ${section.letter} does not go to the start of the section.`,
        );
      const docs = plan.documents.filter((d) => d.section === section.letter);
      const children = node.items ?? [];
      if (children.length !== docs.length)
        bookmarkProblems.push(
          `Section ${section.letter} has ${children.length} document bookmarks for ${docs.length} documents.`,
        );
      for (const [j, d] of docs.entries()) {
        const child = children[j];
        if (!child) continue;
        const target = await targetOf(doc, child.dest);
        if (target !== d.firstPage || !child.title.startsWith(`${d.tab} `))
          bookmarkProblems.push(
            `The bookmark for "${d.title}" goes to page ${labelAt(target) ?? '?'} instead of ${d.firstLabel}.`,
          );
      }
    }
    for (const d of plan.documents) {
      if (plan.pages[d.firstPage]?.label !== d.firstLabel || labels[d.firstPage] !== d.firstLabel)
        bookmarkProblems.push(
          `"${d.title}" should start on page ${d.firstLabel}, but that page is labelled ${labels[d.firstPage] ?? '?'}.`,
        );
    }
    checks.push(check('bookmarks', bookmarkProblems));

    // Index: every row is a link to the first page of its document, whose number the row prints.
    const linkProblems: string[] = [];
    const indexProblems: string[] = [];
    const docFirst = new Map(plan.documents.map((d) => [d.documentId, d]));
    const sections = new Map(plan.sections.map((s) => [s.letter, s]));
    for (const indexPage of plan.index) {
      const page = await doc.getPage(indexPage.page + 1);
      const annotations = (await page.getAnnotations()).filter((a) => a.subtype === 'Link');
      const pageHeight = page.view[3] - page.view[1];
      page.cleanup();
      const printed = indexText.get(indexPage.page) ?? [];
      for (const row of indexPage.rows) {
        // Match the link annotation by its rectangle (rows do not overlap).
        const mid = pageHeight - row.top - row.height / 2;
        const link = annotations.find((a) => a.rect[1] <= mid && a.rect[3] >= mid);
        const what =
          row.kind === 'document'
            ? `The index row for "${row.lines.join(' ')}"`
            : `The index heading for section ${row.section}`;
        if (!link) {
          linkProblems.push(`${what} is not a link.`);
          continue;
        }
        const target = await targetOf(doc, link.dest);
        const firstPrinted = row.pages.split('–')[0];
        const section = sections.get(row.section);
        // A section heading may land on the section's divider, which comes just before its first page.
        const onDivider = row.kind === 'section' && target !== null && plan.pages[target]?.kind === 'divider';
        if (target === null) linkProblems.push(`${what} links nowhere.`);
        else if (!onDivider && labelAt(target) !== firstPrinted)
          linkProblems.push(`${what} says page ${firstPrinted} but links to page ${labelAt(target) ?? '?'}.`);
        else if (row.kind === 'section' && target !== section?.firstPage)
          linkProblems.push(`${what} does not link to the start of section ${row.section}.`);
        if (row.kind === 'document') {
          const d = docFirst.get(row.documentId!);
          if (!d) indexProblems.push(`${what} names a document that is not in the bundle.`);
          else {
            if (target !== d.firstPage)
              linkProblems.push(`${what} does not link to the document's first page (${d.firstLabel}).`);
            if (row.pages !== formatRange(d.firstLabel, d.lastLabel))
              indexProblems.push(
                `${what} prints pages ${row.pages}; the document is on pages ${formatRange(d.firstLabel, d.lastLabel)}.`,
              );
          }
        }
        if (row.pages && !printed.includes(row.pages))
          indexProblems.push(`${what} does not show its pages (${row.pages}) on the index page.`);
      }
    }
    const rows = plan.index.flatMap((p) => p.rows).filter((r) => r.kind === 'document');
    if (rows.length !== plan.documents.length)
      indexProblems.push(
        `The index has ${rows.length} document rows for ${plan.documents.length} documents.`,
      );
    checks.push(check('links', linkProblems));
    checks.push(check('index', indexProblems));

    return { ok: checks.every((c) => c.ok), pageCount, expectedPageCount: plan.pageCount, checks };
  } finally {
    await close();
  }
}
