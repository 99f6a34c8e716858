/**
 * Fields whose text LibreOffice works out otherwise than Word showed it. A Word letter whose date is a DATE
 * field (many letter templates use one) keeps, in the file, the date it showed when last saved; Word and
 * LibreOffice show the day it is opened instead, so LibreOffice's PDF of it, made on the day of import,
 * showed that day: a letter of 1 November in the bundle dated 6 December. An OpenDocument date field not
 * marked fixed, and an RTF one (as letters merged by councils' case systems often are), do the same. Other
 * fields LibreOffice cannot work out as Word does: it shows nothing for a conditional field (IF: "the
 * tribunal ordered" in a merged letter gone), a SYMBOL field's character twice, zero for a document's word
 * count, and nothing for a reference to a bookmark an ASK field made. Before conversion such fields
 * are unlinked, leaving the text they showed when the file was last saved (Word's and RTF's) or marked fixed
 * (OpenDocument's dates), in a copy given to LibreOffice: the file added is kept as it is. A Word 97-2003
 * file's are marked, in its table of fields, as of a type whose saved result LibreOffice shows (one byte each,
 * changed in place); an older Word file's (6 or 95) are only counted, for the notes.
 */
import { zipSync, type Zippable } from 'fflate';
import { wordBinaryBookmarks, wordBinaryFile, wordBinaryText } from './wordBinary';
import { decodeXml, wordPartsOf } from './wordPackage';
import type { WordFormat } from './sniff';
import { ZipDamaged, zipEntries, zipEntryData } from './zipArchive';

/** Field instructions whose result is the time of opening: fixed, and named in the notes. */
const DATE_FIELDS = new Set(['DATE', 'TIME']);
/**
 * Field instructions LibreOffice works out again from its own copy rather than the document: the file's name
 * (the converter's copy's, "document.docx") and the date it was last printed (none): kept as they were shown,
 * without a note.
 */
const COPY_FIELDS = new Set(['FILENAME', 'PRINTDATE']);
/**
 * Field instructions LibreOffice works out otherwise than Word showed them (LibreOffice 7.4, each checked):
 * a condition (nothing shown), a symbol (shown twice), the document's statistics and template (zero or
 * nothing): kept as they were shown, without a note.
 */
const SAVED_FIELDS = new Set(['IF', 'SYMBOL', 'NUMWORDS', 'NUMCHARS', 'EDITTIME', 'REVNUM', 'TEMPLATE']);

/**
 * References to a bookmark: where the document has none of that name (one made by an ASK field as the
 * letter was merged, or deleted), LibreOffice shows nothing or "Error: Reference source not found", Word what it showed when saved.
 */
const REFERENCE_FIELDS = new Set(['REF', 'PAGEREF', 'NOTEREF']);

/** Bytes of one part unpacked, at most, and of the whole file rewritten (a bigger one is left as it is). */
const MAX_PART = 64 * 1024 * 1024;
const MAX_REWRITTEN = 512 * 1024 * 1024;

/** The parts of a Word file that hold text with fields: the body, headers, footers, notes. */
const WORD_TEXT_PART = /^word\/(?:document|header\d*|footer\d*|footnotes|endnotes)\.xml$/;
/** The parts of an OpenDocument text that hold text: the body, and the styles (its headers and footers). */
const ODT_TEXT_PART = /^(?:content|styles)\.xml$/;

export interface FixedFields {
  /** The file for LibreOffice: `bytes` itself where nothing was changed. */
  bytes: Uint8Array;
  /** The text each fixed date field shows (its date when last saved), in the order found. */
  fixed: string[];
  /** Date fields that will still show the day of conversion (no saved date to show, or not to be unlinked). */
  live: number;
  /** Date fields counted in a Word 97-2003 file, which are not fixed: they show the day of conversion. */
  unfixed?: number;
  /** Other fields LibreOffice would show otherwise (SAVED_FIELDS) that could not be unlinked. */
  unkept?: number;
}

type FieldKind = 'date' | 'copy' | 'saved' | null;

/**
 * What is done with a field of this instruction: `bookmarks` are the names of the document's bookmarks (a
 * reference to another is to one a SET or ASK field makes, or to one deleted: shown as Word showed it).
 */
function fieldKind(instruction: string, bookmarks: ReadonlySet<string>): FieldKind {
  const words = /^\s*([A-Za-z]+)(?:\s+"?([^\s"\\]+))?/.exec(instruction);
  const name = words?.[1]?.toUpperCase() ?? '';
  if (DATE_FIELDS.has(name)) return 'date';
  if (COPY_FIELDS.has(name)) return 'copy';
  if (SAVED_FIELDS.has(name)) return 'saved';
  if (REFERENCE_FIELDS.has(name) && words?.[2] && !bookmarks.has(words[2].toLowerCase())) return 'saved';
  return null;
}

/** The words of the runs in `xml` (a field's result). */
function runText(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decodeXml(m[1])).join('');
}

/** The names of the bookmarks in a Word part, in small letters (Word compares them without regard to case). */
export function wordBookmarks(xml: string): string[] {
  return [...xml.matchAll(/<w:bookmarkStart\b[^>]*?\bw:name="([^"]*)"/g)].map((m) =>
    decodeXml(m[1]).toLowerCase(),
  );
}

/**
 * Whether the markup from inside one run to inside another can be cut out, joining the two runs: it leaves
 * only runs (and empty elements, such as a bookmark or a spelling mark, between them), so that what is left
 * is sound and in the same paragraph.
 */
function runsOnly(xml: string): boolean {
  let depth = 0;
  for (const m of xml.matchAll(/<(\/?)([\w:.-]+)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = m;
    if (selfClosing) continue;
    if (closing) {
      depth--;
      if (depth < -1 || (depth === -1 && name !== 'w:r')) return false;
    } else {
      if (depth === -1 && name !== 'w:r') return false;
      depth++;
    }
  }
  return depth === 0;
}

interface OpenField {
  /** Where its begin mark starts. */
  begin: number;
  /** Ranges of the markup to remove if the field is unlinked: begin, instruction(s), separator. */
  markup: [number, number][];
  instruction: string;
  /** Where the result starts (after the separator); -1 before it. */
  resultStart: number;
  /** Whether it is inside another field's instruction (the field around it decides). */
  inInstruction: boolean;
  /** Whether another field is inside its instruction: it is unlinked with its whole instruction, or not. */
  holdsField: boolean;
  /** Date fields inside its instruction that show the day of opening unless it is unlinked. */
  pendingLive: number;
}

/**
 * A Word part with its DATE and TIME fields (and COPY_FIELDS and SAVED_FIELDS) unlinked: a field's begin,
 * instruction, separator and end markup removed, its result (the text it showed when saved) left in its runs;
 * where its instruction holds other fields, it goes whole with them. A field with no result, or inside
 * another's instruction, is left to the field around it (a date left counted as live), and so is one whose
 * instruction cannot be cut out whole (it runs over paragraphs).
 */
export function fixWordFields(
  xml: string,
  bookmarks: ReadonlySet<string> = new Set(wordBookmarks(xml)),
): { xml: string; fixed: string[]; live: number; kept: number; unkept: number } {
  const removals: [number, number][] = [];
  const fixed: string[] = [];
  let live = 0;
  let kept = 0;
  let unkept = 0;
  const stack: OpenField[] = [];
  // Open instructions: a field begun while one is open is inside another field's instruction.
  let openInstructions = 0;
  const simple: { kind: FieldKind; open: [number, number]; inInstruction: boolean }[] = [];
  /**
   * A field left as it is: its own date, and those in its instruction, go to the field around it or are live;
   * a field LibreOffice shows otherwise is counted, unless it has no result to keep.
   */
  const leave = (kind: FieldKind, inInstruction: boolean, pending: number, hasResult = true) => {
    const dates = pending + (kind === 'date' ? 1 : 0);
    if (inInstruction) {
      const parent = stack.at(-1);
      if (parent) parent.pendingLive += dates;
      else live += dates;
      return;
    }
    live += dates;
    if (kind === 'saved' && hasResult) unkept++;
  };
  const tag = /<(\/?)w:(fldSimple|fldChar|instrText)\b([^>]*?)(\/?)>/g;
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    const [whole, closing, name, attributes, selfClosing] = m;
    const start = m.index;
    let end = start + whole.length;
    if (name === 'fldSimple') {
      if (closing) {
        const open = simple.pop();
        if (!open?.kind) continue;
        if (open.inInstruction) {
          leave(open.kind, true, 0);
          continue;
        }
        removals.push(open.open, [start, end]);
        if (open.kind === 'date') fixed.push(runText(xml.slice(open.open[1], start)));
        if (open.kind === 'saved') kept++;
        continue;
      }
      const kind = fieldKind(decodeXml(/\bw:instr="([^"]*)"/.exec(attributes)?.[1] ?? ''), bookmarks);
      if (selfClosing) {
        if (kind === 'date') leave(kind, openInstructions > 0, 0);
        continue;
      }
      simple.push({ kind, open: [start, end], inInstruction: openInstructions > 0 });
      continue;
    }
    if (name === 'instrText') {
      if (closing || selfClosing) continue;
      const close = xml.indexOf('</w:instrText>', end);
      if (close < 0) break;
      end = close + '</w:instrText>'.length;
      const field = stack.at(-1);
      if (field && field.resultStart < 0) {
        field.instruction += decodeXml(xml.slice(start + whole.length, close));
        field.markup.push([start, end]);
      }
      tag.lastIndex = end;
      continue;
    }
    // fldChar: self-closing, or holding a form field's data up to its close.
    if (closing) continue;
    if (!selfClosing) {
      const close = xml.indexOf('</w:fldChar>', end);
      if (close < 0) break;
      end = close + '</w:fldChar>'.length;
      tag.lastIndex = end;
    }
    const type = /\bw:fldCharType="(begin|separate|end)"/.exec(attributes)?.[1];
    if (type === 'begin') {
      const parent = stack.at(-1);
      if (parent && parent.resultStart < 0) parent.holdsField = true;
      stack.push({
        begin: start,
        markup: [[start, end]],
        instruction: '',
        resultStart: -1,
        inInstruction: openInstructions > 0,
        holdsField: false,
        pendingLive: 0,
      });
      openInstructions++;
    } else if (type === 'separate') {
      const field = stack.at(-1);
      if (field && field.resultStart < 0) {
        field.markup.push([start, end]);
        field.resultStart = end;
        openInstructions--;
      }
    } else if (type === 'end') {
      const field = stack.pop();
      if (!field) continue;
      if (field.resultStart < 0) openInstructions--;
      const kind = fieldKind(field.instruction, bookmarks);
      if (!kind || field.inInstruction || field.resultStart < 0) {
        leave(kind, field.inInstruction, field.pendingLive, field.resultStart >= 0);
        continue;
      }
      if (field.holdsField) {
        // The whole instruction, the fields in it too, from the begin mark to the end of the separator.
        const instruction: [number, number] = [field.begin, field.resultStart];
        if (!runsOnly(xml.slice(...instruction))) {
          leave(kind, false, field.pendingLive);
          continue;
        }
        removals.push(instruction, [start, end]);
      } else removals.push(...field.markup, [start, end]);
      if (kind === 'date') fixed.push(runText(xml.slice(field.resultStart, start)));
      if (kind === 'saved') kept++;
    }
  }
  if (removals.length === 0) return { xml, fixed, live, kept, unkept };
  removals.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [from, to] of removals) {
    if (from < at) continue;
    out += xml.slice(at, from);
    at = to;
  }
  return { xml: out + xml.slice(at), fixed, live, kept, unkept };
}

/**
 * An OpenDocument part with its date and time fields that are not fixed marked fixed, so the date stored
 * with each (when the file was last saved) shows; each one's text as saved is what it showed then. Its file
 * name fields are marked fixed too, so they show the name they showed, not LibreOffice's copy's.
 */
export function fixOpenDocumentDates(xml: string): { xml: string; fixed: string[]; live: number } {
  const fixed: string[] = [];
  let live = 0;
  const out = xml.replace(
    /<text:(date|time|file-name)(?=[\s/>])([^>]*?)(\/?)>(?:([^<]*)<\/text:\1>)?/g,
    (whole, name: string, attributes: string, selfClosing: string, text: string | undefined) => {
      if (/\btext:fixed="true"/.test(attributes)) return whole;
      // Only the opening tag changes: content not matched here (markup inside) stays as it is after it.
      const marked = `<text:${name}${attributes.replace(/\s*\btext:fixed="[^"]*"/, '')} text:fixed="true"${selfClosing}>`;
      const rest = text === undefined ? '' : `${text}</text:${name}>`;
      // A file name: the one it showed, not that of LibreOffice's copy.
      if (name === 'file-name') return marked + rest;
      if (!new RegExp(`\\btext:${name}-value="`).test(attributes)) {
        live++;
        return whole;
      }
      fixed.push(decodeXml(text ?? ''));
      return marked + rest;
    },
  );
  return { xml: out, fixed, live };
}

/** The plain text of RTF: control words, control symbols and braces left out. */
function rtfPlainText(rtf: string): string {
  return rtf.replace(/\\[a-zA-Z]+-?\d* ?|\\[^a-zA-Z]|[{}\r\n]/g, '');
}

/** Groups nested deeper than this in RTF: the file is given to LibreOffice as it is. */
const MAX_RTF_DEPTH = 10_000;

interface RtfGroup {
  start: number;
  kind: 'field' | 'instruction' | 'result' | 'other';
  /** For a field: its instruction's and its result's groups, where each is its direct child. */
  instruction?: [number, number];
  result?: [number, number];
  /** For a field: whether it is inside another field's instruction, and the nearest field around it. */
  inInstruction?: boolean;
  parent?: RtfGroup;
  /** For a field: date fields inside its instruction that show the day of opening unless it goes. */
  pendingLive?: number;
}

function rtfGroupKind(rtf: string, open: number): RtfGroup['kind'] {
  if (rtf.startsWith('\\field', open + 1) && !/[a-zA-Z]/.test(rtf[open + 7] ?? '')) return 'field';
  if (rtf.startsWith('\\*\\fldinst', open + 1) && !/[a-zA-Z]/.test(rtf[open + 11] ?? ''))
    return 'instruction';
  if (rtf.startsWith('\\fldrslt', open + 1) && !/[a-zA-Z]/.test(rtf[open + 9] ?? '')) return 'result';
  return 'other';
}

/**
 * The RTF's fields, each with its range, in the order they close (a field inside another before it); null
 * where the file cannot be read for them (a brace left open, groups nested too deep, or binary data, `\bin`,
 * whose bytes could be braces). One pass.
 */
function rtfFields(rtf: string): { start: number; end: number; group: RtfGroup }[] | null {
  const fields: { start: number; end: number; group: RtfGroup }[] = [];
  const stack: RtfGroup[] = [];
  const fieldStack: RtfGroup[] = [];
  let openInstructions = 0;
  for (let i = 0; i < rtf.length; i++) {
    const ch = rtf.charCodeAt(i);
    if (ch === 0x5c /* \ */) {
      if (rtf.startsWith('bin', i + 1) && /^bin-?\d/.test(rtf.slice(i + 1, i + 6))) return null;
      i++;
    } else if (ch === 0x7b /* { */) {
      if (stack.length >= MAX_RTF_DEPTH) return null;
      const group: RtfGroup = { start: i, kind: rtfGroupKind(rtf, i) };
      if (group.kind === 'field') {
        group.inInstruction = openInstructions > 0;
        group.parent = fieldStack.at(-1);
        group.pendingLive = 0;
        fieldStack.push(group);
      } else if (group.kind === 'instruction') openInstructions++;
      stack.push(group);
    } else if (ch === 0x7d /* } */) {
      const group = stack.pop();
      if (!group) continue;
      const parent = stack.at(-1);
      const range: [number, number] = [group.start, i + 1];
      if (group.kind === 'instruction') {
        openInstructions--;
        if (parent?.kind === 'field') parent.instruction ??= range;
      }
      if (group.kind === 'result' && parent?.kind === 'field') parent.result ??= range;
      if (group.kind === 'field') {
        fields.push({ start: group.start, end: i + 1, group });
        fieldStack.pop();
      }
    }
  }
  if (stack.length > 0) return null;
  return fields;
}

/** The names of an RTF's bookmarks (`{\*\bkmkstart name}`), in small letters. */
function rtfBookmarks(rtf: string): Set<string> {
  return new Set(
    [...rtf.matchAll(/\{\\\*\\bkmkstart\s+([^}]*)\}/g)].map((m) => rtfPlainText(m[1]).trim().toLowerCase()),
  );
}

/**
 * RTF with its DATE and TIME fields (`{\field{\*\fldinst DATE …}{\fldrslt …}}`), and COPY_FIELDS and
 * SAVED_FIELDS, replaced by their result's group: the text each showed when saved (fields inside the
 * instruction go with it; those inside the result stay, each dealt with as one on its own). A field with no
 * result, or inside another's instruction, is left to the field around it (a date counted as live). Read and
 * written as Latin-1, so every byte not changed stays as it was.
 */
export function fixRtfFields(rtf: string): {
  rtf: string;
  fixed: string[];
  live: number;
  kept: number;
  unkept: number;
} {
  const fields = rtfFields(rtf);
  let live = 0;
  let kept = 0;
  let unkept = 0;
  if (!fields) return { rtf, fixed: [], live, kept, unkept };
  const bookmarks = rtfBookmarks(rtf);
  const edits: { from: number; to: number; text: string; fixed?: string }[] = [];
  for (const { start, end, group } of fields) {
    // The instruction's first words are enough to know the field.
    const [from, to] = group.instruction ?? [0, 0];
    const kind = group.instruction
      ? fieldKind(rtfPlainText(rtf.slice(from + '{\\*\\fldinst'.length, Math.min(to, from + 256))), bookmarks)
      : null;
    if (!kind || group.inInstruction || !group.result) {
      const dates = (group.pendingLive ?? 0) + (kind === 'date' ? 1 : 0);
      if (group.inInstruction && group.parent) group.parent.pendingLive! += dates;
      else live += dates;
      if (kind === 'saved' && group.result && !group.inInstruction) unkept++;
      continue;
    }
    const [resultFrom, resultTo] = group.result;
    // The result's group, its control word dropped: "{\fldrslt {1 November 2026}}" becomes "{ {1 November 2026}}".
    const fixed = kind === 'date' ? rtfPlainText(rtf.slice(resultFrom, resultTo)).trim() : undefined;
    if (kind === 'saved') kept++;
    edits.push(
      { from: start, to: resultFrom + '{\\fldrslt'.length, text: '{', fixed },
      { from: resultTo, to: end, text: '' },
    );
  }
  edits.sort((a, b) => a.from - b.from);
  let out = '';
  let at = 0;
  const fixed: string[] = [];
  for (const edit of edits) {
    out += rtf.slice(at, edit.from) + edit.text;
    at = edit.to;
    if (edit.fixed !== undefined) fixed.push(edit.fixed);
  }
  return { rtf: out + rtf.slice(at), fixed, live, kept, unkept };
}

/**
 * A Word 97-2003 file's field types ([MS-DOC] Flt), as fieldKind reads their instructions. LibreOffice takes a
 * field's type from the file's table of fields, not from its instruction, and shows the result of a field of
 * a type it has no reader for (IF, say) as the text it is.
 */
const BINARY_FIELD_KINDS = new Map<number, FieldKind>([
  [0x1f, 'date'], // DATE
  [0x20, 'date'], // TIME
  [0x1d, 'copy'], // FILENAME
  [0x17, 'copy'], // PRINTDATE
  [0x18, 'saved'], // REVNUM
  [0x19, 'saved'], // EDITTIME
  [0x1b, 'saved'], // NUMWORDS
  [0x1c, 'saved'], // NUMCHARS
  [0x1e, 'saved'], // TEMPLATE
]);
/**
 * REF, PAGEREF and NOTEREF: shown as LibreOffice works them out, so a reference to a bookmark the file lacks
 * as "Error: Reference source not found"; marked as SHOWN_AS_SAVED where the file has no such bookmark.
 */
const BINARY_REFERENCE_TYPES = new Map([
  [0x03, 'REF'],
  [0x25, 'PAGEREF'],
  [0x48, 'NOTEREF'],
]);
/** IF: a type LibreOffice shows the result of as it is. */
const SHOWN_AS_SAVED = 0x07;
/**
 * The FIB's tables of fields ([MS-DOC] FibRgFcLcb97), each with the stories before its own (FibRgLw97's
 * ccpText, ccpFtn, ccpHdd, ccpAtn, ccpEdn, ccpTxbx), whose lengths give where its text starts.
 */
const FIELD_TABLES = [
  { index: 16, before: [] }, // main text
  { index: 18, before: [3] }, // footnotes
  { index: 17, before: [3, 4] }, // headers and footers
  { index: 48, before: [3, 4, 5, 7] }, // endnotes
  { index: 57, before: [3, 4, 5, 7, 8] }, // text boxes
  { index: 59, before: [3, 4, 5, 7, 8, 9] }, // headers' text boxes
];

/**
 * A Word 97-2003 file with its fields that LibreOffice would show otherwise (dates, the file's name, the
 * statistics, references to bookmarks it lacks) marked, in a copy, as of a type whose saved result it shows:
 * one byte each in the file's table of fields, changed in place. A field inside another's instruction is
 * left (a date counted as unfixed); one in another's result is LibreOffice's to work out, and fixed. Null where the file is not one this can read (a Word 6 or 95 file, or damage): its
 * dates are then only counted.
 */
export function fixWordBinaryFields(bytes: Uint8Array): FixedFields | null {
  const file = wordBinaryFile(bytes);
  if (!file) return null;
  const { table, byteAt, uint } = file;
  const textOf = wordBinaryText(file);
  let bookmarks: Set<string> | null | undefined;
  const out = new Uint8Array(bytes);
  let changed = false;
  const result: FixedFields = { bytes, fixed: [], live: 0, unkept: 0, unfixed: 0 };
  for (const { index, before } of FIELD_TABLES) {
    const { fc, lcb } = file.fcLcb(index) ?? { fc: 0, lcb: 0 };
    if (lcb < 4 || (lcb - 4) % 6 !== 0) continue;
    const lengths = before.map((story) => file.long(story));
    const storyStart = lengths.includes(null) ? null : lengths.reduce<number>((sum, n) => sum + n!, 0);
    /** The text of the story between the marks `from` and `to` (not theirs); null where it cannot be read. */
    const textBetween = (from: number, to: number) => {
      const start = uint(table, fc + from * 4, 4);
      const end = uint(table, fc + to * 4, 4);
      if (!textOf || storyStart === null || start === null || end === null || end <= start) return null;
      return textOf(storyStart + start + 1, storyStart + end);
    };
    const count = (lcb - 4) / 6;
    const descriptors = fc + (count + 1) * 4;
    const open: { mark: number; separator: number; type: number; inside: boolean }[] = [];
    for (let i = 0; i < count; i++) {
      const mark = byteAt(table, descriptors + i * 2);
      const type = byteAt(table, descriptors + i * 2 + 1);
      if (mark === null || type === null) return null;
      const ch = mark & 0x1f;
      // A field in another's result is LibreOffice's to work out on its own; one in its instruction is not.
      if (ch === 0x13) open.push({ mark: i, separator: -1, type, inside: (open.at(-1)?.separator ?? 0) < 0 });
      else if (ch === 0x14) {
        const field = open.at(-1);
        if (field) field.separator = i;
      } else if (ch === 0x15) {
        const field = open.pop();
        if (!field) continue;
        const reference = BINARY_REFERENCE_TYPES.get(field.type);
        let kind = BINARY_FIELD_KINDS.get(field.type);
        if (reference && field.separator >= 0) {
          const instruction = textBetween(field.mark, field.separator);
          bookmarks ??= wordBinaryBookmarks(file);
          // A REF's instruction may be the bookmark's name alone.
          const words = instruction?.trimStart() ?? '';
          const named =
            /^[A-Za-z]+\b/.exec(words)?.[0].toUpperCase() === reference ? words : `${reference} ${words}`;
          if (instruction !== null && bookmarks) kind = fieldKind(named, bookmarks) ?? undefined;
        }
        if (!kind) continue;
        if (field.inside || field.separator < 0) {
          if (kind === 'date') result.unfixed!++;
          else if (kind === 'saved' && field.separator >= 0) result.unkept!++;
          continue;
        }
        const at = table.offsetOf(descriptors + field.mark * 2 + 1);
        if (at === null) return null;
        out[at] = SHOWN_AS_SAVED;
        changed = true;
        if (kind === 'date') result.fixed.push(textBetween(field.separator, i)?.trim() ?? '');
      }
    }
  }
  return changed ? { ...result, bytes: out } : result;
}

/**
 * How many DATE or TIME fields a Word 97-2003 file's text has: a field's instruction follows the character
 * 0x13 in its text, which is stored in single bytes or in UTF-16. Counted in the whole file (its text is in
 * one stream, in 512-byte sectors: an instruction split by a sector's end is missed).
 */
export function countWordBinaryDates(bytes: Uint8Array): number {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  // eslint-disable-next-line no-control-regex -- the field mark, 0x13
  const single = text.match(/\x13 *(?:DATE|TIME)(?![A-Za-z])/gi)?.length ?? 0;
  const wide =
    // eslint-disable-next-line no-control-regex -- the field mark and UTF-16's zero bytes
    text.match(/\x13\x00(?: \x00)*(?:D\x00A\x00T\x00E|T\x00I\x00M\x00E)\x00(?![A-Za-z]\x00)/gi)?.length ?? 0;
  return single + wide;
}

/**
 * The file with its fields that LibreOffice would show otherwise fixed or unlinked, for conversion (see the
 * top of this file). A file that cannot be read for them, or is too large to rewrite, goes as it is.
 */
export function fixFieldsForConversion(bytes: Uint8Array, format: WordFormat): FixedFields {
  const unchanged: FixedFields = { bytes, fixed: [], live: 0, unkept: 0 };
  if (format === 'doc')
    return fixWordBinaryFields(bytes) ?? { ...unchanged, unfixed: countWordBinaryDates(bytes) };
  if (format === 'rtf') {
    const rtf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    const result = fixRtfFields(rtf);
    return {
      bytes: result.rtf === rtf ? bytes : new Uint8Array(Buffer.from(result.rtf, 'latin1')),
      fixed: result.fixed,
      live: result.live,
      unkept: result.unkept,
    };
  }
  const textPart = format === 'docx' ? WORD_TEXT_PART : format === 'odt' ? ODT_TEXT_PART : null;
  if (!textPart) return unchanged;
  let entries;
  try {
    entries = zipEntries(bytes).entries;
  } catch (error) {
    if (error instanceof ZipDamaged) return unchanged;
    throw error;
  }
  // Word's parts as its relationships name them (Word for the web's text is "word/document2.xml"), and by name.
  const wordText = new Set(format === 'docx' ? wordPartsOf(bytes, entries).text : []);
  const parts: { path: string; xml: string }[] = [];
  for (const entry of entries) {
    if (!textPart.test(entry.path) && !wordText.has(entry.path)) continue;
    const data = zipEntryData(bytes, entry, MAX_PART);
    if ('bytes' in data) parts.push({ path: entry.path, xml: Buffer.from(data.bytes).toString('utf8') });
  }
  // A reference may name a bookmark in another part (a header's, say).
  const bookmarks = new Set(format === 'docx' ? parts.flatMap(({ xml }) => wordBookmarks(xml)) : []);
  const changed = new Map<string, Uint8Array>();
  const fixed: string[] = [];
  let live = 0;
  let kept = 0;
  let unkept = 0;
  for (const { path, xml } of parts) {
    const result =
      format === 'docx'
        ? fixWordFields(xml, bookmarks)
        : { ...fixOpenDocumentDates(xml), kept: 0, unkept: 0 };
    fixed.push(...result.fixed);
    live += result.live;
    kept += result.kept;
    unkept += result.unkept;
    if (result.xml !== xml) changed.set(path, Buffer.from(result.xml, 'utf8'));
  }
  if (changed.size === 0) return { bytes, fixed, live, unkept };
  // Where the file cannot be rewritten, every field it would have fixed is left as it is, and counted so.
  const asItIs: FixedFields = { bytes, fixed: [], live: live + fixed.length, unkept: unkept + kept };
  if (entries.reduce((sum, e) => sum + e.size, 0) > MAX_REWRITTEN) return asItIs;
  // No prototype, so that an entry named "__proto__" cannot change the object (fflate then refuses it, below).
  const files = Object.create(null) as Zippable;
  for (const entry of entries) {
    const replaced = changed.get(entry.path);
    if (replaced) {
      files[entry.path] = [replaced, { level: 6 }];
      continue;
    }
    const data = zipEntryData(bytes, entry, MAX_PART);
    // A part that cannot be unpacked: LibreOffice is given the file as it is, and says what it makes of it.
    if (!('bytes' in data)) return asItIs;
    // Pictures and the like stored as they are: packing them again would cost time and save nothing.
    files[entry.path] = [
      data.bytes,
      { level: entry.path === 'mimetype' || !/\.xml$|\.rels$/.test(entry.path) ? 0 : 6 },
    ];
  }
  try {
    return { bytes: zipSync(files), fixed, live, unkept };
  } catch {
    // A part the writer cannot take: LibreOffice is given the file as it is.
    return asItIs;
  }
}

/** What the import's notes say of a file's fields: dates that change to the day of opening, and those not kept. */
export function fieldsNote(dates: Pick<FixedFields, 'fixed' | 'live' | 'unfixed' | 'unkept'>): string[] {
  const notes: string[] = [];
  const shown = [...new Set(dates.fixed.map((text) => text.trim()).filter(Boolean))];
  if (dates.fixed.length > 0)
    notes.push(
      `It has ${dates.fixed.length === 1 ? 'a date' : `${dates.fixed.length} dates`} that Word and LibreOffice ` +
        'change to the day it is opened (a date field): its pages show the date each had when the file was ' +
        `last saved${
          shown.length
            ? ` (${shown
                .slice(0, 3)
                .map((text) => `“${text}”`)
                .join(', ')})`
            : ''
        }, ` +
        'not the day it was added.',
    );
  if (dates.live > 0)
    notes.push(
      `It has ${dates.live === 1 ? 'a date' : `${dates.live} dates`} that change${dates.live === 1 ? 's' : ''} to ` +
        'the day it is opened (a date field) with no saved date to show instead: its pages show the day it was ' +
        'added there. Check the date on the document itself.',
    );
  const unfixed = dates.unfixed ?? 0;
  if (unfixed > 0)
    notes.push(
      `It has ${unfixed === 1 ? 'a date' : `${unfixed} dates`} that Word and LibreOffice change to the day it is ` +
        'opened (a date field), which the app cannot fix in a Word 97-2003 file: its pages show the day it was ' +
        'added, not the date it was written. Check the date against the letter as it was sent (a printed or ' +
        'PDF copy), and add that copy if they differ.',
    );
  const unkept = dates.unkept ?? 0;
  if (unkept > 0)
    notes.push(
      `It has ${unkept === 1 ? 'a field' : `${unkept} fields`} (text Word works out as it shows the document: ` +
        'a condition, a symbol, a count or a reference) that LibreOffice shows otherwise, and that the app could ' +
        `not keep as the document showed ${unkept === 1 ? 'it' : 'them'}: check these pages against the document ` +
        'as it was sent.',
    );
  return notes;
}
