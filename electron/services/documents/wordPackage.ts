/**
 * Where a Word (.docx) file keeps its parts, found as Word and LibreOffice find them: from the package's
 * relationships, not from the names Word itself gives them. Word for the web names a document's text
 * "word/document2.xml" or "word/document22.xml", and a letter written there was refused as "a zip archive",
 * its dates and comments not looked for. Where the relationships cannot be read, Word's own names are
 * taken.
 */
import { posix } from 'node:path';
import { ZipDamaged, zipEntries, zipEntryData, type ZipEntry } from './zipArchive';

export interface WordParts {
  /** The document's text (the package's officeDocument). */
  main: string;
  styles: string | null;
  settings: string | null;
  comments: string | null;
  footnotes: string | null;
  /** Parts that hold text with fields, the main one first: headers, footers, footnotes, endnotes. */
  text: string[];
}

/** Bytes of a relationships part read, at most (a document's lists a few hundred relationships). */
const MAX_RELATIONSHIPS = 4 * 1024 * 1024;
const DEFAULT_MAIN = 'word/document.xml';

interface Relationship {
  type: string;
  target: string;
}

/** A character reference's character; one past Unicode (a damaged or hostile file's) as the replacement character. */
function character(code: number): string {
  return code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
}

/** XML's text with its entity and character references turned into what they stand for. */
export function decodeXml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#(\d+);/g, (_, n: string) => character(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => character(parseInt(n, 16)))
    .replace(/&amp;/g, '&');
}

/** The internal relationships of a relationships part: each one's type's last word and its part's path. */
function relationships(bytes: Uint8Array, entries: ZipEntry[], part: string): Relationship[] {
  const folder = posix.dirname(part);
  const rels = posix.join(folder === '.' ? '' : folder, '_rels', `${posix.basename(part)}.rels`);
  const entry = entries.find((e) => e.path === rels);
  const data = entry && zipEntryData(bytes, entry, MAX_RELATIONSHIPS);
  if (!data || !('bytes' in data)) return [];
  const xml = Buffer.from(data.bytes).toString('utf8');
  const found: Relationship[] = [];
  for (const [element] of xml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const attribute = (name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(element)?.[1];
    const type = attribute('Type');
    const target = attribute('Target');
    if (!type || !target || attribute('TargetMode') === 'External') continue;
    const decoded = decodeXml(target);
    // A target is relative to the part's folder, or from the package's root where it starts with "/".
    const path = decoded.startsWith('/')
      ? posix.normalize(decoded.slice(1))
      : posix.normalize(posix.join(part === '' ? '' : posix.dirname(part), decoded));
    if (path.startsWith('..')) continue;
    found.push({ type: type.slice(type.lastIndexOf('/') + 1), target: path });
  }
  return found;
}

/** The parts of a Word file, given its zip's entries; Word's own names where its relationships do not say. */
export function wordPartsOf(bytes: Uint8Array, entries: ZipEntry[]): WordParts {
  const exists = (path: string) => entries.some((e) => e.path === path);
  const main =
    relationships(bytes, entries, '').find((r) => r.type === 'officeDocument' && exists(r.target))?.target ??
    DEFAULT_MAIN;
  const own = relationships(bytes, entries, main).filter((r) => exists(r.target));
  const first = (type: string, fallback: string) =>
    own.find((r) => r.type === type)?.target ?? (exists(fallback) ? fallback : null);
  const text = own
    .filter((r) => ['header', 'footer', 'footnotes', 'endnotes'].includes(r.type))
    .map((r) => r.target);
  return {
    main,
    styles: first('styles', 'word/styles.xml'),
    settings: first('settings', 'word/settings.xml'),
    comments: first('comments', 'word/comments.xml'),
    footnotes: first('footnotes', 'word/footnotes.xml'),
    text: [main, ...new Set(text)].filter((path, i, all) => all.indexOf(path) === i),
  };
}

/** The parts of a Word file; Word's own names where it cannot be read for them. */
export function wordParts(bytes: Uint8Array): WordParts {
  try {
    return wordPartsOf(bytes, zipEntries(bytes).entries);
  } catch (error) {
    if (!(error instanceof ZipDamaged)) throw error;
    return {
      main: DEFAULT_MAIN,
      styles: null,
      settings: null,
      comments: null,
      footnotes: null,
      text: [DEFAULT_MAIN],
    };
  }
}
