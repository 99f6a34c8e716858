/**
 * A letter as structured data. Templates build one; docx.ts and pdf.ts render the same one, so the
 * Word file and the PDF say the same thing.
 */

/** A run of text with emphasis. */
export interface Span {
  text: string;
  bold?: boolean;
  italic?: boolean;
}
export type Inline = string | Span[];

export type Block =
  | { type: 'heading'; text: string }
  /**
   * `numbered`: part of the document's running paragraph numbering (1, 2, 3 … across headings).
   * `keepSpaces`: its spaces, tabs and indentation as written (a text file's), not run together.
   */
  | { type: 'paragraph'; text: Inline; numbered?: boolean; quote?: boolean; keepSpaces?: boolean }
  | { type: 'list'; style: 'bullet' | 'number'; items: Inline[] }
  /** `widths` are relative column widths. */
  | { type: 'table'; header: string[]; rows: string[][]; widths?: number[] };

interface AddressBlock {
  lines: string[];
}

export interface Letter {
  /** Document title (file metadata, and the heading when there is no separate heading). */
  title: string;
  /** YYYY-MM-DD: printed on the letter and used as the files' creation date, so output is reproducible. */
  date: string;
  /** The date is not printed (an email saved as a document shows its own among its references). */
  undated?: boolean;
  /** Top right: who it is from. */
  sender?: AddressBlock;
  /** Top left: who it is to (one block each). */
  recipients?: AddressBlock[];
  /** "Label: value" lines under the date (tribunal reference, child's name …). */
  references?: { label: string; value: string }[];
  heading: string;
  salutation?: string;
  body: Block[];
  closing?: string;
  signature?: { name: string; lines: string[] };
  /** "Copy to" lines after the signature. */
  copies?: string[];
  /** Small text at the foot of every page, beside the page number. */
  footer?: string;
}

function inlineText(inline: Inline): string {
  return typeof inline === 'string' ? inline : inline.map((s) => s.text).join('');
}

export function inlineSpans(inline: Inline): Span[] {
  return typeof inline === 'string' ? [{ text: inline }] : inline;
}

/** Every piece of text in the letter, in reading order: what a reader of either file should find. */
export function letterText(letter: Letter): string[] {
  const out: string[] = [];
  // Pushed one at a time: a list pasted of many thousand items is more than a call's arguments may be.
  const add = (texts: readonly string[]) => {
    for (const text of texts) out.push(text);
  };
  add(letter.sender?.lines ?? []);
  for (const r of letter.recipients ?? []) add(r.lines);
  for (const r of letter.references ?? []) out.push(`${r.label}: ${r.value}`);
  out.push(letter.heading);
  if (letter.salutation) out.push(letter.salutation);
  for (const b of letter.body) {
    if (b.type === 'heading') out.push(b.text);
    else if (b.type === 'paragraph') out.push(inlineText(b.text));
    else if (b.type === 'list') for (const item of b.items) out.push(inlineText(item));
    else {
      add(b.header);
      for (const row of b.rows) add(row);
    }
  }
  if (letter.closing) out.push(letter.closing);
  if (letter.signature) out.push(letter.signature.name, ...letter.signature.lines);
  out.push(...(letter.copies ?? []));
  if (letter.footer) out.push(letter.footer);
  return out;
}
