/**
 * Dates that change to the day a document is opened. A Word letter whose date is a DATE field (many
 * letter templates use one) keeps, in the file, the date it showed when last saved; Word and LibreOffice
 * show the day it is opened instead, so LibreOffice's PDF of it, made on the day of import, showed that day:
 * a letter of 1 November in the bundle dated 6 December. An OpenDocument date field not marked fixed does
 * the same. Before conversion such fields are fixed at the date they had when the file was last saved
 * (Word's fields unlinked, leaving the text they showed; OpenDocument's marked fixed, so their stored date
 * shows), in a copy given to LibreOffice: the file added is kept as it is.
 */
import { zipSync, type Zippable } from 'fflate';
import type { WordFormat } from './sniff';
import { ZipDamaged, zipEntries, zipEntryData } from './zipArchive';

/** Field instructions whose result is the time of opening or printing. */
const VOLATILE_FIELDS = new Set(['DATE', 'TIME']);

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

function isVolatile(instruction: string): boolean {
  const name = /^\s*([A-Za-z]+)/.exec(instruction)?.[1]?.toUpperCase();
  return name !== undefined && VOLATILE_FIELDS.has(name);
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
 * A Word part with its DATE and TIME fields unlinked: a field's begin, instruction, separator and end
 * markup removed, its result (the text it showed when saved) left in its runs. A field with no result, or
 * inside or around another field, is left and counted as live.
 */
export function fixWordDates(xml: string): { xml: string; fixed: string[]; live: number } {
  const removals: [number, number][] = [];
  const fixed: string[] = [];
  let live = 0;
  const stack: OpenField[] = [];
  const simple: { volatile: boolean; open: [number, number] }[] = [];
  const tag = /<(\/?)w:(fldSimple|fldChar|instrText)\b([^>]*?)(\/?)>/g;
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    const [whole, closing, name, attributes, selfClosing] = m;
    const start = m.index;
    let end = start + whole.length;
    if (name === 'fldSimple') {
      if (closing) {
        const open = simple.pop();
        if (open?.volatile) {
          removals.push(open.open, [start, end]);
          fixed.push(runText(xml.slice(open.open[1], start)));
        }
        continue;
      }
      const instruction = decodeXml(/\bw:instr="([^"]*)"/.exec(attributes)?.[1] ?? '');
      const volatile = isVolatile(instruction);
      if (selfClosing) {
        if (volatile) live++;
        continue;
      }
      if (volatile && (simple.length > 0 || stack.length > 0)) {
        live++;
        simple.push({ volatile: false, open: [start, end] });
      } else simple.push({ volatile, open: [start, end] });
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
      for (const outer of stack) outer.nested = true;
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
      if (!field || !isVolatile(field.instruction)) continue;
      if (field.resultStart < 0 || field.nested) {
        live++;
        continue;
      }
      removals.push(...field.markup, [start, end]);
      fixed.push(runText(xml.slice(field.resultStart, start)));
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
 * with each (when the file was last saved) shows; each one's text as saved is what it showed then.
 */
export function fixOpenDocumentDates(xml: string): { xml: string; fixed: string[]; live: number } {
  const fixed: string[] = [];
  let live = 0;
  const out = xml.replace(
    /<text:(date|time)\b([^>]*?)(\/?)>(?:([^<]*)<\/text:\1>)?/g,
    (whole, name: string, attributes: string, selfClosing: string, text: string | undefined) => {
      if (/\btext:fixed="true"/.test(attributes)) return whole;
      if (!new RegExp(`\\btext:${name}-value="`).test(attributes)) {
        live++;
        return whole;
      }
      fixed.push(decodeXml(text ?? ''));
      const marked = attributes.replace(/\s*\btext:fixed="[^"]*"/, '') + ' text:fixed="true"';
      return selfClosing ? `<text:${name}${marked}/>` : `<text:${name}${marked}>${text ?? ''}</text:${name}>`;
    },
  );
  return { xml: out, fixed, live };
}

/**
 * The file with its dates that change to the day of opening fixed, for conversion (see the top of this
 * file). A file that cannot be read for them, or is too large to rewrite, goes as it is.
 */
export function fixVolatileDates(bytes: Uint8Array, format: WordFormat): FixedDates {
  const unchanged: FixedDates = { bytes, fixed: [], live: 0 };
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
  const files: Zippable = {};
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
  return { bytes: zipSync(files), fixed, live };
}

/** What the import's notes say of a file's dates that change to the day of opening. */
export function volatileDatesNote(dates: Pick<FixedDates, 'fixed' | 'live'>): string[] {
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
  return notes;
}
