import { escapeControls } from '../../shared/text/controls';
import { basename, resolve } from 'node:path';
import { DocumentKind, DOCUMENT_KINDS, SectionLetter } from '../../shared/domain/types';
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
  usage: `Usage: send-bundle import ID FILE... --section S [--title T] [--date YYYY-MM-DD] [--kind K]
Kinds: ${DOCUMENT_KINDS.join(', ')}`,
  async run(args, globals, io) {
    const { values, positionals } = parseCommandArgs(args, {
      section: { type: 'string' },
      title: { type: 'string' },
      date: { type: 'string' },
      kind: { type: 'string' },
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
    const outcomes = await withApi(globals, async (api) => {
      await api.call('cases.get', { caseId });
      return api.call('documents.import', {
        caseId,
        section: section.data,
        files: files.map((file) => ({ name: basename(file), path: resolve(file) })),
        title: values.title,
        documentDate: values.date,
        kind: values.kind as DocumentKind | undefined,
      });
    });
    for (const [index, outcome] of outcomes.entries()) {
      const file = files[index];
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
        io.out(
          `imported: ${escapeControls(file)} (${outcome.pageCount} page${outcome.pageCount === 1 ? '' : 's'})`,
        );
        for (const note of outcome.notes) io.out(`  ${note}`);
      } else if (outcome.status === 'duplicate') {
        io.out(`duplicate: ${escapeControls(file)}: ${escapeControls(outcome.reason)}`);
      } else {
        io.out(`refused: ${escapeControls(file)}: ${escapeControls(outcome.reason)}`);
      }
    }
    return outcomes.some((o) => o.status === 'refused') ? EXIT_REFUSED : EXIT_OK;
  },
};
