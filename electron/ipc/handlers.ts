import type { Services } from '../services';
import type { Handlers } from './router';
import { findSoffice } from '../services/documents/executables';
import { createRequire } from 'node:module';

function appVersion(): string {
  try {
    return (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

/** Contract method → service call. One table, shared by Electron's IPC and the browser bridge. */
export function createHandlers(services: Services): Handlers {
  const { cases, documents, witnesses, recommendations } = services;
  return {
    'app.info': () => ({
      version: appVersion(),
      dataDir: services.ctx.paths.dataDir,
      capabilities: { wordConversion: findSoffice() !== null },
      role: cases.getRole(),
      makeScansSearchable: services.ocr.atImport(),
    }),
    'settings.setRole': ({ role }) => cases.setRole(role),
    'settings.setMakeScansSearchable': ({ enabled }) => services.ocr.setAtImport(enabled),

    'cases.list': (input) => cases.list(input),
    'cases.get': ({ caseId }) => cases.get(caseId),
    'cases.create': (fields) => cases.create(fields),
    'cases.update': ({ caseId, fields }) => cases.update(caseId, fields),
    'cases.archive': ({ caseId, archived }) => cases.archive(caseId, archived),

    'parties.list': ({ caseId }) => cases.listParties(caseId),
    'parties.save': ({ caseId, partyId, fields }) => cases.saveParty(caseId, partyId, fields),
    'parties.remove': ({ caseId, partyId }) => cases.removeParty(caseId, partyId),

    'documents.list': ({ caseId }) => documents.list(caseId),
    'documents.import': (input, op) => documents.import(input, op),
    'documents.update': ({ documentId, details }) => documents.update(documentId, details),
    'documents.reorder': ({ caseId, section, documentIds }) =>
      documents.reorder(caseId, section, documentIds),
    'documents.remove': ({ documentId }) => documents.remove(documentId),
    'documents.restore': ({ documentId }) => documents.restore(documentId),
    'documents.takeOutHiddenWords': ({ documentId, ocr }, op) =>
      documents.takeOutHiddenWords(documentId, { ocr }, op),
    'documents.checkStored': ({ caseId }, op) => documents.checkStored(caseId, op),
    'documents.getReportDetails': ({ documentId }) => documents.getReportDetails(documentId),
    'documents.setReportDetails': ({ documentId, details }) =>
      documents.setReportDetails(documentId, details),

    'ocr.start': ({ caseId, documentIds }) => {
      cases.get(caseId);
      return services.ocr.start(caseId, documentIds);
    },
    'ocr.run': async ({ caseId, documentIds }, op) => {
      cases.get(caseId);
      return services.ocr.run(caseId, documentIds, op);
    },
    'ocr.status': ({ caseId }) => services.ocr.status(caseId),
    'ocr.cancel': ({ caseId, documentId }) => services.ocr.cancel(caseId, documentId),

    'witnesses.list': ({ caseId }) => witnesses.list(caseId),
    'witnesses.save': ({ caseId, witnessId, fields }) => witnesses.save(caseId, witnessId, fields),
    'witnesses.remove': ({ caseId, witnessId }) => witnesses.remove(caseId, witnessId),

    'recommendations.list': ({ caseId }) => recommendations.list(caseId),
    'recommendations.save': ({ caseId, recommendationId, fields }) =>
      recommendations.save(caseId, recommendationId, fields),
    'recommendations.remove': ({ caseId, recommendationId }) =>
      recommendations.remove(caseId, recommendationId),

    'drafts.get': ({ key }) => services.drafts.get(key),
    'drafts.save': ({ key, value }) => services.drafts.save(key, value),
    'drafts.remove': ({ key }) => services.drafts.remove(key),

    'cases.export': ({ caseId }, op) => services.archive.export(caseId, op),
    'cases.import': ({ file, asCopy, replaceCaseId }, op) =>
      services.archive.import(file, { asCopy, replaceCaseId }, op),

    // --- bundle ---
    'bundle.plan': ({ caseId, ...settings }) => services.bundle.preview(caseId, settings),
    'bundle.build': ({ caseId, supplement, verify, ...settings }, op) =>
      services.bundle.build(caseId, settings, { ...op, supplement, verify }),
    'bundle.supplement': ({ caseId, version }, op) => services.bundle.supplement(caseId, version, op),
    'bundle.parts': ({ caseId, version, sizeMb }, op) =>
      services.bundle.parts(caseId, version, { ...op, sizeMb }),
    'bundle.versions': ({ caseId }) => services.bundle.versions(caseId),
    'bundle.versionPlan': ({ caseId, version }) => services.bundle.versionPlan(caseId, version),
    'bundle.diff': ({ caseId, fromVersion, toVersion }) =>
      services.bundle.diff(caseId, fromVersion, toVersion),
    'bundle.issue': ({ caseId, version }) => services.bundle.issue(caseId, version),
    'bundle.unissue': ({ caseId, version }) => services.bundle.unissue(caseId, version),
    'rules.get': ({ caseId }) => services.bundle.rules(caseId),

    // --- checker ---
    'checker.check': (request, op) => services.checker.check(request, op),
    'checker.report': (request, op) => services.checker.report(request, op),
    'checker.compare': (request, op) => services.compare.compare(request, op),
    'checker.compareReport': (request, op) => services.compare.report(request, op),

    // --- deadlines & letters ---
    'deadlines.list': ({ caseId, today }) => services.deadlines.list(caseId, today),
    'caseDates.set': ({ caseId, kind, dueDate }) => services.deadlines.setDate(caseId, kind, dueDate),
    'caseDates.markDone': ({ caseId, id, doneDate }) => services.deadlines.markDone(caseId, id, doneDate),
    'orders.list': ({ caseId }) => services.deadlines.listOrders(caseId),
    'orders.save': ({ caseId, orderId, fields }) => services.deadlines.saveOrder(caseId, orderId, fields),
    'orders.remove': ({ caseId, orderId }) => services.deadlines.removeOrder(caseId, orderId),
    'allowances.list': ({ caseId }) => services.allowances.list(caseId),
    'allowances.save': ({ caseId, fields }) => services.allowances.save(caseId, fields),
    'allowances.remove': ({ caseId, partId }) => services.allowances.remove(caseId, partId),
    'letters.templates': (input) => services.letters.templates(input.caseId),
    'letters.prefill': ({ caseId, template }) => services.letters.prefill(caseId, template),
    'letters.render': ({ caseId, template, fields, formats, usePrefill }) =>
      services.letters.render(caseId, template, fields, formats, { usePrefill }),
    'letters.list': ({ caseId }) => services.letters.list(caseId),

    'workingDocument.measure': ({ caseId, content }) => services.workingDocument.measure(caseId, content),
    'workingDocument.versions': ({ caseId }) => services.workingDocument.versions(caseId),
    'workingDocument.content': ({ caseId, version }) => services.workingDocument.content(caseId, version),
    'workingDocument.saveVersion': ({ caseId, content, date }, op) =>
      services.workingDocument.saveVersion(caseId, content, date, op),
    'workingDocument.importDocx': ({ file }, op) => services.workingDocument.importDocx(file, op),
  };
}
