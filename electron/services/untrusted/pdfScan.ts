/**
 * A quick pass over a PDF's bytes, before any PDF library parses it, for the two ways a small file can
 * take a reader down: compressed streams that unpack to gigabytes (a "Flate bomb") and arrays or
 * dictionaries nested thousands deep (the parsers recurse). It reads the file as a stream of tokens,
 * skipping strings, comments and stream data, and unpacks every Flate stream only to count its bytes,
 * stopping as soon as a limit is passed. Object streams are unpacked and scanned for nesting too.
 *
 * It is a guard, not a parser: anything it cannot understand (an encrypted stream, an unusual filter) is
 * left to the real parsers, which run with a time and memory cap anyway (see runner.ts).
 */
import { constants, inflateSync } from 'node:zlib';
import { formatSize, LIMITS } from '../../../shared/limits';

interface PdfScanLimits {
  streamInflatedBytes: number;
  fileInflatedBytes: number;
  nestingDepth: number;
}

const PDF_SCAN_LIMITS: PdfScanLimits = {
  streamInflatedBytes: LIMITS.pdfStreamInflatedBytes,
  fileInflatedBytes: LIMITS.pdfInflatedBytes,
  nestingDepth: LIMITS.pdfNestingDepth,
};

interface PdfScanResult {
  problem: PdfScanProblem | null;
  /**
   * Page objects seen in the bytes (including ones no longer used): an upper bound that is cheap to get.
   * Over the page limit, ask a real parser for the page count before refusing.
   */
  pageObjects: number;
}

export interface PdfScanProblem {
  limit: 'pdfStreamInflatedBytes' | 'pdfInflatedBytes' | 'pdfNestingDepth';
  /** Completes "<file> …": what is wrong, naming the limit. */
  problem: string;
}

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const STREAM = Buffer.from('stream');
const ENDSTREAM = Buffer.from('endstream');

class OverLimit extends Error {
  constructor(readonly found: PdfScanProblem) {
    super(found.problem);
  }
}

function isFlate(dict: string): boolean {
  const filter = /\/Filter\s*(\[\s*)?\/([A-Za-z0-9]+)/.exec(dict);
  return filter !== null && (filter[2] === 'FlateDecode' || filter[2] === 'Fl');
}

const TYPE_KEY = Buffer.from('/Type');

/** `/Type /Page` (not /Pages) entries in the bytes. */
function countPageObjects(buf: Buffer): number {
  let count = 0;
  for (let at = buf.indexOf(TYPE_KEY); at >= 0; at = buf.indexOf(TYPE_KEY, at + 5)) {
    let i = at + 5;
    while (i < buf.length && WHITESPACE.has(buf[i])) i++;
    if (buf.toString('latin1', i, i + 5) !== '/Page') continue;
    const next = buf[i + 5];
    if (next === undefined || !/[A-Za-z0-9#_.-]/.test(String.fromCharCode(next))) count++;
  }
  return count;
}

export function scanPdf(bytes: Uint8Array, limits: PdfScanLimits = PDF_SCAN_LIMITS): PdfScanResult {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let inflatedTotal = 0;
  let pageObjects = countPageObjects(buffer);
  try {
    walk(buffer, true);
  } catch (error) {
    if (error instanceof OverLimit) return { problem: error.found, pageObjects };
    throw error;
  }
  return { problem: null, pageObjects };

  function tooDeep(): never {
    throw new OverLimit({
      limit: 'pdfNestingDepth',
      problem: `has parts nested inside each other more than ${limits.nestingDepth} deep (the limit for one PDF)`,
    });
  }

  function countStream(data: Uint8Array, dict: string): void {
    if (!isFlate(dict)) return;
    const budget = Math.min(limits.streamInflatedBytes, limits.fileInflatedBytes - inflatedTotal);
    let out: Buffer | null;
    try {
      out = inflateSync(data, {
        maxOutputLength: budget + 1,
        finishFlush: constants.Z_SYNC_FLUSH,
      });
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== 'ERR_BUFFER_TOO_LARGE') return; // not Flate after all, or encrypted: left to the parsers
      out = null;
    }
    if (out === null || out.length > budget) {
      if (budget < limits.streamInflatedBytes)
        throw new OverLimit({
          limit: 'pdfInflatedBytes',
          problem: `unpacks to more than ${formatSize(limits.fileInflatedBytes)} in all (the limit for one PDF)`,
        });
      throw new OverLimit({
        limit: 'pdfStreamInflatedBytes',
        problem: `holds a compressed part that unpacks to more than ${formatSize(limits.streamInflatedBytes)} (the limit for one part of a PDF)`,
      });
    }
    inflatedTotal += out.length;
    if (/\/Type\s*\/ObjStm/.test(dict)) {
      pageObjects += countPageObjects(out);
      walk(out, false);
    }
  }

  /** Tokens of `buf`; `streams` is false inside an object stream (it holds no stream data). */
  function walk(buf: Buffer, streams: boolean): void {
    const n = buf.length;
    let depth = 0;
    let dictStart = -1;
    let i = 0;
    while (i < n) {
      const c = buf[i];
      if (c === 0x25 /* % */) {
        while (i < n && buf[i] !== 0x0a && buf[i] !== 0x0d) i++;
      } else if (c === 0x28 /* ( */) {
        let parens = 1;
        i++;
        while (i < n && parens > 0) {
          const s = buf[i];
          if (s === 0x5c /* \ */) i++;
          else if (s === 0x28) parens++;
          else if (s === 0x29) parens--;
          i++;
        }
        continue;
      } else if (c === 0x3c /* < */) {
        if (buf[i + 1] === 0x3c) {
          if (depth === 0) dictStart = i;
          if (++depth > limits.nestingDepth) tooDeep();
          i += 2;
          continue;
        }
        const close = buf.indexOf(0x3e, i + 1);
        i = close < 0 ? n : close + 1;
        continue;
      } else if (c === 0x3e /* > */ && buf[i + 1] === 0x3e) {
        depth = Math.max(0, depth - 1);
        i += 2;
        continue;
      } else if (c === 0x5b /* [ */) {
        if (++depth > limits.nestingDepth) tooDeep();
      } else if (c === 0x5d /* ] */) {
        depth = Math.max(0, depth - 1);
      } else if (
        streams &&
        c === 0x73 /* s */ &&
        (i === 0 || WHITESPACE.has(buf[i - 1]) || buf[i - 1] === 0x3e) &&
        buf.compare(STREAM, 0, 6, i, i + 6) === 0
      ) {
        let start = i + 6;
        if (buf[start] === 0x0d) start++;
        if (buf[start] === 0x0a) start++;
        const dict = dictStart >= 0 ? buf.toString('latin1', dictStart, Math.min(i, dictStart + 4096)) : '';
        let end = -1;
        const length = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict);
        if (length) {
          const declared = start + Number(length[1]);
          const after = buf.indexOf(ENDSTREAM, declared);
          if (after >= 0 && after - declared <= 4) end = declared;
        }
        if (end < 0) end = buf.indexOf(ENDSTREAM, start);
        if (end < 0) end = n;
        countStream(buf.subarray(start, end), dict);
        depth = 0;
        dictStart = -1;
        i = end + ENDSTREAM.length;
        continue;
      }
      i++;
    }
  }
}
