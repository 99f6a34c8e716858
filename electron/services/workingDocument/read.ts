/**
 * Reading a working document back from a .docx: ours (the key's character styles) or one marked up by hand
 * in Word (bold, italic, underline and strikethrough as direct formatting, read with the same key). Headings
 * start sections; each other paragraph of the body is a paragraph of the plan, its struck-through words
 * deletions and its styled words amendments; footnotes become the proposals' evidence references.
 * Tables (the key), the title and the introduction are left out. Tracked changes are refused: the key is
 * the markup, and accepting or rejecting revisions is for Word.
 */
import { ApiError } from '../../../shared/api/errors';
import { formatSize } from '../../../shared/limits';
import {
  styleFromFormatting,
  WORKING_DOCUMENT_KEY,
  type KeyStyle,
  type ProposalStatus,
} from '../../../shared/rules/workingDocument';
import {
  parseFootnote,
  type EvidenceRef,
  type Proposal,
  type WdParagraph,
  type WdSection,
  type WorkingDocumentContent,
} from '../../../shared/workingDocument/model';
import { wordPartsOf, type WordParts } from '../documents/wordPackage';
import { ZipDamaged, zipEntries, zipEntryData, type ZipEntry } from '../documents/zipArchive';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
    e[0] === '#'
      ? character(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
      : ENTITIES[e.toLowerCase()],
  );
}

/** The character a reference names; the replacement character for one past Unicode's last ("&#x110000;"). */
function character(codePoint: number): string {
  return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : '\ufffd';
}

/**
 * The start tags <name …> of an element in order, each with the text of its attributes (a self-closing
 * one's without its "/") and where the tag ends. Read with indexOf, as are the elements below: the lazy
 * regular expressions they replace took the square of the text's length where closing tags were missing
 * (a .docx of 832 bytes, its document 300 KB of "<w:p>", took 5 s).
 */
function* startTags(
  xml: string,
  name: string,
  start = 0,
): Generator<{ attrs: string; selfClosing: boolean; end: number }> {
  const open = `<${name}`;
  let from = start;
  for (;;) {
    const at = xml.indexOf(open, from);
    if (at < 0) return;
    from = at + open.length;
    // The name ends there: <w:p is not <w:pPr.
    const next = xml.charCodeAt(from);
    if (next !== 0x3e && next !== 0x2f && next !== 0x20 && next !== 0x09 && next !== 0x0a && next !== 0x0d)
      continue;
    const end = xml.indexOf('>', from);
    if (end < 0) return;
    const selfClosing = xml.charCodeAt(end - 1) === 0x2f;
    yield { attrs: xml.slice(from, selfClosing ? end - 1 : end), selfClosing, end: end + 1 };
    from = end + 1;
  }
}

/**
 * The elements <name …>…</name> in order (the first close after each start ends it; none nested), each with
 * its attributes' text and its content; self-closing ones only where `selfClosing`, with no content.
 */
function* elements(
  xml: string,
  name: string,
  selfClosing = false,
): Generator<{ attrs: string; inner: string | undefined }> {
  const close = `</${name}>`;
  let from = 0;
  for (;;) {
    const tag = startTags(xml, name, from).next();
    if (tag.done) return;
    const end = tag.value.end;
    if (tag.value.selfClosing) {
      if (selfClosing) yield { attrs: tag.value.attrs, inner: undefined };
      from = end;
      continue;
    }
    const closeAt = xml.indexOf(close, end);
    if (closeAt < 0) return;
    yield { attrs: tag.value.attrs, inner: xml.slice(end, closeAt) };
    from = closeAt + close.length;
  }
}

/** The content of the first <name>…</name>, or ''. */
function firstInner(xml: string, name: string): string {
  for (const element of elements(xml, name)) return element.inner ?? '';
  return '';
}

/** The w:val of the first <w:tag …> that has one. */
function attr(xml: string, tag: string): string | undefined {
  for (const { attrs } of startTags(xml, `w:${tag}`)) {
    const at = attrs.indexOf('w:val="');
    if (at < 0) continue;
    const end = attrs.indexOf('"', at + 7);
    if (end >= 0) return decode(attrs.slice(at + 7, end));
  }
  return undefined;
}

/** Whether a toggle property (w:b, w:i, w:strike) is on: present, and not val="false"/"0"/"none". */
function on(rPr: string, tag: string): boolean {
  const first = startTags(rPr, `w:${tag}`).next();
  if (first.done) return false;
  const val = /w:val="([^"]*)"/.exec(first.value.attrs)?.[1];
  return val === undefined || !['false', '0', 'none'].includes(val);
}

function textOf(runXml: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const at = runXml.indexOf('<w:', from);
    if (at < 0) return out;
    let nameEnd = at + 3;
    while (nameEnd < runXml.length && /[A-Za-z]/.test(runXml[nameEnd])) nameEnd++;
    const name = runXml.slice(at + 3, nameEnd);
    const end = runXml.indexOf('>', nameEnd);
    if (end < 0) return out;
    from = end + 1;
    if (name === 'tab') out += '\t';
    else if (name === 'br') out += ' ';
    else if (name === 't' && runXml.charCodeAt(end - 1) !== 0x2f) {
      const close = runXml.indexOf('</w:t>', from);
      if (close < 0) return out;
      out += decode(runXml.slice(from, close));
      from = close + 6;
    }
  }
}

/** The body's top-level paragraphs, tables left out (the key lives in one). */
function bodyParagraphs(documentXml: string): string[] {
  const open = documentXml.indexOf('<w:body>');
  const close = documentXml.lastIndexOf('</w:body>');
  const body = open >= 0 && close > open ? documentXml.slice(open + 8, close) : '';
  let withoutTables = '';
  let depth = 0;
  let at = 0;
  const tags = /<w:tbl>|<\/w:tbl>/g;
  let m: RegExpExecArray | null;
  while ((m = tags.exec(body))) {
    if (m[0] === '<w:tbl>') {
      if (depth === 0) withoutTables += body.slice(at, m.index);
      depth += 1;
    } else {
      depth -= 1;
      if (depth === 0) at = m.index + m[0].length;
    }
  }
  withoutTables += depth === 0 ? body.slice(at) : '';
  return [...elements(withoutTables, 'w:p', true)].map((p) => p.inner ?? '');
}

interface StyleInfo {
  name: string;
  bold: boolean;
  italic: boolean;
  underline: boolean;
  strike: boolean;
}

function readStyles(stylesXml: string): Map<string, StyleInfo> {
  const styles = new Map<string, StyleInfo>();
  for (const style of elements(stylesXml, 'w:style')) {
    const id = /w:styleId="([^"]*)"/.exec(style.attrs)?.[1];
    if (!id) continue;
    const inner = style.inner ?? '';
    const rPr = firstInner(inner, 'w:rPr');
    styles.set(id, {
      name: attr(inner, 'name') ?? id,
      bold: on(rPr, 'b'),
      italic: on(rPr, 'i'),
      underline: (attr(rPr, 'u') ?? 'none') !== 'none',
      strike: on(rPr, 'strike'),
    });
  }
  return styles;
}

function readFootnotes(footnotesXml: string | null): Map<string, string> {
  const notes = new Map<string, string>();
  if (!footnotesXml) return notes;
  for (const note of elements(footnotesXml, 'w:footnote')) {
    const id = /w:id="(-?\d+)"/.exec(note.attrs)?.[1];
    if (!id || /w:type="/.test(note.attrs)) continue; // separators
    const text = [...elements(note.inner ?? '', 'w:r')].map((r) => textOf(r.inner ?? '')).join('');
    notes.set(id, text.trim());
  }
  return notes;
}

function runStyle(rPr: string, styles: Map<string, StyleInfo>): KeyStyle {
  const styleId = attr(rPr, 'rStyle');
  if (styleId) {
    const byId = WORKING_DOCUMENT_KEY.find((k) => k.wordStyleId === styleId);
    if (byId) return byId.style;
    const info = styles.get(styleId);
    const byName =
      info && WORKING_DOCUMENT_KEY.find((k) => k.wordStyleName.toLowerCase() === info.name.toLowerCase());
    if (byName) return byName.style;
    if (info && (info.bold || info.italic || info.underline || info.strike)) {
      const direct = styleFromFormatting({
        bold: on(rPr, 'b'),
        italic: on(rPr, 'i'),
        underline: (attr(rPr, 'u') ?? 'none') !== 'none',
        strike: on(rPr, 'strike'),
      });
      return direct !== 'original' ? direct : styleFromFormatting(info);
    }
  }
  return styleFromFormatting({
    bold: on(rPr, 'b'),
    italic: on(rPr, 'i'),
    underline: (attr(rPr, 'u') ?? 'none') !== 'none',
    strike: on(rPr, 'strike') || on(rPr, 'dstrike'),
  });
}

const SKIPPED_PARAGRAPH_STYLES = /^(Title|WDIntro|WDKeyText|WDHeader|Subtitle)$/;

function isHeading(pStyle: string | undefined, styles: Map<string, StyleInfo>, text: string): boolean {
  const name = pStyle ? (styles.get(pStyle)?.name ?? pStyle) : '';
  if (/^heading\s?\d/i.test(name) || /^Heading\d/.test(pStyle ?? '')) return true;
  return /^section\s+[A-K]\b/i.test(text.trim()) && text.trim().length <= 120;
}

function statusOf(style: KeyStyle): ProposalStatus {
  return style.split('-')[0] as ProposalStatus;
}

function readParagraph(
  xml: string,
  id: string,
  styles: Map<string, StyleInfo>,
  notes: Map<string, string>,
): WdParagraph {
  let original = '';
  const proposals: Proposal[] = [];
  let last: Proposal | null = null;
  let lastKind: 'original' | 'deletion' | 'amendment' | null = null;
  for (const r of elements(xml, 'w:r')) {
    const runXml = r.inner ?? '';
    const rPr = firstInner(runXml, 'w:rPr');
    const noteId = /<w:footnoteReference\b[^>]*w:id="(-?\d+)"/.exec(runXml)?.[1];
    if (noteId !== undefined) {
      const note = notes.get(noteId);
      if (last && note) last.refs.push({ text: parseFootnote(note).text } satisfies EvidenceRef);
      continue;
    }
    const text = textOf(runXml);
    if (!text) continue;
    const style = runStyle(rPr, styles);
    if (style === 'original') {
      original += text;
      last = null;
      lastKind = 'original';
      continue;
    }
    const status = statusOf(style);
    if (style.endsWith('-deletion')) {
      original += text;
      if (last && lastKind === 'deletion' && last.status === status && !last.insert) last.delete += text;
      else {
        last = { id: `${id}-r${proposals.length + 1}`, status, delete: text, refs: [] };
        proposals.push(last);
      }
      lastKind = 'deletion';
      continue;
    }
    if (
      last &&
      last.status === status &&
      (lastKind === 'deletion' || lastKind === 'amendment') &&
      (lastKind === 'amendment' || !last.insert)
    ) {
      last.insert = lastKind === 'amendment' && last.insert ? last.insert + text : text.trimStart();
    } else {
      last = { id: `${id}-r${proposals.length + 1}`, status, insert: text.trimStart(), refs: [] };
      proposals.push(last);
    }
    lastKind = 'amendment';
  }
  for (const p of proposals) if (p.insert !== undefined) p.insert = p.insert.trimEnd();
  return { id, original, proposals };
}

/**
 * Bytes one part of the .docx (its text, styles, footnotes) may unpack to. A working document of a long
 * plan is a few hundred KB of text; anything near this is damaged or a "zip bomb".
 */
export const MAX_DOCX_PART_BYTES = 64 * 1024 * 1024;

const PART_NAMES: Record<string, string> = { 'docProps/core.xml': 'properties' };

const utf8 = new TextDecoder('utf-8');

/**
 * The parts of a .docx, read without trusting it (documents/zipArchive.ts): each unpacked only up to the size
 * the archive's directory gives, that size held to MAX_DOCX_PART_BYTES. A part is null when the file has none.
 */
function docxParts(bytes: Uint8Array): { part: (path: string | null) => string | null; names: WordParts } {
  let entries: ZipEntry[];
  try {
    entries = zipEntries(bytes).entries;
  } catch (error) {
    if (error instanceof ZipDamaged)
      throw new ApiError('refused', 'This file is not a Word document (.docx) that can be read.');
    throw error;
  }
  // The parts as the file's relationships name them (Word for the web's text is "word/document2.xml").
  const names = wordPartsOf(bytes, entries);
  const part = (path: string | null) => {
    const entry = entries.find((e) => e.path === path);
    if (!entry || path === null) return null;
    const what =
      path === names.main
        ? 'text'
        : path === names.styles
          ? 'styles'
          : path === names.footnotes
            ? 'footnotes'
            : (PART_NAMES[path] ?? path);
    if (entry.size > MAX_DOCX_PART_BYTES)
      throw new ApiError(
        'refused',
        `This Word document’s ${what} would unpack to ${formatSize(entry.size)}, more than the ${formatSize(MAX_DOCX_PART_BYTES)} a working document is read from, so it was not read: it may be damaged or made to cause trouble.`,
      );
    const data = zipEntryData(bytes, entry, MAX_DOCX_PART_BYTES);
    if ('because' in data)
      throw new ApiError('refused', `This Word document could not be read: its ${what} ${data.because}.`);
    return utf8.decode(data.bytes);
  };
  return { part, names };
}

/** The working document in a .docx (ours or marked up by hand), as content the editor can take up. */
export function readWorkingDocumentDocx(bytes: Uint8Array): WorkingDocumentContent {
  const { part, names } = docxParts(bytes);
  const documentXml = part(names.main);
  if (!documentXml)
    throw new ApiError('refused', 'This file is not a Word document (.docx): it has no document part.');
  if (/<w:(ins|del|moveFrom|moveTo)\b/.test(documentXml))
    throw new ApiError(
      'refused',
      'This document has tracked changes. The working document shows changes with the key’s styles, not tracked changes: accept or reject the tracked changes in Word, save, and import it again.',
    );
  const styles = readStyles(part(names.styles) ?? '');
  const notes = readFootnotes(part(names.footnotes));
  const title = /<dc:title>([^<]*)<\/dc:title>/.exec(part('docProps/core.xml') ?? '')?.[1];

  const sections: WdSection[] = [];
  let n = 0;
  for (const p of bodyParagraphs(documentXml)) {
    const pStyle = attr(firstInner(p, 'w:pPr'), 'pStyle');
    if (pStyle && SKIPPED_PARAGRAPH_STYLES.test(pStyle)) continue;
    const plain = [...elements(p, 'w:r')].map((r) => textOf(r.inner ?? '')).join('');
    if (!plain.trim()) continue;
    if (isHeading(pStyle, styles, plain)) {
      sections.push({ heading: plain.trim(), paragraphs: [] });
      continue;
    }
    if (sections.length === 0) sections.push({ heading: 'The plan', paragraphs: [] });
    n += 1;
    sections[sections.length - 1].paragraphs.push(readParagraph(p, `p${n}`, styles, notes));
  }
  if (sections.length === 0)
    throw new ApiError('refused', 'No text was found in this Word document to make a working document from.');
  const cleanTitle = title
    ? decode(title)
        .replace(/\s*\(version \d+\)$/, '')
        .trim()
    : '';
  return { title: cleanTitle || 'Working document', sections };
}
