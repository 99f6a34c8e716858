/**
 * Reads everything a letter template may prefill from: the case, its parties, recommendations,
 * documents, witnesses, deadlines and the latest hearing bundle.
 */
import { isoDateInLondon } from '../../../shared/dates';
import { DamagedColumnError, first, jsonColumn } from '../../db/query';
import { JsonObject } from '../../db/jsonColumns';
import type { BundleRow } from '../../db/schema';
import type { CaseService } from '../cases';
import type { ServiceContext } from '../context';
import type { DeadlineService } from '../deadlines';
import { listDocuments } from '../documents/records';
import type { RecommendationService, WitnessService } from '../witnesses';
import type { BundleFacts, CaseFacts } from './templates';

type Json = Record<string, unknown>;

const isJson = (value: unknown): value is Json => typeof value === 'object' && value !== null;

function asArray(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isJson) : [];
}

/**
 * The latest bundle's page count and, from its stored plan, each document's pages and the parts over a
 * limit. The plan is the bundle engine's JSON: read defensively, so a plan in another shape only means
 * fewer prefilled facts.
 */
export function latestBundleFacts(ctx: ServiceContext, caseId: number): BundleFacts | null {
  const row = first<Pick<BundleRow, 'version' | 'page_count' | 'compiled_date' | 'plan'>>(
    ctx.db,
    'SELECT version, page_count, compiled_date, plan FROM bundles WHERE case_id = ? ORDER BY version DESC LIMIT 1',
    caseId,
  );
  if (!row) return null;
  let plan: Json;
  try {
    plan = jsonColumn(JsonObject, row.plan, 'bundles.plan');
  } catch (error) {
    if (!(error instanceof DamagedColumnError)) throw error;
    plan = {};
  }
  const documentPages = new Map<number, string>();
  for (const d of asArray(plan.documents)) {
    if (typeof d.documentId === 'number' && typeof d.firstLabel === 'string') {
      const last = typeof d.lastLabel === 'string' ? d.lastLabel : d.firstLabel;
      documentPages.set(d.documentId, last === d.firstLabel ? d.firstLabel : `${d.firstLabel}–${last}`);
    }
  }
  // The note explains the bundle as a whole (the parts its compiler fills); a party's own evidence over its
  // limit is that party's request for permission (SEND7) instead.
  const overLimits: BundleFacts['overLimits'] = [];
  const permissionNeeded: BundleFacts['permissionNeeded'] = [];
  for (const m of asArray(plan.meters)) {
    if (m.status !== 'over' || typeof m.label !== 'string') continue;
    const entry = { part: m.label, limit: `${m.limit} pages`, actual: `${m.pages} pages` };
    if (typeof m.party === 'string') permissionNeeded.push({ ...entry, party: m.party });
    else overLimits.push(entry);
  }
  for (const f of asArray(plan.findings)) {
    if (f.needsNote === true && f.rule !== 'page-limit' && typeof f.message === 'string')
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
