/**
 * pdf.js reading a PDF from disk in byte ranges, on demand: checking a 240 MB bundle's text does not hold
 * a second copy of it in memory (text never needs the image data of scanned pages).
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { pdfjs, PdfOpenError, type PdfjsDocument } from '../pdfjs';

declare global {
  /** Set by the command line's pdf.js, which takes the array below when given one (scripts/pdfjsLoad.mjs). */
  var __sendBundlePdfjsTakesFileBuffer: boolean | undefined;
  var __sendBundlePdfjsFileBuffer: ((length: number) => Uint8Array | undefined) | undefined;
}

/**
 * An array set aside for the next file pdf.js reads in ranges in this thread. pdf.js holds such a file in
 * one array of its full length, most of it never filled; allocating it (240 MB for the 1,000-page bench
 * bundle) makes V8 collect garbage at once, which at the end of a build is time the build waits for. The
 * verification reader sets one aside as soon as the bundle is written, while it has nothing else to do
 * (PageTextReader's written-pages session), so that collection happens then. Used once, by a file that
 * fits; only with a pdf.js that takes it (the command line's).
 */
let setAside: Uint8Array | null = null;

export function setAsideFileBuffer(bytes: number): void {
  setAside = globalThis.__sendBundlePdfjsTakesFileBuffer && bytes > 0 ? new Uint8Array(bytes) : null;
}

globalThis.__sendBundlePdfjsFileBuffer = (length) => {
  const buffer = setAside;
  setAside = null;
  return buffer && buffer.length >= length ? buffer.subarray(0, length) : undefined;
};

export async function openPdfFile(path: string): Promise<{ doc: PdfjsDocument; close: () => Promise<void> }> {
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
    rangeChunkSize: 256 * 1024,
    disableStream: true,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    stopAtErrors: false,
    verbosity: 0,
  });
  let doc: PdfjsDocument;
  try {
    doc = await task.promise;
  } catch (error) {
    closeSync(fd);
    await task.destroy().catch(() => {});
    if ((error as Error)?.name === 'PasswordException')
      throw new PdfOpenError('password-protected', 'The PDF needs a password to open.');
    throw new PdfOpenError(
      'damaged',
      `The PDF cannot be read: ${(error as Error)?.message ?? String(error)}`,
    );
  }
  return {
    doc,
    close: async () => {
      await doc.destroy().catch(() => {});
      closeSync(fd);
    },
  };
}
