import type { ServiceContext } from './context';
import { createCaseService } from './cases';
import { createDocumentService } from './documents/service';
import { createRecommendationService, createWitnessService } from './witnesses';
import { createArchiveService } from './archive/service';
import { createBundleService } from './bundle/service';
import { createCheckerService } from './checker/service';
import { createCompareService } from './compare/service';
import { createDeadlineService } from './deadlines/service';
import { createLetterService } from './letters/service';
import { createDraftService } from './drafts';
import { createPageAllowanceService } from './pageAllowances';
import { createWorkingDocumentService } from './workingDocument/service';
import { createOcrService } from './ocr/service';

/** All services over one context. The IPC handlers, the bridge and the CLI all use this one object. */
export function createServices(ctx: ServiceContext) {
  // Made once and passed to the services that read through them, instead of each making its own.
  const cases = createCaseService(ctx);
  const witnesses = createWitnessService(ctx);
  const recommendations = createRecommendationService(ctx);
  const deadlines = createDeadlineService(ctx);
  const ocr = createOcrService(ctx);
  const documents = createDocumentService(ctx, { ocr });
  const bundle = createBundleService(ctx, { cases, witnesses });
  return {
    ctx,
    cases,
    documents,
    ocr,
    witnesses,
    recommendations,
    archive: createArchiveService(ctx),
    bundle,
    checker: createCheckerService(ctx),
    compare: createCompareService(ctx),
    deadlines,
    letters: createLetterService(ctx, {
      cases,
      recommendations,
      witnesses,
      deadlines,
      bundleReferences: (caseId) => {
        const latest = bundle.versions(caseId).at(-1);
        return {
          documents: documents.list(caseId).map((d) => ({ id: d.id, title: d.title })),
          pages: latest ? bundle.versionPlan(caseId, latest.version).pages : [],
        };
      },
    }),
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
