/**
 * Word (.docx, and Word 97-2003 .doc), OpenDocument text (.odt) and RTF to PDF with LibreOffice: `soffice --headless --convert-to pdf`. Each conversion gets its
 * own LibreOffice profile folder, because without one soffice hands the job to a LibreOffice window the
 * user already has open and exits without converting anything. The profile is made safe for files from
 * anyone (PROFILE_SETTINGS) before LibreOffice starts.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Reader } from '@kenjiuno/msgreader/lib/Reader';
import { runProgram } from './executables';
import './msgReaderBounds';
import type { WordFormat } from './sniff';
import { wordBinaryRevisions } from './wordBinary';
import { wordParts, wordPartsOf, type WordParts } from './wordPackage';
import { ZipDamaged, zipEntries, zipEntryData } from './zipArchive';

/** Large documents with many pictures can take a while on a slow machine; a hung soffice must not hang import. */
const DOCX_TIMEOUT_MS = 180_000;

export class DocxConversionError extends Error {}

/**
 * LibreOffice's settings for converting a file from anyone, written into each conversion's fresh profile
 * (`user/registrymodifications.xcu`, read as LibreOffice starts):
 * - no linked content fetched: by default LibreOffice fetched a picture a Word or OpenDocument file links to
 *   rather than holds, from the internet (a request to the sender's server saying the file was opened, and
 *   from where: nothing may leave this computer) or from this computer's own files (a hostile file could
 *   show a picture of the user's in the bundle). `BlockUntrustedRefererLinks` stops both for a file outside
 *   LibreOffice's trusted places, as every conversion's file is;
 * - links to other files never updated (Writer's `Update/Link`: 0, never), and no macro run, whatever the file
 *   says (`DisableMacrosExecution`, and the highest macro security level).
 */
export const PROFILE_SETTINGS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Writer/Content/Update"><prop oor:name="Link" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/**
 * Converts the bytes of a document of `format` (what its content is, which its name may not say) and returns
 * the PDF bytes. `workRoot` is a folder for scratch files
 * (the store's tmp folder, so a crash leaves nothing the start-up clean-up does not remove).
 */
export async function convertDocxToPdf(
  bytes: Uint8Array,
  soffice: string,
  workRoot: string,
  signal?: AbortSignal,
  format: WordFormat = 'docx',
): Promise<Uint8Array> {
  const work = mkdtempSync(join(workRoot, 'convert-'));
  try {
    // A fixed, plain name: LibreOffice names its output after the input, and some names trip it up. Its
    // ending is the format's, so LibreOffice reads it with the right filter.
    const input = join(work, `document.${format}`);
    const outDir = join(work, 'out');
    writeFileSync(input, bytes);
    mkdirSync(join(work, 'profile', 'user'), { recursive: true });
    writeFileSync(join(work, 'profile', 'user', 'registrymodifications.xcu'), PROFILE_SETTINGS);
    const result = await runProgram(
      soffice,
      [
        `-env:UserInstallation=${pathToFileURL(join(work, 'profile')).href}`,
        '--headless',
        '--norestore',
        '--nolockcheck',
        '--convert-to',
        'pdf',
        '--outdir',
        outDir,
        input,
      ],
      { timeoutMs: DOCX_TIMEOUT_MS, signal, cwd: work },
    ).catch((error: Error & { killed?: boolean }) => {
      if (signal?.aborted) throw error;
      throw new DocxConversionError(
        error.killed ? 'it took too long' : `LibreOffice could not be started: ${error.message}`,
      );
    });
    let produced: string[] = [];
    try {
      produced = readdirSync(outDir).filter((f) => f.toLowerCase().endsWith('.pdf'));
    } catch {
      // No output folder: fall through to the error below.
    }
    if (produced.length === 0) {
      const said = (result.stderr || result.stdout).trim().split('\n').pop() ?? '';
      throw new DocxConversionError(
        said ? `it said: ${said.slice(0, 200)}` : `it stopped with code ${result.exitCode} and made no PDF`,
      );
    }
    return new Uint8Array(readFileSync(join(outDir, produced[0])));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Where a Word (.docx) or OpenDocument (.odt) file keeps its comments, and how to print them with it. */
const COMMENTS: Partial<Record<WordFormat, { part: PartName; comment: RegExp; keep: string }>> = {
  docx: {
    part: (parts) => parts.comments,
    comment: /<w:comment[\s>]/g,
    keep: 'open it in Word, choose File > Save As > PDF with Options > “Document showing markup”',
  },
  odt: {
    part: 'content.xml',
    comment: /<office:annotation[\s>]/g,
    keep: 'open it in LibreOffice, choose File > Export as PDF with “Comments in margin”',
  },
};

/** Bytes of a part read to count what it holds, at most (a document's text with a thousand comments is far less). */
const MAX_COUNTED_PART = 32 * 1024 * 1024;

/** A part's name: an OpenDocument file's own, or a Word file's as its relationships give it (wordPackage.ts). */
type PartName = string | ((parts: WordParts) => string | null);

/** The text of the file's `part`; null when it has none, or it cannot be read or is over the limit. */
function partText(bytes: Uint8Array, name: PartName): string | null {
  try {
    const part = typeof name === 'string' ? name : name(wordParts(bytes));
    const entry = zipEntries(bytes).entries.find((e) => e.path === part);
    const data = entry && zipEntryData(bytes, entry, MAX_COUNTED_PART);
    if (!data || !('bytes' in data)) return null;
    return Buffer.from(data.bytes.buffer, data.bytes.byteOffset, data.bytes.byteLength).toString('utf8');
  } catch (error) {
    if (error instanceof ZipDamaged) return null;
    throw error;
  }
}

/** How many matches of `pattern` the file's `part` holds; 0 when it has none or cannot be read for them. */
function countIn(bytes: Uint8Array, part: PartName, pattern: RegExp): number {
  return partText(bytes, part)?.match(pattern)?.length ?? 0;
}

/**
 * The comments in a Word or OpenDocument file (in the margin: a teacher's or officer's remarks on a
 * draft). LibreOffice leaves them off the pages it makes, so the import's notes say how many there are and
 * how to keep them. Nothing for a file without comments, or one that cannot be read for them.
 */
export function wordCommentsNote(bytes: Uint8Array, format: WordFormat): string[] {
  const where = COMMENTS[format];
  const count = where ? countIn(bytes, where.part, where.comment) : 0;
  if (!where || count === 0) return [];
  const one = count === 1;
  return [
    `It has ${one ? 'a comment' : `${count} comments`} in the margin, which ${one ? 'is' : 'are'} not on its pages. ` +
      `If ${one ? 'it matters' : 'they matter'}, ${where.keep}, and add that PDF as well.`,
  ];
}

/**
 * Where a Word or OpenDocument file records tracked changes (each insertion, deletion or move of its text),
 * where it says it is to be shown with them hidden (Word's Review > No Markup, saved; LibreOffice's Edit >
 * Track Changes > Show unticked), and how to make a copy that reads as it now stands. LibreOffice prints
 * the changes as the file says it is shown: marked (words taken out struck through, words added
 * underlined, a bar in the margin), or made, with the words taken out gone.
 */
const ACCEPT_IN_WORD = 'open it in Word, choose Review > Accept > Accept All Changes, save it';
const MARKED_IN_WORD = 'open it in Word, choose Review > All Markup, then File > Save As > PDF';

const TRACKED_CHANGES: Partial<
  Record<
    WordFormat,
    { part: PartName; change: RegExp; settings: PartName; hidden: RegExp; accept: string; marked: string }
  >
> = {
  docx: {
    part: (parts) => parts.main,
    change: /<w:(?:ins|del|moveFrom|moveTo)[\s/>]/g,
    settings: (parts) => parts.settings,
    hidden: /<w:revisionView\b[^>]*\bw:insDel="(?:0|false|off)"/,
    accept: ACCEPT_IN_WORD,
    marked: MARKED_IN_WORD,
  },
  odt: {
    part: 'content.xml',
    change: /<text:changed-region[\s>]/g,
    settings: 'settings.xml',
    hidden: /config:name="ShowRedlineChanges"[^>]*>\s*false\s*</,
    accept: 'open it in LibreOffice, choose Edit > Track Changes > Accept All, save it',
    marked: 'open it in LibreOffice, tick Edit > Track Changes > Show, then File > Export as PDF',
  },
};

/** An RTF file's runs of text taken out or added; LibreOffice always shows them marked (it has no setting to hide them). */
const RTF_TRACKED_CHANGE = /\\(?:deleted|revised)(?![a-z])/g;

/**
 * A Word or OpenDocument file's tracked changes: an officer's draft with "weekly" struck through and
 * "termly" added shows both on its pages, and a search of the bundle finds both; one set to hide them shows
 * the changed text with nothing to say it was changed. The import's notes say which, and how to have the
 * other. Nothing for a file without tracked changes, or one that cannot be read for them.
 */
export function wordTrackedChangesNote(bytes: Uint8Array, format: WordFormat): string[] {
  if (format === 'rtf') {
    const rtf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    return trackedChangesShownNote(rtf.match(RTF_TRACKED_CHANGE)?.length ?? 0, ACCEPT_IN_WORD);
  }
  if (format === 'doc') {
    const revisions = wordBinaryRevisions(bytes);
    if (!revisions) return [];
    return revisions.shown
      ? trackedChangesShownNote(revisions.runs, ACCEPT_IN_WORD)
      : trackedChangesHiddenNote(revisions.runs, MARKED_IN_WORD);
  }
  const where = TRACKED_CHANGES[format];
  const count = where ? countIn(bytes, where.part, where.change) : 0;
  if (!where || count === 0) return [];
  return where.hidden.test(partText(bytes, where.settings) ?? '')
    ? trackedChangesHiddenNote(count, where.marked)
    : trackedChangesShownNote(count, where.accept);
}

function trackedChangesHiddenNote(count: number, marked: string): string[] {
  if (count === 0) return [];
  return [
    `It has ${count === 1 ? 'a tracked change' : `${count} tracked changes`}, which ${count === 1 ? 'is' : 'are'} ` +
      'not shown on its pages: they show it as changed, with no mark where words were taken out or added, as ' +
      `the file is set to be shown. If the changes matter, ${marked}, and add that PDF as well.`,
  ];
}

function trackedChangesShownNote(count: number, accept: string): string[] {
  if (count === 0) return [];
  return [
    `It has ${count === 1 ? 'a tracked change' : `${count} tracked changes`}, shown on its pages: words taken ` +
      'out struck through and words added underlined. If the bundle should have it as it now reads, ' +
      `${accept}, and add that file in its place.`,
  ];
}

/**
 * Where a Word or OpenDocument file names pictures it links to rather than holds (a web address, or a path
 * on the sender's computer): Word's relationships marked external, of the picture type; OpenDocument's
 * images whose address is not inside the file.
 */
const LINKED_PICTURES: Partial<Record<WordFormat, { parts: RegExp; link: RegExp; keep: string }>> = {
  docx: {
    parts: /^word\/_rels\/[^/]+\.rels$/,
    link: /<Relationship\b(?=[^>]*\bTargetMode="External")(?=[^>]*\bType="[^"]*\/image")[^>]*>/g,
    keep: 'open it in Word, choose File > Info > Edit Links to Files, tick “Save picture in document”, save it',
  },
  odt: {
    parts: /^(?:content|styles)\.xml$/,
    link: /<draw:image\b[^>]*\bxlink:href="(?:[a-zA-Z][a-zA-Z0-9+.-]*:|\/|\.\.\/)[^"]*"/g,
    keep: 'open it in LibreOffice, choose Edit > Links to External Files > Break Link, save it',
  },
};

/**
 * Pictures a Word or OpenDocument file links to rather than holds: LibreOffice is not let fetch them (its
 * profile's settings), so the page shows an empty space where each is, which the notes say.
 */
export function wordLinkedPicturesNote(bytes: Uint8Array, format: WordFormat): string[] {
  const where = LINKED_PICTURES[format];
  if (!where) return [];
  let entries;
  try {
    entries = zipEntries(bytes).entries;
  } catch (error) {
    if (error instanceof ZipDamaged) return [];
    throw error;
  }
  const count = entries
    .filter((entry) => where.parts.test(entry.path))
    .reduce((sum, entry) => sum + countIn(bytes, entry.path, where.link), 0);
  if (count === 0) return [];
  const one = count === 1;
  return [
    `It shows ${one ? 'a picture' : `${count} pictures`} linked from outside the file rather than held in it, ` +
      `which ${one ? 'is' : 'are'} not fetched (nothing leaves this computer): its pages show an empty space ` +
      `where ${one ? 'it is' : 'each is'}. If ${one ? 'it matters' : 'they matter'}, ${where.keep}, and add ` +
      'that file in its place.',
  ];
}

/** FibBase.fEncrypted ([MS-DOC] 2.5.2): the document is encrypted with a password to open it. */
const FIB_ENCRYPTED = 0x0100;
/** FibBase.wIdent: Word 97 and later, and Word 6 and 95. */
const FIB_IDENTS = new Set([0xa5ec, 0xa5dc]);

/**
 * Whether a Word 97-2003 file needs a password to open: its WordDocument stream's header says so. Such a file
 * was refused as one LibreOffice "could not turn into a PDF", where a PDF's or a .docx's password is named;
 * false where the file cannot be read for it (LibreOffice then says what it makes of it).
 */
export function wordBinaryEncrypted(bytes: Uint8Array): boolean {
  try {
    const reader = new Reader(bytes.slice().buffer);
    reader.parse();
    const stream = reader
      .rootFolder()
      .fileNameSets()
      .find((file) => file.name.toLowerCase() === 'worddocument');
    const header = stream?.provider().subarray(0, 12);
    if (!header || header.length < 12) return false;
    const ident = header[0] | (header[1] << 8);
    const flags = header[10] | (header[11] << 8);
    return FIB_IDENTS.has(ident) && (flags & FIB_ENCRYPTED) !== 0;
  } catch {
    return false;
  }
}

/** Groups of an RTF file that hold a picture's or an object's data, not text (each names itself first). */
const RTF_DATA_GROUP =
  /^\{(?:\\\*)?\\(?:pict|objdata|datastore|themedata|colorschememapping|blipuid)(?![a-z])/;

/** Where the data of a `\binN` control word at `at` lies (N bytes after its one space), or null for another word. */
function rtfBinaryData(bytes: Uint8Array, at: number): { start: number; end: number } | null {
  if (!(bytes[at + 1] === 0x62 && bytes[at + 2] === 0x69 && bytes[at + 3] === 0x6e)) return null;
  let j = at + 4;
  let n = 0;
  while (j < bytes.length && bytes[j] >= 0x30 && bytes[j] <= 0x39)
    n = Math.min(n * 10 + bytes[j++] - 0x30, bytes.length);
  if (j === at + 4) return null;
  if (bytes[j] === 0x20) j++;
  return { start: j, end: j + Math.min(n, bytes.length - j) };
}

/**
 * Bytes of an RTF file that are not picture or object data: its text and formatting. One pass; binary data
 * (`\binN`) is passed over by its length.
 */
function rtfMarkupBytes(bytes: Uint8Array): number {
  let data = 0;
  let depth = 0;
  // The depth of the group of data being passed over (0: none), and where it began.
  let dataDepth = 0;
  let dataStart = 0;
  for (let i = 0; i < bytes.length; i++) {
    const ch = bytes[i];
    if (ch === 0x5c /* \ */) {
      const binary = rtfBinaryData(bytes, i);
      if (binary) {
        if (dataDepth === 0) data += binary.end - binary.start;
        i = binary.end - 1;
        continue;
      }
      i++;
    } else if (ch === 0x7b /* { */) {
      depth++;
      if (dataDepth === 0 && RTF_DATA_GROUP.test(Buffer.from(bytes.subarray(i, i + 24)).toString('latin1'))) {
        dataDepth = depth;
        dataStart = i;
      }
    } else if (ch === 0x7d /* } */) {
      if (depth === dataDepth) {
        data += i + 1 - dataStart;
        dataDepth = 0;
      }
      depth--;
    }
  }
  if (dataDepth > 0) data += bytes.length - dataStart;
  return bytes.length - data;
}

/**
 * How many bytes of text and formatting LibreOffice would lay out (LIMITS.wordMarkupBytes): the XML parts of a
 * .docx or .odt at the sizes its directory gives them (LibreOffice will not open a file whose parts unpack to
 * other sizes), an RTF file's bytes less its pictures' and objects' data, a Word 97-2003 file's text and
 * formatting streams. 0 where the file cannot be read for it (LibreOffice then says what it makes of it).
 */
export function wordMarkupBytes(bytes: Uint8Array, format: WordFormat): number {
  if (format === 'rtf') return rtfMarkupBytes(bytes);
  if (format === 'doc') {
    try {
      const reader = new Reader(bytes.slice().buffer);
      reader.parse();
      return reader
        .rootFolder()
        .fileNameSets()
        .filter((file) => /^(?:worddocument|[01]table)$/i.test(file.name))
        .reduce((sum, file) => sum + (file.provider()?.length ?? 0), 0);
    } catch {
      return 0;
    }
  }
  try {
    return zipEntries(bytes)
      .entries.filter((entry) => /\.(?:xml|rels)$/i.test(entry.path))
      .reduce((sum, entry) => sum + entry.size, 0);
  } catch (error) {
    if (error instanceof ZipDamaged) return 0;
    throw error;
  }
}

/** How deep a document nests what LibreOffice's layout time grows steeply with (LIMITS.wordTableNesting, rtfGroupNesting). */
export interface WordNesting {
  /** Tables inside tables (1: a table, none inside it). */
  tables: number;
  /** RTF only: groups inside groups. */
  groups: number;
}

/** A table's start or end tag in Word's or OpenDocument's XML (self-closed: neither). */
const TABLE_TAG: Partial<Record<WordFormat, RegExp>> = {
  docx: /<(\/?)(?:[\w.-]+:)?tbl(?=[\s>/])[^>]*?(\/?)>/g,
  odt: /<(\/?)table:table(?=[\s>/])[^>]*?(\/?)>/g,
};

/** The deepest nesting of the start and end tags `tag` matches in `xml`. */
function tagNesting(xml: string, tag: RegExp): number {
  let depth = 0;
  let deepest = 0;
  for (const [, end, selfClosed] of xml.matchAll(tag)) {
    if (selfClosed) continue;
    if (end) depth = Math.max(0, depth - 1);
    else deepest = Math.max(deepest, ++depth);
  }
  return deepest;
}

/** An RTF file's deepest groups and tables (\itapN: the table nesting of a paragraph). One pass. */
function rtfNesting(bytes: Uint8Array): WordNesting {
  let depth = 0;
  let groups = 0;
  let tables = 0;
  for (let i = 0; i < bytes.length; i++) {
    const ch = bytes[i];
    if (ch === 0x5c /* \ */) {
      const next = bytes[i + 1];
      const binary = rtfBinaryData(bytes, i);
      if (binary) {
        i = binary.end - 1;
        continue;
      }
      // \itapN
      if (next === 0x69 && bytes[i + 2] === 0x74 && bytes[i + 3] === 0x61 && bytes[i + 4] === 0x70) {
        let j = i + 5;
        let n = 0;
        while (j < bytes.length && bytes[j] >= 0x30 && bytes[j] <= 0x39 && n < 1e9)
          n = n * 10 + bytes[j++] - 0x30;
        tables = Math.max(tables, n);
        i = j - 1;
        continue;
      }
      i++;
    } else if (ch === 0x7b /* { */) groups = Math.max(groups, ++depth);
    else if (ch === 0x7d /* } */) depth = Math.max(0, depth - 1);
  }
  return { tables, groups };
}

/**
 * How deep a Word (.docx), OpenDocument (.odt) or RTF document nests its tables (and an RTF its groups), read
 * before LibreOffice is asked: its layout time grows steeply with both (a 2 KB file of tables nested 200 deep
 * kept it busy past the time limit). A Word 97-2003 file, and a part that cannot be unpacked, count 0.
 */
export function wordNesting(bytes: Uint8Array, format: WordFormat): WordNesting {
  if (format === 'rtf') return rtfNesting(bytes);
  const tag = TABLE_TAG[format];
  if (!tag) return { tables: 0, groups: 0 };
  let entries;
  try {
    entries = zipEntries(bytes).entries;
  } catch (error) {
    if (error instanceof ZipDamaged) return { tables: 0, groups: 0 };
    throw error;
  }
  const parts = new Set(format === 'docx' ? wordPartsOf(bytes, entries).text : ['content.xml', 'styles.xml']);
  let tables = 0;
  for (const entry of entries) {
    if (!parts.has(entry.path) || entry.encrypted || entry.size > MAX_MAIN_PART) continue;
    const data = zipEntryData(bytes, entry, MAX_MAIN_PART);
    if ('bytes' in data) tables = Math.max(tables, tagNesting(Buffer.from(data.bytes).toString('utf8'), tag));
  }
  return { tables, groups: 0 };
}

/** The part every document of a zip-based format has: its text. */
const MAIN_PART: Partial<Record<WordFormat, PartName>> = { docx: (parts) => parts.main, odt: 'content.xml' };

/** Bytes of the main part unpacked to see that it can be, at most (a bigger one is left to LibreOffice). */
const MAX_MAIN_PART = 64 * 1024 * 1024;

/**
 * What is wrong with a Word (.docx) or OpenDocument (.odt) file whose zip archive is damaged (cut short in a
 * download or an email, say), in words that follow "it is damaged"; null when nothing is found wrong. Told
 * before LibreOffice is asked, so the message says the file is damaged, not that LibreOffice is missing or
 * failed.
 */
export function wordDamage(bytes: Uint8Array, format: WordFormat): string | null {
  const name = MAIN_PART[format];
  if (!name) return null;
  let entries;
  try {
    entries = zipEntries(bytes).entries;
  } catch (error) {
    if (error instanceof ZipDamaged) return 'it is cut short, or its list of contents is damaged';
    throw error;
  }
  const part = typeof name === 'string' ? name : name(wordPartsOf(bytes, entries));
  const main = entries.find((e) => e.path === part);
  if (!main) return 'its text is missing from it';
  if (main.encrypted || main.size > MAX_MAIN_PART) return null;
  return 'because' in zipEntryData(bytes, main, MAX_MAIN_PART) ? 'its text cannot be unpacked' : null;
}
