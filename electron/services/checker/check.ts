/**
 * The bundle checker: opens any bundle PDF (ours or anyone's) and reports what a careful tribunal clerk
 * would find, each finding with the pages it is on. Reads the file with the app's PDF reading layer
 * (pdf/read/, the same readers the build's verification uses): its structure (labels, bookmarks, links)
 * and every page's text, from disk as it goes (memory does not grow with the file). pdf.js, the reader
 * people see the bundle in, decides whether the file opens at all and reads the front pages (where the
 * index is) and any page whose fonts only it can read, in a worker thread alongside.
 */
import { describeEncryption, whatItStops, type PdfRestrictions } from '../../../shared/checker/encryption';
import { RULE_PACKS } from '../../../shared/rules/index';
import type { RulePack } from '../../../shared/rules/types';
import type { AppealType } from '../../../shared/domain/case';
import type {
  CheckFinding,
  CheckResult,
  CheckRules,
  CheckSeverity,
  CheckSummary,
} from '../../../shared/domain/checker';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { PdfOpenError, type PageText, type TextItem } from '../pdf/pdfjs';
import { PdfFile, type PdfInput } from '../pdf/read';
import { openSource } from '../pdf/read/source';
import { contentDamaged } from '../pdf/read/content';
import { commentCount } from '../pdf/read/comments';
import { pagesWithEarlierVersions } from '../pdf/read/earlierVersions';
import { photoLocationPages } from '../pdf/read/photoLocation';
import { redactionMarkPages } from '../pdf/read/redactionMarks';
import type { PdfStream } from '../pdf/read/objects';
import { ContentTextReader } from '../pdf/read/contentText';
import { PageTextReader } from '../pdf/read/text';
import { findStructureProblem } from '../pdf/structure';
import { findActiveContent } from './activeContent';
import { flattenBookmarks, readBookmarks, type BookmarkNode } from './destinations';
import { bundleDate, checkContent, pageContent, type PageContent } from './content';
import { checkCoverage } from './coverage';
import { describePages } from './describe';
import { findIndex, type IndexInfo, type PageTextInput } from './indexPages';
import { readLinks, type PageLink } from './links';
import { checkBookmarks, checkIndex, resolveEntries, type OwnNumber, type ResolvedEntry } from './navigation';
import { checkPages, MIN_TEXT_CHARS, readingTurn, type PageFacts } from './pageChecks';
import {
  choosePageNumbers,
  normaliseRef,
  numberCandidates,
  placeName,
  type Candidate,
  type MarginText,
  type PrintedNumber,
} from './pageNumbers';
import { checkPagination, numberingRestarts } from './pagination';
import { pagesWithPaint } from './paint';
import { checkDocumentLengths, checkLimits, identifyParts } from './parts';
import { longestIncreasing, orderKey } from './sequence';
import { bundleTerms, notABundleFinding, notABundleReasons, verdictFor } from './verdict';

interface CheckOptions {
  rules: CheckRules;
  /** When known, limits are checked for this appeal type; otherwise against the range the pack allows. */
  appealType?: AppealType | null;
  /** Shown in the summary and messages. */
  fileName?: string;
  onProgress?: (event: { message: string; done: number; total: number }) => void;
  signal?: AbortSignal;
  /** pdf.js's reader, already started (its worker loads pdf.js meanwhile); the caller closes it. */
  text?: PageTextReader;
}

/** The rule pack for `--rules send|dd`: the pack whose id starts with that name. */
function packForRules(rules: CheckRules): RulePack {
  const pack = RULE_PACKS.find((p) => p.id.split('-')[0] === rules);
  if (!pack) throw new Error(`No rule pack for "${rules}".`);
  return pack;
}

/** Pages from the front searched for the index. */
const FRONT_PAGES = 40;

const SEVERITY_ORDER: Record<CheckSeverity, number> = { error: 0, warning: 1, note: 2 };

function nonSpace(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 32) n++;
  return n;
}

function sortFindings(findings: CheckFinding[]): CheckFinding[] {
  const first = (f: CheckFinding) => (f.pages.length ? Math.min(...f.pages) : 0);
  return findings
    .map((f) => ({ ...f, pages: [...new Set(f.pages)].sort((a, b) => a - b) }))
    .sort((a, b) => first(a) - first(b) || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}

function emptySummary(fileSize: number, options: CheckOptions, pack: RulePack): CheckSummary {
  return {
    fileName: options.fileName ?? 'bundle.pdf',
    fileSize,
    pageCount: 0,
    rules: { id: pack.id, name: pack.name, lastReviewed: pack.lastReviewed },
    appealType: options.appealType ?? null,
    opened: false,
    encrypted: false,
    numbering: 'none',
    numberPlace: null,
    numberExample: null,
    pageLabels: false,
    title: null,
    indexPages: [],
    indexEntries: 0,
    bookmarks: 0,
    partsFrom: null,
    parts: [],
    limits: [],
    counts: { error: 0, warning: 0, note: 0 },
    seconds: 0,
  };
}

function finish(summary: CheckSummary, findings: CheckFinding[], started: number): CheckResult {
  const sorted = sortFindings(findings);
  summary.counts = { error: 0, warning: 0, note: 0 };
  for (const f of sorted) summary.counts[f.severity]++;
  summary.seconds = Math.round((performance.now() - started) / 10) / 100;
  return { summary, verdict: verdictFor(summary, sorted), findings: sorted };
}

function hasPdfHeader(file: PdfFile | null, input: PdfInput): boolean {
  let head: Uint8Array;
  if ('bytes' in input) head = input.bytes.subarray(0, 1024);
  else if (file) head = file.reader.source.read(0, 1024);
  else {
    const fd = openSync(input.path, 'r');
    try {
      head = new Uint8Array(1024);
      head = head.subarray(0, readSync(fd, head, 0, 1024, 0));
    } finally {
      closeSync(fd);
    }
  }
  return Buffer.from(head.buffer, head.byteOffset, head.length).toString('latin1').includes('%PDF-');
}

interface PageScan {
  facts: PageFacts;
  candidates: Candidate[];
  chars: number;
  /** Kept for the front pages only (the index is looked for there). */
  text: PageTextInput | null;
  /** What the content checks need (email headers, type size, a digest of the words …). */
  content: PageContent | null;
}

function scanOf(page: number, text: (PageText & { covered?: string[] }) | null): PageScan {
  const turn = text ? readingTurn(text.items) : null;
  if (!text)
    return {
      facts: { page, width: 0, height: 0, unreadable: true, textChars: 0 },
      candidates: [],
      chars: 0,
      text: null,
      content: null,
    };
  return {
    facts: {
      page,
      width: text.width,
      height: text.height,
      unreadable: false,
      textChars: 0,
      ...(turn ? { turn } : {}),
      ...(text.covered?.length ? { coveredRuns: text.covered.length } : {}),
    },
    candidates: numberCandidates(text.items, text.width, text.height),
    chars: text.items.reduce((sum: number, i: TextItem) => sum + nonSpace(i.text), 0),
    text: page <= FRONT_PAGES ? { page, items: text.items, width: text.width, height: text.height } : null,
    content: pageContent(text.items, text.height),
  };
}

/**
 * The pages after the front, read from their content streams (pdf/read/contentText.ts) in order, as far as
 * asked. It starts while pdf.js still reads the front pages in its own thread, so that the two readers work
 * at once; what it has read is used only if pdf.js then finds as many pages as our reader (scanPages).
 */
class ContentPageScan {
  private readonly content: ContentTextReader;
  private readonly scans: PageScan[] = [];
  /** Pages our reader could not read for certain: pdf.js reads them after all. */
  readonly again: number[] = [];
  private next = FRONT_PAGES + 1;

  constructor(
    private readonly file: PdfFile,
    private readonly options: CheckOptions,
  ) {
    this.content = new ContentTextReader(file.reader);
    const total = file.pageCount;
    options.onProgress?.({ message: `Reading page 1 of ${total}`, done: 0, total });
  }

  /** Reads the next page; false once every page is read. */
  scanNext(): boolean {
    const total = this.file.pageCount;
    if (this.next > total) return false;
    const page = this.next++;
    this.options.signal?.throwIfAborted();
    if (page % 50 === 0)
      this.options.onProgress?.({ message: `Reading page ${page} of ${total}`, done: page - 1, total });
    let text: (PageText & { covered?: string[] }) | null = null;
    try {
      const read = this.content.read(this.file.pages[page - 1], { covered: true });
      if (read.uncertain) this.again.push(page);
      text = read;
    } catch {
      this.again.push(page);
    }
    this.scans[page - 1] = scanOf(page, text);
    return true;
  }

  /** Reads pages until pdf.js's answer `waited` settles (yielding between pages so the answer is seen). */
  async scanWhileWaiting(waited: Promise<unknown>): Promise<void> {
    let settled = false;
    waited.then(
      () => (settled = true),
      () => (settled = true),
    );
    let sinceYield = 0;
    while (!settled && this.scanNext()) {
      if (++sinceYield < PAGES_BETWEEN_YIELDS) continue;
      sinceYield = 0;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** A page's scan, reading the pages before it first where not read yet. */
  scan(page: number): PageScan {
    while (this.scans[page - 1] === undefined && this.scanNext());
    return this.scans[page - 1];
  }

  /**
   * Runs of text a box painted over them hides on a page pdf.js read (the front pages, and pages whose
   * fonts only pdf.js can read): our reader finds them from the page's drawing, whatever it made of the text.
   */
  coveredRuns(page: number): number {
    try {
      return this.content.read(this.file.pages[page - 1], { covered: true }).covered?.length ?? 0;
    } catch {
      return 0;
    }
  }

  /** Our reader's text of a front page that pdf.js could not read (null if it cannot either). */
  readFront(page: number): PageText | null {
    try {
      return this.content.read(this.file.pages[page - 1]);
    } catch {
      return null;
    }
  }
}

/** Pages read between two looks at the event loop while pdf.js reads the front pages. */
const PAGES_BETWEEN_YIELDS = 8;

/**
 * Every page's text: the front pages (where the index is) as pdf.js reads them, the rest from the content
 * streams (ContentPageScan, begun while pdf.js read the front), and any page whose fonts only pdf.js can
 * read, or whose content our reader cannot read, by pdf.js after all. Without our reader (a file only pdf.js
 * opens, or one whose pages pdf.js counts differently), all by pdf.js.
 */
async function scanPages(
  content: ContentPageScan | null,
  front: Map<number, PageText | null>,
  pdfjs: (pages: number[]) => Promise<Map<number, PageText | null>>,
  total: number,
  options: CheckOptions,
): Promise<PageScan[]> {
  const scans: PageScan[] = [];
  const again: number[] = [];
  if (!content) options.onProgress?.({ message: `Reading page 1 of ${total}`, done: 0, total });
  for (let page = 1; page <= total; page++) {
    options.signal?.throwIfAborted();
    if (page > FRONT_PAGES) {
      if (content) scans.push(content.scan(page));
      else {
        again.push(page);
        scans.push(scanOf(page, null));
      }
      continue;
    }
    const text = front.get(page) ?? content?.readFront(page) ?? null;
    scans.push(scanOf(page, text));
  }
  if (content) again.unshift(...content.again);
  if (again.length > 0) {
    options.onProgress?.({
      message: `Reading ${again.length} more pages`,
      done: total - again.length,
      total,
    });
    const texts = await pdfjs(again);
    for (const page of again) {
      const text = texts.get(page);
      if (text) scans[page - 1] = scanOf(page, text);
    }
  }
  if (content)
    for (const page of [...Array(Math.min(FRONT_PAGES, total)).keys()].map((i) => i + 1).concat(again)) {
      const scan = scans[page - 1];
      if (!scan || scan.facts.unreadable || scan.facts.coveredRuns !== undefined) continue;
      const runs = content.coveredRuns(page);
      if (runs > 0) scan.facts.coveredRuns = runs;
    }
  options.onProgress?.({ message: `Read ${total} pages`, done: total, total });
  return scans;
}

/** Printed number → first page carrying it; then the PDF's own labels; with no pagination at all, page order. */
function labelMap(numbers: (PrintedNumber | null)[], pageLabels: string[] | null): Map<string, number> {
  const map = new Map<string, number>();
  numbers.forEach((n, i) => {
    if (n && !map.has(n.label)) map.set(n.label, i + 1);
  });
  pageLabels?.forEach((label, i) => {
    const key = label.trim() ? normaliseRef(label) : '';
    if (key && !map.has(key)) map.set(key, i + 1);
  });
  if (!numbers.some((n) => n?.kind === 'main')) {
    numbers.forEach((_, i) => {
      if (!map.has(String(i + 1))) map.set(String(i + 1), i + 1);
    });
  }
  return map;
}

/**
 * Numbered pages that front a section (a divider with its own page number): little text, just before the
 * first page the index gives a section, or saying "Section B".
 */
function sectionFronts(scans: PageScan[], entries: ResolvedEntry[]): Set<number> {
  const starts = new Set<number>();
  let section: string | null = null;
  for (const e of entries) {
    if (e.startPage === null) continue;
    if (e.kind === 'section' || (e.section !== null && e.section !== section)) starts.add(e.startPage);
    section = e.section ?? section;
  }
  const fronts = new Set<number>();
  for (const s of scans) {
    if (s.facts.unreadable || s.facts.textChars > DIVIDER_CHARS) continue;
    const words = s.text?.items.map((t) => t.text).join(' ') ?? '';
    if (starts.has(s.facts.page + 1) || /^\s*(?:section|part|tab|divider)\s+[A-Z0-9]{1,3}\b/i.test(words))
      fronts.add(s.facts.page);
  }
  return fronts;
}

/** A page's own "Page k of n" (its document's numbering): one that is not the bundle's number. */
function ownNumberOf(
  candidates: Candidate[],
  chosen: MarginText | null,
  bundleTotal: number | null,
): OwnNumber | null {
  for (const c of candidates) {
    if (c.text === chosen || c.total === null || c.total === bundleTotal || c.number.kind !== 'main')
      continue;
    if (c.number.prefix || c.number.suffix) continue;
    return { page: c.number.number, of: c.total };
  }
  return null;
}

/** Text (non-space characters) a divider page may carry: "Section B", a title. */
const DIVIDER_CHARS = 80;

/**
 * Pages without a number that divide the bundle's sections (as many tools make them): little or no text,
 * and the next page's number starts a section (B1, or 1 again) or the page says "Section B", "Part C".
 */
function unnumberedDividers(scans: PageScan[], numbers: (PrintedNumber | null)[]): Set<number> {
  const dividers = new Set<number>();
  let previous: PrintedNumber | null = null;
  scans.forEach((s, i) => {
    const n = numbers[i];
    if (n?.kind === 'main') previous = n;
    if (n !== null || s.facts.unreadable || s.chars > DIVIDER_CHARS) return;
    const next = numbers[i + 1];
    const startsSection =
      next?.kind === 'main' &&
      (next.number === 1 || (previous?.kind === 'main' && previous.prefix !== next.prefix));
    const words = s.text?.items.map((t) => t.text).join(' ') ?? '';
    if (startsSection || /^\s*(?:section|part|tab|divider)\s+[A-Z0-9]{1,3}\b/i.test(words))
      dividers.add(i + 1);
  });
  return dividers;
}

const EMPTY_CONTENT: PageContent = {
  digest: null,
  emailHeader: false,
  bodySize: null,
  bodyChars: 0,
  lines: 0,
  numberedLines: 0,
  firstDate: null,
  headings: [],
};

/** Findings about the file itself, kept when it turns out not to be a bundle. */
const FILE_FINDINGS = new Set<CheckFinding['code']>(['damaged-repairable', 'encrypted-restrictions']);

/** An encrypted file that opens without a password: what it stops people doing, as its flags say. */
function encryptionMessage(name: string, restrictions: PdfRestrictions | null): string {
  const said = `${name} is ${describeEncryption({ encrypted: true, restrictions })}.`;
  if (restrictions && !whatItStops(restrictions))
    return `${said} Some readers and tools still refuse encrypted files: send the tribunal a copy without encryption.`;
  return `${said} Send the tribunal a copy without restrictions.`;
}

/** Pages from the front whose words say what the file is (the cover and what follows it). */
const COVER_PAGES = 3;

function bundleSignals(
  scans: PageScan[],
  numbers: (PrintedNumber | null)[],
  index: IndexInfo | null,
  entries: ResolvedEntry[],
  bookmarks: BookmarkNode[],
  title: string | null,
) {
  const flat = flattenBookmarks(bookmarks);
  const indexPages = new Set(index?.pages ?? []);
  const words = [
    title ?? '',
    ...flat.map((b) => b.title),
    ...scans
      .filter((s) => s.text && (s.facts.page <= COVER_PAGES || indexPages.has(s.facts.page)))
      .map((s) => s.text!.items.map((i) => i.text).join(' ')),
  ].join('\n');
  const main = numbers.filter((n): n is Extract<PrintedNumber, { kind: 'main' }> => n?.kind === 'main');
  return {
    pageCount: scans.length,
    readablePages: scans.filter((s) => !s.facts.unreadable).length,
    pagesWithText: scans.filter((s) => s.chars > 0).length,
    indexRows: entries.length,
    indexRowsResolved: entries.filter((e) => e.startPage !== null).length,
    indexRowsWithRanges: entries.filter((e) => !e.startOnly && e.first !== e.last).length,
    numberedPages: main.length,
    numberedInOrder: longestIncreasing(main.map(orderKey)).size,
    bookmarksToPages: flat.filter((b) => b.page !== null).length,
    terms: bundleTerms(words),
  };
}

/**
 * Pages with no number and no text that show something (scans not run through OCR): whatever number they
 * show is part of the picture. Not pages whose content is damaged (they are unreadable) or blank ones.
 */
async function picturePages(
  input: PdfFile | Uint8Array | null,
  scans: PageScan[],
  numbers: (PrintedNumber | null)[],
): Promise<Set<number>> {
  const decoded = new Map<PdfStream, boolean>();
  const textless = scans.filter(
    (s, i) =>
      numbers[i] === null &&
      !s.facts.unreadable &&
      s.chars < MIN_TEXT_CHARS &&
      !(input instanceof PdfFile && contentDamaged(input.reader, input.pages[i], decoded)),
  );
  if (!input || textless.length === 0) return new Set();
  const painted = await pagesWithPaint(
    input,
    textless.map((s) => ({ page: s.facts.page, stamp: null })),
  );
  return new Set(textless.filter((s) => painted?.get(s.facts.page) === true).map((s) => s.facts.page));
}

/** What is wrong with the file's cross-reference tables, read from the file our reader has open if it has. */
function structureProblem(file: PdfFile | null, input: PdfInput): string | null {
  if (file) return findStructureProblem(file.reader.source);
  const source = openSource(input);
  try {
    return findStructureProblem(source);
  } finally {
    source.close();
  }
}

/**
 * Checks a PDF (bytes, or a file read from disk as it goes) against a rule pack. Never throws for a bad
 * PDF: problems are findings.
 */
export async function checkPdf(pdf: Uint8Array | PdfInput, options: CheckOptions): Promise<CheckResult> {
  const started = performance.now();
  const input: PdfInput = pdf instanceof Uint8Array ? { bytes: pdf } : pdf;
  const pack = packForRules(options.rules);
  const fileSize = 'bytes' in input ? input.bytes.length : statSync(input.path).size;
  const summary = emptySummary(fileSize, options, pack);
  const findings: CheckFinding[] = [];
  const name = summary.fileName;

  if (fileSize === 0) {
    findings.push({
      code: 'not-a-pdf',
      severity: 'error',
      pages: [],
      message: `${name} is empty: it has no content at all.`,
    });
    return finish(summary, findings, started);
  }
  // pdf.js (in a worker thread) says whether the file opens in a reader at all and reads the front pages,
  // while this thread opens it with our reader.
  const pdfjs = options.text ?? PageTextReader.start();
  let file: PdfFile | null = null;
  try {
    const front = pdfjs.read(
      input,
      Array.from({ length: FRONT_PAGES }, (_, i) => i + 1),
    );
    front.catch(() => {}); // Awaited below.
    try {
      file = PdfFile.open(input);
    } catch {
      file = null;
    }
    // Our reader reads the pages after the front while pdf.js reads the front ones.
    let content = file ? new ContentPageScan(file, options) : null;
    await content?.scanWhileWaiting(front);
    let opened: Awaited<typeof front>;
    try {
      opened = await front;
    } catch (error) {
      if (error instanceof PdfOpenError && error.kind === 'password-protected') {
        summary.encrypted = true;
        findings.push({
          code: 'password-protected',
          severity: 'error',
          pages: [],
          message: `${name} needs a password to open. A bundle must open without one: save a copy without the password and check that.`,
        });
      } else if (!hasPdfHeader(file, input)) {
        findings.push({
          code: 'not-a-pdf',
          severity: 'error',
          pages: [],
          message: `${name} is not a PDF file (it does not start like one). Save or print the bundle as a PDF.`,
        });
      } else {
        findings.push({
          code: 'damaged',
          severity: 'error',
          pages: [],
          message: `${name} is damaged and cannot be opened, even by a forgiving reader, so it cannot be repaired here. Make the PDF again from the original documents.`,
          details: { reason: (error as Error)?.message ?? String(error) },
        });
      }
      return finish(summary, findings, started);
    }
    const pageCount = opened.pageCount;
    // Our reader must see the pages pdf.js sees; where they disagree (a broken page tree), pdf.js's count
    // stands and it reads every page's text.
    if (file && file.pageCount !== pageCount) {
      file.close();
      file = null;
      content = null;
    }

    summary.opened = true;
    summary.pageCount = pageCount;
    const problem = structureProblem(file, input);
    if (problem) {
      findings.push({
        code: 'damaged-repairable',
        severity: 'warning',
        pages: [],
        message: `${name} is damaged (${problem}) but readers can still open it, so it can be repaired: open it and save or print it to a new PDF, then check the new file.`,
        details: { reason: problem },
      });
    }
    summary.title = file?.title() ?? null;
    summary.encrypted = file?.reader.encrypted ?? false;
    if (summary.encrypted) {
      findings.push({
        code: 'encrypted-restrictions',
        severity: 'warning',
        pages: [],
        message: encryptionMessage(name, file?.reader.restrictions ?? null),
      });
    }
    if (pageCount === 0) {
      findings.push({ code: 'no-pages', severity: 'error', pages: [], message: `${name} has no pages.` });
      return finish(summary, findings, started);
    }

    const scans = await scanPages(
      content,
      opened.texts,
      async (pages) => (await pdfjs.read(input, pages).catch(() => null))?.texts ?? new Map(),
      pageCount,
      options,
    );
    options.signal?.throwIfAborted();
    const labelsRead = file?.pageLabelsRead() ?? { labels: null };
    const pageLabels = labelsRead.labels;
    summary.pageLabels = pageLabels !== null && pageLabels.some((l) => l !== '');

    // Page numbers.
    const numbering = choosePageNumbers(scans.map((s) => ({ candidates: s.candidates })));
    summary.numbering = numbering.style;
    summary.numberPlace = numbering.place ? placeName(numbering.place) : null;
    summary.numberExample =
      numbering.chosen.find((c, i) => c !== null && numbering.numbers[i]?.kind === 'main')?.text ?? null;
    scans.forEach((s, i) => {
      const chosen = numbering.chosen[i];
      s.facts.textChars = s.chars - (chosen ? nonSpace(chosen.text) : 0);
    });

    // The index, near the front (each page's own number is not one of its rows).
    const index: IndexInfo | null = findIndex(
      scans
        .filter((s) => s.text !== null)
        .map((s) => {
          const number = numbering.numbers[s.facts.page - 1];
          return {
            ...s.text!,
            stamp: numbering.chosen[s.facts.page - 1]?.box ?? null,
            label: number?.kind === 'main' ? number.label : null,
          };
        }),
    );
    summary.indexPages = index?.pages ?? [];
    summary.indexEntries = index?.entries.length ?? 0;
    const frontMatter = new Set<number>([
      1,
      ...(index ? Array.from({ length: Math.max(...index.pages) }, (_, i) => i + 1) : []),
    ]);
    // Pages that carry only their documents' own numbers (1, 2, 3, then 1 again) have no bundle numbers:
    // said once, and nothing is checked against the documents' numbers (the index, the page labels).
    const restartsAt = numberingRestarts(numbering.numbers);
    const printedNumbers = numbering.numbers;
    if (restartsAt) {
      numbering.numbers = numbering.numbers.map(() => null);
      numbering.chosen = numbering.chosen.map(() => null);
      numbering.total = null;
      summary.numbering = 'none';
      summary.numberPlace = null;
      summary.numberExample = null;
    }
    if (numbering.moved.length > 0) {
      findings.push({
        code: 'page-number-position',
        severity: 'warning',
        pages: numbering.moved,
        message:
          `${describePages(numbering.moved, true)} ${numbering.moved.length === 1 ? 'has its' : 'have their'} page number ` +
          `somewhere other than the ${placeName(numbering.place!)} of the page, where the rest of the bundle has it.`,
      });
    }
    const dividers = unnumberedDividers(scans, numbering.numbers);
    const pictures = await picturePages(
      file ?? ('bytes' in input ? input.bytes : null),
      scans,
      numbering.numbers,
    );
    findings.push(
      ...checkPagination({
        numbers: numbering.numbers,
        frontMatter,
        dividers,
        pageLabels,
        pageLabelsMalformed: labelsRead.malformed,
        pictures,
        total: numbering.total,
        restartsAt,
      }),
    );

    // Bookmarks and links.
    const bookmarks: BookmarkNode[] = file ? readBookmarks(file) : [];
    summary.bookmarks = flattenBookmarks(bookmarks).length;
    const labelToPage = labelMap(numbering.numbers, pageLabels);
    const numberOf = (page: number) => {
      const n = numbering.numbers[page - 1];
      return n?.kind === 'main' ? n : null;
    };
    const entries: ResolvedEntry[] =
      index && !restartsAt ? resolveEntries(index, labelToPage, { pageCount, numberOf }) : [];
    const links: PageLink[] = [];
    for (const page of index?.pages ?? []) {
      try {
        if (file) links.push(...readLinks(file, page));
      } catch {
        // A page whose links cannot be read has none for this check.
      }
    }
    const fronts = sectionFronts(scans, entries);
    const isDivider = (page: number) =>
      numbering.numbers[page - 1]?.kind === 'divider' || dividers.has(page) || fronts.has(page);

    // Is it a bundle at all? If not, one finding says why instead of a flood of bundle findings; what is
    // wrong with the file itself (damage, restrictions), found above, stays.
    const reasons = notABundleReasons(
      bundleSignals(scans, printedNumbers, index, entries, bookmarks, summary.title),
    );
    if (reasons) {
      const kept = findings.filter((f) => FILE_FINDINGS.has(f.code));
      return finish(summary, [...kept, notABundleFinding(reasons, name)], started);
    }

    const missingLabels = new Set(
      findings
        .filter((f) => f.code === 'page-number-gap' || f.code === 'page-number-missing')
        .flatMap((f) => (f.details?.missing as string[] | undefined) ?? []),
    );
    const ownNumbers = scans.map((s, i) => ownNumberOf(s.candidates, numbering.chosen[i], numbering.total));
    const frontPictures = [...pictures].filter((p) => p <= COVER_PAGES);
    findings.push(
      ...checkIndex({
        index,
        entries,
        links,
        bookmarks,
        isDivider,
        missingLabels,
        ownNumbers,
        frontPictures,
      }),
    );
    findings.push(...checkCoverage({ entries, numbers: numbering.numbers, isDivider }));
    findings.push(...checkBookmarks({ bookmarks, pageCount, entries, isDivider }));

    // Parts and their limits.
    const parts = identifyParts({
      bookmarks,
      // An index of documents' own page numbers places nothing in the bundle.
      index: restartsAt ? null : index,
      labelToPage,
      numbers: numbering.numbers,
      pageCount,
      pack,
    });
    summary.parts = parts.parts;
    summary.partsFrom = parts.from;
    if (parts.parts.length === 0) {
      findings.push({
        code: 'parts-not-identified',
        severity: 'note',
        pages: [],
        message:
          'The sections of the bundle could not be told apart (no bookmarks for sections, no readable index, no ' +
          'section letters in the page numbers), so the page limits of each part were not checked.',
      });
    } else {
      const limits = checkLimits(parts.parts, pack, options.appealType ?? null);
      summary.limits = limits.limits;
      findings.push(...limits.findings, ...checkDocumentLengths(parts.parts, pack));
      // The Practice Direction's content rules (email threads, copies, old reports, date order, type).
      const pages = scans.map((s) => s.content ?? EMPTY_CONTENT);
      const indexRows = new Map<number, string>();
      for (const e of entries)
        if (e.kind === 'document' && e.startPage !== null && !indexRows.has(e.startPage))
          indexRows.set(e.startPage, e.date ? `${e.title} ${e.date}` : e.title);
      const cover = scans
        .slice(0, COVER_PAGES)
        .filter((s) => !index?.pages.includes(s.facts.page))
        .map((s) => s.text?.items.map((i) => i.text).join(' ') ?? '')
        .join('\n');
      findings.push(
        ...checkContent({
          parts: parts.parts,
          pages,
          pack,
          indexRows,
          asAt: bundleDate(cover, parts.parts, pages, indexRows),
        }),
      );
    }

    // Page by page: orientation, size, text, photos' locations, blank. A page with no text whose content is damaged shows
    // blank or incomplete because of the damage: it is unreadable, not blank by design.
    if (file) {
      const decoded = new Map<PdfStream, boolean>();
      for (const s of scans) {
        if (s.facts.unreadable || s.facts.textChars >= MIN_TEXT_CHARS) continue;
        const page = file.pages[s.facts.page - 1];
        if (page && contentDamaged(file.reader, page, decoded)) s.facts.unreadable = true;
      }
      for (const page of photoLocationPages(file.reader, file.pages, options.signal))
        if (scans[page - 1]) scans[page - 1].facts.photoLocation = true;
      for (const page of redactionMarkPages(file.reader, file.pages, options.signal))
        if (scans[page - 1]) scans[page - 1].facts.redactionMarks = true;
      for (const page of pagesWithEarlierVersions(file.reader, file.pages, options.signal))
        if (scans[page - 1]) scans[page - 1].facts.earlierVersion = true;
      for (const [i, page] of file.pages.entries()) {
        try {
          const count = scans[i] ? commentCount(file.reader, page) : 0;
          if (count) scans[i].facts.comments = count;
        } catch {
          // Damaged annotations: the page's other checks say what they can.
        }
      }
    }
    const textless = scans.filter((s) => !s.facts.unreadable && s.facts.textChars < MIN_TEXT_CHARS);
    const painted = await pagesWithPaint(
      file ?? ('bytes' in input ? input.bytes : new Uint8Array(0)),
      textless.map((s) => ({ page: s.facts.page, stamp: numbering.chosen[s.facts.page - 1]?.box ?? null })),
    );
    findings.push(
      ...checkPages(
        scans.map((s) => s.facts),
        painted,
      ),
    );
    const active = findActiveContent(file, name);
    if (active) findings.push(active);

    if (!summary.title) {
      findings.push({
        code: 'title-missing',
        severity: 'note',
        pages: [],
        message:
          'The PDF has no title in its document properties; readers show the file name instead. Give it a title such as “Hearing bundle: (case name)”.',
      });
    }
    return finish(summary, findings, started);
  } finally {
    file?.close();
    if (!options.text) await pdfjs.close();
  }
}
