/**
 * The files made from a built version for sending it: a supplementary pack (only the new and changed pages,
 * with instructions) and delivery parts (the bundle split under an email size limit). Recorded with the
 * version they were made from (bundle_files), shown on the bundle screen, named by the covering letter.
 */
import { DELIVERY_RULES } from '../rules/delivery';
import { requiredGroup } from '../text/groups';

export type SupplementStepKind = 'replace' | 'insert' | 'remove';

export interface SupplementStep {
  kind: SupplementStepKind;
  /** Pages of the new version this step brings (replace, insert), in order. */
  labels: string[];
  /** Pages of the sent version it takes out (replace, remove). */
  replaces: string[];
  /** Insert: the page of the sent version the new pages follow (null: before the first page). */
  after: string | null;
  /** What the pages are ("the cover", "index pages", "Addendum to the report"). */
  what: string;
  /** The instruction, in plain words. */
  text: string;
  /** The bookmark of the step's first page in the pack. */
  bookmark: string;
}

/** What a supplementary pack holds. */
export interface SupplementDetails {
  kind: 'supplement';
  fromVersion: number;
  toVersion: number;
  fromFingerprint: string | null;
  toFingerprint: string | null;
  /** Bundle numbers of the pages copied from the new version, in order. */
  labels: string[];
  /** The pack's own pages in front (its cover and instruction sheets). */
  frontPages: number;
  steps: SupplementStep[];
  /** One line for the covering letter: "pages C12a–C12b to insert after page C12, and …". */
  summary: string;
}

export interface PartDocument {
  tab: string;
  title: string;
  /** "C12–C20"; for a document split across parts, the pages in this part. */
  pages: string;
  /** The document continues from the part before, or into the next. */
  split: boolean;
}

/** What one delivery part holds. */
export interface PartDetails {
  kind: 'part';
  part: number;
  parts: number;
  /** Bundle numbers of the first and last bundle page in the part. */
  firstLabel: string;
  lastLabel: string;
  /** Bundle pages in the part (its own cover sheet not counted). */
  bundlePages: number;
  /** Pages in the whole bundle. */
  bundlePageCount: number;
  fingerprint: string | null;
  limitBytes: number;
  documents: PartDocument[];
  /** The line on the part's cover: "Part 2 of 3 · pages 101–220 of 480". */
  coverLine: string;
  /** A subject line for the email that sends it. */
  emailSubject: string;
}

export type BundleFileDetails = SupplementDetails | PartDetails;

/** A file made from a version, as listed. */
export interface BundleFileInfo {
  id: number;
  bundleId: number;
  kind: 'supplement' | 'part';
  /** 1-based part number; 0 for the supplementary pack. */
  part: number;
  createdAt: string;
  path: string;
  sha256: string;
  sizeBytes: number;
  pageCount: number;
  /** The file is still where it was written. */
  available: boolean;
  details: BundleFileDetails;
}

/** "Part 2 of 3 · pages 101–220 of 480". */
export function partCoverLine(
  part: number,
  parts: number,
  first: string,
  last: string,
  total: number,
): string {
  return `Part ${part} of ${parts} · ${first === last ? `page ${first}` : `pages ${first}–${last}`} of ${total}`;
}

/** Reads "Part 2 of 3 · pages 101–220 of 480" out of a page's text; null when absent. */
export function readPartLine(
  text: string,
): { part: number; parts: number; first: string; last: string; total: number } | null {
  const m =
    /Part\s+(\d+)\s+of\s+(\d+)\s*·\s*pages?\s+([A-Za-z]*\d+[a-z]*|[ivxlcdm]+)(?:\s*[–-]\s*([A-Za-z]*\d+[a-z]*))?\s+of\s+(\d+)/.exec(
      text,
    );
  if (!m) return null;
  const first = requiredGroup(m, 3);
  return { part: Number(m[1]), parts: Number(m[2]), first, last: m[4] ?? first, total: Number(m[5]) };
}

/** Delivery parts' size limit when the case sets none (megabytes; shared/rules/delivery.ts says why). */
export const DEFAULT_PART_SIZE_MB = DELIVERY_RULES.defaultPartSizeMb;

/**
 * A subject line for the email that sends a part, in the form parties are asked to use (DELIVERY_RULES'
 * emailSubjectCitation): "HD 15 June 2026 | EH999/25/01234 | Sam Example | Hearing bundle part 1 of 3
 * (pages 1–220)": hearing date, tribunal reference, child, what is attached; facts not known are left out.
 */
export function partEmailSubject(
  cover: { rows: { label: string; value: string }[] },
  part: { part: number; parts: number; first: string; last: string },
): string {
  const pages = part.first === part.last ? `page ${part.first}` : `pages ${part.first}–${part.last}`;
  return bundleEmailSubject(cover, `Hearing bundle part ${part.part} of ${part.parts} (${pages})`);
}

/** The same subject line for any email about the bundle: `attached` says what it carries. */
export function bundleEmailSubject(
  cover: { rows: { label: string; value: string }[] },
  attached: string,
): string {
  const value = (pattern: RegExp) => {
    const v = cover.rows.find((r) => pattern.test(r.label))?.value;
    return v && v !== '—' && !/not yet/i.test(v) ? v : null;
  };
  return [
    value(/hearing date/i) ? `HD ${value(/hearing date/i)}` : null,
    value(/tribunal reference/i),
    value(/child|claimant/i),
    attached,
  ]
    .filter(Boolean)
    .join(' | ');
}
