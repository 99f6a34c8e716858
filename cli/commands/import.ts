import { escapeControls } from '../../shared/text/controls';
import { basename, resolve } from 'node:path';
import { SectionLetter } from '../../shared/domain/case';
import { DocumentKind, DOCUMENT_KINDS, needsOcr, type OcrJob } from '../../shared/domain/documents';
import { printOcrJobs, recogniseDocuments } from './ocr';
import {
  checkDateOption,
  EXIT_OK,
  EXIT_REFUSED,
  parseCommandArgs,
  parseId,
  UsageError,
  withApi,
  type Command,
} from '../io';

export const importCommand: Command = {
  usage: `Usage: send-bundle import ID FILE... --section S [--title T] [--date YYYY-MM-DD] [--kind K] [--ocr]
Kinds: ${DOCUMENT_KINDS.join(', ')}
--ocr  make scans and photos searchable (text recognition) before finishing`,
  async run(args, globals, io) {
    const { values, positionals } = parseCommandArgs(args, {
      section: { type: 'string' },
      title: { type: 'string' },
      date: { type: 'string' },
      kind: { type: 'string' },
      ocr: { type: 'boolean' },
    });
    const [idText, ...files] = positionals;
    const caseId = parseId(idText, 'Give the case number first: import 3 report.pdf --section C');
    if (files.length === 0) throw new UsageError('Name at least one file to import.');
    if (!values.section) throw new UsageError('--section is needed (a letter, for example C).');
    const section = SectionLetter.safeParse(values.section.toUpperCase());
    if (!section.success) throw new UsageError('--section must be one letter, for example C.');
    checkDateOption(values.date, '--date');
    if (values.kind !== undefined && !DocumentKind.safeParse(values.kind).success) {
      throw new UsageError(`--kind must be one of: ${DOCUMENT_KINDS.join(', ')}.`);
    }
    let recognised: OcrJob[] = [];
    const outcomes = await withApi(globals, async (api) => {
      await api.call('cases.get', { caseId });
      const imported = await api.call('documents.import', {
        caseId,
        section: section.data,
        files: files.map((file) => ({ name: basename(file), path: resolve(file) })),
        title: values.title,
        documentDate: values.date,
        kind: values.kind as DocumentKind | undefined,
        // A command leaves no work running behind it: with --ocr it waits for the text below.
        ocr: false,
      });
      if (values.ocr) {
        const added = new Set(imported.flatMap((o) => (o.status === 'imported' ? [o.documentId] : [])));
        const scans = (await api.call('documents.list', { caseId }))
          .filter((d) => added.has(d.id) && needsOcr(d))
          .map((d) => d.id);
        recognised = await recogniseDocuments(api, caseId, scans, io, globals.json);
      }
      return imported;
    });
    let given = 0;
    for (const outcome of outcomes) {
      // A file the user named, as they named it; one import took out of it (attachedTo), as import names it.
      const file = outcome.attachedTo === undefined ? files[given++] : outcome.file;
      if (globals.json) {
        const { status } = outcome;
        io.out(
          JSON.stringify({
            ...outcome,
            file,
            status,
            ...(outcome.status === 'imported' ? { pageCount: outcome.pageCount } : {}),
          }),
        );
      } else if (outcome.status === 'imported') {
        // One line per file (scripts read it); what import had to do to the file goes to standard error,
        // for the person running it, and is in --json and `docs --json`.
        io.out(
          `imported: ${escapeControls(file)} (${outcome.pageCount} page${outcome.pageCount === 1 ? '' : 's'})`,
        );
        for (const note of outcome.notes) io.err(`note: ${escapeControls(file)}: ${escapeControls(note)}`);
      } else if (outcome.status === 'duplicate') {
        io.out(`duplicate: ${escapeControls(file)}: ${escapeControls(outcome.reason)}`);
      } else if (outcome.status === 'unpacked') {
        // An archive: the files taken out of it follow, each on its own line.
        io.out(`unpacked: ${escapeControls(file)}`);
        for (const note of outcome.notes) io.err(`note: ${escapeControls(file)}: ${escapeControls(note)}`);
      } else {
        io.out(`refused: ${escapeControls(file)}: ${escapeControls(outcome.reason)}`);
      }
    }
    if (globals.json) for (const job of recognised) io.out(JSON.stringify({ ocr: job }));
    else printOcrJobs(io, recognised);
    return outcomes.some((o) => o.status === 'refused') || recognised.some((j) => j.state !== 'done')
      ? EXIT_REFUSED
      : EXIT_OK;
  },
};
