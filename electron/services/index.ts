import type { ServiceContext } from './context';
import { createCaseService } from './cases';
import { createDocumentRecordsService } from './documents/records';
import { importFiles, type ImportRequest } from './documents/import';
import { createRecommendationService, createWitnessService } from './witnesses';
import type { OperationOptions } from './context';
import { createArchiveService } from './archive/service';
import { createBundleService } from './bundle/service';
import { createCheckerService } from './checker';
import { createCompareService } from './compare/service';
import { createDeadlineService } from './deadlines/service';
import { createLetterService } from './letters';
import { createDraftService } from './drafts';
import { createPageAllowanceService } from './pageAllowances';
import { createWorkingDocumentService } from './workingDocument/service';
import { createOcrService } from './ocr/service';
import { getDocument } from './documents/records';
import { needsOcr } from '../../shared/domain/types';

/** All services over one context. The IPC handlers, the bridge and the CLI all use this one object. */
export function createServices(ctx: ServiceContext) {
  // Made once and passed to the services that read through them, instead of each making its own.
  const cases = createCaseService(ctx);
  const witnesses = createWitnessService(ctx);
  const recommendations = createRecommendationService(ctx);
  const deadlines = createDeadlineService(ctx);
  const ocr = createOcrService(ctx);
  const documents = {
    ...createDocumentRecordsService(ctx),
    /**
     * Imports the files; then, with `ocr` (default: the "Make scans searchable" setting), queues the new
     * documents that have pages without text for text recognition, which goes on after this returns.
     */
    async import(request: ImportRequest & { ocr?: boolean }, op?: OperationOptions) {
      const outcomes = await importFiles(ctx, request, op);
      if (request.ocr ?? ocr.atImport()) {
        const scans = outcomes
          .filter((o) => o.status === 'imported')
          .map((o) => getDocument(ctx, o.documentId))
          .filter(needsOcr)
          .map((d) => d.id);
        if (scans.length > 0) ocr.start(request.caseId, scans);
      }
      return outcomes;
    },
  };
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
