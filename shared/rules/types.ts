/**
 * The shape of a tribunal rule pack: the bundle rules of one practice direction, as data.
 * The bundle engine reads everything tribunal-specific from a pack (section order and titles, page limits,
 * report and statement limits, required documents), so a rule change is a data change with a new review date.
 */
import type { AppealType } from '../domain/case';
import type { DocumentKind } from '../domain/documents';

/** Who a part of the bundle belongs to; `null` for parts the bundle's compiler fills for everyone. */
export type PartyId = 'appellant' | 'la' | 'health' | 'social-care' | 'claimant' | 'responsible-body';

export interface RuleSource {
  /** The instrument, as it is usually cited. */
  title: string;
  /** The schedule or paragraph of it that this pack encodes. */
  part: string;
  /** From when it applies (YYYY-MM-DD). */
  effectiveFrom: string;
  /** Where the summary we encoded came from, and anything still to confirm. */
  notes: string;
}

export interface PackSection {
  letter: string;
  title: string;
  /** One line for people filling it: what goes here. */
  contents: string;
  /** Who supplies the documents of this section. */
  filledBy: PartyId[] | 'compiler';
  /** Only in extended appeals (health and social care recommendations). */
  extendedOnly?: boolean;
}

/**
 * A page limit on part of the bundle. Pages of the documents in `section` count towards it, filtered by
 * `kinds` / `excludeKinds` (so the working document can have its own limit inside section B).
 */
export interface PagePart {
  id: string;
  label: string;
  section: string;
  party: PartyId | null;
  kinds?: DocumentKind[];
  excludeKinds?: DocumentKind[];
  /** Pages allowed: one number, or a number per appeal type (types not listed have no limit for this part). */
  limit: number | Partial<Record<AppealType, number>>;
  /** Contents-of-plan appeals about the named school (section I) only have a lower limit. */
  placementOnlyLimit?: number;
  /** The limit applies to each extended area (health, social care) the appeal asks recommendations for. */
  perExtendedArea?: boolean;
  /** The part exists only for these appeal types. */
  appliesTo?: AppealType[];
  /** Why this limit, for findings and the non-compliance note. */
  citation: string;
}

/** A document the bundle should contain, recognised by its kind or (failing that) by words in its title. */
export interface RequiredDocument {
  id: string;
  label: string;
  section: string;
  kinds?: DocumentKind[];
  /** Case-insensitive regular expression source matched against document titles. */
  titlePattern?: string;
  /** Required only for these appeal types (all when absent). */
  appliesTo?: AppealType[];
  /** Not required when the appeal is only about the school or college named in section I. */
  notWhenPlacementOnly?: boolean;
  citation: string;
}

/** A mailbox's limit on one email with its attachments. */
export interface MailboxLimit {
  id: string;
  /** For choosing it: "HMCTS civil and family courts (25 MB an email)". */
  label: string;
  sizeMb: number;
  citation: string;
}

/** Sending a bundle by email in parts (shared/rules/delivery.ts). */
export interface DeliveryRules {
  /** Part size when the case sets none (megabytes). */
  defaultPartSizeMb: number;
  defaultCitation: string;
  /** Limits people meet, with their sources; none is the SEND Tribunal's own (none was found published). */
  mailboxes: MailboxLimit[];
  emailSubjectCitation: string;
}

export interface RulePack {
  id: string;
  name: string;
  tribunal: string;
  appealTypes: AppealType[];
  source: RuleSource;
  /** When someone last checked this pack against the source (YYYY-MM-DD). */
  lastReviewed: string;
  sections: PackSection[];
  parts: PagePart[];
  expertReport: { maxPages: number; maxSummaryPages: number; maxAgeYears: number; citation: string };
  witnessStatement: { maxPages: number; citation: string };
  witnesses: { perParty: number; citation: string };
  requiredDocuments: RequiredDocument[];
  /** Plain-English names of the appeal types this pack covers, for covers and notes. */
  appealTypeLabels: Partial<Record<AppealType, string>>;
  /** Email size limits and the default part size for sending the bundle in parts. */
  delivery: DeliveryRules;
  /** What the note that explains non-compliance is called and to whom it goes. */
  nonComplianceNote: { title: string; addressee: string; citation: string };
}
