/**
 * Invisible characters that do harm in titles, names and references: C0 and C1 control characters (an ESC
 * starts a terminal escape sequence; a NUL or a line break splits a tab-separated row; PDF readers drop
 * or mangle them in bookmarks) and the bidirectional formatting characters that reorder what is shown
 * (U+202E makes "report‮fdp.exe" look like "reportexe.pdf"). Stripped wherever such text enters the app.
 * Right-to-left names themselves (Arabic, Hebrew) are untouched: they need no formatting characters.
 */

/**
 * C0 controls except tab and line breaks (handled as white space below), DEL, C1 controls, the bidi
 * embeddings, overrides and isolates (U+202A–E, U+2066–9) and the directional marks (U+200E, U+200F,
 * U+061C), which are invisible and can be used to disguise text as well.
 */
const HARMFUL =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const ANY_CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/;

/**
 * A title, name or reference made safe to store, print and put in a bundle: harmful characters removed,
 * tabs and line breaks turned into single spaces, runs of spaces collapsed, and the ends trimmed.
 */
export function cleanText(text: string): string {
  return text
    .replace(/[\t\n\r]+/g, ' ')
    .replace(HARMFUL, '')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** The same for a value that may be absent. */
export function cleanOptional<T extends string | null | undefined>(text: T): T {
  return (typeof text === 'string' ? cleanText(text) : text) as T;
}

/** Line breaks other than a newline: CR, vertical tab, form feed (an old printout's page break), NEL, U+2028/9. */
// eslint-disable-next-line no-control-regex
const OTHER_LINE_BREAKS = /\r\n?|[\u000b\u000c\u0085\u2028\u2029]/g;
/** C0 and C1 controls but tab, newline and the line breaks above. */
// eslint-disable-next-line no-control-regex
const UNSHOWN_CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f]/g;

/**
 * Running text to lay out on pages (a text file, an email's body, a letter's paragraph): every line break
 * a newline, and the other control characters (a NUL, a bell, a backspace) removed, which fonts draw as
 * boxes or as nothing, or pdf-lib as lines drawn over the next ones. Tabs stay; bidi marks stay (they
 * order right-to-left text as its writer meant).
 */
export function textToLayOut(text: string): string {
  return text.replace(OTHER_LINE_BREAKS, '\n').replace(UNSHOWN_CONTROLS, '');
}

export function hasControlCharacters(text: string): boolean {
  return ANY_CONTROL.test(text);
}

/**
 * For printing text the app did not write (a file name, a stored title from an older version) on a
 * terminal or in tab-separated output: every control or bidi formatting character becomes a visible
 * escape (\t, \n, \r, \e, \u202e …), so one record stays one line and the terminal is never driven.
 */
export function escapeControls(text: string): string {
  if (!ANY_CONTROL.test(text)) return text;
  let out = '';
  for (const ch of text) {
    if (!ANY_CONTROL.test(ch)) out += ch;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\x1b') out += '\\e';
    else out += `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  }
  return out;
}

/**
 * A whole line of terminal output made safe: like escapeControls, but the tabs and line breaks the
 * program itself puts between fields and lines are kept. Values inside a line should be passed through
 * escapeControls first, so their own tabs and line breaks cannot split a record.
 */
export function escapeForTerminal(line: string): string {
  return line
    .split(/(\t|\n)/)
    .map((part) => (part === '\t' || part === '\n' ? part : escapeControls(part)))
    .join('');
}
