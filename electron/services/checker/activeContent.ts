/**
 * The checker's finding for active content: anything in a bundle that a reader would run, launch, submit
 * or open (pdf/activeContent.ts says what counts), with the pages it is on. Read with the checker's own
 * PDF reader (pdf/read), walked from the catalog and from each page.
 */
import type { CheckFinding } from '../../../shared/domain/checker';
import { ACTIVE_ANNOTATIONS, unsafeAction } from '../pdf/activeContent';
import type { PdfFile } from '../pdf/read';
import type { PdfReader } from '../pdf/read/document';
import {
  isDict,
  isRef,
  PdfName,
  PdfString,
  PdfStream,
  type PdfDict,
  type PdfValue,
} from '../pdf/read/objects';
import { describePages } from './describe';

const MAX_CHAIN = 64;

interface Found {
  what: Set<string>;
  pages: Set<number>;
  documentLevel: boolean;
}

function dictOf(value: PdfValue | undefined): PdfDict | null {
  return isDict(value) ? value : value instanceof PdfStream ? value.dict : null;
}

function nameOf(reader: PdfReader, dict: PdfDict, key: string): string | null {
  const found = reader.get(dict, key);
  return found instanceof PdfName ? found.name : null;
}

function textOf(reader: PdfReader, dict: PdfDict, key: string): string | null {
  const found = reader.get(dict, key);
  return found instanceof PdfString ? found.text : null;
}

/**
 * The unsafe kinds in an action and its /Next chain (each kind once). An action stored on its own is judged
 * once a scan (`judged`): a /Next array naming the same action twice, level after level, would otherwise
 * be walked 2^64 times; met again inside its own chain, it adds nothing there.
 */
function unsafeIn(
  reader: PdfReader,
  value: PdfValue | undefined,
  judged: Map<string, string[]>,
  depth = 0,
): string[] {
  // Past this, what the chain holds is unread, and a reader would still run it.
  if (depth > MAX_CHAIN) return ['a chain of actions too long to read to its end'];
  if (isRef(value)) {
    const known = judged.get(value.key);
    if (known) return known;
    judged.set(value.key, []);
    const found = unsafeIn(reader, reader.resolve(value), judged, depth);
    judged.set(value.key, found);
    return found;
  }
  if (Array.isArray(value)) return [...new Set(value.flatMap((a) => unsafeIn(reader, a, judged, depth + 1)))];
  const dict = dictOf(value);
  if (!dict) return [];
  const unsafe = unsafeAction(nameOf(reader, dict, 'S'), {
    uri: textOf(reader, dict, 'URI'),
    named: nameOf(reader, dict, 'N'),
  });
  const next = unsafeIn(reader, dict.get('Next'), judged, depth + 1);
  return unsafe && !next.includes(unsafe) ? [unsafe, ...next] : next;
}

/** Actions in a trigger dictionary (/AA): all of them run by themselves, so any is reported. */
function triggered(reader: PdfReader, value: PdfValue | undefined, judged: Map<string, string[]>): string[] {
  const aa = dictOf(reader.resolve(value));
  if (!aa) return [];
  return [...aa.map.values()].flatMap((action) => {
    const unsafe = unsafeIn(reader, action, judged);
    return unsafe.length ? unsafe : ['an action that runs by itself'];
  });
}

function scan(file: PdfFile): Found {
  const { reader } = file;
  const catalog = reader.catalog;
  const found: Found = { what: new Set(), pages: new Set(), documentLevel: false };
  const judged = new Map<string, string[]>();
  const atDocument = (what: string[]) => {
    if (!what.length) return;
    what.forEach((w) => found.what.add(w));
    found.documentLevel = true;
  };
  if (catalog) {
    // An /OpenAction that is a destination (an array) only chooses the first view.
    const open = reader.get(catalog, 'OpenAction');
    if (dictOf(open)) atDocument(unsafeIn(reader, open, judged));
    atDocument(triggered(reader, catalog.get('AA'), judged));
    const names = reader.getDict(catalog, 'Names');
    if (names?.has('JavaScript')) atDocument(['document JavaScript']);
    if (names?.has('EmbeddedFiles')) atDocument(['embedded files']);
    if (reader.getDict(catalog, 'AcroForm')?.has('XFA')) atDocument(['an XFA form']);
  }

  for (const page of file.pages) {
    const what: string[] = [];
    try {
      what.push(...triggered(reader, page.dict.get('AA'), judged));
      const annots = reader.get(page.dict, 'Annots');
      for (const item of Array.isArray(annots) ? annots : []) {
        const annot = dictOf(reader.resolve(item));
        if (!annot) continue;
        const subtype = nameOf(reader, annot, 'Subtype');
        if (subtype && ACTIVE_ANNOTATIONS.has(subtype))
          what.push(subtype === 'FileAttachment' ? 'an attached file' : `${subtype.toLowerCase()} content`);
        what.push(...unsafeIn(reader, annot.get('A'), judged));
        what.push(...triggered(reader, annot.get('AA'), judged));
        // A form field's own scripts (keystroke, format, calculate) sit on the field, which may be the widget's parent.
        const parent = reader.getDict(annot, 'Parent');
        if (parent) what.push(...triggered(reader, parent.get('AA'), judged));
      }
    } catch {
      // An annotation our reader cannot parse is left to the damage findings.
    }
    if (what.length) {
      found.pages.add(page.index + 1);
      what.forEach((w) => found.what.add(w));
    }
  }
  return found;
}

/** The active-content finding for a bundle, or null when it has none (or our reader cannot open it). */
export function findActiveContent(file: PdfFile | null, fileName: string): CheckFinding | null {
  if (!file) return null; // What our reader cannot read, the checker's other findings describe.
  let found: Found;
  try {
    found = scan(file);
  } catch {
    return null;
  }
  if (found.what.size === 0) return null;
  const pages = [...found.pages].sort((a, b) => a - b);
  const what = [...found.what].slice(0, 6).join(', ');
  const where = pages.length
    ? `${describePages(pages, true)} ${pages.length === 1 ? 'carries' : 'carry'}`
    : `${fileName} carries`;
  return {
    code: 'active-content',
    severity: 'error',
    pages,
    message: `${where} active content (${what})${found.documentLevel && pages.length ? `, and so does the file as a whole` : ''}: a reader such as Acrobat may run it when the bundle is opened. A bundle must not: remove it (print the bundle to a new PDF, or rebuild it with SEND Bundle Builder, which leaves it out) and send the new copy.`,
    details: { what: [...found.what], documentLevel: found.documentLevel },
  };
}
