/**
 * pdf-lib (the @cantoo fork) for import: is a file one the bundle builder can parse as it is, and the two
 * ways of re-saving one that is not (whole document, or pages copied into a fresh document).
 */
import { PDFDocument } from '@cantoo/pdf-lib';

/** Fast settings (see PERFORMANCE.md); never stamp pdf-lib into the user's document metadata. */
const LOAD = { parseSpeed: Infinity, updateMetadata: false } as const;
const SAVE = { useObjectStreams: false, objectsPerTick: Infinity, addDefaultPage: false } as const;

export type PdfLibCheck =
  { ok: true; pageCount: number; encrypted: boolean } | { ok: false; encrypted: boolean; error: string };

/**
 * Parses the file strictly: any object pdf-lib cannot parse counts as damage. Encrypted files are
 * decrypted with the empty user password for the check (their objects are gibberish otherwise), and
 * reported as encrypted.
 */
export async function checkWithPdfLib(bytes: Uint8Array): Promise<PdfLibCheck> {
  try {
    const doc = await PDFDocument.load(bytes, { ...LOAD, password: '', throwOnInvalidObject: true });
    // The parser sets isDecrypted only when it really decrypted something.
    return { ok: true, encrypted: doc.context.isDecrypted, pageCount: doc.getPageCount() };
  } catch (error) {
    // Includes RangeError from deeply nested or looping page trees.
    return {
      ok: false,
      encrypted: await looksEncrypted(bytes),
      error: (error as Error)?.message ?? String(error),
    };
  }
}

async function looksEncrypted(bytes: Uint8Array): Promise<boolean> {
  try {
    return (await PDFDocument.load(bytes, { ...LOAD, ignoreEncryption: true })).isEncrypted;
  } catch {
    return false;
  }
}

/**
 * Loads leniently (and, for owner-password files, decrypts with the empty user password; the password
 * has no effect on unencrypted files) and saves the
 * whole document again: a fresh cross-reference table, with bookmarks, page labels and forms kept.
 */
export async function resaveWhole(bytes: Uint8Array): Promise<Uint8Array> {
  const doc = await PDFDocument.load(bytes, { ...LOAD, password: '' });
  if (doc.isEncrypted) throw new Error('still encrypted after loading');
  return doc.save(SAVE);
}

/**
 * Copies every page into a new document: leaves behind whatever broken objects the old document's
 * catalog pointed at (at the cost of its bookmarks and page labels).
 */
export async function resaveByCopyingPages(bytes: Uint8Array): Promise<Uint8Array> {
  const source = await PDFDocument.load(bytes, { ...LOAD, password: '' });
  if (source.isEncrypted) throw new Error('still encrypted after loading');
  const target = await PDFDocument.create({ updateMetadata: false });
  const pages = await target.copyPages(source, source.getPageIndices());
  for (const page of pages) target.addPage(page);
  try {
    const title = source.getTitle();
    if (title) target.setTitle(title);
  } catch {
    // A broken information dictionary: the title is not worth failing the repair for.
  }
  return target.save(SAVE);
}
