/**
 * Dates that change to the day a document is opened. A Word letter whose date is a DATE field (many
 * letter templates use one) keeps, in the file, the date it showed when last saved; Word and LibreOffice
 * show the day it is opened instead, so LibreOffice's PDF of it, made on the day of import, showed that day:
 * a letter of 1 November in the bundle dated 6 December. An OpenDocument date field not marked fixed, and
 * an RTF one (as letters merged by councils' case systems often are), do the same. Before conversion such
 * fields are fixed at the date they had when the file was last saved (Word's and RTF's fields unlinked,
 * leaving the text they showed; OpenDocument's marked fixed, so their stored date shows), in a copy given to
 * LibreOffice: the file added is kept as it is. A Word 97-2003 file's are only counted, for the notes.
 */
import { zipSync, type Zippable } from 'fflate';
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

/** The parts of a Word file that hold text with fields: the body, headers, footers, notes. */
const WORD_TEXT_PART = /^word\/(?:document|header\d*|footer\d*|footnotes|endnotes)\.xml$/;
/** The parts of an OpenDocument text that hold text: the body, and the styles (its headers and footers). */
const ODT_TEXT_PART = /^(?:content|styles)\.xml$/;

/** Bytes of one part unpacked, at most, and of the whole file rewritten (a bigger one is left as it is). */
const MAX_PART = 64 * 1024 * 1024;
const MAX_REWRITTEN = 512 * 1024 * 1024;

export interface FixedDates {
  /** The file for LibreOffice: `bytes` itself where nothing was changed. */
  bytes: Uint8Array;
  /** The text each fixed field shows (its date when last saved), in the order found. */
  fixed: string[];
  /** Fields that will still show the day of conversion (no saved date to show, or inside another field). */
  live: number;
  /** Fields counted in a Word 97-2003 file, which are not fixed: they show the day of conversion. */
  unfixed?: number;
}

function decodeXml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, '&');
}

type FieldKind = 'date' | 'copy' | null;

function fieldKind(instruction: string): FieldKind {
  const name = /^\s*([A-Za-z]+)/.exec(instruction)?.[1]?.toUpperCase() ?? '';
  return DATE_FIELDS.has(name) ? 'date' : COPY_FIELDS.has(name) ? 'copy' : null;
}

/** The words of the runs in `xml` (a field's result). */
function runText(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decodeXml(m[1])).join('');
}

interface OpenField {
  /** Ranges of the markup to remove if the field is unlinked: begin, instruction(s), separator. */
  markup: [number, number][];
  instruction: string;
  /** Where the result starts (after the separator); -1 before it. */
  resultStart: number;
  nested: boolean;
}

/**
 * A Word part with its DATE and TIME fields (and FILENAME and PRINTDATE: COPY_FIELDS) unlinked: a field's
 * begin, instruction, separator and end markup removed, its result (the text it showed when saved) left in
 * its runs. A field with no result, or inside or around another field, is left (a date counted as live).
 */
export function fixWordDates(xml: string): { xml: string; fixed: string[]; live: number } {
  const removals: [number, number][] = [];
  const fixed: string[] = [];
  let live = 0;
  const stack: OpenField[] = [];
  const simple: { kind: FieldKind; open: [number, number] }[] = [];
  const tag = /<(\/?)w:(fldSimple|fldChar|instrText)\b([^>]*?)(\/?)>/g;
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    const [whole, closing, name, attributes, selfClosing] = m;
    const start = m.index;
    let end = start + whole.length;
    if (name === 'fldSimple') {
      if (closing) {
        const open = simple.pop();
        if (open?.kind) {
          removals.push(open.open, [start, end]);
          if (open.kind === 'date') fixed.push(runText(xml.slice(open.open[1], start)));
        }
        continue;
      }
      const kind = fieldKind(decodeXml(/\bw:instr="([^"]*)"/.exec(attributes)?.[1] ?? ''));
      if (selfClosing) {
        if (kind === 'date') live++;
        continue;
      }
      if (kind && (simple.length > 0 || stack.length > 0)) {
        if (kind === 'date') live++;
        simple.push({ kind: null, open: [start, end] });
      } else simple.push({ kind, open: [start, end] });
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
      // Its parent has a field inside it (and so each field around that, when its own child began).
      const parent = stack.at(-1);
      if (parent) parent.nested = true;
      stack.push({
        markup: [[start, end]],
        instruction: '',
        resultStart: -1,
        nested: simple.length > 0 || stack.length > 0,
      });
    } else if (type === 'separate') {
      const field = stack.at(-1);
      if (field && field.resultStart < 0) {
        field.markup.push([start, end]);
        field.resultStart = end;
      }
    } else if (type === 'end') {
      const field = stack.pop();
      const kind = field ? fieldKind(field.instruction) : null;
      if (!field || !kind) continue;
      if (field.resultStart < 0 || field.nested) {
        if (kind === 'date') live++;
        continue;
      }
      removals.push(...field.markup, [start, end]);
      if (kind === 'date') fixed.push(runText(xml.slice(field.resultStart, start)));
    }
  }
  if (removals.length === 0) return { xml, fixed, live };
  removals.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [from, to] of removals) {
    if (from < at) continue;
    out += xml.slice(at, from);
    at = to;
  }
  return { xml: out + xml.slice(at), fixed, live };
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
  /** For a field: whether it is inside another field, or has one inside it. */
  nested?: boolean;
}

function rtfGroupKind(rtf: string, open: number): RtfGroup['kind'] {
  if (rtf.startsWith('\\field', open + 1) && !/[a-zA-Z]/.test(rtf[open + 7] ?? '')) return 'field';
  if (rtf.startsWith('\\*\\fldinst', open + 1) && !/[a-zA-Z]/.test(rtf[open + 11] ?? ''))
    return 'instruction';
  if (rtf.startsWith('\\fldrslt', open + 1) && !/[a-zA-Z]/.test(rtf[open + 9] ?? '')) return 'result';
  return 'other';
}

/**
 * The RTF's fields, outermost first, each with its range; null where the file cannot be read for them (a
 * brace left open, groups nested too deep, or binary data, `\bin`, whose bytes could be braces). One pass.
 */
function rtfFields(rtf: string): { start: number; end: number; group: RtfGroup }[] | null {
  const fields: { start: number; end: number; group: RtfGroup }[] = [];
  const stack: RtfGroup[] = [];
  let outermostField: RtfGroup | null = null;
  for (let i = 0; i < rtf.length; i++) {
    const ch = rtf.charCodeAt(i);
    if (ch === 0x5c /* \ */) {
      if (rtf.startsWith('bin', i + 1) && /^bin-?\d/.test(rtf.slice(i + 1, i + 6))) return null;
      i++;
    } else if (ch === 0x7b /* { */) {
      if (stack.length >= MAX_RTF_DEPTH) return null;
      const group: RtfGroup = { start: i, kind: rtfGroupKind(rtf, i) };
      if (group.kind === 'field') {
        if (outermostField) {
          outermostField.nested = true;
          group.nested = true;
        } else outermostField = group;
      }
      stack.push(group);
    } else if (ch === 0x7d /* } */) {
      const group = stack.pop();
      if (!group) continue;
      const parent = stack.at(-1);
      const range: [number, number] = [group.start, i + 1];
      if (group.kind === 'instruction' && parent?.kind === 'field') parent.instruction ??= range;
      if (group.kind === 'result' && parent?.kind === 'field') parent.result ??= range;
      if (group.kind === 'field') {
        fields.push({ start: group.start, end: i + 1, group });
        if (group === outermostField) outermostField = null;
      }
    }
  }
  if (stack.length > 0) return null;
  return fields.sort((a, b) => a.start - b.start);
}

/**
 * RTF with its DATE and TIME fields (`{\field{\*\fldinst DATE …}{\fldrslt …}}`) replaced by their result's
 * group: the text each showed when saved. A field with no result, or inside or around another field, is left
 * and counted as live. Read and written as Latin-1, so every byte not changed stays as it was.
 */
export function fixRtfDates(rtf: string): { rtf: string; fixed: string[]; live: number } {
  const fields = rtfFields(rtf);
  const fixed: string[] = [];
  let live = 0;
  if (!fields) return { rtf, fixed, live };
  let out = '';
  let at = 0;
  for (const { start, end, group } of fields) {
    // The instruction's first words are enough to know the field.
    const [from, to] = group.instruction ?? [0, 0];
    const kind = group.instruction
      ? fieldKind(rtfPlainText(rtf.slice(from + '{\\*\\fldinst'.length, Math.min(to, from + 256))))
      : null;
    if (!kind) continue;
    if (!group.result || group.nested || start < at) {
      if (kind === 'date') live++;
      continue;
    }
    const [resultFrom, resultTo] = group.result;
    // The result's group, its control word dropped: "{\fldrslt {1 November 2026}}" becomes "{ {1 November 2026}}".
    const kept = `{${rtf.slice(resultFrom + '{\\fldrslt'.length, resultTo)}`;
    if (kind === 'date') fixed.push(rtfPlainText(kept).trim());
    out += rtf.slice(at, start) + kept;
    at = end;
  }
  return { rtf: out + rtf.slice(at), fixed, live };
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
 * The file with its dates that change to the day of opening fixed, for conversion (see the top of this
 * file). A file that cannot be read for them, or is too large to rewrite, goes as it is.
 */
export function fixVolatileDates(bytes: Uint8Array, format: WordFormat): FixedDates {
  const unchanged: FixedDates = { bytes, fixed: [], live: 0 };
  if (format === 'doc') return { bytes, fixed: [], live: 0, unfixed: countWordBinaryDates(bytes) };
  if (format === 'rtf') {
    const rtf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    const result = fixRtfDates(rtf);
    return {
      bytes: result.rtf === rtf ? bytes : new Uint8Array(Buffer.from(result.rtf, 'latin1')),
      fixed: result.fixed,
      live: result.live,
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
  const fix = format === 'docx' ? fixWordDates : fixOpenDocumentDates;
  const changed = new Map<string, Uint8Array>();
  const fixed: string[] = [];
  let live = 0;
  for (const entry of entries) {
    if (!textPart.test(entry.path)) continue;
    const data = zipEntryData(bytes, entry, MAX_PART);
    if (!('bytes' in data)) continue;
    const xml = Buffer.from(data.bytes).toString('utf8');
    const result = fix(xml);
    fixed.push(...result.fixed);
    live += result.live;
    if (result.xml !== xml) changed.set(entry.path, Buffer.from(result.xml, 'utf8'));
  }
  if (changed.size === 0) return { bytes, fixed, live };
  if (entries.reduce((sum, e) => sum + e.size, 0) > MAX_REWRITTEN)
    return { bytes, fixed: [], live: live + fixed.length };
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
    if (!('bytes' in data)) return { bytes, fixed: [], live: live + fixed.length };
    // Pictures and the like stored as they are: packing them again would cost time and save nothing.
    files[entry.path] = [
      data.bytes,
      { level: entry.path === 'mimetype' || !/\.xml$|\.rels$/.test(entry.path) ? 0 : 6 },
    ];
  }
  try {
    return { bytes: zipSync(files), fixed, live };
  } catch {
    // A part the writer cannot take: LibreOffice is given the file as it is.
    return { bytes, fixed: [], live: live + fixed.length };
  }
}

/** What the import's notes say of a file's dates that change to the day of opening. */
export function volatileDatesNote(dates: Pick<FixedDates, 'fixed' | 'live' | 'unfixed'>): string[] {
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
  return notes;
}
