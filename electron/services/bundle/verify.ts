/**
 * Verification after every build: the written file is read again from disk with the app's PDF readers
 * (pdf/read/, which share no code with pdf-lib, the writer) and compared with the plan. Every page: its
 * label, and its stamp (the stamp's own content stream decoded; its font present, and not a font the page's
 * own text uses). Every index link and every bookmark. Then a second, independent reader, pdf.js, reads the
 * full text of a deterministic sample of pages (all of them with `depth: 'full'`): the cover and index,
 * dividers, and pages spread through the bundle, one of each page shape. A bundle that fails is not recorded.
 */
import { formatRange } from '../../../shared/bundle/format';
import type { BundlePlan, VerificationCheck, VerificationResult } from '../../../shared/bundle/types';
import { PdfFile, type OutlineItem, type PdfPage } from '../pdf/read';
import { StampReader, type StampReading } from '../pdf/read/stamps';
import { PdfString } from '../pdf/read/objects';
import { identityLine, IDENTITY_INFO_KEYS } from '../../../shared/bundle/identity';
import { fingerprintAfterUpdate, fingerprintOf, type ContentFingerprint } from './identity';
import { PageTextReader, type PageText } from '../pdf/read/text';

const MAX_PROBLEMS = 20;

export type VerifyDepth = 'sample' | 'full';

export interface VerifyOptions {
  signal?: AbortSignal;
  onPage?: (done: number, total: number) => void;
  /** 'sample' (default): pdf.js reads the text of a sample of pages; 'full': of every page. */
  depth?: VerifyDepth;
  /** A text reader already started (its worker loads pdf.js while the bundle is built). */
  text?: PageTextReader;
  /**
   * The identity the engine printed, checked against the pages, the printed lines and the metadata. With
   * the engine's read-back of the file before its identity update (`pageDigests`, `fileBytes`), only what
   * that update changed is digested again (identity.ts, fingerprintAfterUpdate); without, every page.
   */
  identity?: { fingerprint: string; digest: string; pageDigests?: string[]; fileBytes?: number };
}

function check(name: VerificationCheck['name'], problems: string[]): VerificationCheck {
  return { name, ok: problems.length === 0, problems: problems.slice(0, MAX_PROBLEMS) };
}

/** Pages spread evenly through the bundle that pdf.js reads in full on every build. */
const SPREAD = 16;

/**
 * The 0-based pages pdf.js reads on a sampled verification: front matter (cover and index), dividers, the
 * first page of every section, one page of each distinct displayed size and rotation, and SPREAD pages
 * evenly spaced. Deterministic: the same plan gives the same sample.
 */
export function samplePages(plan: BundlePlan, pages: PdfPage[]): number[] {
  const chosen = new Set<number>([0, ...plan.index.map((p) => p.page)]);
  plan.pages.forEach((p, i) => {
    if (p.kind !== 'document') chosen.add(i);
  });
  for (const section of plan.sections) chosen.add(section.firstPage);
  const shapes = new Set<string>();
  for (const page of pages) {
    const shape = `${Math.round(page.width)}x${Math.round(page.height)}r${page.rotate}`;
    if (!shapes.has(shape)) {
      shapes.add(shape);
      chosen.add(page.index);
    }
  }
  const n = plan.pageCount;
  for (let k = 0; k < SPREAD && n > 0; k++) chosen.add(Math.min(n - 1, Math.floor(((k + 0.5) * n) / SPREAD)));
  return [...chosen].filter((i) => i >= 0 && i < n).sort((a, b) => a - b);
}

/** The stamp is in the bottom-right corner of the page as displayed, reading left to right. */
export function stampPlaced(s: StampReading, page: PdfPage): boolean {
  return (
    s.upright &&
    s.x >= page.width * 0.5 &&
    s.x + s.width <= page.width + 1 &&
    s.y >= 0 &&
    s.y <= Math.min(45, page.height * 0.25)
  );
}

/** pdf.js's view of the same: an item equal to the label in the bottom-right corner. */
export function stampInText(text: PageText, label: string): boolean {
  return text.items.some(
    (item) =>
      item.text.trim() === label &&
      item.x >= text.width * 0.5 &&
      item.x + item.width <= text.width + 1 &&
      item.y >= 0 &&
      item.y <= Math.min(45, text.height * 0.25),
  );
}

function checkLabels(plan: BundlePlan, labels: string[] | null, pageCount: number): string[] {
  const problems: string[] = [];
  const list = labels ?? [];
  if (list.length !== pageCount || list.length === 0)
    problems.push('The file has no page labels for every page.');
  const seen = new Map<string, number>();
  list.forEach((label, i) => {
    if (plan.pages[i] && label !== plan.pages[i].label)
      problems.push(`Page ${i + 1} is labelled "${label}" but should be "${plan.pages[i].label}".`);
    if (seen.has(label))
      problems.push(`The label "${label}" is used on pages ${seen.get(label)! + 1} and ${i + 1}.`);
    seen.set(label, i);
  });
  return problems;
}

function checkStamps(
  plan: BundlePlan,
  file: PdfFile,
  signal?: AbortSignal,
  onPage?: VerifyOptions['onPage'],
) {
  const problems: string[] = [];
  const reader = new StampReader(file.reader);
  // The engine embeds its font once: every stamp names the same font object.
  let bundleFont: string | null = null;
  for (const page of file.pages) {
    if (signal?.aborted) throw new Error('cancelled');
    const i = page.index;
    const planned = plan.pages[i];
    const expected = planned?.label ?? '?';
    const stamp = reader.read(page);
    const where = `Page ${i + 1}`;
    if (stamp.fontMissing)
      problems.push(`${where}: its number is drawn with a font ("${stamp.fontKey}") the page does not have.`);
    else if (stamp.text === null)
      problems.push(`${where} does not show its number "${expected}" in the bottom-right corner.`);
    else if (stamp.text !== expected)
      problems.push(`${where} shows the number "${stamp.text}" but should show "${expected}".`);
    else if (!stampPlaced(stamp, page))
      problems.push(`${where} shows its number "${expected}" but not upright in the bottom-right corner.`);
    if (stamp.text !== null && !stamp.fontMissing) {
      bundleFont ??= stamp.fontRef;
      if (stamp.fontRef === null || stamp.fontRef !== bundleFont)
        problems.push(`${where}: its number is not drawn with the bundle's own font.`);
      // On a page copied from a document, the document's own text must not use the stamp's font name:
      // it would mean the stamp's font replaced the document's (its text would show the wrong letters).
      if (stamp.fontSharedWithPage && planned?.kind === 'document')
        problems.push(
          `${where}: the font name "${stamp.fontKey}" of its number is also used by the page's own text, which would then show the wrong letters.`,
        );
    }
    if (i % 50 === 49) onPage?.(i + 1, file.pageCount);
  }
  return problems;
}

function flatten(nodes: OutlineItem[]): OutlineItem[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

function checkBookmarks(plan: BundlePlan, outline: OutlineItem[], labels: string[]): string[] {
  const problems: string[] = [];
  const labelAt = (page: number | null) => (page === null ? undefined : labels[page]);
  const byTitle = new Map<string, OutlineItem[]>();
  for (const node of flatten(outline)) byTitle.set(node.title, [...(byTitle.get(node.title) ?? []), node]);
  for (const b of plan.bookmarks.flatMap((x) => [x, ...x.children])) {
    const node = byTitle.get(b.title)?.shift();
    if (!node) {
      problems.push(`The bookmark "${b.title}" is missing.`);
      continue;
    }
    if (node.target.page !== b.page)
      problems.push(
        `The bookmark "${b.title}" goes to page ${labelAt(node.target.page) ?? '?'} instead of ${plan.pages[b.page]?.label}.`,
      );
  }
  // Independently of the plan's bookmark list: the file's section bookmarks, in order, must land on each
  // section's start, and their children on the first page of each of its documents.
  const sectionNodes = outline.filter((n) => /^Section /.test(n.title));
  if (sectionNodes.length !== plan.sections.length)
    problems.push(
      `The bundle has ${sectionNodes.length} section bookmarks for ${plan.sections.length} sections.`,
    );
  for (const [i, section] of plan.sections.entries()) {
    const node = sectionNodes[i];
    if (!node) continue;
    if (node.target.page !== section.firstPage)
      problems.push(`The bookmark for section ${section.letter} does not go to the start of the section.`);
    const docs = plan.documents.filter((d) => d.section === section.letter);
    if (node.children.length !== docs.length)
      problems.push(
        `Section ${section.letter} has ${node.children.length} document bookmarks for ${docs.length} documents.`,
      );
    for (const [j, d] of docs.entries()) {
      const child = node.children[j];
      if (!child) continue;
      if (child.target.page !== d.firstPage || !child.title.startsWith(`${d.tab} `))
        problems.push(
          `The bookmark for "${d.title}" goes to page ${labelAt(child.target.page) ?? '?'} instead of ${d.firstLabel}.`,
        );
    }
  }
  for (const d of plan.documents) {
    if (plan.pages[d.firstPage]?.label !== d.firstLabel || labels[d.firstPage] !== d.firstLabel)
      problems.push(
        `"${d.title}" should start on page ${d.firstLabel}, but that page is labelled ${labels[d.firstPage] ?? '?'}.`,
      );
  }
  return problems;
}

function checkIndex(
  plan: BundlePlan,
  file: PdfFile,
  labels: string[],
  indexText: Map<number, string[]>,
): { links: string[]; index: string[] } {
  const linkProblems: string[] = [];
  const indexProblems: string[] = [];
  const labelAt = (page: number | null) => (page === null ? undefined : labels[page]);
  const docFirst = new Map(plan.documents.map((d) => [d.documentId, d]));
  const sections = new Map(plan.sections.map((s) => [s.letter, s]));
  for (const indexPage of plan.index) {
    const page = file.pages[indexPage.page];
    const links = page ? file.links(indexPage.page) : [];
    const printed = indexText.get(indexPage.page) ?? [];
    for (const row of indexPage.rows) {
      // Match the link by its rectangle (rows do not overlap); rows are laid out from the top of the page.
      const mid = (page?.height ?? 0) - row.top - row.height / 2;
      const link = links.find((l) => l.rect.y0 <= mid && l.rect.y1 >= mid);
      const what =
        row.kind === 'document'
          ? `The index row for "${row.lines.join(' ')}"`
          : `The index heading for section ${row.section}`;
      if (!link) {
        linkProblems.push(`${what} is not a link.`);
        continue;
      }
      const target = link.target.page;
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
    indexProblems.push(`The index has ${rows.length} document rows for ${plan.documents.length} documents.`);
  return { links: linkProblems, index: indexProblems };
}

/**
 * The fingerprint read again from the file as it is now (identity lines left out) equals the one printed,
 * the document information holds it, and pdf.js reads the printed line on the cover and every index page.
 */
function checkIdentity(
  plan: BundlePlan,
  file: PdfFile,
  expected: { fingerprint: string; digest: string },
  now: ContentFingerprint,
  printed: Map<number, string>,
): string[] {
  const problems: string[] = [];
  if (now.digest !== expected.digest)
    problems.push(
      `The pages read back give the fingerprint ${now.fingerprint}, not ${expected.fingerprint} as printed.`,
    );
  const info = file.reader.getDict(file.reader.trailer, 'Info');
  const stored = file.reader.get(info, IDENTITY_INFO_KEYS.fingerprint);
  const storedDigest = file.reader.get(info, IDENTITY_INFO_KEYS.digest);
  if (!(stored instanceof PdfString) || stored.text !== expected.fingerprint)
    problems.push(`The document information does not hold the fingerprint ${expected.fingerprint}.`);
  if (!(storedDigest instanceof PdfString) || storedDigest.text !== expected.digest)
    problems.push('The document information does not hold the content digest.');
  const line = identityLine(expected.fingerprint, plan.version, plan.pageCount);
  for (const page of [0, ...plan.index.map((p) => p.page)]) {
    const text = printed.get(page);
    if (text === undefined) continue;
    if (!text.includes(line))
      problems.push(`Page ${plan.pages[page]?.label ?? page + 1} does not show "${line}" (read by pdf.js).`);
  }
  return problems;
}

export async function verifyBundle(
  path: string,
  plan: BundlePlan,
  options: VerifyOptions = {},
): Promise<VerificationResult> {
  const { signal, onPage } = options;
  const file = PdfFile.open({ path });
  const ownText = options.text ? null : PageTextReader.start();
  const textReader = options.text ?? ownText!;
  try {
    const pageCount = file.pageCount;
    // pdf.js reads its pages (in its worker) while this thread reads the structure.
    const textPages =
      options.depth === 'full'
        ? file.pages.map((p) => p.index)
        : samplePages(plan, file.pages).filter((i) => i < pageCount);
    const texts = textReader.read(
      { path },
      textPages.map((i) => i + 1),
    );
    texts.catch(() => {}); // Awaited below; a failure must not go unhandled meanwhile.

    const checks: VerificationCheck[] = [];
    checks.push(
      check(
        'page-count',
        pageCount === plan.pageCount
          ? []
          : [`The file has ${pageCount} pages; the plan has ${plan.pageCount}.`],
      ),
    );
    const fileLabels = file.pageLabels();
    checks.push(check('page-labels', checkLabels(plan, fileLabels, pageCount)));
    const labels = fileLabels ?? [];

    const stampProblems = checkStamps(plan, file, signal, onPage);
    const bookmarkProblems = checkBookmarks(plan, file.outline(), labels);
    // The fingerprint read again before waiting for pdf.js, so the two readers work at once, one on each core.
    const identity = options.identity;
    const fingerprintNow = !identity
      ? null
      : identity.pageDigests && identity.fileBytes !== undefined
        ? fingerprintAfterUpdate(
            file,
            { pageDigests: identity.pageDigests, fileBytes: identity.fileBytes },
            [0, ...plan.index.map((p) => p.page)],
            { signal },
          )
        : fingerprintOf(file, { signal });

    let read: Map<number, PageText | null>;
    try {
      read = (await texts).texts;
    } catch (error) {
      read = new Map();
      stampProblems.push(`A second reader (pdf.js) could not open the file: ${(error as Error).message}`);
    }
    if (signal?.aborted) throw new Error('cancelled');
    const indexText = new Map<number, string[]>();
    const frontText = new Map<number, string>();
    for (const i of textPages) {
      const text = read.get(i + 1);
      const expected = plan.pages[i]?.label;
      if (text === null || (text !== undefined && (!expected || !stampInText(text, expected))))
        stampProblems.push(
          `Page ${i + 1} does not show its number "${expected ?? '?'}" in the bottom-right corner (read by pdf.js).`,
        );
      if (text && plan.index.some((p) => p.page === i))
        indexText.set(
          i,
          text.items.map((it) => it.text.trim()),
        );
      if (text && (i === 0 || plan.index.some((p) => p.page === i)))
        frontText.set(i, text.items.map((it) => it.text).join(' '));
    }
    onPage?.(pageCount, pageCount);
    checks.push(check('stamps', stampProblems));
    checks.push(check('bookmarks', bookmarkProblems));
    const index = checkIndex(plan, file, labels, indexText);
    checks.push(check('links', index.links));
    checks.push(check('index', index.index));
    if (options.identity && fingerprintNow)
      checks.push(check('identity', checkIdentity(plan, file, options.identity, fingerprintNow, frontText)));
    return {
      ok: checks.every((c) => c.ok),
      pageCount,
      expectedPageCount: plan.pageCount,
      checks,
      textPagesRead: read.size,
    };
  } finally {
    file.close();
    await ownText?.release();
  }
}
