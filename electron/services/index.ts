import type { ServiceContext } from './context';
import { createCaseService } from './cases';
import { createDocumentRecordsService } from './documents/records';
import { importFiles, type ImportRequest } from './documents/import';
import { createRecommendationService, createWitnessService } from './witnesses';
import type { OperationOptions } from './context';
import { createArchiveService } from './archive';
import { createBundleService } from './bundle/service';
import { createCheckerService } from './checker';
import { createCompareService } from './compare';
import { createDeadlineService } from './deadlines';
import { createLetterService } from './letters';
import { createDraftService } from './drafts';
import { createPageAllowanceService } from './pageAllowances';
import { createWorkingDocumentService } from './workingDocument';

/** All services over one context. The IPC handlers, the bridge and the CLI all use this one object. */
export function createServices(ctx: ServiceContext) {
  // Made once and passed to the services that read through them, instead of each making its own.
  const cases = createCaseService(ctx);
  const witnesses = createWitnessService(ctx);
  const recommendations = createRecommendationService(ctx);
  const deadlines = createDeadlineService(ctx);
  const documents = {
    ...createDocumentRecordsService(ctx),
    import: (request: ImportRequest, op?: OperationOptions) => importFiles(ctx, request, op),
  };
  const bundle = createBundleService(ctx, { cases, witnesses });
  return {
    ctx,
    cases,
    documents,
    witnesses,
    recommendations,
    archive: createArchiveService(ctx),
    bundle,
    checker: createCheckerService(ctx),
    compare: createCompareService(ctx),
    deadlines,
    letters: createLetterService(ctx, { cases, recommendations, witnesses, deadlines }),
    drafts: createDraftService(ctx),
    allowances: createPageAllowanceService(ctx),
    workingDocument: createWorkingDocumentService(ctx, {
      documents,
      latestBundlePages: (caseId) => {
        const latest = bundle.versions(caseId).at(-1);
        return latest ? bundle.versionPlan(caseId, latest.version).pages : [];
      },
    }),
  };
}

export type Services = ReturnType<typeof createServices>;
