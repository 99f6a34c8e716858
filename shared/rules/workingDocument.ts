/**
 * The working document's key: how the parties mark up an EHC plan in a contents-of-plan appeal, one style
 * for the original plan and six for proposals. The generator, the reader and the editor all take the key
 * from here, so the Word styles, the PDF and the screen cannot disagree.
 *
 * Sources (read 2026-11-30):
 * - IPSEA, "The working document", https://www.ipsea.org.uk/the-working-document — the "Key for
 *   amendments" table (normal type original; underlined type / underlined strikethrough agreed; bold /
 *   bold strikethrough parents' amendments / deletions; italic / italic strikethrough the LA's).
 * - Essex SENDIASS, "What is a Working Document?", https://www.essexsendiass.co.uk/parents-and-carers/
 *   appealing-to-the-send-tribunal-service-about-an-ehcp/what-is-a-working-document/ — the same key ("a
 *   suggested key the tribunal ask you to use (make sure you include this)"), footnoted references to the
 *   evidence (report, page), and the final version usually two weeks before the hearing.
 * - HMCTS, "SEN appeals: writing the 'working document' (SEND23)", https://www.gov.uk/government/
 *   publications/sen-appeals-writing-the-working-document-send23 — only the publication page could be
 *   read; the guidance document itself (a PDF) was not available here.
 * - The 25-page limit is the rule pack's (shared/rules/send.ts, part "working-document").
 */
export type KeyStyle =
  | 'original'
  | 'agreed-amendment'
  | 'agreed-deletion'
  | 'parent-amendment'
  | 'parent-deletion'
  | 'la-amendment'
  | 'la-deletion';

/** Who holds a proposal: one party's, or agreed by both (the key does not say who first proposed it). */
export type ProposalStatus = 'parent' | 'la' | 'agreed';

export interface KeyEntry {
  style: KeyStyle;
  /** The Word character style's id and name (what a user sees in Word's style list). */
  wordStyleId: string;
  wordStyleName: string;
  /** How it looks, in the key's own words. */
  looks: string;
  /** What it means. */
  meaning: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strike?: boolean;
}

export const WORKING_DOCUMENT_KEY: readonly KeyEntry[] = [
  {
    style: 'original',
    wordStyleId: 'WDOriginal',
    wordStyleName: 'WD Original plan',
    looks: 'Normal type',
    meaning: 'The EHC plan as issued',
  },
  {
    style: 'agreed-amendment',
    wordStyleId: 'WDAgreedAmendment',
    wordStyleName: 'WD Agreed amendment',
    looks: 'Underlined type',
    meaning: 'Amendments agreed by both parties',
    underline: true,
  },
  {
    style: 'agreed-deletion',
    wordStyleId: 'WDAgreedDeletion',
    wordStyleName: 'WD Agreed deletion',
    looks: 'Underlined strikethrough',
    meaning: 'Deletions agreed by both parties',
    underline: true,
    strike: true,
  },
  {
    style: 'parent-amendment',
    wordStyleId: 'WDParentAmendment',
    wordStyleName: 'WD Parent amendment',
    looks: 'Bold type',
    meaning: "Parent's or young person's proposed amendments",
    bold: true,
  },
  {
    style: 'parent-deletion',
    wordStyleId: 'WDParentDeletion',
    wordStyleName: 'WD Parent deletion',
    looks: 'Bold strikethrough',
    meaning: "Parent's or young person's proposed deletions",
    bold: true,
    strike: true,
  },
  {
    style: 'la-amendment',
    wordStyleId: 'WDLAAmendment',
    wordStyleName: 'WD LA amendment',
    looks: 'Italic type',
    meaning: "Local authority's proposed amendments",
    italic: true,
  },
  {
    style: 'la-deletion',
    wordStyleId: 'WDLADeletion',
    wordStyleName: 'WD LA deletion',
    looks: 'Italic strikethrough',
    meaning: "Local authority's proposed deletions",
    italic: true,
    strike: true,
  },
];

export function keyEntry(style: KeyStyle): KeyEntry {
  return WORKING_DOCUMENT_KEY.find((k) => k.style === style)!;
}

export function proposalStyle(status: ProposalStatus, deletion: boolean): KeyStyle {
  return `${status}-${deletion ? 'deletion' : 'amendment'}` as KeyStyle;
}

/** The style a run with this direct formatting stands for (a document marked up by hand in Word). */
export function styleFromFormatting(f: {
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strike?: boolean;
}): KeyStyle {
  const del = Boolean(f.strike);
  if (f.underline) return del ? 'agreed-deletion' : 'agreed-amendment';
  if (f.bold) return del ? 'parent-deletion' : 'parent-amendment';
  if (f.italic) return del ? 'la-deletion' : 'la-amendment';
  return 'original';
}

export const WORKING_DOCUMENT_RULES = {
  /** Pages: the SEND pack's "working-document" part (Schedule One). */
  partId: 'working-document',
  citation:
    'Working document key: IPSEA "The working document" and Essex SENDIASS "What is a Working Document?" (read 2026-11-30); HMCTS guidance SEND23 (publication page only; the guidance itself could not be read)',
} as const;
