/**
 * Reads everything a letter template may prefill from: the case, its parties, recommendations,
 * documents, witnesses, deadlines and the latest hearing bundle.
 */
import { z } from 'zod';
import { isoDateInLondon } from '../../../shared/dates';
import { DamagedColumnError, first, jsonColumn } from '../../db/query';
import { JsonObject } from '../../db/jsonColumns';
import type { BundleRow } from '../../db/schema';
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
const PlannedDocument = z.object({ documentId: z.number(), firstLabel: z.string(), lastLabel: z.unknown() });
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
  limit: z.number().optional(),
  actual: z.number().optional(),
});

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
  const row = first<Pick<BundleRow, 'version' | 'page_count' | 'compiled_date' | 'plan'>>(
    ctx.db,
    'SELECT version, page_count, compiled_date, plan FROM bundles WHERE case_id = ? ORDER BY version DESC LIMIT 1',
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
  for (const d of itemsOf(PlannedDocument, plan.documents)) {
    const last = typeof d.lastLabel === 'string' ? d.lastLabel : d.firstLabel;
    documentPages.set(d.documentId, last === d.firstLabel ? d.firstLabel : `${d.firstLabel}–${last}`);
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
    if (f.needsNote === true && f.rule !== 'page-limit')
      overLimits.push({
        part: f.message,
        limit: f.limit !== undefined ? String(f.limit) : '',
        actual: f.actual !== undefined ? String(f.actual) : '',
      });
  }
  return {
    version: row.version,
    pageCount: row.page_count,
    compiledDate: row.compiled_date,
    documentPages,
    overLimits,
    permissionNeeded,
  };
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
    deadlines: sources.deadlines.list(caseId, day),
    bundle: latestBundleFacts(ctx, caseId),
  };
}
