/**
 * Reads everything a letter template may prefill from: the case, its parties, recommendations,
 * documents, witnesses, the tribunal's orders, deadlines and the latest hearing bundle.
 */
import { z } from 'zod';
import { isoDateInLondon } from '../../../shared/dates';
import { bundleEmailSubject } from '../../../shared/bundle/delivery';
import { formatSize } from '../../../shared/limits';
import { all, DamagedColumnError, first, jsonColumn } from '../../db/query';
import { JsonObject } from '../../db/jsonColumns';
import type { BundleFileRow, BundleRow } from '../../db/schema';
import type { CaseService } from '../cases';
import type { ServiceContext } from '../context';
import type { DeadlineService } from '../deadlines/service';
import { listDocuments } from '../documents/records';
import type { RecommendationService, WitnessService } from '../witnesses';
import type { BundleFacts, CaseFacts } from './templates';

/**
 * The parts of a stored plan the letters use, each read on its own: an item in another shape is left out
 * (fewer prefilled facts), it does not stop the letter.
 */
const PlannedDocument = z.object({
  documentId: z.number(),
  title: z.string().optional(),
  firstLabel: z.string(),
  lastLabel: z.unknown(),
});
const PlannedMeter = z.object({
  status: z.unknown(),
  label: z.string(),
  limit: z.number(),
  pages: z.number(),
  party: z.unknown(),
});
const PlannedFinding = z.object({
  needsNote: z.unknown(),
  rule: z.unknown(),
  message: z.string(),
  documentIds: z.array(z.number()).optional(),
  limit: z.number().optional(),
  actual: z.number().optional(),
});

/**
 * A finding about one document as a row of the non-compliance note's table: what exceeds the limit, in
 * which document and on which bundle pages, then the limit and what the bundle has, in words ("15 pages",
 * "17 pages"). The finding's own sentence as the part made the note's heading read "… at most 15 pages.:
 * why it is necessary", beside bare numbers ("15", "17") and an empty "In this bundle" to fill in.
 */
const DOCUMENT_FINDINGS: Record<
  string,
  { kind: string; limit: (n: number) => string; actual: (n: number | undefined, limit: number) => string }
> = {
  'expert-report-length': {
    kind: 'Length of the expert report',
    limit: (n) => `${n} pages`,
    actual: (n) => `${n} pages`,
  },
  'witness-statement-length': {
    kind: 'Length of the witness statement',
    limit: (n) => `${n} pages`,
    actual: (n) => `${n} pages`,
  },
  'report-age': {
    kind: 'Age of the expert report',
    limit: (n) => `No more than ${n} years old`,
    actual: (_, limit) => `More than ${limit} years old`,
  },
};

function noteRow(
  finding: z.infer<typeof PlannedFinding>,
  documents: Map<number, { title?: string; pages: string }>,
): { part: string; limit: string; actual: string } {
  const words = typeof finding.rule === 'string' ? DOCUMENT_FINDINGS[finding.rule] : undefined;
  const document = finding.documentIds?.length === 1 ? documents.get(finding.documentIds[0]) : undefined;
  if (words && document?.title && finding.limit !== undefined)
    return {
      part: `${words.kind} “${document.title}” (pages ${document.pages})`,
      limit: words.limit(finding.limit),
      actual: words.actual(finding.actual, finding.limit),
    };
  return {
    part: finding.message,
    limit: finding.limit !== undefined ? String(finding.limit) : '',
    actual: finding.actual !== undefined ? String(finding.actual) : '',
  };
}

function itemsOf<T>(schema: z.ZodType<T>, value: unknown): T[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const parsed = schema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

/**
 * The latest bundle's page count and, from its stored plan, each document's pages and the parts over a
 * limit. The plan is the bundle engine's JSON: read defensively, so a plan in another shape only means
 * fewer prefilled facts.
 */
function latestBundleFacts(ctx: ServiceContext, caseId: number): BundleFacts | null {
  const row = first<Pick<BundleRow, 'id' | 'version' | 'page_count' | 'compiled_date' | 'plan'>>(
    ctx.db,
    'SELECT id, version, page_count, compiled_date, plan FROM bundles WHERE case_id = ? ORDER BY version DESC LIMIT 1',
    caseId,
  );
  if (!row) return null;
  let plan: Record<string, unknown>;
  try {
    plan = jsonColumn(JsonObject, row.plan, 'bundles.plan');
  } catch (error) {
    if (!(error instanceof DamagedColumnError)) throw error;
    plan = {};
  }
  const documentPages = new Map<number, string>();
  const plannedDocuments = new Map<number, { title?: string; pages: string }>();
  for (const d of itemsOf(PlannedDocument, plan.documents)) {
    const last = typeof d.lastLabel === 'string' ? d.lastLabel : d.firstLabel;
    const pages = last === d.firstLabel ? d.firstLabel : `${d.firstLabel}–${last}`;
    documentPages.set(d.documentId, pages);
    plannedDocuments.set(d.documentId, { title: d.title, pages });
  }
  // The note explains the bundle as a whole (the parts its compiler fills); a party's own evidence over its
  // limit is that party's request for permission (SEND7) instead.
  const overLimits: BundleFacts['overLimits'] = [];
  const permissionNeeded: BundleFacts['permissionNeeded'] = [];
  for (const m of itemsOf(PlannedMeter, plan.meters)) {
    if (m.status !== 'over') continue;
    const entry = { part: m.label, limit: `${m.limit} pages`, actual: `${m.pages} pages` };
    if (typeof m.party === 'string') permissionNeeded.push({ ...entry, party: m.party });
    else overLimits.push(entry);
  }
  for (const f of itemsOf(PlannedFinding, plan.findings)) {
    if (f.needsNote === true && f.rule !== 'page-limit') overLimits.push(noteRow(f, plannedDocuments));
  }
  const cover = PlannedCover.safeParse(plan.cover).data ?? { rows: [] };
  return {
    version: row.version,
    pageCount: row.page_count,
    compiledDate: row.compiled_date,
    documentPages,
    overLimits,
    permissionNeeded,
    ...sendingFacts(ctx, row.id),
    emailSubject: bundleEmailSubject(cover, `Hearing bundle, version ${row.version}`),
  };
}

const PlannedCover = z.object({ rows: z.array(z.object({ label: z.string(), value: z.string() })) });
const StoredSupplement = z.object({
  kind: z.literal('supplement'),
  fromVersion: z.number(),
  summary: z.string(),
});
const StoredPart = z.object({ kind: z.literal('part'), coverLine: z.string(), emailSubject: z.string() });

/** The version's supplementary pack and delivery parts, as the covering letter names them. */
function sendingFacts(ctx: ServiceContext, bundleId: number): Pick<BundleFacts, 'supplement' | 'parts'> {
  const rows = all<Pick<BundleFileRow, 'kind' | 'size_bytes' | 'page_count' | 'details'>>(
    ctx.db,
    "SELECT kind, size_bytes, page_count, details FROM bundle_files WHERE bundle_id = ? ORDER BY kind = 'part', part",
    bundleId,
  );
  let supplement: BundleFacts['supplement'] = null;
  const parts: BundleFacts['parts'] = [];
  for (const r of rows) {
    let details: unknown;
    try {
      details = jsonColumn(JsonObject, r.details, 'bundle_files.details');
    } catch (error) {
      if (!(error instanceof DamagedColumnError)) throw error;
      continue; // A damaged record: the letter names what it can.
    }
    const pack = StoredSupplement.safeParse(details);
    if (pack.success)
      supplement = {
        fromVersion: pack.data.fromVersion,
        pageCount: r.page_count,
        summary: pack.data.summary,
      };
    const part = StoredPart.safeParse(details);
    if (part.success)
      parts.push({
        coverLine: part.data.coverLine,
        size: formatSize(r.size_bytes),
        emailSubject: part.data.emailSubject,
      });
  }
  return { supplement, parts };
}

/** The services the case's facts are read through (createServices passes its own). */
export interface CaseFactSources {
  cases: CaseService;
  recommendations: RecommendationService;
  witnesses: WitnessService;
  deadlines: DeadlineService;
}

export function loadCaseFacts(
  ctx: ServiceContext,
  caseId: number,
  sources: CaseFactSources,
  today?: string,
): CaseFacts {
  const theCase = sources.cases.get(caseId);
  const day = today ?? isoDateInLondon(ctx.clock());
  return {
    today: day,
    case: theCase,
    parties: sources.cases.listParties(caseId),
    recommendations: sources.recommendations.list(caseId),
    documents: listDocuments(ctx, caseId),
    witnesses: sources.witnesses.list(caseId),
    orders: sources.deadlines.listOrders(caseId),
    deadlines: sources.deadlines.list(caseId, day),
    bundle: latestBundleFacts(ctx, caseId),
  };
}
