/**
 * File ▸ Export Case… and File ▸ Import Case…: native dialogs around the archive service. The dialogs
 * are passed in, so the whole conversation (including "this case is already here") is tested with fakes.
 */
import { ApiError } from '../../shared/api/errors';
import type { CaseImportResult } from '../../shared/domain/case';
import type { Services } from '../services';
import { suggestedArchiveName } from '../services/archive/service';
import type { ExportResult } from '../services/archive/export';

export interface ArchiveDialogs {
  /** Save dialog; resolves to the chosen path or null if cancelled. */
  chooseSavePath(defaultName: string): Promise<string | null>;
  /** Open dialog for one .zip; null if cancelled. */
  chooseOpenPath(): Promise<string | null>;
  /** A question with buttons; resolves to the index of the button pressed. */
  ask(question: {
    message: string;
    detail: string;
    buttons: string[];
    defaultId: number;
    cancelId: number;
  }): Promise<number>;
  inform(message: string, detail: string): Promise<void>;
  fail(message: string): Promise<void>;
}

function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Something went wrong while working on the file. Your cases in the app have not been changed.';
}

export async function exportCaseWithDialogs(
  services: Services,
  caseId: number,
  dialogs: ArchiveDialogs,
): Promise<ExportResult | null> {
  try {
    const found = services.cases.get(caseId);
    const path = await dialogs.chooseSavePath(suggestedArchiveName(found.title, services.ctx.clock()));
    if (!path) return null;
    const result = await services.archive.exportTo(caseId, path);
    await dialogs.inform(
      `"${found.title}" has been saved.`,
      `The file is ${result.path}.\nIt holds the case, its ${result.documents} documents, ${result.bundles} bundles and ` +
        `${result.letters} letters. Keep it somewhere safe: anyone with this file can read the case.`,
    );
    return result;
  } catch (error) {
    await dialogs.fail(messageOf(error));
    return null;
  }
}

export async function importCaseWithDialogs(
  services: Services,
  dialogs: ArchiveDialogs,
): Promise<CaseImportResult | null> {
  const path = await dialogs.chooseOpenPath();
  if (!path) return null;
  const file = { name: path.split(/[\\/]/).pop() ?? path, path };
  try {
    return await services.archive.import(file);
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'conflict') {
      await dialogs.fail(messageOf(error));
      return null;
    }
    const existingCaseId = (error.details as { existingCaseId?: number } | undefined)?.existingCaseId;
    const choice = await dialogs.ask({
      message: 'This case is already in the app.',
      detail:
        'You can add the case from the file as a separate copy, or replace the case in the app with the ' +
        'one from the file.',
      buttons: ['Add as a Separate Copy', 'Replace the Case in the App', 'Cancel'],
      defaultId: 0,
      cancelId: 2,
    });
    try {
      if (choice === 0) return await services.archive.import(file, { asCopy: true });
      if (choice === 1 && existingCaseId !== undefined) {
        const sure = await dialogs.ask({
          message: 'Replace the case in the app?',
          detail:
            'The case now in the app, with its documents, bundles and letters, will be deleted and replaced by ' +
            'the one in the file. This cannot be undone. If you are not sure, choose Cancel and export the case ' +
            'in the app first.',
          buttons: ['Replace', 'Cancel'],
          defaultId: 1,
          cancelId: 1,
        });
        if (sure === 0) return await services.archive.import(file, { replaceCaseId: existingCaseId });
      }
      return null;
    } catch (second) {
      await dialogs.fail(messageOf(second));
      return null;
    }
  }
}
