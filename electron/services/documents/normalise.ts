/**
 * Turns a PDF the user gave us into one the app can rely on, or refuses it.
 *
 * The gate is pdf.js (the app's own reader, as forgiving as desktop readers): a file it cannot open is
 * never stored. A file that opens is kept exactly as it is when it is also clean: its cross-reference
 * tables are right, pdf-lib (the bundle builder) parses it strictly and counts the same pages, and it is
 * not encrypted. Otherwise it is re-saved, trying in turn: the whole document through pdf-lib (keeps
 * bookmarks), with its page tree rebuilt, its pages copied into a fresh document (after rebuilding the page
 * tree, when that is what it takes), and qpdf's repair when qpdf is installed (its copy's page tree rebuilt,
 * when that is what it takes). A re-saved file is only accepted when pdf.js opens it with the same number
 * of pages, every page loads, every page that had text still has text, and pdf-lib parses it strictly.
 *
 * Owner-password files (restrictions on printing or copying, but no password to open) are decrypted the
 * same way, because pdf-lib would otherwise write unreadable pages into the bundle.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PDFDocument } from '@cantoo/pdf-lib';
import type { DocumentRecord } from '../../../shared/domain/documents';
import { inspectPdf, type PdfInspection } from '../pdf/inspect';
import {
  checkWithPdfLib,
  declaredPageCount,
  destroyedPages,
  pageObjectsDraw,
  recoverComplete,
  resaveByCopyingPages,
  resaveWhole,
  resaveWithRebuiltPageTree,
  resaveWithRebuiltPageTreeByCopyingPages,
  withoutEncryptedAttachments,
  withReadableVersion,
} from '../pdf/pdflib';
import {
  examinePageTree,
  pagesLostBeyond,
  wholeTreePageCount,
  withCutKeysReadOn,
  type PageTreeCensus,
} from '../pdf/lostPages';
import { PdfOpenError } from '../pdf/pdfjs';
import { PdfFile } from '../pdf/read';
import { pageDrawingDigest } from '../pdf/read/digest';
import { PdfStream } from '../pdf/read/objects';
import { isDynamicXfaForm } from '../pdf/read/xfa';
import { cutShortUpdate, findStructureProblem } from '../pdf/structure';
import { runProgram } from './executables';
import { refuse } from './refusals';
import { LIMITS } from '../../../shared/limits';

export interface NormalisedPdf {
  pdf: Uint8Array;
  conversion: DocumentRecord['conversion'];
  inspection: PdfInspection;
  /** What was done that the user should know beyond the conversion (an attachment left out). */
  notes?: string[];
  /**
   * `pdf` as pdf-lib parsed it for the strict check, when that is the user's file unchanged and not
   * encrypted: the pre-flight's trial takes it instead of parsing the file again. Stays in this thread.
   */
  parsed?: PDFDocument;
}

export interface NormaliseOptions {
  name: string;
  /** qpdf, when installed: the last resort for files pdf-lib cannot parse. */
  qpdf: string | null;
  /** Scratch folder for qpdf's input and output. */
  workRoot: string;
  signal?: AbortSignal;
}

const QPDF_TIMEOUT_MS = 120_000;

const CUT_SHORT_UPDATE_NOTE =
  'It was damaged: a later change to it was cut short (the end of the file is missing), so it is shown as it was before that change, as PDF readers show it; the file as you gave it is kept too. If that change matters, ask whoever sent it for a new copy.';

async function openOrNull(bytes: Uint8Array, signal?: AbortSignal): Promise<PdfInspection | null> {
  try {
    return await inspectPdf(bytes, signal);
  } catch (error) {
    if (error instanceof PdfOpenError) return null;
    throw error;
  }
}

/**
 * Whether each page of `candidate` draws what the page it lists draws (verifyCandidate's `listing`): every
 * repeat the same as the page's first listing in the candidate, and each the same as the original's page
 * where our reader could tell (where it had to rebuild the original's index it cannot, and the repeats'
 * agreement is what is left to hold the repair to, as pages pdf.js could not show are held to nothing more).
 */
function drawsAsListed(
  candidate: Uint8Array,
  listing: number[],
  originalDrawings: (string | null)[] | null,
): boolean {
  const drawings = drawingDigests(candidate);
  if (!drawings || drawings.length !== listing.length || drawings.some((digest) => digest === null))
    return false;
  const pagesListed = listing.reduce((most, slot) => Math.max(most, slot + 1), 0);
  const reference = originalDrawings?.length === pagesListed ? originalDrawings : null;
  const firstListing = new Map<number, number>();
  return listing.every((slot, i) => {
    const first = firstListing.get(slot);
    if (first === undefined) firstListing.set(slot, i);
    else if (drawings[first] !== drawings[i]) return false;
    const original = reference?.[slot] ?? null;
    return original === null || original === drawings[i];
  });
}

/**
 * Whether a re-saved file shows the same document as the original did in pdf.js: every page there, each
 * with its text if it had text, its size and turn, and what it drew (`originalDrawings`, drawingDigests of
 * the original, where our reader could tell). The inspection of the candidate when it does.
 *
 * `listing`, for a file whose page tree lists a page object more than once (PageTreeCensus.listing): the
 * candidate must have a page for every entry, each drawing what the page it lists draws (drawsAsListed).
 * pdf.js shows only the pages before the first repeat, so the rest are vouched for by what they draw.
 */
export async function verifyCandidate(
  candidate: Uint8Array,
  original: PdfInspection | null,
  signal?: AbortSignal,
  originalDrawings: (string | null)[] | null = null,
  listing?: number[],
): Promise<PdfInspection | null> {
  if (findStructureProblem(candidate) !== null) return null;
  const strict = await checkWithPdfLib(candidate);
  if (!strict.ok || strict.encrypted) return null;
  const seen = await openOrNull(candidate, signal);
  if (!seen || seen.pageCount === 0 || seen.unreadablePages.length > 0) return null;
  if (strict.pageCount !== seen.pageCount) return null;
  if (original) {
    if (seen.pageCount !== (listing?.length ?? original.pageCount)) return null;
    const textless = new Set(seen.pagesWithoutText);
    const unreadable = new Set(original.unreadablePages);
    for (let page = 1; page <= original.pageCount; page++) {
      const hadText = !original.pagesWithoutText.includes(page);
      if (hadText && textless.has(page)) return null;
      // Each page keeps its size and turn: a repair that moved pages about shows where they differ.
      const [was, is] = [original.pageSizes[page - 1], seen.pageSizes[page - 1]];
      if (
        !unreadable.has(page) &&
        (was.width !== is.width || was.height !== is.height || was.rotate !== is.rotate)
      )
        return null;
    }
    // And draws what it drew, where our reader can tell (pages of one size swapped pass the rest).
    if (listing) return drawsAsListed(candidate, listing, originalDrawings) ? seen : null;
    const drawings = originalDrawings?.length === original.pageCount ? drawingDigests(candidate) : null;
    if (drawings && originalDrawings && drawings.length === original.pageCount) {
      for (let i = 0; i < drawings.length; i++)
        if (originalDrawings[i] !== null && drawings[i] !== null && originalDrawings[i] !== drawings[i])
          return null;
    }
  }
  return seen;
}

/** What `use` finds in the file opened with our own reader (closed after); `otherwise` if it cannot open it. */
function withOurReader<T>(bytes: Uint8Array, otherwise: T, use: (file: PdfFile) => T): T {
  let file: PdfFile;
  try {
    file = PdfFile.open({ bytes });
  } catch {
    return otherwise;
  }
  try {
    return use(file);
  } finally {
    file.close();
  }
}

/** Whether the file is a dynamic XFA form (pdf/read/xfa.ts); false when our reader cannot tell. */
function dynamicXfaForm(bytes: Uint8Array): boolean {
  return withOurReader(bytes, false, (file) => {
    try {
      return isDynamicXfaForm(file.reader);
    } catch {
      return false;
    }
  });
}

/** Whether no page of the file has anything in its content streams to draw (our own reader). */
function drawsNothing(bytes: Uint8Array): boolean {
  return withOurReader(bytes, false, (file) =>
    file.pages.every((page) => {
      const contents = file.reader.resolve(page.dict.get('Contents'));
      const list = Array.isArray(contents) ? contents : contents === undefined ? [] : [contents];
      return list.every((item) => {
        const stream = file.reader.resolve(item);
        if (!(stream instanceof PdfStream)) return true;
        try {
          return Buffer.from(file.reader.streamData(stream)).toString('latin1').trim() === '';
        } catch {
          return false;
        }
      });
    }),
  );
}

/**
 * What each page draws (pdf/read/digest.ts pageDrawingDigest), by our own reader: null for a page it cannot
 * decode, and for a file it cannot open or could open only by rebuilding its index.
 */
export function drawingDigests(bytes: Uint8Array): (string | null)[] | null {
  let file: PdfFile;
  try {
    file = PdfFile.open({ bytes });
  } catch {
    return null;
  }
  try {
    // Where it had to rebuild the file's index, which objects it read is its own guess (of a region
    // copied twice, another copy than pdf.js and the repairs took): nothing to hold a repair to.
    if (file.reader.repaired) return null;
    return file.pages.map((page) => {
      try {
        return pageDrawingDigest(file.reader, page);
      } catch {
        return null;
      }
    });
  } finally {
    file.close();
  }
}

/** qpdf's repair (it rebuilds cross-reference tables) and, for encrypted files, decryption. */
export async function qpdfRewrite(
  bytes: Uint8Array,
  qpdf: string,
  workRoot: string,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const work = mkdtempSync(join(workRoot, 'qpdf-'));
  try {
    const input = join(work, 'in.pdf');
    const output = join(work, 'out.pdf');
    writeFileSync(input, bytes);
    const result = await runProgram(
      qpdf,
      ['--decrypt', '--object-streams=disable', '--no-warn', input, output],
      { timeoutMs: QPDF_TIMEOUT_MS, signal },
    );
    // 0 = clean, 3 = repaired with warnings; 2 = failed.
    if (result.exitCode !== 0 && result.exitCode !== 3) throw new Error(`qpdf exit ${result.exitCode}`);
    return new Uint8Array(readFileSync(output));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** What import says of a file whose page tree lists a page more than once (PageTreeCensus.listing). */
export function repeatedPagesNote(listing: number[]): string {
  const firstListed = new Map<number, number>();
  const repeats: string[] = [];
  listing.forEach((slot, index) => {
    const first = firstListed.get(slot);
    if (first === undefined) firstListed.set(slot, index + 1);
    else repeats.push(`page ${index + 1} is page ${first} again`);
  });
  const named =
    repeats.length > 3
      ? `${repeats.slice(0, 3).join(', ')} and ${repeats.length - 3} more`
      : repeats.join(' and ');
  return `It was damaged: its list of pages names the same page more than once (${named}). Each is shown where it is listed, as most PDF readers show it; the file as you gave it is kept too.`;
}

/** Refuses the file when its page tree has pages beyond those pdf.js shows that every repair would lose. */
function refuseLostPages(name: string, census: PageTreeCensus, shown: PdfInspection): void {
  const missing = pagesLostBeyond(census, shown.pageCount);
  if (missing?.lost?.length) throw refuse.destroyedPages(name, missing.lost, missing.total);
  const readable = shown.pageCount - shown.unreadablePages.length;
  if (missing && readable === 0) throw refuse.damaged(name, 'none of its pages can be shown');
  if (missing) throw refuse.pagesMissing(name, readable, missing.total);
}

export async function normalisePdf(
  bytes: Uint8Array,
  options: NormaliseOptions,
  already: {
    /**
     * The file is the user's with its page tree's garbled kids written back, or a catalog or page key
     * without a value blanked out: not to be mended again.
     */
    kidsMended?: boolean;
    /** The file is qpdf's decrypted copy of the user's: not to be decrypted again. */
    decrypted?: boolean;
  } = {},
): Promise<NormalisedPdf> {
  const { kidsMended = false } = already;
  const { name, signal } = options;
  // An update cut short (a download that stopped during a change's objects): the file up to its last
  // complete revision is the document pdf.js and poppler show, which pdf-lib, reading objects in file
  // order, would otherwise take the update's objects into (and qpdf's repair cannot always find).
  const revisionEnd = cutShortUpdate(bytes);
  if (revisionEnd !== null) {
    const result = await normalisePdf(bytes.subarray(0, revisionEnd), options, already);
    return {
      ...result,
      conversion: result.conversion === 'none' ? 'repaired' : result.conversion,
      notes: [...(result.notes ?? []), CUT_SHORT_UPDATE_NOTE],
    };
  }
  if (dynamicXfaForm(bytes)) throw refuse.dynamicXfaForm(name);
  let original: PdfInspection | null = null;
  let needsPassword = false;
  let unreadable = false;
  try {
    original = await inspectPdf(bytes, signal);
  } catch (error) {
    if (!(error instanceof PdfOpenError)) throw error;
    if (error.kind === 'damaged') unreadable = true;
    else needsPassword = true;
  }
  if (original && original.pageCount === 0) throw refuse.noPages(name);

  if (unreadable) {
    // pdf.js cannot open it; qpdf may (it rebuilds what pdf.js gives up on), and when the damage is only
    // in the file's index (its trailer or cross-reference table), pdf-lib can read the objects themselves,
    // as poppler does. Either repair is kept only if nothing of the document is missing.
    const repairs: Array<() => Promise<Uint8Array>> = [];
    if (options.qpdf)
      repairs.push(() => qpdfRewrite(bytes, options.qpdf as string, options.workRoot, signal));
    repairs.push(() => recoverComplete(bytes));
    for (const repair of repairs) {
      try {
        const candidate = await repair();
        const seen = await verifyCandidate(candidate, null, signal);
        if (seen) return { pdf: candidate, conversion: 'repaired', inspection: seen };
      } catch (error) {
        if (signal?.aborted) throw error;
      }
    }
    throw refuse.damaged(name);
  }

  if (needsPassword) {
    // Encrypted only to protect its attachments: the document itself opens without a password.
    const cleared = await withoutEncryptedAttachments(bytes);
    const seen = cleared && (await verifyCandidate(cleared.pdf, null, signal));
    if (cleared && seen) {
      const named = cleared.attachments.length
        ? ` (${cleared.attachments.map((a) => `"${a}"`).join(', ')})`
        : '';
      return {
        pdf: cleared.pdf,
        conversion: 'repaired',
        inspection: seen,
        notes: [
          `Only its attached file${cleared.attachments.length === 1 ? '' : 's'}${named} needed a password, so ${cleared.attachments.length === 1 ? 'it was' : 'they were'} left out; the document itself is complete. Ask whoever sent it for the attachment${cleared.attachments.length === 1 ? '' : 's'} as a separate file if you need ${cleared.attachments.length === 1 ? 'it' : 'them'}.`,
        ],
      };
    }
  }

  // pdf.js asks for a password that qpdf opens the file without (its encryption slightly malformed, or a
  // damaged object that pdf.js takes for the wrong password): qpdf's decrypted copy is judged as any file
  // is, so that pages destroyed in the file are named rather than dropped by the repair (fuzz, qpdf's
  // test files seed 1: V4-aes.pdf with four page objects zeroed was imported as 26 pages of its 30).
  if (needsPassword && options.qpdf && !already.decrypted) {
    let decrypted: Uint8Array | null = null;
    try {
      decrypted = await qpdfRewrite(withReadableVersion(bytes), options.qpdf, options.workRoot, signal);
    } catch (error) {
      if (signal?.aborted) throw error;
    }
    if (decrypted) {
      const result = await normalisePdf(decrypted, options, { ...already, decrypted: true });
      return { ...result, conversion: 'decrypted' };
    }
  }

  const check = await checkWithPdfLib(bytes);
  const encrypted = needsPassword || check.encrypted;
  if (
    original &&
    check.ok &&
    !check.encrypted &&
    check.pageCount === original.pageCount &&
    original.unreadablePages.length === 0 &&
    findStructureProblem(bytes) === null
  ) {
    // Every reader agrees, but the tree may count more pages than it lists (its kids cut short).
    if (declaredPageCount(check.doc) > check.pageCount) {
      const tree = examinePageTree(bytes);
      if (tree) refuseLostPages(name, tree.census, original);
    }
    return { pdf: bytes, conversion: 'none', inspection: original, parsed: check.doc };
  }

  // A garbled reference among a page tree node's kids ("31z0 R") loses its page to every reader, though the
  // page object is still in the file: written back where it is certain which page it was, and the file
  // repaired as the user's own would be.
  const tree = needsPassword || !original ? null : examinePageTree(bytes);
  // A catalog or page key whose value was cut out ("/Names >>" then "/Pages 7 0 R"; a page's "/Gro >>" then
  // its "/MediaBox" and "/Contents"): pdf.js reads on, pdf-lib and qpdf do not, so no repair could be made
  // that shows what pdf.js does; the key blanked out in place.
  const mended = kidsMended ? null : (tree?.mended ?? (original ? withCutKeysReadOn(bytes) : null));
  if (mended) {
    const result = await normalisePdf(mended, options, { ...already, kidsMended: true });
    return { ...result, conversion: result.conversion === 'none' ? 'repaired' : result.conversion };
  }

  // A destroyed page object is lost to every repair, which would drop it; and pdf.js, which counts the
  // pages only up to about the first and cannot show that one, cannot tell (a file with its first two
  // pages destroyed was imported as its third alone). The file's own tree says which pages are lost, of
  // how many, as poppler counts them: believed when pdf.js counts fewer pages or cannot show one (pdf-lib,
  // reading a file whose cross-reference table is wrong, can take a sound page for a destroyed one, which
  // qpdf then repairs; pdf.js then shows every page).
  const lost = needsPassword || !original ? null : await destroyedPages(bytes);
  if (original && lost && (lost.pages > original.pageCount || original.unreadablePages.length > 0)) {
    if (lost.destroyed.length === lost.pages) throw refuse.damaged(name, 'none of its pages can be shown');
    throw refuse.destroyedPages(name, lost.destroyed, lost.pages);
  }

  // Pages the tree counts that pdf.js does not show, where the tree itself has gaps: every repair, held to
  // pdf.js's count, would lose them without a word (the gaps pdf-lib cannot see: garbled kids, or a
  // tree pdf-lib cannot parse).
  if (tree && original) refuseLostPages(name, tree.census, original);

  const attempts: Array<() => Promise<Uint8Array>> = [];
  if (!needsPassword) {
    attempts.push(() => resaveWhole(bytes));
    attempts.push(() => resaveWithRebuiltPageTree(bytes));
    attempts.push(() => resaveByCopyingPages(bytes));
    attempts.push(() => resaveWithRebuiltPageTreeByCopyingPages(bytes));
  }
  // qpdf also opens files whose encryption is slightly malformed but whose user password is empty
  // (pdf.js and poppler then ask for a password that does not exist). Nothing else gets past here.
  if (options.qpdf) {
    let rewritten: Promise<Uint8Array> | null = null;
    const rewrite = () =>
      (rewritten ??= qpdfRewrite(
        withReadableVersion(bytes),
        options.qpdf as string,
        options.workRoot,
        signal,
      ));
    attempts.push(rewrite);
    // qpdf reads past a page tree whose root lost its type, and past a token no reader knows (written as a
    // string), but writes the root as it found it, which pdf-lib then cannot walk: its tree rebuilt.
    attempts.push(async () => resaveWithRebuiltPageTree(await rewrite()));
  }
  // A garbled trailer that pdf.js read past but pdf-lib and qpdf stop at.
  if (!needsPassword) attempts.push(() => recoverComplete(bytes));

  // A repair keeps every page a whole tree lists. pdf.js stops at a page object it cannot read (a comment
  // mark in its /MediaBox ate the rest of it) and shows the pages up to it; a repair that dropped that page
  // matched pdf.js's count with the next page in its place, and was kept (fuzz seed 44: page 2 of 3 lost
  // without a word, page 3 shown as page 2).
  const listed = tree ? wholeTreePageCount(tree.census) : null;
  // A page object the tree lists more than once, where pdf.js stopped at the repeat: a repair that gives
  // each listing a page of its own shows the document as poppler, qpdf and Chrome show it.
  const listing =
    original && tree?.census.listing && tree.census.slots.every((slot) => slot === true)
      ? tree.census.listing
      : undefined;
  if (listing && listing.length > LIMITS.pdfPages) throw refuse.tooManyPages(name, listing.length);
  // What each original page draws, read once the first repair is to be checked.
  let drawings: (string | null)[] | null | undefined;
  for (const attempt of attempts) {
    signal?.throwIfAborted();
    let candidate: Uint8Array;
    try {
      candidate = await attempt();
    } catch (error) {
      if (signal?.aborted) throw error;
      continue;
    }
    const seen = await verifyCandidate(
      candidate,
      original,
      signal,
      (drawings ??= drawingDigests(bytes)),
      listing,
    );
    if (seen && listed !== null && seen.pageCount < listed) continue;
    // Where pdf.js showed none of the pages, a copy that draws nothing recovered nothing when the file holds
    // page objects that do draw: a blank page stood in for a page tree that lost its kids (fuzz seed 38).
    // (A file whose one page is blank, under a tree pdf.js cannot walk, is still repaired.) Where it could
    // not show some of them, a copy that draws nothing on any page recovered none of those: the shells of
    // pages whose objects and fonts were lost with a damaged object stream (fuzz --kinds all seed 12: five
    // pages of text, pdf.js showing three, blank, and the third not at all, were imported as three blank).
    if (
      seen &&
      original &&
      original.unreadablePages.length > 0 &&
      drawsNothing(candidate) &&
      (original.unreadablePages.length < original.pageCount || (await pageObjectsDraw(bytes)))
    )
      continue;
    if (seen && listing)
      return {
        pdf: candidate,
        conversion: 'repaired',
        inspection: seen,
        notes: [repeatedPagesNote(listing)],
      };
    if (seen) return { pdf: candidate, conversion: encrypted ? 'decrypted' : 'repaired', inspection: seen };
  }

  if (needsPassword) throw refuse.passwordProtected(name);
  if (original && original.unreadablePages.length === original.pageCount) {
    throw refuse.damaged(name, 'none of its pages can be shown');
  }
  if (original && original.unreadablePages.length > 0) {
    throw refuse.damaged(
      name,
      `page${original.unreadablePages.length === 1 ? '' : 's'} ${original.unreadablePages.join(', ')} cannot be shown`,
    );
  }
  if (encrypted) throw refuse.damaged(name, 'its copy protection could not be removed safely');
  throw refuse.damaged(name);
}
