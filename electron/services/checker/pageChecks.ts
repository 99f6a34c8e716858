/**
 * Page-by-page checks: readable, portrait, reading the right way up, A4, searchable text, not blank. Pure
 * over what the scan found.
 */
import type { CheckFinding } from '../../../shared/domain/checker';
import type { TextItem } from '../pdf/pdfjs';
import { describePages } from './describe';

/** How a page's text runs as displayed: 90 up the page, 180 upside down, 270 down the page. */
export type Turn = 90 | 180 | 270;

export interface PageFacts {
  /** 1-based. */
  page: number;
  /** As displayed (rotation applied), points. */
  width: number;
  height: number;
  unreadable: boolean;
  /** Extractable characters other than the bundle number (white space not counted). */
  textChars: number;
  /** Most of the page's text does not read left to right as displayed: it runs this way (readingTurn). */
  turn?: Turn;
  /** Runs of text a box hides, painted over them or in their own colour behind them (pdf/read/coveredText.ts): still in the file. */
  coveredRuns?: number;
  /** Draws a photo whose hidden details give where it was taken (pdf/read/photoLocation.ts). */
  photoLocation?: boolean;
  /** Has areas marked for redaction that were never redacted (pdf/read/redactionMarks.ts). */
  redactionMarks?: boolean;
  /** Comments whose words show only when opened (pdf/read/comments.ts): how many. */
  comments?: number;
  /** An edit saved over the page by appending left its earlier version in the file (pdf/read/earlierVersions.ts). */
  earlierVersion?: boolean;
}

/** Characters of text a page needs before the way it reads is judged (a stamp or a margin note is less). */
const TURN_MIN_CHARS = 40;

/**
 * The way most of a page's text runs on the page as displayed, when it is not upright: a landscape table
 * printed across a portrait page (90 or 270) or a page the wrong way up (180). A sideways margin note or a
 * stamp is too little to count; null for a page that reads upright or has too little text to tell.
 */
export function readingTurn(items: TextItem[]): Turn | null {
  const chars = new Map<number, number>();
  let total = 0;
  for (const item of items) {
    let n = 0;
    for (let i = 0; i < item.text.length; i++) if (item.text.charCodeAt(i) > 32) n++;
    const dir = (((Math.round((item.dir ?? 0) / 90) % 4) + 4) % 4) * 90;
    chars.set(dir, (chars.get(dir) ?? 0) + n);
    total += n;
  }
  if (total < TURN_MIN_CHARS) return null;
  for (const turn of [90, 180, 270] as const) if ((chars.get(turn) ?? 0) * 3 > total * 2) return turn;
  return null;
}

const TURN_WORDS: Record<Turn, string> = {
  90: 'runs up the page',
  180: 'is upside down',
  270: 'runs down the page',
};

const A4 = { short: 595.28, long: 841.89 };
/** Points either way still taken as A4 (rounding by the programs that make PDFs). */
const A4_TOLERANCE = 3;

function isA4(width: number, height: number): boolean {
  const short = Math.min(width, height);
  const long = Math.max(width, height);
  return Math.abs(short - A4.short) <= A4_TOLERANCE && Math.abs(long - A4.long) <= A4_TOLERANCE;
}

function sizeName(width: number, height: number): string {
  const mm = (pt: number) => Math.round((pt * 25.4) / 72);
  const short = Math.min(width, height);
  const long = Math.max(width, height);
  const named =
    Math.abs(short - 612) <= 3 && Math.abs(long - 792) <= 3
      ? 'US Letter, '
      : Math.abs(short - 612) <= 3 && Math.abs(long - 1008) <= 3
        ? 'US Legal, '
        : Math.abs(short - 841.89) <= 3 && Math.abs(long - 1190.55) <= 3
          ? 'A3, '
          : Math.abs(short - 419.53) <= 3 && Math.abs(long - 595.28) <= 3
            ? 'A5, '
            : '';
  return `${named}${mm(width)} × ${mm(height)} mm`;
}

/** Fewer characters than this, besides the page number, and a page counts as having no text. */
export const MIN_TEXT_CHARS = 3;

export function checkPages(pages: PageFacts[], painted: Map<number, boolean> | null): CheckFinding[] {
  const findings: CheckFinding[] = [];
  const unreadable = pages.filter((p) => p.unreadable).map((p) => p.page);
  if (unreadable.length > 0) {
    findings.push({
      code: 'page-unreadable',
      severity: 'error',
      pages: unreadable,
      message: `${describePages(unreadable, true)} could not be read: ${unreadable.length === 1 ? 'it is' : 'they are'} damaged and may show as blank or not at all.`,
    });
  }
  const readable = pages.filter((p) => !p.unreadable);

  const turned = readable.filter((p) => p.turn !== undefined);
  if (turned.length > 0) {
    const pages = turned.map((p) => p.page);
    const ways = [...new Set(turned.map((p) => p.turn!))];
    const one = pages.length === 1;
    findings.push({
      code: 'page-turned',
      severity: 'warning',
      pages,
      message:
        `${describePages(pages, true)} ${one ? 'does' : 'do'} not read the right way up on screen: ` +
        `${one ? 'its' : 'their'} text ${ways.length === 1 ? TURN_WORDS[ways[0]] : 'runs sideways or upside down'}. ` +
        `Turn ${one ? 'it' : 'them'} (rotate the ${one ? 'page' : 'pages'} in the PDF) so ${one ? 'it reads' : 'they read'} without turning the screen.`,
      details: { turns: turned.map((p) => ({ page: p.page, turn: p.turn })) },
    });
  }
  // A page that reads sideways is said once, above: turning it puts it the right way round. A landscape
  // page that reads the right way up is what the guidance asks of a landscape document ("portrait, landscape
  // pages rotated to read"): turned to portrait it would read sideways, so it is noted, not faulted.
  const landscape = readable.filter((p) => p.width > p.height + 1 && p.turn === undefined).map((p) => p.page);
  if (landscape.length > 0) {
    const one = landscape.length === 1;
    findings.push({
      code: 'landscape-page',
      severity: 'note',
      pages: landscape,
      message: `${describePages(landscape, true)} ${one ? 'shows' : 'show'} in landscape and ${one ? 'reads' : 'read'} the right way up on screen, as a landscape document should. Leave ${one ? 'it' : 'them'} so: turned to portrait, ${one ? 'it' : 'they'} would read sideways.`,
    });
  }

  const odd = readable.filter((p) => !isA4(p.width, p.height));
  if (odd.length > 0) {
    const sizes = [...new Set(odd.map((p) => sizeName(p.width, p.height)))];
    findings.push({
      code: 'not-a4',
      severity: 'warning',
      pages: odd.map((p) => p.page),
      message: `${describePages(
        odd.map((p) => p.page),
        true,
      )} ${odd.length === 1 ? 'is' : 'are'} not A4 (${sizes.slice(0, 3).join('; ')}${sizes.length > 3 ? '; …' : ''}). Bundle pages should be A4.`,
      details: { sizes },
    });
  }

  const textless = readable.filter((p) => p.textChars < MIN_TEXT_CHARS);
  const blank = textless.filter((p) => painted?.get(p.page) === false).map((p) => p.page);
  const noText = textless.filter((p) => painted?.get(p.page) !== false).map((p) => p.page);
  if (noText.length > 0) {
    findings.push({
      code: 'needs-ocr',
      severity: 'warning',
      pages: noText,
      message: `${describePages(noText, true)} ${noText.length === 1 ? 'has' : 'have'} no text that can be searched or copied (${noText.length === 1 ? 'a scan or picture' : 'scans or pictures'}). Run text recognition (OCR) so the bundle is searchable.`,
    });
  }
  const covered = readable.filter((p) => (p.coveredRuns ?? 0) > 0).map((p) => p.page);
  if (covered.length > 0) {
    const one = covered.length === 1;
    // The words are not quoted: a report passed on would give away what the box was meant to hide.
    findings.push({
      code: 'covered-text',
      severity: 'warning',
      pages: covered,
      message:
        `${describePages(covered, true)} ${one ? 'has' : 'have'} words hidden by a box that are still in the file (a box or pen strokes painted over them, a highlight in their own colour, the page cropped to leave them out of view, a layer the file keeps hidden, or a scan's invisible text left when the scan was taken out): ` +
        `the page looks redacted (blacked or whited out, or cropped), but anyone can select, copy or search for the words. If they were hidden on purpose, ` +
        `the redaction did not work: redact the document with a tool that removes the words (such as Acrobat's Redact), then check again.`,
      details: {
        runs: readable.filter((p) => p.coveredRuns).map((p) => ({ page: p.page, runs: p.coveredRuns })),
      },
    });
  }
  const marked = pages.filter((p) => p.redactionMarks).map((p) => p.page);
  if (marked.length > 0) {
    const one = marked.length === 1;
    findings.push({
      code: 'redaction-marks',
      severity: 'warning',
      pages: marked,
      message:
        `${describePages(marked, true)} ${one ? 'has' : 'have'} words marked for redaction that were never redacted: the marks were not applied, ` +
        `so the words are still on the page, and anyone can read, copy or search them. If they were to be hidden, apply the redactions ` +
        `(in Acrobat: Redact, then Apply) and make the bundle again, then check again.`,
    });
  }
  const earlier = pages.filter((p) => p.earlierVersion).map((p) => p.page);
  if (earlier.length > 0) {
    const one = earlier.length === 1;
    findings.push({
      code: 'earlier-versions',
      severity: 'warning',
      pages: earlier,
      message:
        `${describePages(earlier, true)} ${one ? 'was' : 'were'} changed by an edit saved onto the end of the file, which keeps ${one ? 'its' : 'their'} earlier ${one ? 'version' : 'versions'} in it: ` +
        `anyone with the file can recover what ${one ? 'it' : 'they'} showed before (words redacted or taken out after the file was first saved among it). ` +
        `If something was taken out, save the file as a new copy ("Save As", which leaves earlier versions out) and check again.`,
    });
  }
  const commented = pages.filter((p) => p.comments);
  if (commented.length > 0) {
    const count = commented.reduce((sum, p) => sum + (p.comments ?? 0), 0);
    const onPages = commented.map((p) => p.page);
    findings.push({
      code: 'comments',
      severity: 'note',
      pages: onPages,
      message:
        `${describePages(onPages, true)} ${onPages.length === 1 ? 'has' : 'have'} ${count === 1 ? 'a comment' : `${count} comments`} added in a PDF reader (${count === 1 ? 'a sticky note, or a note on a highlight or a shape' : 'sticky notes, or notes on highlights or shapes'}), ` +
        `whose words show only when opened. Check ${count === 1 ? 'it was' : 'they were'} meant to be in the bundle: remarks on a document are not part of it.`,
    });
  }
  const located = pages.filter((p) => p.photoLocation).map((p) => p.page);
  if (located.length > 0) {
    const one = located.length === 1;
    findings.push({
      code: 'photo-location',
      severity: 'warning',
      pages: located,
      message:
        `${describePages(located, true)} ${one ? 'shows a photo that holds' : 'show photos that hold'} where ${one ? 'it was' : 'they were'} taken: a GPS position the phone or camera recorded, hidden in the file. ` +
        `Anyone with the bundle can find it (by saving the picture out of the PDF and looking at its details). If the place is private, such as a family's home, ` +
        `make the bundle again without it: SEND Bundle Builder leaves such details out of the bundles it makes.`,
    });
  }
  if (blank.length > 0) {
    findings.push({
      code: 'blank-page',
      severity: 'warning',
      pages: blank,
      message: `${describePages(blank, true)} ${blank.length === 1 ? 'is' : 'are'} blank apart from the page number. A bundle should not contain blank pages.`,
    });
  }
  return findings;
}
