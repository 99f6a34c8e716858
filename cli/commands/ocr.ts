import { escapeControls } from '../../shared/text/controls';
import { needsOcr, type OcrJob } from '../../shared/domain/documents';
import {
  EXIT_OK,
  EXIT_REFUSED,
  parseCaseId,
  parseCommandArgs,
  parseId,
  printJson,
  UsageError,
  withApi,
  type CliApi,
  type CliIO,
  type Command,
} from '../io';

/** Recognises the text of the documents in turn and waits for it, a progress line per page on stderr. */
export async function recogniseDocuments(
  api: CliApi,
  caseId: number,
  documentIds: number[],
  io: CliIO,
  quiet: boolean,
): Promise<OcrJob[]> {
  if (documentIds.length === 0) return [];
  let last = '';
  return api.call(
    'ocr.run',
    { caseId, documentIds },
    {
      onProgress: ({ message }) => {
        if (!quiet && message !== last) io.err(escapeControls(message));
        last = message;
      },
    },
  );
}

export function printOcrJobs(io: CliIO, jobs: OcrJob[]): void {
  for (const job of jobs)
    io.out(
      `${job.state === 'done' ? 'recognised' : job.state}: ${escapeControls(job.title)}: ${escapeControls(job.message)}`,
    );
}

export const ocrCommand: Command = {
  usage: `Usage: send-bundle ocr ID [DOC...]
Recognises the text of the case's scans and photos and adds it to them as an invisible, searchable layer
(the document looks the same; bundles built afterwards are searchable). Without DOC numbers: every
document with pages that have no text and have not been tried. DOC numbers are listed by "send-bundle docs ID".`,
  async run(args, globals, io) {
    const { positionals } = parseCommandArgs(args, {});
    const [idText, ...docTexts] = positionals;
    const caseId = parseCaseId(idText, 'ocr 3');
    const documentIds = docTexts.map((t) => parseId(t, `"${t}" is not a document number.`));
    const jobs = await withApi(globals, async (api) => {
      await api.call('cases.get', { caseId });
      const docs = await api.call('documents.list', { caseId });
      for (const id of documentIds)
        if (!docs.some((d) => d.id === id))
          throw new UsageError(`Case ${caseId} has no document ${id} (see: send-bundle docs ${caseId}).`);
      const chosen = documentIds.length > 0 ? documentIds : docs.filter(needsOcr).map((d) => d.id);
      return recogniseDocuments(api, caseId, chosen, io, globals.json);
    });
    if (globals.json) printJson(io, jobs);
    else if (jobs.length === 0) io.out('No document needs text recognition: every page already has text.');
    else printOcrJobs(io, jobs);
    return jobs.every((j) => j.state === 'done') ? EXIT_OK : EXIT_REFUSED;
  },
};
