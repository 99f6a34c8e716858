import { resolve } from 'node:path';
import { ApiError } from '../../shared/api/errors';
import {
  EXIT_OK,
  parseCaseId,
  parseCommandArgs,
  printJson,
  UsageError,
  withApi,
  type CliIO,
  type GlobalOptions,
} from '../io';

/** `case export` and `case import`: whole cases to and from one .zip file. */
export const ARCHIVE_USAGE = `  send-bundle case export ID --out FILE.zip
  send-bundle case import FILE.zip [--as-copy | --replace ID]`;

export async function caseExport(args: string[], globals: GlobalOptions, io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { out: { type: 'string' } });
  const id = parseCaseId(positionals[0], 'case export 3 --out case.zip');
  if (!values.out) throw new UsageError('case export needs --out FILE.zip (where to save the export).');
  const out = resolve(values.out);
  // A documented exception (cli/io.ts): the contract's cases.export writes only into the data folder.
  const result = await withApi(globals, (api) => {
    const { caseId } = api.validate('cases.export', { caseId: id });
    return api.services.archive.exportTo(caseId, out, {
      onProgress: globals.json ? undefined : (p) => io.err(`${p.done}/${p.total} ${p.message}`),
    });
  });
  if (globals.json) printJson(io, result);
  else
    io.out(
      `Saved case ${id} to ${result.path} (${result.documents} documents, ${result.bundles} bundles, ` +
        `${result.letters} letters; sha256 ${result.sha256}).`,
    );
  return EXIT_OK;
}

export async function caseImport(args: string[], globals: GlobalOptions, io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    'as-copy': { type: 'boolean' },
    replace: { type: 'string' },
  });
  const file = positionals[0];
  if (!file) throw new UsageError('case import needs the export file, for example: case import case.zip');
  if (values['as-copy'] && values.replace !== undefined)
    throw new UsageError('Use either --as-copy or --replace, not both.');
  const replaceCaseId =
    values.replace === undefined
      ? undefined
      : parseCaseId(values.replace, 'case import case.zip --replace 3');
  const path = resolve(file);
  const result = await withApi(globals, (api) =>
    api.call(
      'cases.import',
      { file: { name: file, path }, asCopy: values['as-copy'], replaceCaseId },
      { onProgress: globals.json ? undefined : (p) => io.err(`${p.done}/${p.total} ${p.message}`) },
    ),
  ).catch((error: unknown) => {
    // The app asks with buttons; here the choice is an option.
    if (error instanceof ApiError && error.code === 'conflict') {
      const existing = (error.details as { existingCaseId?: number } | undefined)?.existingCaseId;
      throw new ApiError(
        'conflict',
        `${error.message.replace(/ Choose whether.*$/, '')} Run again with --as-copy to add it as a separate case, ` +
          `or --replace ${existing ?? 'ID'} to replace the case in the app. Nothing was imported.`,
        error.details,
      );
    }
    throw error;
  });
  if (globals.json) printJson(io, result);
  else
    io.out(
      `Imported case ${result.case.id}: ${result.case.title} (${result.documents} documents, ` +
        `${result.bundles} bundles, ${result.letters} letters)` +
        (result.replacedCaseId ? `, replacing case ${result.replacedCaseId}.` : '.'),
    );
  return EXIT_OK;
}
